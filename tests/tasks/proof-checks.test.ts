import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { cameraJpeg, screenshotPng } from '../helpers/proof-images';
import { renderScene } from '../../bench/proof-set/scene';
import { VARIANTS } from '../../bench/proof-set/variants';

const SCREENSHOT_TASK = '发布任务 学习强国打卡\n截止：2026-12-07 18:00\n分值：10\n证明：截图\n关键词：学习强国';
const QUOTE = '全面贯彻落实党的二十届四中全会精神，坚定不移走中国特色社会主义道路。';
const HONEST = `通过学习我深刻认识到，${QUOTE}作为一名流动党员，我要在工作岗位上发挥先锋模范作用，按时参加支部组织生活，主动向支部汇报思想。`;
const COPIED = HONEST.replace('我深刻认识到', '我深深体会到').replace('按时参加', '积极参加');
const OWN = `今天在工地休息时读了公报原文，其中一句让我印象很深：${QUOTE}我会把学到的内容讲给身边的工友听，也会认真完成支部布置的任务。`;

async function memberId(rt: TestRuntime, userId: string): Promise<number> {
  return (await rt.services.store.identities.find('sim', userId))!.memberId;
}

async function submissionOf(rt: TestRuntime, taskId: number, userId: string) {
  return (await rt.services.store.submissions.find(taskId, await memberId(rt, userId)))!;
}

async function balance(rt: TestRuntime, userId: string): Promise<number> {
  const id = await memberId(rt, userId);
  return (await rt.services.store.ledger.totals([id])).get(id) ?? 0;
}

/** What reached the member 1:1, once the notices the checks queued have been delivered. */
async function privateTexts(rt: TestRuntime, userId: string): Promise<string[]> {
  await rt.outbox.drainOnce();
  return (await rt.transcript(userId)).filter((m) => m.from === 'bot').map((m) => m.text);
}

