import request from 'supertest';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { requestLink, seedTwoBranches, signIn } from './dashboard-fixture';

const tokenOf = (link: string) => new URL(link).searchParams.get('t')!;

describe('dashboard login: 后台 → one-time link → session', () => {
  let rt: TestRuntime;
  let server: ReturnType<TestRuntime['app']['callback']>;
  beforeAll(async () => {
    rt = await testRuntime({ PUBLIC_BASE_URL: 'https://zhibu.example.gov.cn/' });
    server = rt.app.callback();
    await seedTwoBranches(rt);
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('a secretary asking in the group gets the link 1:1, and only a notice in the group', async () => {
    const r = await rt.say('u_sa', 'g_a', '后台');
    const group = r.replies.filter((x) => x.chatId === 'g_a');
    expect(group.map((x) => x.text)).toEqual(['登录链接已私信发给你，请在与我的单聊里打开。']);
    const dm = r.replies.find((x) => x.chatId === 'u_sa')!;
    expect(dm.text).toMatch(/^管理后台登录链接（10 分钟内有效，至 12-01 10:10，只能用一次/);
    expect(dm.text).toMatch(/https:\/\/zhibu\.example\.gov\.cn\/admin\/login\?t=\S+$/);
    expect((await rt.transcript('u_sa')).some((m) => m.from === 'bot' && m.text.includes('/admin/login?t='))).toBe(
      true,
    );
    expect((await rt.transcript('g_a')).some((m) => m.text.includes('/admin/login'))).toBe(false);
  });

  test('a plain member is refused; a ZHIBU_ADMINS admin who never checked in gets a link in 1:1', async () => {
    const member = await rt.say('u_a1', 'g_a', '后台');
    expect(member.texts).toEqual(['抱歉，「后台」只对支部书记和管理员开放。如需开通，请联系县委组织部管理员。']);
    expect(await requestLink(rt, 'u_admin')).toMatch(/\/admin\/login\?t=/);
  });

  test('opening the link does not spend it; the button does, once; cookie is httpOnly and SameSite', async () => {
    const token = tokenOf((await requestLink(rt, 'u_sa'))!);
    const page = await request(server).get(`/admin/login?t=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('进入管理后台');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await request(server).get(`/admin/login?t=${token}`)).status).toBe(200);
    const first = await request(server).post('/admin/login').type('form').send({ t: token });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/admin');
    const cookie = (first.headers['set-cookie'] as unknown as string[])[0];
    expect(cookie).toMatch(/^zhibu_admin=[^;]+; path=\/admin; samesite=lax; secure; httponly$/);
    const again = await request(server).post('/admin/login').type('form').send({ t: token });
    expect(again.status).toBe(410);
    expect(again.text).toContain('登录链接已经用过了');
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await request(server).get(`/admin/login?t=${token}`)).status).toBe(200);
  });

  test('with an https PUBLIC_BASE_URL the cookie is Secure', async () => {
    const token = tokenOf((await requestLink(rt, 'u_sa'))!);
    const res = await request(server)
      .post('/admin/login')
      .set('X-Forwarded-Proto', 'https')
      .type('form')
      .send({ t: token });
    expect((res.headers['set-cookie'] as unknown as string[])[0]).toContain('secure');
  });

  test('an expired or forged link is refused with a way forward', async () => {
    const token = tokenOf((await requestLink(rt, 'u_sa'))!);
    rt.clock.advance(10 * 60_000);
    const late = await request(server).post('/admin/login').type('form').send({ t: token });
    expect(late.status).toBe(410);
    expect(late.text).toContain('登录链接已过期');
    expect(late.text).toContain('重新发送「<b>后台</b>」');
    const forged = await request(server).get(`/admin/login?t=${token.slice(0, -3)}abc`);
    expect(forged.status).toBe(400);
  });

  test('without a session every page and export asks to sign in', async () => {
    for (const path of [
      '/admin',
      '/admin/members',
      '/admin/members/1',
      '/admin/export/members.xlsx',
      '/admin/import/template.xlsx',
    ]) {
      const res = await request(server).get(path);
      expect(res.status).toBe(401);
      expect(res.text).toContain('发送「<b>后台</b>」');
    }
    const forged = await request(server)
      .get('/admin')
      .set('Cookie', 'zhibu_admin=eyJpIjoic2ltOnVfYWRtaW4iLCJlIjo5OTk5OTk5OTk5OTk5LCJzIjoieCJ9.AAAA');
    expect(forged.status).toBe(401);
  });

  test('writes need the CSRF token; without it nothing changes', async () => {
    const s = await signIn(rt, 'u_sa');
    const member = (await rt.services.store.members.findByName('张三'))[0];
    const bare = await s.post(`/admin/members/${member.id}`).type('form').send({ name: '张三', occupation: '电工' });
    expect(bare.status).toBe(403);
    expect(bare.text).toContain('页面已过期');
    expect((await rt.services.store.members.get(member.id))?.occupation).toBeUndefined();
    const other = await signIn(rt, 'u_sa');
    const wrong = await s
      .post(`/admin/members/${member.id}`)
      .type('form')
      .send({ _csrf: other.csrf.slice(1) + 'x', name: '张三', occupation: '电工' });
    expect(wrong.status).toBe(403);
    const ok = await s
      .post(`/admin/members/${member.id}`)
      .type('form')
      .send({ _csrf: s.csrf, name: '张三', occupation: '电工' });
    expect(ok.status).toBe(303);
    expect((await rt.services.store.members.get(member.id))?.occupation).toBe('电工');
  });

  test('sign-out needs the CSRF token and clears the cookie; a session ends after 12 hours', async () => {
    const s = await signIn(rt, 'u_sa');
    expect((await s.post('/admin/logout').type('form').send({})).status).toBe(403);
    const out = await s.post('/admin/logout').type('form').send({ _csrf: s.csrf });
    expect(out.status).toBe(200);
    expect((out.headers['set-cookie'] as unknown as string[])[0]).toMatch(
      /^zhibu_admin=; path=\/admin; expires=Thu, 01 Jan 1970/,
    );
    expect((await s.get('/admin')).status).toBe(401);
    const later = await signIn(rt, 'u_sa');
    expect((await later.get('/admin')).status).toBe(200);
    rt.clock.advance(12 * 3_600_000);
    expect((await later.get('/admin')).status).toBe(401);
  });

  test('the dashboard reads roles on every request: a session of someone with no role shows nothing', async () => {
    const { Sessions } = await import('../../src/http/dashboard/session');
    const { loadDashboardSecret } = await import('../../src/config/dashboard-secret');
    const sessions = new Sessions(loadDashboardSecret(rt.config), rt.services.store.sessions);
    const { value } = await sessions.create('sim:u_a1', rt.clock.now());
    const res = await request(server).get('/admin/members').set('Cookie', `zhibu_admin=${value}`);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('张三');
  });
});
