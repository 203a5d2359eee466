import type { MeetingFields, MeetingType } from '../../src/meetings/meeting';
import { meetingsDigestSection } from '../../src/meetings/meetings-digest-section';
import { membershipFindings } from '../../src/members/membership-rules';
import { behindOn, quarterAt, quarterReport } from '../../src/reports/meeting-quarters';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const TZ = 'Asia/Shanghai';
const cst = (local: string) => new Date(`${local}+08:00`);
const T0 = cst('2026-06-01T08:00:00');

describe('三会一课 per quarter, the digest section and attendance as contact', () => {
  let store: Store;
  let home: Awaited<ReturnType<Store['branches']['create']>>;
  let quiet: Awaited<ReturnType<Store['branches']['create']>>;
  let a: number;
  let b: number;
  const meeting = (type: MeetingType, local: string) => {
    const fields: MeetingFields = {
      branchId: home.id,
      title: type,
      type,
      startsAt: cst(local).toISOString(),
      endsAt: new Date(cst(local).getTime() + 7_200_000).toISOString(),
      place: '会议室',
      signInLeadMinutes: 30,
      points: 5,
      photoRequired: false,
      createdBy: 'sim:u_sec',
    };
    return store.meetings.create(fields, T0);
  };
  const attend = (meetingId: number, memberId: number, status: 'present' | 'leave', local: string) =>
    store.meetings.attend(
      { meetingId, memberId, status, identity: 'sim:u', sourceKey: `k${meetingId}:${memberId}` },
      cst(local),
    );

  beforeAll(async () => {
    store = sqliteStore(tempDir('zhibu-quarters-'));
    home = await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0);
    quiet = await store.branches.create({ name: '白水村党支部', kind: 'home' }, T0);
    const old = cst('2026-09-01T10:00:00').toISOString();
    a = (await store.members.create({ name: '张三', homeBranchId: home.id, lastSeenAt: old }, T0)).id;
    b = (await store.members.create({ name: '李四', homeBranchId: home.id, lastSeenAt: old }, T0)).id;
    await store.members.create({ name: '王五', homeBranchId: quiet.id, lastSeenAt: old }, T0);
    const general = await meeting('general', '2026-10-15T14:00:00');
    const committee = await meeting('committee', '2026-10-20T14:00:00');
    await meeting('committee', '2026-11-20T14:00:00');
    await meeting('lecture', '2026-12-20T14:00:00');
    await meeting('general', '2026-09-30T14:00:00'); // the quarter before
    await attend(general.id, a, 'present', '2026-10-15T14:05:00');
    await attend(committee.id, a, 'present', '2026-11-28T14:05:00');
    await attend(general.id, b, 'leave', '2026-10-14T09:00:00');
  });
  afterAll(async () => {
    await store.close();
    cleanupTempDirs();
  });

  test('quarters follow the local calendar', () => {
    const q = quarterAt(cst('2026-12-07T10:00:00'), TZ);
    expect([q.label, q.from.toISOString(), q.to.toISOString()]).toEqual([
      '2026 年第 4 季度',
      cst('2026-10-01T00:00:00').toISOString(),
      cst('2027-01-01T00:00:00').toISOString(),
    ]);
  });

  test('held vs required per type, in the quarter only, and each member’s attendance rate', async () => {
    const now = cst('2026-12-07T10:00:00');
    const r = await quarterReport(store, home, quarterAt(now, TZ), now, TZ);
    expect(r.types.map((t) => [t.name, t.held, t.scheduled, t.required, t.dueByNow])).toEqual([
      ['支部党员大会', 1, 0, 1, 1],
      ['支委会', 2, 0, 3, 3],
      ['党小组会', 0, 0, 3, 3],
      ['党课', 0, 1, 1, 1],
      ['主题党日', 0, 0, 0, 0],
    ]);
    expect(behindOn(r.types).map((t) => t.type)).toEqual(['committee', 'group']);
    expect(r.members.map((m) => [m.member.name, m.present, m.leave, m.meetings])).toEqual([
      ['张三', 2, 0, 3],
      ['李四', 0, 1, 3],
    ]);
  });

  test('in the quarter’s second month only the monthly meetings are due, one each', async () => {
    const now = cst('2026-11-10T10:00:00');
    const r = await quarterReport(store, home, quarterAt(now, TZ), now, TZ);
    expect(r.types.map((t) => t.dueByNow)).toEqual([0, 1, 1, 0, 0]);
    expect(behindOn(r.types).map((t) => t.type)).toEqual(['group']);
  });

  test('the digest names the types behind; a branch with no meetings on record gets no section', async () => {
    const now = cst('2026-12-07T08:30:00');
    const text = (await meetingsDigestSection(store, home, now, TZ))!;
    expect(text).toContain('三会一课进度落后（2026 年第 4 季度）');
    expect(text).toContain('· 支委会：已开 2 次，到目前应开 3 次（本季度应开 3 次）');
    expect(text).toContain('· 党小组会：已开 0 次');
    expect(text).not.toContain('支部党员大会');
    expect(await meetingsDigestSection(store, quiet, now, TZ)).toBeUndefined();
  });

  test('a meeting signed in to counts as contact for the out-of-contact warning', async () => {
    const found = await membershipFindings(store, home.id, cst('2026-12-07T08:30:00'), TZ, 4);
    expect(found.outOfContact.map((f) => f.member.name)).toEqual(['李四']);
  });
});
