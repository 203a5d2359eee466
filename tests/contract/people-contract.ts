import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

export function peopleContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('branches: create, get, find by name, list', async () => {
    const home = await store.branches.create({ name: '青山村党支部', kind: 'home', township: '青山镇党委' }, T0);
    const host = await store.branches.create({ name: '广州流动党支部', kind: 'host' }, T0);
    expect(await store.branches.get(home.id)).toEqual(home);
    expect(home).toMatchObject({ name: '青山村党支部', kind: 'home', township: '青山镇党委' });
    expect((await store.branches.findByName('广州流动党支部'))?.id).toBe(host.id);
    expect(await store.branches.findByName('不存在')).toBeUndefined();
    expect((await store.branches.list()).map((b) => b.name)).toEqual(['青山村党支部', '广州流动党支部']);
  });

  test('branch names are unique', async () => {
    await store.branches.create({ name: '甲支部', kind: 'home' }, T0);
    await expect(store.branches.create({ name: '甲支部', kind: 'host' }, T0)).rejects.toHaveProperty('message');
    expect(await store.branches.list()).toHaveLength(1);
  });

  test('members: defaults, partial update keeps other fields, listByBranch covers home and host', async () => {
    const home = await store.branches.create({ name: 'H', kind: 'home' }, T0);
    const host = await store.branches.create({ name: 'G', kind: 'host' }, T0);
    const a = await store.members.create({ name: '张三', phone: '13800138000', homeBranchId: home.id }, T0);
    expect(a).toMatchObject({ name: '张三', status: 'active', certificateStatus: 'none', phone: '13800138000' });
    const b = await store.members.create({ name: '李四', hostBranchId: host.id }, T0);
    const a2 = await store.members.update(a.id, { hostBranchId: host.id, destCity: '广州' }, at(5));
    expect(a2).toMatchObject({
      phone: '13800138000',
      homeBranchId: home.id,
      hostBranchId: host.id,
      destCity: '广州',
      updatedAt: at(5).toISOString(),
    });
    expect((await store.members.listByBranch(host.id)).map((m) => m.name)).toEqual(['张三', '李四']);
    expect((await store.members.listByBranch(home.id)).map((m) => m.id)).toEqual([a.id]);
    await store.members.update(b.id, { status: 'transferred' }, at(6));
    expect((await store.members.listByBranch(host.id, { status: 'active' })).map((m) => m.id)).toEqual([a.id]);
    expect((await store.members.findByName('李四')).map((m) => m.id)).toEqual([b.id]);
    await store.members.touch(a.id, at(9));
    expect((await store.members.get(a.id))?.lastSeenAt).toBe(at(9).toISOString());
    expect(await store.members.list()).toHaveLength(2);
  });

  test('identities: several per member, one member per identity, rebinding moves it', async () => {
    const a = await store.members.create({ name: '甲' }, T0);
    const b = await store.members.create({ name: '乙' }, T0);
    await store.identities.bind({ platform: 'wecom', userId: 'jia', memberId: a.id, displayName: '甲' });
    await store.identities.bind({ platform: 'dingtalk', userId: 'staff1', memberId: a.id });
    expect((await store.identities.listByMember(a.id)).map((i) => `${i.platform}:${i.userId}`).sort()).toEqual([
      'dingtalk:staff1',
      'wecom:jia',
    ]);
    expect((await store.identities.find('wecom', 'jia'))?.memberId).toBe(a.id);
    await store.identities.bind({ platform: 'wecom', userId: 'jia', memberId: b.id });
    expect((await store.identities.find('wecom', 'jia'))?.memberId).toBe(b.id);
    expect(await store.identities.find('sim', 'nobody')).toBeUndefined();
  });

  test('members.findByIdentity: the bound member as members.get reads it, following a rebinding', async () => {
    const a = await store.members.create({ name: '甲', phone: '13800000000' }, T0);
    const b = await store.members.create({ name: '乙' }, T0);
    await store.members.touch(a.id, T0);
    await store.identities.bind({ platform: 'wecom', userId: 'jia', memberId: a.id, displayName: '甲' });
    await store.identities.bind({ platform: 'dingtalk', userId: 'jia', memberId: b.id });
    expect(await store.members.findByIdentity('wecom', 'jia')).toEqual(await store.members.get(a.id));
    expect((await store.members.findByIdentity('dingtalk', 'jia'))?.id).toBe(b.id);
    await store.identities.bind({ platform: 'wecom', userId: 'jia', memberId: b.id });
    expect(await store.members.findByIdentity('wecom', 'jia')).toEqual(await store.members.get(b.id));
    expect(await store.members.findByIdentity('sim', 'jia')).toBeUndefined();
  });

  test('chats: upsertSeen keeps the binding and push settings, listByBranch', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    await store.chats.upsertSeen({ platform: 'sim', chatId: 'g1', chatType: 'group', title: '一群' }, T0);
    await store.chats.bindBranch('sim', 'g1', branch.id);
    await store.chats.setPush('sim', 'g1', { webhookKey: 'k1' });
    const again = await store.chats.upsertSeen({ platform: 'sim', chatId: 'g1', chatType: 'group' }, at(1));
    expect(again).toMatchObject({ branchId: branch.id, title: '一群', push: { webhookKey: 'k1' } });
    await store.chats.setPush('sim', 'g1', undefined);
    expect((await store.chats.get('sim', 'g1'))?.push).toBeUndefined();
    expect((await store.chats.listByBranch(branch.id)).map((c) => c.chatId)).toEqual(['g1']);
  });

  test('roles: grants are idempotent; secretaries by branch', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    const m = await store.members.create({ name: '书记' }, T0);
    const g1 = await store.roles.grant(
      { role: 'secretary', memberId: m.id, branchId: branch.id, grantedBy: 'sim:admin' },
      T0,
    );
    const g2 = await store.roles.grant(
      { role: 'secretary', memberId: m.id, branchId: branch.id, grantedBy: 'sim:admin' },
      at(1),
    );
    expect(g2.id).toBe(g1.id);
    await store.roles.grant({ role: 'admin', memberId: m.id, branchId: null, grantedBy: 'config' }, T0);
    expect((await store.roles.listByMember(m.id)).map((g) => [g.role, g.branchId])).toEqual([
      ['secretary', branch.id],
      ['admin', null],
    ]);
    expect((await store.roles.secretariesOf(branch.id)).map((g) => g.memberId)).toEqual([m.id]);
  });

  test('check-ins get increasing ids', async () => {
    const branch = await store.branches.create({ name: 'B', kind: 'home' }, T0);
    const m = await store.members.create({ name: '甲' }, T0);
    const c1 = await store.checkIns.record({ memberId: m.id, branchId: branch.id, identity: 'sim:u1' }, T0);
    const c2 = await store.checkIns.record({ memberId: m.id, branchId: branch.id, identity: 'sim:u1' }, at(1));
    expect(c2.id).toBeGreaterThan(c1.id);
    expect(await store.checkIns.listByMember(m.id)).toHaveLength(2);
  });
}
