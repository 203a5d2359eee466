import { monthsAway } from '../../src/members/membership-rules';
import type { Store } from '../../src/store/store';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows } from './jobs-fixture';

afterAll(cleanupTempDirs);

const T0 = cst('2026-06-01T08:00:00');
const RECENT = cst('2026-12-01T10:00:00').toISOString();

/** A home branch with a secretary and members covering each rule, and a host branch with its own secretary. */
async function seed(store: Store): Promise<void> {
  const home = await store.branches.create({ name: '青山村党支部', kind: 'home' }, T0);
  const host = await store.branches.create({ name: '广州流动党支部', kind: 'host' }, T0);
  const member = async (name: string, userId: string | undefined, fields: Record<string, unknown>) => {
    const m = await store.members.create({ name, homeBranchId: home.id, lastSeenAt: RECENT, ...fields }, T0);
    if (userId) await store.identities.bind({ platform: 'sim', userId, memberId: m.id });
    return m;
  };
  const sec = await member('王书记', 'u_sec', {});
  await store.roles.grant({ role: 'secretary', memberId: sec.id, branchId: home.id, grantedBy: 'test' }, T0);
  const hostSec = await store.members.create({ name: '刘书记', hostBranchId: host.id, lastSeenAt: RECENT }, T0);
  await store.identities.bind({ platform: 'sim', userId: 'u_hostsec', memberId: hostSec.id });
  await store.roles.grant({ role: 'secretary', memberId: hostSec.id, branchId: host.id, grantedBy: 'test' }, T0);
  await member('张三', 'u_a', {
    departureMonth: '2026-03',
    destProvince: '广东',
    destCity: '广州',
    certificateStatus: 'valid',
    phone: '13800138000',
    hostBranchId: host.id,
  });
  await member('李四', 'u_b', {
    departureMonth: '2026-09',
    destProvince: '广东',
    destCity: '佛山',
    certificateStatus: 'none',
  });
  await member('钱七', undefined, { departureMonth: '2025-01', certificateStatus: 'expired' }); // away long, place unknown
  await member('王五', 'u_c', { departureMonth: '2026-10', destCity: '深圳', certificateStatus: 'valid' });
  await member('赵六', 'u_d', { lastSeenAt: cst('2026-10-01T10:00:00').toISOString(), familyNote: '母亲独居' });
  const sun = await member('孙八', 'u_e', { lastSeenAt: cst('2026-09-01T10:00:00').toISOString() });
  await member('周九', undefined, { lastSeenAt: undefined }); // registered in June, never heard from
  await store.members.create({ name: '吴十', hostBranchId: host.id, departureMonth: '2024-01', destCity: '广州' }, T0); // host-only member
  // 孙八 has not written since September but handed in proof last week: in contact.
  const task = await store.tasks.create(
    {
      branchId: home.id,
      title: '学习',
      content: '',
      deadline: cst('2026-12-20T18:00:00').toISOString(),
      points: 5,
      proofKinds: ['text'],
      minChars: 5,
      lateRule: 'half',
      createdBy: 'test',
    },
    cst('2026-11-20T08:00:00'),
  );
  await store.submissions.upsert(
    {
      taskId: task.id,
      memberId: sun.id,
      note: '心得',
      links: [],
      media: [],
      late: false,
      status: 'accepted',
      sourceKey: 'sim:x',
    },
    cst('2026-11-30T08:00:00'),
  );
}

async function digestAt(env: Record<string, string> = {}): Promise<{ rt: TestRuntime; text: string }> {
  // No one here was ever talked to; the talks section has its own test (tests/contacts/contact-digest.test.ts).
  const rt = await testRuntime({ CONTACT_WEEKS: '52', ...env });
  await seed(rt.services.store);
  await fire(rt, 'membership-digest', '2026-12-07T08:30:00');
  const rows = jobRows(rt.services.store, 'membership-digest');
  expect(rows.map((r) => [r.chatId, r.chatType])).toEqual([['u_sec', 'single']]);
  return { rt, text: rows[0].text };
}

describe('membership-digest', () => {
  let rt: TestRuntime;
  let text: string;
  beforeAll(async () => {
    ({ rt, text } = await digestAt());
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('goes 1:1 to the home branch secretary only (not the host branch secretary, not a group)', () => {
    expect(text).toContain('📋「青山村党支部」党员管理周报（2026-12-07）');
  });

  test('members away ≥ 6 months at one place should transfer membership', () => {
    expect(text).toContain(
      '一、外出满 6 个月且地点固定，应办理组织关系转接（1 人）：\n· 张三：2026-03 外出，广东广州，已 9 个月',
    );
    expect(text).not.toContain('吴十');
  });

  test('other away members need a valid mobile-member certificate', () => {
    expect(text).toContain('二、外出未满 6 个月或地点不固定，需持有效《流动党员活动证》（2 人）：');
    expect(text).toContain('· 李四：未办理活动证（2026-09 外出，广东佛山）');
    expect(text).toContain('· 钱七：活动证已过期（2025-01 外出，流入地未登记）');
    expect(text).not.toContain('王五');
  });

  test('members with no message and no submission for 4 weeks are out of contact', () => {
    expect(text).toContain(
      '三、失联预警：4 周内没有发言也没有提交任务（2 人）：\n· 赵六：最后联系 2026-10-01\n· 周九：报到后从未联系',
    );
    expect(text).not.toContain('孙八');
  });

  test('personal data stays out of the digest', () => {
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('母亲独居');
  });

  test('OUT_OF_CONTACT_WEEKS changes the window', async () => {
    const wide = await digestAt({ OUT_OF_CONTACT_WEEKS: '12' });
    expect(wide.text).not.toContain('赵六');
    expect(wide.text).toContain('· 周九：报到后从未联系');
    await wide.rt.stop();
  });

  test('monthsAway counts calendar months in the bot time zone', () => {
    expect(monthsAway('2026-06', cst('2026-12-01T00:30:00'), 'Asia/Shanghai')).toBe(6); // still 11-30 in UTC
    expect(monthsAway('2025-12', cst('2026-05-31T23:00:00'), 'Asia/Shanghai')).toBe(5);
  });
});
