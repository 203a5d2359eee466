import type { SentFrame } from './helpers/fake-aibot-server';
import { FakeAibotServer } from './helpers/fake-aibot-server';
import { enforceSessions, type SessionRules } from './helpers/fake-aibot-sessions';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { waitUntil } from './helpers/wait-until';
import { aibotFixture, attachWs } from './helpers/wecom-env';
import type { AibotWsChannel } from '../../../src/platforms/wecom/aibot-ws-channel';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import type { WireJson } from '../../helpers/wire-json';

const HOME = 'wrkHOMEgroup';
const KEY = '693a91f6-7c3e-4bc4-97a0-0ec2e1f5aaa1';

describe('WeCom routes for scheduled posts: sessions, webhooks, held posts, per-conversation limits', () => {
  let api: FakeWecomApi;
  let server: FakeAibotServer;
  let rules: SessionRules;
  let rt: TestRuntime;
  let ws: AibotWsChannel;
  let seq = 0;
  const pushes = (chatId: string) => server.sent.filter((f) => f.cmd === 'aibot_send_msg' && f.body.chatid === chatId);
  const post = (chatId: string, text: string, chatType: 'group' | 'single' = 'group') =>
    rt.services.outbox.enqueue({ target: { platform: 'wecom', chatId, chatType }, text });

  /** A member's message in a chat (group chatid, or 1:1 when chatId is omitted); resolves with the bot's answer frame. */
  async function say(userId: string, text: string, chatId?: string): Promise<SentFrame | undefined> {
    const base = aibotFixture(chatId ? 'text-group' : 'text-single', { API: api.base });
    const frame: Record<string, WireJson> = {
      ...base,
      msgid: `route-${++seq}`,
      from: { userid: userId },
      text: { content: chatId ? `@支部机器人 ${text}` : text },
    };
    if (chatId) frame.chatid = chatId;
    delete frame.response_url;
    const reqId = rules.push(frame);
    await server.waitFor(() => server.sent.some((f) => f.reqId === reqId));
    return server.sent.find((f) => f.reqId === reqId);
  }

  async function quietGroup(chatId: string): Promise<void> {
    const branchId = (await rt.services.store.chats.get('wecom', HOME))!.branchId!;
    await rt.services.store.chats.upsertSeen(
      { platform: 'wecom', chatId, chatType: 'group', title: `群${chatId}` },
      rt.clock.now(),
    );
    await rt.services.store.chats.bindBranch('wecom', chatId, branchId);
  }

  beforeAll(async () => {
    api = await new FakeWecomApi(() => rt.clock.now().getTime()).start();
    api.webhookKeys.add(KEY);
    server = await new FakeAibotServer(() => rt.clock.now().getTime()).start();
    rules = enforceSessions(server);
    rt = await testRuntime({ WECOM_API_BASE: api.base, ZHIBU_ADMINS: 'sim:u_admin,wecom:admin' });
    ws = attachWs(rt, server.url, api.base).ws;
    await ws.start!();
    await ws.connection.whenConnected();
    await say('admin', '绑定支部 青山村党支部 流出', HOME);
    await say('wangshuji', '报到 王书记 广东广州', HOME);
    await say('admin', '设为书记 王书记', HOME);
    await say('wangshuji', '帮助');
    await rt.outbox.drainOnce();
  });
  afterAll(async () => {
    await ws.stop!();
    await rt.stop();
    await server.stop();
    await api.stop();
    cleanupTempDirs();
  });

  test('a group nobody has messaged the bot in: the post is held, not pushed; the secretary is told once, 1:1, with the fix', async () => {
    await quietGroup('wrkQUIET1');
    const first = await post('wrkQUIET1', '📌 本周任务 #1');
    const second = await post('wrkQUIET1', '📌 本周任务 #2');
    await rt.outbox.drainOnce();
    await rt.outbox.drainOnce();
    expect(pushes('wrkQUIET1')).toEqual([]);
    expect((await rt.services.store.outbox.get(first.id))?.status).toBe('pending');
    expect((await rt.services.store.outbox.get(second.id))?.status).toBe('pending');
    const notices = pushes('wangshuji').filter((f) => f.body.markdown.content.includes('群wrkQUIET1'));
    expect(notices).toHaveLength(1);
    expect(notices[0].body.markdown.content).toMatch(/@机器人[\s\S]*设置推送/);
    // As soon as a member messages the bot there, the held posts go out, in order, without waiting for a retry.
    await say('lisi', '帮助', 'wrkQUIET1');
    await waitUntil(() => pushes('wrkQUIET1').length === 2);
    expect(pushes('wrkQUIET1').map((f) => f.body.markdown.content)).toEqual(['📌 本周任务 #1', '📌 本周任务 #2']);
    expect(pushes('wangshuji').filter((f) => f.body.markdown.content.includes('群wrkQUIET1'))).toHaveLength(1);
  });

  test('WeCom refuses a push for lack of a session: no blind retries, the chat is marked, the post goes out after the next message', async () => {
    await quietGroup('wrkLAPSED');
    await say('lisi', '帮助', 'wrkLAPSED');
    rules.forget('wrkLAPSED');
    const item = await post('wrkLAPSED', '🏆 本月排名');
    await rt.outbox.drainOnce();
    expect(
      pushes('wrkLAPSED')
        .filter((f) => f.body.markdown?.content === '🏆 本月排名')
        .map((f) => f.accepted),
    ).toEqual([false]);
    expect((await rt.services.store.chats.get('wecom', 'wrkLAPSED'))?.push).toMatchObject({ aibotSession: 'needed' });
    rt.clock.advance(10 * 60_000);
    await rt.outbox.drainOnce();
    expect(pushes('wrkLAPSED').filter((f) => f.body.markdown?.content === '🏆 本月排名')).toHaveLength(1);
    expect(await rt.services.store.outbox.get(item.id)).toMatchObject({ status: 'pending' });
    expect(pushes('wangshuji').filter((f) => f.body.markdown.content.includes('群wrkLAPSED'))).toHaveLength(1);
    await say('lisi', '积分', 'wrkLAPSED');
    await waitUntil(async () => (await rt.services.store.outbox.get(item.id))?.status === 'sent');
    expect(
      pushes('wrkLAPSED')
        .filter((f) => f.body.markdown?.content === '🏆 本月排名')
        .map((f) => f.accepted),
    ).toEqual([false, true]);
  });

  test('a group with both a webhook and a session: scheduled posts take the webhook (设置推送) first', async () => {
    await quietGroup('wrkHOOKED');
    await say('lisi', '帮助', 'wrkHOOKED');
    const chat = await rt.services.store.chats.get('wecom', 'wrkHOOKED');
    await rt.services.store.chats.setPush('wecom', 'wrkHOOKED', { ...chat!.push, webhookKey: KEY });
    await post('wrkHOOKED', '📌 经群机器人发出');
    await rt.outbox.drainOnce();
    expect(api.calls('/cgi-bin/webhook/send').map((c) => c.body.markdown.content)).toContain('📌 经群机器人发出');
    expect(pushes('wrkHOOKED').filter((f) => f.body.markdown?.content === '📌 经群机器人发出')).toEqual([]);
  });

  test('AI-bot limits are per conversation: 30 a minute in one chat while another chat is not slowed by it', async () => {
    rt.clock.advance(3_600_000);
    await say('zhaoliu', '帮助');
    await say('qianqi', '帮助');
    await rt.outbox.drainOnce();
    rt.clock.advance(3_600_000);
    for (let i = 0; i < 35; i++) await post('zhaoliu', `提醒 ${i}`, 'single');
    for (let i = 0; i < 5; i++) await post('qianqi', `提醒 ${i}`, 'single');
    await rt.outbox.drainOnce();
    expect(pushes('zhaoliu').filter((f) => f.body.markdown.content.startsWith('提醒'))).toHaveLength(30);
    expect(pushes('qianqi').filter((f) => f.body.markdown.content.startsWith('提醒'))).toHaveLength(5);
    rt.clock.advance(61_000);
    await rt.outbox.drainOnce();
    const all = pushes('zhaoliu').filter((f) => f.body.markdown.content.startsWith('提醒'));
    expect(all.map((f) => f.body.markdown.content)).toEqual(Array.from({ length: 35 }, (_, i) => `提醒 ${i}`));
    for (let i = 0; i + 30 < all.length; i++) expect(all[i + 30].at - all[i].at).toBeGreaterThanOrEqual(60_000);
  });

  test('AI-bot markdown goes up to 20480 bytes in one push (not split at 4096)', async () => {
    rt.clock.advance(3_600_000);
    const text = Array.from({ length: 300 }, (_, i) => `第${i}条：学习要点与心得体会`).join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(8_000);
    await post('zhaoliu', text, 'single');
    await rt.outbox.drainOnce();
    expect(pushes('zhaoliu').at(-1)!.body.markdown.content).toBe(text);
  });

  test('a reply 2 hours after the message still goes in-thread (the long connection allows 24 h)', async () => {
    const reqId = rules.push({
      ...aibotFixture('text-single', { API: api.base }),
      msgid: 'late-1',
      from: { userid: 'zhaoliu' },
      msgtype: 'hologram',
    });
    const at = rt.clock.now().toISOString();
    rt.clock.advance(2 * 3_600_000);
    await rt.services.outbox.enqueue({
      target: { platform: 'wecom', chatId: 'zhaoliu', chatType: 'single' },
      text: '迟到的回复',
      replyHint: { via: 'aibot-ws', reqId, at },
    });
    await rt.outbox.drainOnce();
    expect(server.sent.filter((f) => f.reqId === reqId).map((f) => [f.cmd, f.accepted])).toEqual([
      ['aibot_respond_msg', true],
    ]);
  });

  test('an errcode nobody has described is retried a bounded number of times, then reported to the secretary', async () => {
    rt.clock.advance(3_600_000);
    server.sendErrors.push(777_001, 777_001, 777_001, 777_001);
    const item = await post(HOME, '📌 未知错误');
    for (let i = 0; i < 6 && (await rt.services.store.outbox.get(item.id))?.status !== 'failed'; i++) {
      await rt.outbox.drainOnce();
      rt.clock.advance(10 * 60_000);
    }
    const failed = await rt.services.store.outbox.get(item.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('777001') });
    await rt.outbox.drainOnce();
    expect(pushes('wangshuji').some((f) => f.body.markdown.content.includes('没能发出'))).toBe(true);
  });

  test("检查推送 (secretary, in a group): each of the branch's groups with its route, readiness and fix; members are refused", async () => {
    await quietGroup('wrkNEWGRP');
    const refused = await say('lisi', '检查推送', HOME);
    expect(refused!.body.stream.content).toContain('是支部书记的命令');
    const reply = (await say('wangshuji', '检查推送', HOME))!.body.stream.content as string;
    expect(reply).toContain('⚠️ 推送检查');
    expect(reply).toMatch(/✅ 就绪｜wecom｜群「[^」]*」｜智能机器人主动推送（会话有效/);
    expect(reply).toMatch(
      /❌ 未就绪｜wecom｜群「群wrkNEWGRP」｜无可用线路（还没有人在该群 @机器人 发过消息）\n {3}➜ 请任一成员在该群 @机器人 发一条消息/,
    );
    expect(reply).toMatch(/✅ 就绪｜wecom｜群「群wrkHOOKED」｜群机器人 webhook/);
    expect(
      api.calls('/cgi-bin/webhook/send').filter((c) => String(c.body?.text?.content ?? '').includes('推送测试')),
    ).toEqual([]);
  });
});
