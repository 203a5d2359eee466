import type { MeetingFields } from '../../src/meetings/meeting';
import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

/** Meetings: created once per message, listed by branch and time, attendance one record per member. */
export function meetingsContract(makeStore: StoreFactory): void {
  let store: Store;
  let home: number;
  let host: number;
  let zhang: number;
  let li: number;
  beforeEach(async () => {
    store = await makeStore();
    home = (await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0)).id;
    host = (await store.branches.create({ name: '广州流动党支部', kind: 'host' }, T0)).id;
    zhang = (await store.members.create({ name: '张三', homeBranchId: home, hostBranchId: host }, T0)).id;
    li = (await store.members.create({ name: '李四', homeBranchId: home }, T0)).id;
  });
  afterEach(async () => {
    await store.close();
  });

  const fields = (branchId: number, startMin: number, extra: Partial<MeetingFields> = {}): MeetingFields => ({
    branchId,
    title: '学习全会精神',
    type: 'general',
    startsAt: at(startMin).toISOString(),
    endsAt: at(startMin + 120).toISOString(),
    place: '村委会会议室',
    signInLeadMinutes: 30,
    points: 5,
    photoRequired: false,
    createdBy: 'sim:u_sec',
    ...extra,
  });
  const sign = (meetingId: number, memberId: number, status: 'present' | 'leave', key: string, reason?: string) =>
    store.meetings.attend({ meetingId, memberId, status, reason, identity: 'sim:u', sourceKey: key }, T0);

  test('meetings: a source key creates one meeting; fields read back, booleans and optional ones included', async () => {
    const a = await store.meetings.create(fields(home, 600, { photoRequired: true }), T0, 'sim:m1');
    const again = await store.meetings.create(fields(home, 600), T0, 'sim:m1');
    expect(again.id).toBe(a.id);
    const b = await store.meetings.create(fields(host, 60, { place: undefined, onlineUrl: 'https://m.example/1' }), T0);
    expect(b.id).toBe(a.id + 1);
    expect(await store.meetings.get(a.id)).toMatchObject({ photoRequired: true, place: '村委会会议室', points: 5 });
    const online = (await store.meetings.get(b.id))!;
    expect(online.photoRequired).toBe(false);
    expect(online.place).toBeUndefined();
    expect(online.onlineUrl).toBe('https://m.example/1');
    expect(await store.meetings.get(999)).toBeUndefined();
  });

  test('meetings: list by branch and start time, soonest first; an empty branch list matches nothing', async () => {
    const late = await store.meetings.create(fields(home, 900), T0);
    const soon = await store.meetings.create(fields(home, 100), T0);
    const other = await store.meetings.create(fields(host, 500), T0);
    expect((await store.meetings.list()).map((m) => m.id)).toEqual([soon.id, other.id, late.id]);
    expect((await store.meetings.list({ branchIds: [home] })).map((m) => m.id)).toEqual([soon.id, late.id]);
    expect((await store.meetings.list({ from: at(100), to: at(900) })).map((m) => m.id)).toEqual([soon.id, other.id]);
    expect(await store.meetings.list({ branchIds: [] })).toEqual([]);
  });

  test('attendance: one record per member; a second sign-in changes nothing; leave turns into present once', async () => {
    const m = await store.meetings.create(fields(home, 100), T0);
    expect((await sign(m.id, zhang, 'present', 'k1')).changed).toBe(true);
    const twice = await sign(m.id, zhang, 'present', 'k2');
    expect(twice).toMatchObject({ changed: false, attendance: { status: 'present', sourceKey: 'k1' } });
    expect((await sign(m.id, zhang, 'leave', 'k3', '加班')).changed).toBe(false);
    expect((await sign(m.id, li, 'leave', 'k4', '在外地加班')).attendance).toMatchObject({
      status: 'leave',
      reason: '在外地加班',
    });
    expect((await sign(m.id, li, 'leave', 'k5', '又一次')).changed).toBe(false);
    const came = await sign(m.id, li, 'present', 'k6');
    expect(came).toMatchObject({ changed: true, attendance: { status: 'present', sourceKey: 'k6' } });
    expect((await sign(m.id, li, 'present', 'k7')).changed).toBe(false);
    const rows = await store.meetings.listAttendance({ meetingIds: [m.id] });
    expect(rows.map((r) => [r.memberId, r.status])).toEqual([
      [zhang, 'present'],
      [li, 'present'],
    ]);
  });

  test('attendance: racing sign-ins of one member write once', async () => {
    const m = await store.meetings.create(fields(home, 100), T0);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((k) => sign(m.id, zhang, 'present', k)));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await store.meetings.listAttendance({ memberId: zhang })).toHaveLength(1);
  });

  test('attendance: filtered by meetings, member and status', async () => {
    const a = await store.meetings.create(fields(home, 100), T0);
    const b = await store.meetings.create(fields(host, 200), T0);
    await sign(a.id, zhang, 'present', 'k1');
    await sign(a.id, li, 'leave', 'k2', '病假');
    await sign(b.id, zhang, 'present', 'k3');
    expect((await store.meetings.listAttendance({ memberId: zhang })).map((r) => r.meetingId)).toEqual([a.id, b.id]);
    expect(
      (await store.meetings.listAttendance({ meetingIds: [a.id], status: 'leave' })).map((r) => r.memberId),
    ).toEqual([li]);
    expect(await store.meetings.listAttendance({ meetingIds: [] })).toEqual([]);
  });
}
