import type { PendingCheckInOpen } from '../../src/store/identity-proof-repo';
import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

export function identityProofsContract(makeStore: StoreFactory): void {
  let store: Store;
  let branchId: number;
  let memberId: number;
  beforeEach(async () => {
    store = await makeStore();
    branchId = (await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0)).id;
    memberId = (await store.members.create({ name: '王书记', homeBranchId: branchId }, T0)).id;
  });
  afterEach(async () => {
    await store.close();
  });

  const open = (sourceKey: string): PendingCheckInOpen => ({
    platform: 'dingtalk',
    userId: 'staff_x',
    displayName: '王书记',
    chatId: 'cid1',
    chatType: 'group',
    branchId,
    name: '王书记',
    text: '王书记 广东广州',
    fields: { destProvince: '广东', destCity: '广州' },
    candidateIds: [memberId],
    sourceKey,
  });

  test('pending check-ins: one per source message, kept verbatim, decided once', async () => {
    const first = await store.identityProofs.openPending(open('dingtalk:m1'), T0);
    expect(first.created).toBe(true);
    expect(first.pending).toMatchObject({ ...open('dingtalk:m1'), status: 'pending', createdAt: T0.toISOString() });
    const again = await store.identityProofs.openPending(open('dingtalk:m1'), at(1));
    expect(again).toEqual({ pending: first.pending, created: false });
    expect(await store.identityProofs.openPending(open('dingtalk:m1b'), at(1))).toEqual({
      pending: first.pending,
      created: false,
    });
    expect(
      (await store.identityProofs.openPending({ ...open('dingtalk:m1c'), userId: 'staff_y' }, at(1))).created,
    ).toBe(true);
    const decided = await store.identityProofs.decidePending(
      first.pending.id,
      { status: 'confirmed', decidedBy: 'sim:u_sec', decisionKey: 'sim:d1', memberId },
      at(2),
    );
    expect(decided).toMatchObject({
      status: 'confirmed',
      memberId,
      decidedBy: 'sim:u_sec',
      decisionKey: 'sim:d1',
      decidedAt: at(2).toISOString(),
    });
    expect(
      await store.identityProofs.decidePending(
        first.pending.id,
        { status: 'rejected', decidedBy: 'sim:u_b', decisionKey: 'sim:d2' },
        at(3),
      ),
    ).toBeUndefined();
    expect(await store.identityProofs.getPending(first.pending.id)).toEqual(decided);
    expect(await store.identityProofs.getPending(9999)).toBeUndefined();
  });

  test('pending check-ins: of concurrent decisions exactly one wins', async () => {
    const { pending } = await store.identityProofs.openPending(open('dingtalk:m2'), T0);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((who) =>
        store.identityProofs.decidePending(
          pending.id,
          { status: 'rejected', decidedBy: `sim:${who}`, decisionKey: `sim:${who}` },
          at(1),
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test('binding codes: one per source message, spent once, refused after expiry', async () => {
    const issue = {
      codeHash: 'h1',
      memberId,
      issuedTo: 'sim:u_sec',
      sourceKey: 'sim:c1',
      expiresAt: at(10).toISOString(),
    };
    const first = await store.identityProofs.issueCode(issue, T0);
    expect(first).toMatchObject({ created: true, code: { ...issue, createdAt: T0.toISOString() } });
    expect(await store.identityProofs.issueCode(issue, at(1))).toEqual({ code: first.code, created: false });
    expect(await store.identityProofs.useCode('nope', 'dingtalk:x', at(1))).toBeUndefined();
    const used = await Promise.all([1, 2, 3].map(() => store.identityProofs.useCode('h1', 'dingtalk:x', at(1))));
    expect(used.filter(Boolean)).toEqual([
      expect.objectContaining({ memberId, usedBy: 'dingtalk:x', usedAt: at(1).toISOString() }),
    ]);
    await store.identityProofs.issueCode({ ...issue, codeHash: 'h2', sourceKey: 'sim:c2' }, T0);
    expect(await store.identityProofs.useCode('h2', 'dingtalk:x', at(10))).toBeUndefined();
  });

  test('sessions: live until revoked or expired; revoking by identity ends only theirs', async () => {
    await store.sessions.create({ idHash: 's1', identity: 'sim:u_sec', expiresAt: at(60).toISOString() }, T0);
    await store.sessions.create({ idHash: 's2', identity: 'sim:u_sec', expiresAt: at(60).toISOString() }, T0);
    await store.sessions.create({ idHash: 's3', identity: 'wecom:other', expiresAt: at(60).toISOString() }, T0);
    expect(await store.sessions.findLive('s1', at(1))).toEqual({
      idHash: 's1',
      identity: 'sim:u_sec',
      createdAt: T0.toISOString(),
      expiresAt: at(60).toISOString(),
    });
    expect(await store.sessions.findLive('s1', at(60))).toBeUndefined();
    await store.sessions.revoke('s1', at(1));
    expect(await store.sessions.findLive('s1', at(2))).toBeUndefined();
    expect(await store.sessions.revokeIdentities(['sim:u_sec', 'sim:nobody'], at(2))).toBe(1);
    expect(await store.sessions.findLive('s2', at(3))).toBeUndefined();
    expect(await store.sessions.findLive('s3', at(3))).toMatchObject({ identity: 'wecom:other' });
    expect(await store.sessions.revokeIdentities([], at(3))).toBe(0);
  });
}
