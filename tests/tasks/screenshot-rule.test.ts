import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { screenshotPng } from '../helpers/proof-images';

describe('证明：截图 with 关键词 on publish and modify; 审核 #n lists the reasons', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广州');
  });
  afterEach(async () => {
    await rt.stop();
  });
  afterAll(cleanupTempDirs);

  test('publish keeps the rule and teaches it; keywords without a screenshot are refused and change nothing', async () => {
    const refused = await rt.say(
      'u_sec',
      'g_home',
      '发布任务 打卡\n截止：2026-12-07 18:00\n证明：图片\n关键词：学习强国',
    );
    expect(refused.texts[0]).toContain('「关键词」用于检查截图，请同时写 证明：截图');
    expect(await rt.services.store.tasks.get(1)).toBeUndefined();
    const post = await rt.say(
      'u_sec',
      'g_home',
      '发布任务 打卡\n截止：2026-12-07 18:00\n证明：截图\n关键词：学习强国、积分',
    );
    expect(post.texts[0]).toContain('截图须含：学习强国、积分');
    expect(await rt.services.store.tasks.get(1)).toMatchObject({
      proofKinds: ['image'],
      screenshotProof: true,
      proofKeywords: ['学习强国', '积分'],
    });
  });

  test('modify changes the keywords and can turn the screenshot rule off', async () => {
    await rt.say('u_sec', 'g_home', '发布任务 打卡\n截止：2026-12-07 18:00\n证明：截图\n关键词：学习强国');
    const changed = await rt.say('u_sec', 'g_home', '修改任务 #1\n关键词：强国、积分');
    expect(changed.texts[0]).toContain('截图要求：截图须含：学习强国 → 截图须含：强国、积分');
    await rt.say('u_sec', 'g_home', '修改任务 #1\n证明：图片');
    expect((await rt.services.store.tasks.get(1))?.screenshotProof).toBeUndefined();
    const refused = await rt.say('u_sec', 'g_home', '修改任务 #1\n关键词：积分');
    expect(refused.texts[0]).toContain('请同时写 证明：截图');
  });

  test('审核 #n shows why each submission is held', async () => {
    await rt.say('u_sec', 'g_home', '发布任务 打卡\n截止：2026-12-07 18:00\n证明：截图\n关键词：学习强国');
    await rt.say('u_a', 'g_home', '#1', { images: [await screenshotPng(['2026-11-02 14:30', '学习强国 积分 35'])] });
    await rt.proofChecks.idle();
    const list = await rt.say('u_sec', 'g_home', '审核 #1');
    expect(list.texts[0]).toContain('任务 #1 待审核 1 条');
    expect(list.texts[0]).toContain('截图上的日期 2026-11-02 早于任务发布日期 2026-12-01');
  });
});
