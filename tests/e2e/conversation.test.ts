import { createHash } from 'node:crypto';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

// A 1×1 PNG and a different 1×1 PNG: real image bytes, distinct hashes.
const PNG_A = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_B = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('scripted conversation through /sim/api/messages', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('admin binds two chats and names a secretary', async () => {
    expect((await rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出')).texts[0]).toContain(
      '已绑定「青山村党支部」（流出地支部）',
    );
    expect((await rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入')).texts[0]).toContain('流入地支部');
    expect((await rt.say('u_sec', 'g_home', '报到 王书记 广东广州')).texts[0]).toContain('报到成功');
    const r = await rt.say('u_admin', 'g_home', '设为书记 王书记');
    expect(r.texts[0]).toContain('已设王书记为「青山村党支部」支部书记');
    expect(r.replies[1]).toMatchObject({ chatId: 'u_sec' });
  });

  test('three members check in; the host check-in notifies the home secretary (双报)', async () => {
    const a = await rt.say(
      'u_a',
      'g_home',
      '报到 张三 广东广州 性别：男 出生：1990-05 电话：13800138000 外出：2025-03',
    );
    expect(a.texts[0]).toMatch(/回执号：BD20261201\d{4}/);
    expect(a.texts[0]).toContain('138****8000');
    expect(a.texts[0]).not.toContain('13800138000');
    await rt.say('u_b', 'g_home', '报到 李四 佛山');
    await rt.say('u_c', 'g_home', '报到　赵五　广东深圳　性别：女'); // full-width spaces
    const host = await rt.say('u_a', 'g_host', '报到 张三 广东广州');
    expect(host.replies.find((x) => x.chatId === 'g_host')?.text).toContain('已通知流出地支部书记');
    expect(host.replies.find((x) => x.chatId === 'u_sec')?.text).toContain('双报提醒：党员张三已在「广州流动党支部」');
  });

  test('a member may not publish; the secretary publishes and the task is posted', async () => {
    const refused = await rt.say('u_a', 'g_home', '发布任务 学习\n截止：2026-12-07 18:00');
    expect(refused.texts[0]).toContain('是支部书记的命令，你暂时没有权限');
    const pub = await rt.say(
      'u_sec',
      'g_home',
      '发布任务 学习党章\n内容：学习党章第一章\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：20',
    );
    expect(pub.texts[0]).toContain('新任务 #1《学习党章》');
    expect(pub.texts[0]).toContain('截止：2026-12-07 18:00');
  });

  test('two members submit, one twice with the same msgId; points count once', async () => {
    const photo = await rt.say('u_a', 'g_home', '#1', { images: [PNG_A], msgId: 'm-photo' });
    expect(photo.texts[0]).toContain('+10 分');
    const dup = await rt.say('u_a', 'g_home', '#1', { images: [PNG_A], msgId: 'm-photo' });
    expect(dup.body.duplicate).toBe(true);
    expect(dup.texts).toEqual([]);
    const note = await rt.say('u_b', 'g_home', '＃1 今天认真学习了党章第一章，深刻理解了党的性质和宗旨。');
    expect(note.texts[0]).toContain('已收到 #1');
    const again = await rt.say('u_b', 'g_home', '#1 补充：学习了党章第一章总纲部分，体会很深，要落实到工作中。');
    expect(again.texts[0]).toContain('积分不重复计算');
  });

  test('积分, 排名, 统计 and 提醒 answer correctly', async () => {
    expect((await rt.say('u_a', 'g_home', '积分')).texts[0]).toBe(
      '张三的积分：累计 10 分，本周 10 分，本月 10 分\n「青山村党支部」10 分，第 1 名（共 4 人）\n「广州流动党支部」0 分，第 1 名（共 1 人）',
    );
    const rank = (await rt.say('u_c', 'g_home', '排名')).texts[0];
    expect(rank).toContain('1. 李四 10 分\n1. 张三 10 分');
    expect(rank).not.toMatch(/ 0 分/);
    const stats = (await rt.say('u_sec', 'g_home', '统计 #1')).texts[0];
    expect(stats).toContain('已提交 2/4');
    expect(stats).toContain('未提交（2）：王书记、赵五');
    const remind = await rt.say('u_sec', 'g_home', '提醒 #1');
    expect(remind.replies).toHaveLength(1);
    expect(remind.replies[0].mentions?.sort()).toEqual(['u_c', 'u_sec']);
    expect(remind.texts[0]).toContain('@赵五');
  });

  test("the transcript holds both sides, including the bot's posts", async () => {
    const log = await rt.transcript('g_home');
    expect(log.some((m) => m.from === 'u_a' && m.text.includes('[图片]'))).toBe(true);
    expect(log.some((m) => m.from === 'bot' && m.text.includes('新任务 #1'))).toBe(true);
    const privateChat = await rt.transcript('u_sec');
    expect(privateChat.some((m) => m.text.includes('双报提醒'))).toBe(true);
  });

  test("a second member's different photo is stored as its own proof, byte for byte", async () => {
    expect((await rt.say('u_c', 'g_home', '#1', { images: [PNG_B], msgId: 'm-photo-b' })).texts[0]).toContain('+10 分');
    const { store } = rt.services;
    const [task] = await store.tasks.listByBranches((await store.branches.list()).map((b) => b.id));
    const withPhotos = (await store.submissions.listByTask(task.id)).filter((s) => s.media.length > 0);
    expect(withPhotos).toHaveLength(2);
    for (const [png, userName] of [
      [PNG_A, '张三'],
      [PNG_B, '赵五'],
    ]) {
      const sha = createHash('sha256').update(Buffer.from(png, 'base64')).digest('hex');
      expect((await store.blobs.get(sha))?.bytes.equals(Buffer.from(png, 'base64'))).toBe(true);
      const owners = await Promise.all(
        (await store.submissions.findByMediaHash(sha)).map((s) => store.members.get(s.memberId)),
      );
      expect(owners.map((m) => m?.name)).toEqual([userName]);
    }
  });
});
