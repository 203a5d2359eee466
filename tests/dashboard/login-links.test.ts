import { fixedClock } from '../../src/time/clock';
import { LoginLinks } from '../../src/access/login-links';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { Sessions } from '../../src/http/dashboard/session';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const SECRET = Buffer.from('x'.repeat(32));
const T0 = '2026-12-01T02:00:00.000Z';

describe('one-time login links', () => {
  afterAll(cleanupTempDirs);

  test('a link is signed, names the identity and expires after 10 minutes', () => {
    const clock = fixedClock(T0);
    const links = new LoginLinks(SECRET, 'https://zhibu.example.gov.cn');
    const link = links.issue('wecom:zhangsan', clock.now());
    expect(link.url).toBe(`https://zhibu.example.gov.cn/admin/login?t=${link.token}`);
    expect(links.check(link.token, clock.now())).toMatchObject({ ok: true, identity: 'wecom:zhangsan' });
    clock.advance(9 * 60_000 + 59_000);
    expect(links.check(link.token, clock.now()).ok).toBe(true);
    clock.advance(1_000);
    expect(links.check(link.token, clock.now())).toEqual({ ok: false, reason: 'expired' });
  });

  test('a tampered or foreign link is invalid', () => {
    const now = new Date(T0);
    const links = new LoginLinks(SECRET, 'http://x');
    const { token } = links.issue('sim:u1', now);
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ i: 'sim:u_admin', e: now.getTime() + 60_000, n: 'n' })).toString(
      'base64url',
    );
    expect(links.check(`${forged}.${sig}`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.check(`${body}.${sig.slice(0, -2)}AA`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(new LoginLinks(Buffer.from('y'.repeat(32)), 'http://x').check(token, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(links.check(undefined, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.check('garbage', now)).toEqual({ ok: false, reason: 'invalid' });
  });

  test('a link works once, and stays spent after the store is reopened', async () => {
    const dir = tempDir('zhibu-links-');
    const now = new Date(T0);
    const links = new LoginLinks(SECRET, 'http://x');
    const a = links.issue('sim:u1', now);
    const b = links.issue('sim:u1', now);
    let store = sqliteStore(dir);
    expect((await links.consume(a.token, store.leases, now)).ok).toBe(true);
    expect(await links.consume(a.token, store.leases, now)).toEqual({ ok: false, reason: 'used' });
    await store.close();
    store = sqliteStore(dir);
    expect(await links.consume(a.token, store.leases, new Date(now.getTime() + 60_000))).toEqual({
      ok: false,
      reason: 'used',
    });
    expect((await links.consume(b.token, store.leases, now)).ok).toBe(true);
    const c = links.issue('sim:u1', now);
    const race = await Promise.all([1, 2, 3].map(() => links.consume(c.token, store.leases, now)));
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    await store.close();
  });

  test('sessions: server-side, expire after 12 hours, CSRF token bound to the session, not usable as a login link', async () => {
    const clock = fixedClock(T0);
    const store = sqliteStore(tempDir('zhibu-sessions-'));
    const sessions = new Sessions(SECRET, store.sessions);
    const { value, session } = await sessions.create('sim:u1', clock.now());
    expect(await sessions.read(value, clock.now())).toEqual(session);
    expect(sessions.checkCsrf(session, sessions.csrfToken(session))).toBe(true);
    const other = (await sessions.create('sim:u1', clock.now())).session;
    expect(sessions.checkCsrf(session, sessions.csrfToken(other))).toBe(false);
    expect(sessions.checkCsrf(session, undefined)).toBe(false);
    expect(new LoginLinks(SECRET, 'http://x').check(value, clock.now()).ok).toBe(false);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM dashboard_sessions').all())).not.toContain(value);
    await sessions.revoke(other, clock.now());
    expect(await sessions.read(other.sid, clock.now())).toBeUndefined();
    clock.advance(12 * 3_600_000);
    expect(await sessions.read(value, clock.now())).toBeUndefined();
    await store.close();
  });
});
