import { AnswerTooLarge } from '../../src/platforms/http-client';
import { MAX_MEDIA_BYTES, mediaTooLarge } from '../../src/bot/media-resolver';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

const PNG_A = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_B = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const NOTE = '认真学习了党章，体会到要始终坚持全心全意为人民服务的根本宗旨。';

async function publish(rt: TestRuntime, title: string, extra = '') {
  return rt.say('u_sec', 'g_home', `发布任务 ${title}\n截止：2026-12-07 18:00\n分值：10${extra}`);
}

describe('proof submission', () => {
  let rt: TestRuntime;
  const balance = async (userId: string) => {
    const id = await rt.services.store.identities.find('sim', userId);
    return (await rt.services.store.ledger.totals([id!.memberId])).get(id!.memberId) ?? 0;
  };
  beforeEach(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广州');
    await rt.say('u_b', 'g_home', '报到 李四 佛山');
  });
  afterEach(async () => {
    await rt.stop();
  });
  afterAll(cleanupTempDirs);

  test('a photo without a code goes to the only open task', async () => {
    await publish(rt, '任务一');
    const r = await rt.say('u_a', 'g_home', '', { images: [PNG_A] });
    expect(r.texts[0]).toContain('已收到 #1《任务一》的提交（图片1张），+10 分');
    const stored = (await rt.services.store.submissions.find(
      1,
      (await rt.services.store.identities.find('sim', 'u_a'))!.memberId,
    ))!;
    expect(await rt.services.store.blobs.has(stored.media[0].sha256)).toBe(true);
  });

  test('a file past the download bound is refused as too large: nothing recorded, the member asked for a smaller one', async () => {
    await publish(rt, '任务一');
    // Stands in for a platform download that stopped at the size bound.
    const tooLarge = mediaTooLarge('wecom media', new AnswerTooLarge(MAX_MEDIA_BYTES));
    jest.spyOn(rt.services.media, 'materialize').mockRejectedValueOnce(tooLarge);
    const r = await rt.say('u_a', 'g_home', '', { images: [PNG_A] });
    expect(r.texts).toEqual(['文件太大了（上限 50 MB），没有收下，请压缩后重新发送。']);
    expect(await balance('u_a')).toBe(0);
    const memberId = (await rt.services.store.identities.find('sim', 'u_a'))!.memberId;
    expect(await rt.services.store.submissions.find(1, memberId)).toBeUndefined();
  });

  test('with several open tasks a photo is held and joined to the next message naming the task', async () => {
    await publish(rt, '任务一');
    await publish(rt, '任务二');
    const ask = await rt.say('u_a', 'g_home', '', { images: [PNG_A] });
    expect(ask.texts[0]).toContain('现在有 2 个任务在进行，请问是哪一个');
    expect(await balance('u_a')).toBe(0);
    const named = await rt.say('u_a', 'g_home', '#2');
    expect(named.texts[0]).toContain('已收到 #2《任务二》的提交（图片1张）');
    expect(await balance('u_a')).toBe(10);
  });

  test('a held photo expires after the hold time', async () => {
    await publish(rt, '任务一');
    await publish(rt, '任务二');
    await rt.say('u_a', 'g_home', '', { images: [PNG_A] });
    rt.clock.advance(11 * 60_000);
    const late = await rt.say('u_a', 'g_home', '#2');
    expect(late.texts[0]).toContain('请附上证明');
    expect(await balance('u_a')).toBe(0);
  });

  test('the same image used by another member is flagged for review, then approved or rejected', async () => {
    await publish(rt, '任务一');
    await rt.say('u_a', 'g_home', '#1', { images: [PNG_A] });
    const dup = await rt.say('u_b', 'g_home', '#1', { images: [PNG_A] });
    expect(dup.texts[0]).toContain('图片与已有的提交重复，已转支部书记审核');
    expect(await balance('u_b')).toBe(0);
    const list = await rt.say('u_sec', 'g_home', '审核 #1');
    const sid = /S(\d+) 李四/.exec(list.texts[0])![1];
    const ok = await rt.say('u_sec', 'g_home', `通过 S${sid}`);
    expect(ok.texts[0]).toContain(`已通过 S${sid}（李四，任务 #1），积分 +10`);
    expect(ok.replies.find((x) => x.chatId === 'u_b')?.text).toContain('已审核通过');
    expect(await balance('u_b')).toBe(10);
    const no = await rt.say('u_sec', 'g_home', `驳回 S${sid} 图片是别人的`);
    expect(no.texts[0]).toContain('积分 -10');
    expect(await balance('u_b')).toBe(0);
    expect((await rt.say('u_sec', 'g_home', `驳回 S${sid} 再驳回一次`)).texts[0]).not.toContain('积分');
    expect(await balance('u_b')).toBe(0);
    expect((await rt.say('u_a', 'g_home', `通过 S${sid}`)).texts[0]).toContain('没有权限');
  });

  test('resubmitting replaces the proof and never adds points twice', async () => {
    await publish(rt, '任务一');
    await rt.say('u_a', 'g_home', '#1', { images: [PNG_A] });
    const again = await rt.say('u_a', 'g_home', '#1', { images: [PNG_B] });
    expect(again.texts[0]).toContain('已更新 #1 的提交');
    expect(await balance('u_a')).toBe(10);
    const sub = await rt.services.store.submissions.listByTask(1);
    expect(sub).toHaveLength(1);
    expect(sub[0].media).toHaveLength(1);
  });

  test("a late submission is accepted, marked late and gets the late rule's points", async () => {
    await publish(rt, '任务一');
    rt.clock.set('2026-12-08T00:00:00Z');
    const r = await rt.say('u_a', 'g_home', `#1 ${NOTE}`);
    expect(r.texts[0]).toContain('逾期提交，按规则得 5 分');
    expect(await balance('u_a')).toBe(5);
  });

  test('a text note must reach the minimum length; links count where allowed', async () => {
    await publish(rt, '任务一', '\n证明：文字/链接\n字数：30');
    expect((await rt.say('u_a', 'g_home', '#1 学习了')).texts[0]).toContain('请附上证明：不少于30字的心得、链接');
    expect((await rt.say('u_a', 'g_home', '#1 https://mp.weixin.qq.com/s/abc')).texts[0]).toContain('链接1个');
    expect(await balance('u_a')).toBe(10);
  });

  test('a long enough note without a code counts for the only open task; chit-chat does not', async () => {
    await publish(rt, '任务一');
    expect((await rt.say('u_a', 'g_home', '大家好')).texts[0]).toContain('没有听懂');
    expect((await rt.say('u_a', 'g_home', NOTE)).texts[0]).toContain('已收到 #1');
  });

  test("1:1 chat: proof for a task of the member's branch", async () => {
    await publish(rt, '任务一');
    const r = await rt.say('u_a', 'u_a', '#1', {
      chatType: 'single',
      files: [{ name: '心得.pdf', base64: Buffer.from('%PDF-1.4 fake').toString('base64') }],
      images: [PNG_B],
    });
    expect(r.texts[0]).toContain('已收到 #1');
    expect(r.texts[0]).toContain('文件1个');
  });

  test('unknown task codes, tasks of other branches, and unregistered senders are answered', async () => {
    expect((await rt.say('u_a', 'g_home', '#42', { images: [PNG_A] })).texts[0]).toContain(
      '没有找到你所在支部的任务 #42',
    );
    expect((await rt.say('u_zz', 'g_home', '#1', { images: [PNG_A] })).texts[0]).toContain('请先报到');
    await rt.say('u_admin', 'g_host', '报到 管理员 广州');
    await rt.say('u_admin', 'g_host', '发布任务 流入地任务\n截止：2026-12-07 18:00');
    expect((await rt.say('u_b', 'g_home', '#1', { images: [PNG_A] })).texts[0]).toContain(
      '没有找到你所在支部的任务 #1',
    );
  });
});
