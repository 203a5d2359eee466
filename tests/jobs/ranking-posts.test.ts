import type { Store } from '../../src/store/store';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cst, fire, jobRows } from './jobs-fixture';

afterAll(cleanupTempDirs);

const T0 = cst('2026-11-01T08:00:00');
const NAMES = [
  '甲一',
  '乙二',
  '丙三',
  '丁四',
  '戊五',
  '己六',
  '庚七',
  '辛八',
  '壬九',
  '癸十',
  '子十一',
  '丑十二',
  '寅十三',
  '卯十四',
  '辰十五',
];

/** Branch 东岭村 (home): 15 members, the first 12 with 12..1 points this week, 3 with none. Branch 广州 (host): 珠江 and 白云 20 each, 黄埔 none. */
async function seed(store: Store): Promise<void> {
  const home = await store.branches.create({ name: '东岭村党支部', kind: 'home' }, T0);
  const host = await store.branches.create({ name: '广州流动党支部', kind: 'host' }, T0);
  await store.chats.upsertSeen({ platform: 'sim', chatId: 'g_east', chatType: 'group' }, T0);
  await store.chats.bindBranch('sim', 'g_east', home.id);
  await store.chats.upsertSeen({ platform: 'sim', chatId: 'g_gz', chatType: 'group' }, T0);
  await store.chats.bindBranch('sim', 'g_gz', host.id);
  const book = async (memberId: number, delta: number, at: Date, key: string, branchId = home.id) =>
    store.ledger.append({ memberId, delta, reason: '任务', kind: 'task', branchId, actor: 'system', idemKey: key }, at);
  for (const [i, name] of NAMES.entries()) {
    const m = await store.members.create({ name, homeBranchId: home.id }, T0);
    await store.identities.bind({ platform: 'sim', userId: `u${i + 1}`, memberId: m.id });
    if (i < 12) await book(m.id, 12 - i, cst('2026-12-02T10:00:00'), `w${i}`);
    await book(m.id, 100, cst('2026-11-20T10:00:00'), `old${i}`); // last month: outside both boards
  }
  for (const [i, name] of ['珠江', '白云', '黄埔'].entries()) {
    const m = await store.members.create({ name, hostBranchId: host.id }, T0);
    await store.identities.bind({ platform: 'sim', userId: `gz${i}`, memberId: m.id });
    if (i < 2) await book(m.id, 20, cst('2026-12-03T10:00:00'), `gz${i}`, host.id);
  }
  await book(1, 50, cst('2026-12-06T20:30:00'), 'after-fire'); // booked after the Sunday fire: not in that week's board
}

describe('ranking-posts', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await seed(rt.services.store);
  });
  afterAll(async () => {
    await rt.stop();
  });

  test('on an ordinary weekday nothing is posted', async () => {
    expect((await fire(rt, 'ranking-posts', '2026-12-02T20:00:00')).result).toMatchObject({
      sent: 0,
      summary: '今天不是周日或月末，不发排名',
    });
  });

  test('Sunday 20:00: each branch group gets its top 10 and 人均, and the 流动红旗 board', async () => {
    const out = await fire(rt, 'ranking-posts', '2026-12-06T20:00:00');
    expect(out.result?.summary).toBe('周榜：2 个支部群，18 位党员私信；共 20 条消息');
    const east = jobRows(rt.services.store, 'ranking-posts').find((r) => r.chatId === 'g_east')!.text;
    expect(east).toContain('🏆「东岭村党支部」本周（11-30 至 12-06）积分榜');
    expect(east).toContain('1. 甲一 12 分\n2. 乙二 11 分');
    expect(east).toContain('10. 癸十 3 分');
    expect(east).toContain('支部人均：5.2 分（15 人）'); // 78 / 15
    expect(east).toContain(
      '🚩 流动红旗（全县各支部人均积分前 3）：\n🥇 广州流动党支部 人均 13.3 分\n2. 东岭村党支部 人均 5.2 分',
    );
    expect(east).toContain('本支部人均列全县第 2 位（共 2 个支部）');
  });

  test('never a public list of the lowest scorers: ranks below 10 and zero scorers are not named in groups', async () => {
    const east = jobRows(rt.services.store, 'ranking-posts').find((r) => r.chatId === 'g_east')!.text;
    for (const name of ['子十一', '丑十二', '寅十三', '卯十四', '辰十五']) expect(east).not.toContain(name);
    expect(east).not.toMatch(/ 0 分/);
    // 广州 has 3 members and 2 scorers: its "top 10" is 2 names long, the member without points is not listed.
    const gz = jobRows(rt.services.store, 'ranking-posts').find((r) => r.chatId === 'g_gz')!.text;
    expect(gz).toContain('1. 白云 20 分\n1. 珠江 20 分\n支部人均：13.3 分（3 人）');
    expect(gz).not.toContain('黄埔');
  });

  test('every member learns their own rank 1:1, including those outside the top 10', async () => {
    const dms = jobRows(rt.services.store, 'ranking-posts').filter((r) => r.chatType === 'single');
    expect(dms).toHaveLength(18);
    expect(dms.find((d) => d.chatId === 'u12')?.text).toContain(
      '本周你在「东岭村党支部」得 1 分，排第 12 名（共 15 人），支部人均 5.2 分。',
    );
    expect(dms.find((d) => d.chatId === 'u15')?.text).toContain('本周你在「东岭村党支部」还没有积分');
    expect(dms.find((d) => d.chatId === 'gz0')?.text).toContain('排第 1 名（共 3 人）');
  });

  test('month end posts the month board; a Sunday that ends a month posts both', async () => {
    const dec = await fire(rt, 'ranking-posts', '2026-12-31T20:00:00');
    expect(dec.result?.summary).toContain('月榜');
    const post = jobRows(rt.services.store, 'ranking-posts')
      .filter((r) => r.chatId === 'g_east')
      .at(-1)!.text;
    expect(post).toContain('🏆「东岭村党支部」12月积分榜');
    expect(post).toContain('1. 甲一 62 分'); // 12 this week + 50 booked later in December
    const both = await fire(rt, 'ranking-posts', '2027-01-31T20:00:00');
    expect(both.result?.summary).toContain('周榜和月榜');
  });

  test('the same fire never posts twice', async () => {
    const before = jobRows(rt.services.store, 'ranking-posts').length;
    expect((await fire(rt, 'ranking-posts', '2026-12-06T20:00:00')).status).toBe('done-before');
    expect(jobRows(rt.services.store, 'ranking-posts')).toHaveLength(before);
  });
});

describe('ranking-posts with RANKING_PRIVATE_MESSAGES=false', () => {
  test("group boards still go out; no 1:1 rank messages (saves a free DingTalk org's quota)", async () => {
    const rt = await testRuntime({ RANKING_PRIVATE_MESSAGES: 'false' });
    await seed(rt.services.store);
    const out = await fire(rt, 'ranking-posts', '2026-12-06T20:00:00');
    expect(out.result?.summary).toBe('周榜：2 个支部群，0 位党员私信；共 2 条消息');
    await rt.stop();
  });
});
