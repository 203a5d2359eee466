import { cleanupTempDirs } from '../helpers/temp-dir';
import type { TestRuntime } from '../helpers/test-runtime';
import { OPEN_REVIEW, checkIn, dm, reviewRuntime } from './review-fixture';

describe('satisfaction review: opening, the 1:1 dialogue and bad input', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await reviewRuntime();
    await checkIn(rt, 'u_zhang', '张三');
    await checkIn(rt, 'u_li', '李四');
  });
  afterEach(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('a secretary or a member cannot open a review: a clear reply and no review', async () => {
    const bySecretary = await rt.say('u_sec', 'g_home', OPEN_REVIEW);
    expect(bySecretary.texts.join('')).toContain('只有管理员可以使用');
    const byMember = await rt.say('u_zhang', 'u_zhang', OPEN_REVIEW, { chatType: 'single' });
    expect(byMember.texts.join('')).toContain('只有管理员可以使用');
    expect(await rt.services.store.reviews.list()).toEqual([]);
  });

  test('bad opening input is refused with the reason and opens nothing', async () => {
    expect((await rt.say('u_admin', 'g_home', '发起测评 年度测评')).texts[0]).toContain('缺少截止时间');
    expect((await rt.say('u_admin', 'g_home', '发起测评 年度测评\n截止：明年吧')).texts[0]).toContain('看不懂截止时间');
    expect(
      (await rt.say('u_admin', 'g_home', '发起测评 年度测评\n支部：火星支部\n截止：12月10日 18:00')).texts[0],
    ).toContain('没有找到支部「火星支部」');
    expect((await rt.say('u_admin', 'g_home', '发起测评 年度测评\n截止：2026-11-01 18:00')).texts[0]).toContain(
      '已经过了',
    );
    expect(await rt.services.store.reviews.list()).toEqual([]);
  });

  test('the admin opens a review; members are invited 1:1 and answer question by question, loosely typed', async () => {
    const opened = await rt.say('u_admin', 'g_home', OPEN_REVIEW);
    expect(opened.texts.at(-1)).toContain('已发起满意度测评 C1「2026年度满意度测评」');
    expect(opened.texts.at(-1)).toContain('应答党员 3 人');
    const invite = (await rt.transcript('u_zhang')).find((m) => m.text.includes('满意度测评 C1'));
    expect(invite?.text).toContain('/review/answer?t=');

    expect(await dm(rt, 'u_zhang', '测评')).toContain('第 1 题');
    expect(await dm(rt, 'u_zhang', '认识的')).toContain('第 2 题');
    expect(await dm(rt, 'u_zhang', '满意吧！')).toContain('第 3 题');
    expect(await dm(rt, 'u_zhang', '希望多组织线上学习')).toContain('答卷已提交');
    const [tally] = await rt.services.store.reviews.tallies(1);
    expect(tally).toMatchObject({
      answers: 1,
      knowYes: 1,
      overall: { satisfied: 1 },
      comments: ['希望多组织线上学习'],
    });

    expect(await dm(rt, 'u_li', '测评')).toContain('第 1 题');
    expect(await dm(rt, 'u_li', '2')).toContain('第 2 题');
    expect(await dm(rt, 'u_li', '第四个')).toContain('第 3 题');
    expect(await dm(rt, 'u_li', '无')).toContain('答卷已提交');
    const [after] = await rt.services.store.reviews.tallies(1);
    expect(after).toMatchObject({ answers: 2, knowYes: 1, knowNo: 1, overall: { satisfied: 1, unsatisfied: 1 } });
    expect(after.comments).toEqual(['希望多组织线上学习']);
  });

  test('an unknown option, a second vote and a vote after closing get clear replies and change nothing', async () => {
    await rt.say('u_admin', 'g_home', OPEN_REVIEW);
    await dm(rt, 'u_zhang', '测评');
    expect(await dm(rt, 'u_zhang', '5')).toContain('请回复 1（认识）或 2（不认识）');
    expect(await dm(rt, 'u_zhang', '1')).toContain('第 2 题');
    expect(await dm(rt, 'u_zhang', '差不多')).toContain('请回复 1–4');
    expect(await rt.services.store.reviews.tallies(1)).toEqual([]);
    // A reply to a review question, even one not understood, is neither kept in the transcript nor echoed back.
    expect((await rt.transcript('u_zhang')).filter((m) => m.text.includes('差不多'))).toEqual([]);
    await dm(rt, 'u_zhang', '1');
    await dm(rt, 'u_zhang', '无');
    const once = await rt.services.store.reviews.tallies(1);

    expect(await dm(rt, 'u_zhang', '测评')).toContain('你已经参加过测评 C1');
    expect(await dm(rt, 'u_zhang', '1')).not.toContain('答卷已提交');
    expect(await rt.services.store.reviews.tallies(1)).toEqual(once);

    rt.clock.set(new Date('2026-12-10T09:50:00.000Z'));
    await dm(rt, 'u_li', '测评');
    await dm(rt, 'u_li', '1');
    rt.clock.set(new Date('2026-12-10T10:00:01.000Z'));
    expect(await dm(rt, 'u_li', '满意')).toContain('已经截止');
    expect(await dm(rt, 'u_li', '测评')).toContain('没有需要你参加的满意度测评');
    expect(await rt.services.store.reviews.tallies(1)).toEqual(once);
  });

  test('in a group, 测评 sends the questions to the 1:1 chat; 退出测评 pauses without keeping anything', async () => {
    await rt.say('u_admin', 'g_home', OPEN_REVIEW);
    const inGroup = await rt.say('u_zhang', 'g_home', '测评');
    expect(inGroup.texts.join('')).toContain('已私信发给你');
    expect((await rt.transcript('g_home')).some((m) => m.text.includes('第 1 题'))).toBe(false);
    expect(await dm(rt, 'u_zhang', '1')).toContain('第 2 题');
    expect(await dm(rt, 'u_zhang', '退出测评')).toContain('已暂停测评');
    expect(await rt.services.store.reviews.getDraft(2)).toBeUndefined();
    expect(await dm(rt, 'u_zhang', '积分')).toContain('张三的积分');
  });
});
