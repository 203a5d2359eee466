import request from 'supertest';
import { loadConfig } from '../../src/config/load-config';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const WECOM = { WECOM_BOT_TOKEN: 'tok', WECOM_BOT_AES_KEY: 'a'.repeat(43) };
const DINGTALK = { DINGTALK_CLIENT_ID: 'ding-id', DINGTALK_CLIENT_SECRET: 'ding-secret', DINGTALK_MODE: 'http' };
const TOKEN = 'sim-token-for-this-test-0001';

describe('simulator defaults (config)', () => {
  test('no platform: the simulator is on and u_admin is the implicit admin (the newcomer path)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ SIM_ENABLED: true, platforms: [] });
    expect([...c.admins]).toEqual(['sim:u_admin']);
  });

  test.each([
    ['WeCom', WECOM],
    ['DingTalk', DINGTALK],
  ])('%s settings and nothing else: no simulator, no admin', (_name, env) => {
    const c = loadConfig(env);
    expect(c.SIM_ENABLED).toBe(false);
    expect(c.admins.size).toBe(0);
    expect([...loadConfig({ ...env, ZHIBU_ADMINS: 'wecom:boss' }).admins]).toEqual(['wecom:boss']);
  });

  test('beside a platform the simulator needs SIM_ENABLED=true and a SIM_TOKEN, and u_admin is still no admin', () => {
    expect(() => loadConfig({ ...DINGTALK, SIM_ENABLED: 'true' })).toThrow(/SIM_TOKEN/);
    expect(() => loadConfig({ ...DINGTALK, SIM_ENABLED: 'true', SIM_TOKEN: 'short' })).toThrow(
      /SIM_TOKEN="short" 太短/,
    );
    const c = loadConfig({ ...DINGTALK, SIM_ENABLED: 'true', SIM_TOKEN: TOKEN });
    expect(c.SIM_ENABLED).toBe(true);
    expect(c.admins.size).toBe(0);
    expect(loadConfig({ SIM_ENABLED: 'false' }).admins.size).toBe(0);
  });
});

describe('simulator defaults (HTTP)', () => {
  let rt: Runtime | undefined;
  const start = async (env: Record<string, string>) => {
    rt = await createRuntime(
      loadConfig({ DATA_DIR: tempDir('zhibu-simdef-'), LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env }),
      { log: createLogger('silent') },
    );
    return rt.app.callback();
  };
  afterEach(async () => {
    await rt?.stop();
    rt = undefined;
  });
  afterAll(() => cleanupTempDirs());

  test.each([
    ['WeCom', WECOM],
    ['DingTalk', DINGTALK],
  ])('%s only: /sim and its API answer 404, so 后台 cannot be asked as u_admin', async (_name, env) => {
    const app = await start(env);
    expect((await request(app).get('/sim')).status).toBe(404);
    const post = await request(app)
      .post('/sim/api/messages')
      .send({ chatId: 'u_admin', userId: 'u_admin', text: '后台' });
    expect(post.status).toBe(404);
    expect(JSON.stringify(post.body)).not.toContain('/admin/login');
    expect((await request(app).get('/sim/api/chats/u_admin/messages')).status).toBe(404);
  });

  test('no platform: /sim works and u_admin is admin', async () => {
    const app = await start({});
    expect((await request(app).get('/sim')).status).toBe(200);
    const res = await request(app)
      .post('/sim/api/messages')
      .send({ chatId: 'g1', userId: 'u_admin', text: '绑定支部 青山村党支部 流出' });
    expect(res.body.replies[0].text).toContain('本群已绑定「青山村党支部」');
  });

  test('beside DingTalk with a token: requests without the right Bearer token get 401; u_admin is no admin', async () => {
    const app = await start({ ...DINGTALK, SIM_ENABLED: 'true', SIM_TOKEN: TOKEN });
    const body = { chatId: 'u_admin', userId: 'u_admin', text: '后台' };
    expect((await request(app).post('/sim/api/messages').send(body)).status).toBe(401);
    expect(
      (await request(app).post('/sim/api/messages').set('authorization', 'Bearer wrong-token-wrong-token').send(body))
        .status,
    ).toBe(401);
    expect((await request(app).get('/sim/api/chats/u_admin/messages')).status).toBe(401);
    expect(await rt!.services.store.inbox.count()).toBe(0);
    const ok = await request(app).post('/sim/api/messages').set('authorization', `Bearer ${TOKEN}`).send(body);
    expect(ok.status).toBe(200);
    expect(ok.body.replies[0].text).toContain('只对支部书记和管理员开放');
    expect((await request(app).get('/sim')).status).toBe(200);
  });
});
