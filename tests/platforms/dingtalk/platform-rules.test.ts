import { cleanupTempDirs } from '../../helpers/temp-dir';
import { dingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

const GROUP = 'cidGroupQingshan0001==';
const TOKEN = 'robottoken0123456789abcdef';
const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const group = { platform: 'dingtalk' as const, chatId: GROUP, chatType: 'group' as const };

describe('DingTalk as documented: throttling, msgUuid, errorCode 20001, per-robot pacing by parts', () => {
  let d: DingtalkRuntime;
  const outbox = () => d.rt.outbox;
  const store = () => d.rt.services.store;

  beforeEach(async () => {
    d = await dingtalkRuntime();
    d.fake.robots.set(TOKEN, SECRET);
    await d.say('staff_admin', '管理员', '绑定支部 广州流动党支部 流入');
  });
  afterEach(async () => {
    await d.close();
  });
  afterAll(cleanupTempDirs);

  async function drainFor(ms: number, stepMs = 1_000): Promise<void> {
    for (let t = 0; t < ms; t += stepMs) {
      await outbox().drainOnce();
      d.rt.clock.advance(stepMs);
    }
  }

  test('HTTP 400 too.many.group / too.many.people is throttling: retried with back-off, not dropped', async () => {
    d.fake.script(
      '/v1.0/robot/groupMessages/send',
      { status: 400, body: { code: 'too.many.group', message: '群消息发送过于频繁' } },
      { status: 400, body: { code: 'too.many.group', message: '群消息发送过于频繁' } },
    );
    d.fake.script('/v1.0/robot/oToMessages/batchSend', {
      status: 400,
      body: { code: 'too.many.people', message: '发送人数过多' },
    });
    const post = await outbox().enqueue({ target: group, text: '📌 本周任务' });
    const nudge = await outbox().enqueue({
      target: { platform: 'dingtalk', chatId: 'staff_a', chatType: 'single' },
      text: '⏰ 提醒',
    });
    await outbox().drainOnce();
    expect(await store().outbox.get(post.id)).toMatchObject({
      status: 'pending',
      lastError: expect.stringContaining('too.many.group'),
    });
    expect(await store().outbox.get(nudge.id)).toMatchObject({
      status: 'pending',
      lastError: expect.stringContaining('too.many.people'),
    });
    await drainFor(60_000);
    expect((await store().outbox.get(post.id))?.status).toBe('sent');
    expect((await store().outbox.get(nudge.id))?.status).toBe('sent');
    expect(
      d.fake
        .callsTo('/v1.0/robot/groupMessages/send')
        .filter((c) => JSON.parse(c.body.msgParam).content === '📌 本周任务'),
    ).toHaveLength(3);
  });

  test('custom-robot sends carry a msgUuid that is the same on every retry of an item and differs between items', async () => {
    await d.say(
      'staff_admin',
      '管理员',
      `设置推送 https://oapi.dingtalk.com/robot/send?access_token=${TOKEN} ${SECRET}`,
    );
    d.fake.script('/robot/send', { status: 200, body: { errcode: -1, errmsg: '系统繁忙' } });
    const first = await outbox().enqueue({ target: group, text: '第一条' });
    await outbox().drainOnce();
    expect((await store().outbox.get(first.id))?.status).toBe('pending');
    await drainFor(10_000);
    await outbox().enqueue({ target: group, text: '第二条' });
    await drainFor(2_000);
    const sends = d.fake.callsTo('/robot/send').map((c) => [c.body.text.content, c.body.msgUuid]);
    const uuids = sends.filter(([text]) => text === '第一条').map(([, uuid]) => uuid);
    expect(uuids).toHaveLength(2);
    expect(uuids[0]).toBeTruthy();
    expect(uuids[1]).toBe(uuids[0]);
    expect(sends.find(([text]) => text === '第二条')![1]).not.toBe(uuids[0]);
  });

  test('a custom robot paces by sent parts: long posts split in three stay under 20 per rolling minute', async () => {
    await d.say(
      'staff_admin',
      '管理员',
      `设置推送 https://oapi.dingtalk.com/robot/send?access_token=${TOKEN} ${SECRET}`,
    );
    const text = Array.from({ length: 3 }, (_, b) =>
      Array.from({ length: 180 }, (_, i) => `${b}-${i} 学习要点，请在群里回复心得`).join('\n'),
    ).join('\n');
    const before = d.fake.callsTo('/robot/send').length;
    for (let i = 0; i < 8; i++) await outbox().enqueue({ target: group, text });
    const at: number[] = [];
    d.fake.on('call', (c: { path: string }) => {
      if (c.path === '/robot/send') at.push(d.rt.clock.now().getTime());
    });
    await drainFor(4 * 60_000);
    const calls = d.fake.callsTo('/robot/send').slice(before);
    expect(calls.length).toBeGreaterThanOrEqual(24);
    for (let i = 0; i + 20 < at.length; i++) expect(at[i + 20] - at[i]).toBeGreaterThanOrEqual(60_000);
  });

  test('errorCode 20001 (monthly quota used up) gets no reply and raises the quota warning to the admins', async () => {
    const sessionsBefore = d.fake.callsTo('/robot/sendBySession').length;
    const res = await d.post({
      errorCode: '20001',
      errorMsg: '机器人发送消息额度已用完',
      conversationId: GROUP,
      conversationType: '2',
      msgId: 'quota-1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ msgtype: 'empty' });
    await d.settle();
    expect(d.fake.callsTo('/robot/sendBySession')).toHaveLength(sessionsBefore);
    const warning = d.fake
      .callsTo('/v1.0/robot/oToMessages/batchSend')
      .map((c) => [c.body.userIds, JSON.parse(c.body.msgParam).content])
      .at(-1)!;
    expect(warning[0]).toEqual(['staff_admin']);
    expect(warning[1]).toContain('钉钉额度已用完');
  });
});
