import crypto from 'node:crypto';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { refEncryptMedia } from './helpers/reference-cipher';
import { aibotFixture, botEnv, BOT } from './helpers/wecom-env';
import { openBotReply, postBot } from './helpers/wecom-requests';
import type { WireJson } from '../../helpers/wire-json';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const GROUP = 'wrkSFfCgAAgroup01';

/**
 * The whole loop in a WeCom group through the AI bot's HTTP callback, every callback encrypted and signed by the
 * independent reference implementation, media served encrypted by the fake WeCom: bind → check-in → secretary →
 * task → "@bot #1 + photo" → points; the photo callback delivered three more times changes nothing.
 */
describe('WeCom group flow (AI bot HTTP callback, end to end)', () => {
  let api: FakeWecomApi;
  let rt: TestRuntime;
  let seq = 0;

  /** Sends `text` from `userId` in the group and returns the bot's passive answer (decrypted). */
  async function say(userId: string, text: string): Promise<string> {
    const payload: Record<string, WireJson> = {
      ...aibotFixture('text-group', { API: api.base }),
      msgid: `flow-${++seq}`,
      from: { userid: userId },
    };
    payload.text = { content: `@支部机器人 ${text}` };
    const res = await postBot(rt.app, payload);
    expect(res.status).toBe(200);
    return openBotReply(res.body).stream.content;
  }

  beforeAll(async () => {
    api = await new FakeWecomApi().start();
    rt = await testRuntime(botEnv(api.base));
    api.media.set('photo-1', { bytes: refEncryptMedia(PNG, BOT.aesKey), type: 'application/octet-stream' });
  });
  afterAll(async () => {
    await rt.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test('admin binds the group, the secretary checks in and is named, and publishes a task', async () => {
    expect(await say('admin', '绑定支部 青山村党支部 流出')).toContain('已绑定「青山村党支部」');
    expect(await say('wangshuji', '报到 王书记 广东广州')).toContain('报到成功');
    expect(await say('admin', '设为书记 王书记')).toContain('已设王书记为「青山村党支部」支部书记');
    const post = await say(
      'wangshuji',
      '发布任务 学习党章\n内容：学习党章第一章\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：20',
    );
    expect(post).toContain('新任务 #1《学习党章》');
  });

  test('a member checks in and sends "@bot #1" with a photo: one submission, the decrypted bytes stored, +10', async () => {
    expect(await say('zhangsan', '报到 张三 广东广州')).toContain('报到成功');
    const photo = aibotFixture('mixed-group', { API: api.base });
    const res = await postBot(rt.app, photo);
    expect(openBotReply(res.body).stream.content).toContain('+10 分');

    const member = (await rt.services.store.members.findByName('张三'))[0];
    const submission = await rt.services.store.submissions.find(1, member.id);
    const sha = crypto.createHash('sha256').update(PNG).digest('hex');
    expect(submission?.media).toEqual([{ sha256: sha, kind: 'image' }]);
    expect((await rt.services.store.blobs.get(sha))?.bytes.equals(PNG)).toBe(true);
    expect(submission?.note).toContain('今天学习了党章第一章');
  });

  test('the same photo callback delivered three more times changes nothing', async () => {
    const photo = aibotFixture('mixed-group', { API: api.base });
    const member = (await rt.services.store.members.findByName('张三'))[0];
    const outboxBefore = await rt.services.store.outbox.depth();
    const sentBefore = (await rt.services.store.chatLog.list('wecom', GROUP)).length;
    for (let i = 0; i < 3; i++) {
      const res = await postBot(rt.app, photo);
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    await rt.bot.settled();
    expect((await rt.services.store.ledger.listByMember(member.id)).map((e) => e.delta)).toEqual([10]);
    expect(await rt.services.store.submissions.listByTask(1)).toHaveLength(1);
    expect(await rt.services.store.outbox.depth()).toBe(outboxBefore);
    expect((await rt.services.store.chatLog.list('wecom', GROUP)).length).toBe(sentBefore);
    expect(api.calls('/aibot/media/photo-1')).toHaveLength(1);
  });

  test('积分 reports the points; the transcript holds both sides', async () => {
    expect(await say('zhangsan', '积分')).toContain('累计 10 分');
    const log = await rt.services.store.chatLog.list('wecom', GROUP);
    expect(log.some((e) => e.from === 'zhangsan' && e.text.includes('[图片]'))).toBe(true);
    expect(log.some((e) => e.from === 'bot' && e.text.includes('+10 分'))).toBe(true);
  });
});
