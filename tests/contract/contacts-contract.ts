import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

/** Talks and visits, homecomings and certificates: keyed writes, scoped lists, one homecoming per member and season. */
export function contactsContract(makeStore: StoreFactory): void {
  let store: Store;
  let home: number;
  let a: number;
  let b: number;
  beforeEach(async () => {
    store = await makeStore();
    home = (await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0)).id;
    a = (await store.members.create({ name: '张三', homeBranchId: home }, T0)).id;
    b = (await store.members.create({ name: '李四', homeBranchId: home }, T0)).id;
  });
  afterEach(async () => {
    await store.close();
  });

  const talk = (memberId: number, sourceKey: string, note = '谈了 在外 工作\n家里老人身体好') => ({
    memberId,
    kind: 'talk' as const,
    note,
    media: [{ sha256: 'a'.repeat(64), kind: 'image' as const }],
    recordedBy: 'sim:u_sec',
    sourceKey,
  });

  test('contacts: one per source key, stored verbatim, listed newest first and only for the members asked', async () => {
    const first = await store.contacts.record(talk(a, 'sim:m1'), T0);
    expect(first.created).toBe(true);
    expect(first.contact).toMatchObject({ memberId: a, kind: 'talk', note: '谈了 在外 工作\n家里老人身体好' });
    expect(first.contact.media).toEqual([{ sha256: 'a'.repeat(64), kind: 'image' }]);
    const again = await store.contacts.record(talk(a, 'sim:m1', 'other'), at(1));
    expect(again).toEqual({ contact: first.contact, created: false });
    await store.contacts.record({ ...talk(b, 'sim:m2'), kind: 'visit', media: [] }, at(2));
    expect((await store.contacts.list()).map((c) => c.sourceKey)).toEqual(['sim:m2', 'sim:m1']);
    expect((await store.contacts.list({ memberIds: [a] })).map((c) => c.sourceKey)).toEqual(['sim:m1']);
    expect(await store.contacts.list({ memberIds: [] })).toEqual([]);
    expect(
      (await store.contacts.list({ from: at(1).toISOString(), to: at(3).toISOString() })).map((c) => c.memberId),
    ).toEqual([b]);
  });

  test('homecomings: one per member and season; a later report changes the stay, the same message nothing', async () => {
    const input = {
      memberId: a,
      branchId: home,
      season: '2026-2027',
      stayUntil: '2027-02-20',
      text: '停留到 2月20日',
      sourceKey: 'sim:h1',
    };
    const first = await store.contacts.reportHome(input, T0);
    expect(first.created).toBe(true);
    expect((await store.contacts.reportHome({ ...input, text: 'x' }, at(1))).homecoming.text).toBe('停留到 2月20日');
    const later = await store.contacts.reportHome(
      { ...input, stayUntil: undefined, text: '', sourceKey: 'sim:h2' },
      at(2),
    );
    expect(later.created).toBe(false);
    expect(later.homecoming.id).toBe(first.homecoming.id);
    expect(later.homecoming.stayUntil).toBeUndefined();
    expect(later.homecoming.createdAt).toBe(T0.toISOString());
    await store.contacts.reportHome({ ...input, memberId: b, season: '2027-2028', sourceKey: 'sim:h3' }, at(3));
    expect(await store.contacts.listHome({ season: '2026-2027' })).toHaveLength(1);
    expect((await store.contacts.listHome({ branchIds: [home] })).map((h) => h.memberId)).toEqual([b, a]);
    expect(await store.contacts.listHome({ branchIds: [] })).toEqual([]);
  });

  test('certificates: one per source key, found by id and by member, newest first', async () => {
    const input = {
      memberId: a,
      branchId: home,
      issuedBy: 'sim:u_sec',
      validFrom: '2026-12-01',
      validUntil: '2027-05-31',
      destination: '广东广州',
      departureMonth: '2026-10',
      sourceKey: 'sim:c1',
    };
    const first = await store.certificates.issue(input, T0);
    expect(first.created).toBe(true);
    expect(await store.certificates.issue({ ...input, validUntil: '2030-01-01' }, at(1))).toEqual({
      certificate: first.certificate,
      created: false,
    });
    const second = await store.certificates.issue({ ...input, destination: undefined, sourceKey: 'sim:c2' }, at(2));
    expect(second.certificate.destination).toBeUndefined();
    expect(await store.certificates.get(first.certificate.id)).toEqual(first.certificate);
    expect(await store.certificates.get(9999)).toBeUndefined();
    expect((await store.certificates.list({ memberIds: [a] })).map((c) => c.sourceKey)).toEqual(['sim:c2', 'sim:c1']);
    expect(await store.certificates.list({ memberIds: [b] })).toEqual([]);
    expect(await store.certificates.list({ memberIds: [] })).toEqual([]);
  });
}