describe('proof checks off the request path', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广州');
    await rt.say('u_b', 'g_home', '报到 李四 佛山');
    await rt.say('u_c', 'g_home', '报到 王五 深圳');
  });
  afterEach(async () => {
    await rt.stop();
  });
  afterAll(cleanupTempDirs);

  test('a screenshot dated before the task is answered at once, then held with the date read and the member told why', async () => {
    await rt.say('u_sec', 'g_home', SCREENSHOT_TASK);
    const old = await screenshotPng(['2026-11-02 14:30', '学习强国 今日积分 35']);
    const reply = await rt.say('u_a', 'g_home', '#1', { images: [old] });
    expect(reply.texts[0]).toContain('已收到 #1《学习强国打卡》的提交（图片1张），+10 分');
    await rt.proofChecks.idle();
    const s = await submissionOf(rt, 1, 'u_a');
    expect(s.status).toBe('flagged');
    expect(await balance(rt, 'u_a')).toBe(0);
    const run = (await rt.services.store.proofChecks.get(s.id, s.sourceKey))!;
    expect(run.doubts.map((d) => d.code)).toEqual(['taken-before-task']);
    expect(run.facts.shownDates).toBe('2026-11-02');
    expect(run.facts.text).toContain('学习强国');
    const told = await privateTexts(rt, 'u_a');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('已转支部书记审核');
    expect(told[0]).toContain('截图上的日期 2026-11-02 早于任务发布日期 2026-12-01');
    expect(told[0]).toContain('这不是驳回');
    // Settled exactly once: booked, then taken back; waking the workers again changes nothing.
    rt.proofChecks.wake();
    await rt.proofChecks.idle();
    expect((await rt.services.store.ledger.listBySubmission(s.id)).map((e) => e.delta)).toEqual([10, -10]);
    expect(await privateTexts(rt, 'u_a')).toHaveLength(1);
  });

  test('a screenshot without any of the task keywords is held with the text read', async () => {
    await rt.say('u_sec', 'g_home', SCREENSHOT_TASK);
    const other = await screenshotPng(['2026-12-01 20:15', '今日步数 8000 步']);
    await rt.say('u_a', 'g_home', '#1', { images: [other] });
    await rt.proofChecks.idle();
    const s = await submissionOf(rt, 1, 'u_a');
    expect(s.status).toBe('flagged');
    const run = (await rt.services.store.proofChecks.get(s.id, s.sourceKey))!;
    expect(run.doubts).toEqual([
      expect.objectContaining({ code: 'missing-keywords', reason: '截图里没有找到任务要求的关键词（学习强国）' }),
    ]);
    expect(String(run.doubts[0].detail?.['读到的文字'])).toContain('8000');
  });

  test('a genuine new photo and a current screenshot are accepted at once and stay accepted', async () => {
    await rt.say('u_sec', 'g_home', SCREENSHOT_TASK);
    await rt.say('u_sec', 'g_home', '发布任务 参观红色教育基地\n截止：2026-12-07 18:00\n分值：6\n证明：图片');
    const shot = await screenshotPng(['2026-12-01 09:40', '学习强国 今日积分 40']);
    const photo = await cameraJpeg('2026:12:01 09:30:00');
    expect((await rt.say('u_a', 'g_home', '#1', { images: [shot] })).texts[0]).toContain('+10 分');
    expect((await rt.say('u_b', 'g_home', '#2', { images: [photo] })).texts[0]).toContain('+6 分');
    await rt.proofChecks.idle();
    expect((await submissionOf(rt, 1, 'u_a')).status).toBe('accepted');
    const p = await submissionOf(rt, 2, 'u_b');
    expect(p.status).toBe('accepted');
    expect((await rt.services.store.proofChecks.get(p.id, p.sourceKey))!.facts.exifTakenAt).toBe('2026-12-01 09:30');
    expect(await balance(rt, 'u_a')).toBe(10);
    expect(await balance(rt, 'u_b')).toBe(6);
    expect(await privateTexts(rt, 'u_a')).toEqual([]);
  });

  test('a photo whose EXIF date is before the task is held', async () => {
    await rt.say('u_sec', 'g_home', '发布任务 参观红色教育基地\n截止：2026-12-07 18:00\n分值：6\n证明：图片');
    await rt.say('u_a', 'g_home', '#1', { images: [await cameraJpeg('2026:10:01 09:30:00')] });
    await rt.proofChecks.idle();
    expect((await submissionOf(rt, 1, 'u_a')).status).toBe('flagged');
    expect((await privateTexts(rt, 'u_a'))[0]).toContain('照片的拍摄日期 2026-10-01 早于任务发布日期 2026-12-01');
  });

  test('a note of one repeated phrase is held; a near copy of another member’s note is held naming it; an own note quoting the same sentence is not', async () => {
    await rt.say('u_sec', 'g_home', '发布任务 学习四中全会公报\n截止：2026-12-07 18:00\n分值：8\n证明：文字\n字数：50');
    await rt.say('u_a', 'g_home', `#1 ${HONEST}`);
    await rt.say('u_b', 'g_home', `#1 ${COPIED}`);
    await rt.say('u_c', 'g_home', `#1 ${OWN}`);
    await rt.say('u_sec', 'g_home', '报到 王书记 广东广州');
    await rt.say('u_d', 'g_home', '报到 赵六 东莞');
    const repeated = await rt.say('u_d', 'g_home', `#1 ${'认真学习'.repeat(13)}`);
    expect(repeated.texts[0]).toContain('+8 分');
    await rt.proofChecks.idle();
    expect((await submissionOf(rt, 1, 'u_a')).status).toBe('accepted');
    expect((await submissionOf(rt, 1, 'u_c')).status).toBe('accepted');
    const copy = await submissionOf(rt, 1, 'u_b');
    expect(copy.status).toBe('flagged');
    const copyRun = (await rt.services.store.proofChecks.get(copy.id, copy.sourceKey))!;
    const original = await submissionOf(rt, 1, 'u_a');
    expect(copyRun.doubts[0]).toMatchObject({ code: 'near-copy-note', relatedSubmissionIds: [original.id] });
    expect((await privateTexts(rt, 'u_b'))[0]).toContain(`心得与 S${original.id}（张三）的心得几乎相同`);
    const rep = await submissionOf(rt, 1, 'u_d');
    expect(rep.status).toBe('flagged');
    expect((await privateTexts(rt, 'u_d'))[0]).toContain('心得大部分是同一句话的重复（「认真学习」出现 13 次');
    expect(await balance(rt, 'u_d')).toBe(0);
  });

  test('an exact duplicate stays held on the request path and is stored as a doubt naming the original', async () => {
    await rt.say('u_sec', 'g_home', '发布任务 参观红色教育基地\n截止：2026-12-07 18:00\n分值：6\n证明：图片');
    const photo = await cameraJpeg('2026:12:01 09:30:00');
    await rt.say('u_a', 'g_home', '#1', { images: [photo] });
    const dup = await rt.say('u_b', 'g_home', '#1', { images: [photo] });
    expect(dup.texts[0]).toContain('图片与已有的提交重复，已转支部书记审核');
    await rt.proofChecks.idle();
    const s = await submissionOf(rt, 1, 'u_b');
    const run = (await rt.services.store.proofChecks.get(s.id, s.sourceKey))!;
    expect(run.doubts[0]).toMatchObject({
      code: 'exact-duplicate',
      relatedSubmissionIds: [(await submissionOf(rt, 1, 'u_a')).id],
    });
    expect(await privateTexts(rt, 'u_b')).toEqual([]);
  });

  test("a re-saved and cropped copy of another member's photo is held through the whole pipeline, naming the original", async () => {
    await rt.say('u_sec', 'g_home', '发布任务 主题党日\n截止：2026-12-07 18:00\n分值：10\n证明：图片');
    const original = await renderScene(1);
    const copy = await VARIANTS.crop10(await VARIANTS.requality(original, 1), 1);
    await rt.say('u_a', 'g_home', '#1', { images: [original.toString('base64')] });
    await rt.proofChecks.idle();
    const first = await submissionOf(rt, 1, 'u_a');
    expect(first.status).toBe('accepted');
    await rt.say('u_b', 'g_home', '#1', { images: [copy.toString('base64')] });
    await rt.proofChecks.idle();
    const held = await submissionOf(rt, 1, 'u_b');
    expect(held.status).toBe('flagged');
    const run = (await rt.services.store.proofChecks.get(held.id, held.sourceKey))!;
    expect(run.doubts).toEqual([expect.objectContaining({ code: 'near-duplicate', relatedSubmissionIds: [first.id] })]);
    expect((await privateTexts(rt, 'u_b')).join('\n')).toContain(`S${first.id}（张三，任务 #1）`);
    // A different scene by a third member is accepted and stays so.
    await rt.say('u_c', 'g_home', '#1', { images: [(await renderScene(4)).toString('base64')] });
    await rt.proofChecks.idle();
    expect((await submissionOf(rt, 1, 'u_c')).status).toBe('accepted');
  }, 120_000);
});
