import request from 'supertest';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { requestLink, seedTwoBranches, signIn } from './dashboard-fixture';

const cookieOf = (res: request.Response) => (res.headers['set-cookie'] as unknown as string[])[0];

/** Attacks on the dashboard that a signed-in secretary (or a network in between) could try. */
describe('dashboard authorization and sessions', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    // 青书记 runs 青山村 (home) and, from now on, 广州 (host); 王五 is 白水村's member working in 广州.
    await rt.say('u_sa', 'g_host', '报到 青书记 广东广州');
    await rt.say('u_admin', 'g_host', '设为书记 青书记');
    await rt.say('u_b1', 'g_host', '报到 王五 广东广州');
  });
  afterEach(async () => {
    await rt.stop();
  });
  afterAll(() => cleanupTempDirs());

  const branchId = async (name: string) => (await rt.services.store.branches.findByName(name))!.id;

  test('a secretary cannot move a member out of a home branch they do not run (the form shows it locked)', async () => {
    const s = await signIn(rt, 'u_sa');
    const [wang] = await rt.services.store.members.findByName('王五');
    const form = await s.get(`/admin/members/${wang.id}`);
    expect(form.text).toContain('（其他支部，不能修改）');
    const res = await s
      .post(`/admin/members/${wang.id}`)
      .type('form')
      .send({ _csrf: s.csrf, name: '王五', homeBranchId: String(await branchId('青山村党支部')) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('不能移出你不管理的支部');
    expect(await rt.services.store.members.get(wang.id)).toEqual(wang);
  });

  test('nor into a branch they do not run, for home or host', async () => {
    const s = await signIn(rt, 'u_sa');
    const [zhang] = await rt.services.store.members.findByName('张三');
    const res = await s
      .post(`/admin/members/${zhang.id}`)
      .type('form')
      .send({ _csrf: s.csrf, name: '张三', homeBranchId: String(await branchId('白水村党支部')) });
    expect(res.status).toBe(400);
    expect(await rt.services.store.members.get(zhang.id)).toEqual(zhang);
  });

  test('logging out ends the session on the server: the old cookie no longer opens anything', async () => {
    const s = await signIn(rt, 'u_sa');
    expect((await s.get('/admin')).status).toBe(200);
    expect((await s.post('/admin/logout').type('form').send({ _csrf: s.csrf })).status).toBe(200);
    expect((await s.get('/admin')).status).toBe(401);
    expect((await s.get('/admin/export/members.xlsx')).status).toBe(401);
  });

  test('a role change ends the sessions of that member', async () => {
    const s = await signIn(rt, 'u_sb');
    expect((await s.get('/admin')).status).toBe(200);
    await rt.say('u_b1', 'g_b', '报到 王五 上海');
    await rt.say('u_admin', 'g_b', '设为书记 王五');
    const other = await signIn(rt, 'u_b1');
    expect((await other.get('/admin')).status).toBe(200);
    expect((await s.get('/admin')).status).toBe(200); // someone else's grant leaves this session alone
    await rt.say('u_sb', 'g_host', '报到 白书记 广东深圳');
    await rt.say('u_admin', 'g_host', '设为书记 白书记');
    expect((await s.get('/admin')).status).toBe(401);
  });

  test('sessions live in the store: a second instance on the same data sees the login and the logout', async () => {
    const second = await testRuntime({ DATA_DIR: rt.config.dataDir });
    try {
      const s = await signIn(rt, 'u_sa');
      const onSecond = () => request(second.app.callback()).get('/admin').set('Cookie', s.cookie);
      expect((await onSecond()).status).toBe(200);
      await s.post('/admin/logout').type('form').send({ _csrf: s.csrf });
      expect((await onSecond()).status).toBe(401);
    } finally {
      await second.stop();
    }
  });
});

describe('Secure cookies and proxy headers', () => {
  afterAll(() => cleanupTempDirs());
  async function login(env: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
    const rt = await testRuntime({ DATA_DIR: tempDir('zhibu-sec-'), ...env });
    try {
      const token = new URL((await requestLink(rt, 'u_admin'))!).searchParams.get('t')!;
      return cookieOf(
        await request(rt.app.callback()).post('/admin/login').set(headers).type('form').send({ t: token }),
      );
    } finally {
      await rt.stop();
    }
  }

  test('an https PUBLIC_BASE_URL makes the cookie Secure even when the proxy speaks plain http to the bot', async () => {
    expect(await login({ PUBLIC_BASE_URL: 'https://zhibu.example.gov.cn' })).toMatch(/; secure/);
  });

  test('X-Forwarded-Proto is ignored unless TRUST_PROXY is set', async () => {
    expect(await login({}, { 'X-Forwarded-Proto': 'https' })).not.toMatch(/secure/);
    expect(await login({ TRUST_PROXY: 'true' }, { 'X-Forwarded-Proto': 'https' })).toMatch(/; secure/);
  });
});
