import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

/** Help cases: open idempotently, list by scope, update, escalate once, append-only history, counts. */
export function helpCasesContract(makeStore: StoreFactory): void {
  let store: Store;
  let ids: { home: number; host: number; other: number; member: number; secretary: number; other2: number };
  beforeEach(async () => {
    store = await makeStore();
    const home = await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0);
    const host = await store.branches.create({ name: '广州流动党支部', kind: 'host' }, T0);
    const other = await store.branches.create({ name: '佛山流动党支部', kind: 'host' }, T0);
    const member = await store.members.create({ name: '张三', homeBranchId: home.id, hostBranchId: host.id }, T0);
    const secretary = await store.members.create({ name: '李书记', hostBranchId: host.id }, T0);
    const other2 = await store.members.create({ name: '王五', hostBranchId: other.id }, T0);
    ids = {
      home: home.id,
      host: host.id,
      other: other.id,
      member: member.id,
      secretary: secretary.id,
      other2: other2.id,
    };
  });
  afterEach(async () => {
    await store.close();
  });

  const open = (sourceKey: string, extra: Record<string, unknown> = {}, minutes = 0) =>
    store.helpCases.open(
      {
        memberId: ids.member,
        category: 'medical',
        content: '住院没备案，怎么报销',
        platform: 'sim',
        sourceKey,
        homeBranchId: ids.home,
        hostBranchId: ids.host,
        assigneeId: ids.secretary,
        ...extra,
      },
      at(minutes),
    );

  test('open: fields and defaults; the same sourceKey returns the first case', async () => {
    const first = await open('sim:m1');
    expect(first.created).toBe(true);
    expect(first.helpCase).toMatchObject({
      memberId: ids.member,
      category: 'medical',
      content: '住院没备案，怎么报销',
      status: 'open',
      platform: 'sim',
      sourceKey: 'sim:m1',
      homeBranchId: ids.home,
      hostBranchId: ids.host,
      assigneeId: ids.secretary,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    expect(first.helpCase.result).toBeUndefined();
    expect(first.helpCase.escalatedAt).toBeUndefined();
    const again = await open('sim:m1', { content: '别的内容' }, 5);
    expect(again).toEqual({ helpCase: first.helpCase, created: false });
    expect(await store.helpCases.get(first.helpCase.id)).toEqual(first.helpCase);
    expect(await store.helpCases.get(9999)).toBeUndefined();
  });

  test('list: newest first; branch scope OR assignee; member and status filters; limit', async () => {
    const a = (await open('k1')).helpCase;
    const b = (await open('k2', { hostBranchId: undefined, assigneeId: undefined }, 1)).helpCase;
    const c = (
      await open(
        'k3',
        { memberId: ids.other2, homeBranchId: undefined, hostBranchId: ids.other, assigneeId: undefined },
        2,
      )
    ).helpCase;
    await store.helpCases.update(a.id, { status: 'closed' }, at(3));
    const idsOf = (list: Array<{ id: number }>) => list.map((x) => x.id);
    expect(idsOf(await store.helpCases.list())).toEqual([c.id, b.id, a.id]);
    expect(idsOf(await store.helpCases.list({ branchIds: [ids.host] }))).toEqual([a.id]);
    expect(idsOf(await store.helpCases.list({ branchIds: [ids.home] }))).toEqual([b.id, a.id]);
    expect(idsOf(await store.helpCases.list({ branchIds: [ids.other], assigneeId: ids.secretary }))).toEqual([
      c.id,
      a.id,
    ]);
    expect(idsOf(await store.helpCases.list({ branchIds: [] }))).toEqual([]);
    expect(idsOf(await store.helpCases.list({ memberId: ids.member }))).toEqual([b.id, a.id]);
    expect(idsOf(await store.helpCases.list({ statuses: ['open', 'replied'] }))).toEqual([c.id, b.id]);
    expect(idsOf(await store.helpCases.list({ branchIds: [ids.home], statuses: ['closed'] }))).toEqual([a.id]);
    expect(idsOf(await store.helpCases.list({ limit: 2 }))).toEqual([c.id, b.id]);
  });

  test('update changes only the given fields; unknown id throws', async () => {
    const a = (await open('k1')).helpCase;
    const u = await store.helpCases.update(a.id, { status: 'replied', firstReplyAt: at(10).toISOString() }, at(10));
    expect(u).toMatchObject({
      status: 'replied',
      firstReplyAt: at(10).toISOString(),
      category: 'medical',
      assigneeId: ids.secretary,
      updatedAt: at(10).toISOString(),
    });
    const v = await store.helpCases.update(
      a.id,
      { category: 'jobs', assigneeId: ids.other2, result: '已协助办理', rating: 'satisfied' },
      at(11),
    );
    expect(v).toMatchObject({
      status: 'replied',
      category: 'jobs',
      assigneeId: ids.other2,
      result: '已协助办理',
      rating: 'satisfied',
      createdAt: T0.toISOString(),
    });
    await expect(store.helpCases.update(9999, { status: 'closed' }, at(12))).rejects.toThrow();
  });

  test('listUnanswered: open, older than the cut-off, not escalated; markEscalated only once', async () => {
    const old = (await open('k1', {}, 0)).helpCase;
    const replied = (await open('k2', {}, 1)).helpCase;
    await open('k3', {}, 100);
    await store.helpCases.update(replied.id, { status: 'replied' }, at(2));
    expect((await store.helpCases.listUnanswered(at(50))).map((x) => x.id)).toEqual([old.id]);
    expect(await store.helpCases.markEscalated(old.id, at(60))).toBe(true);
    expect(await store.helpCases.markEscalated(old.id, at(61))).toBe(false);
    expect((await store.helpCases.get(old.id))?.escalatedAt).toBe(at(60).toISOString());
    expect(await store.helpCases.listUnanswered(at(50))).toEqual([]);
  });

  test('events: appended in order, idempotent by idemKey', async () => {
    const a = (await open('k1')).helpCase;
    const e1 = await store.helpCases.addEvent(
      { caseId: a.id, kind: 'open', actor: 'sim:u_a', text: '住院没备案', idemKey: 'sim:m1#open' },
      T0,
    );
    expect(e1).toMatchObject({
      caseId: a.id,
      kind: 'open',
      actor: 'sim:u_a',
      text: '住院没备案',
      createdAt: T0.toISOString(),
    });
    expect(
      await store.helpCases.addEvent({ caseId: a.id, kind: 'open', actor: 'sim:u_a', idemKey: 'sim:m1#open' }, at(1)),
    ).toBeUndefined();
    await store.helpCases.addEvent(
      { caseId: a.id, kind: 'reply', actor: 'sim:u_sec', text: '请先补办备案', idemKey: 'sim:m2#reply' },
      at(2),
    );
    const events = await store.helpCases.listEvents(a.id);
    expect(events.map((e) => e.kind)).toEqual(['open', 'reply']);
    expect(events[1].text).toBe('请先补办备案');
    expect(await store.helpCases.listEvents(9999)).toEqual([]);
  });

  test('counts by category and status', async () => {
    await open('k1');
    await open('k2', { category: 'jobs' });
    const c = (await open('k3', { category: 'jobs' })).helpCase;
    await store.helpCases.update(c.id, { status: 'closed' }, at(1));
    const counts = await store.helpCases.counts();
    expect(counts).toEqual(
      expect.arrayContaining([
        { category: 'medical', status: 'open', count: 1 },
        { category: 'jobs', status: 'open', count: 1 },
        { category: 'jobs', status: 'closed', count: 1 },
      ]),
    );
    expect(counts).toHaveLength(3);
  });
}
