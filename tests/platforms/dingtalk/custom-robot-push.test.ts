import { cleanupTempDirs } from '../../helpers/temp-dir';
import { dingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

const GROUP = 'cidGroupQingshan0001==';
const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const TOKEN = 'robottoken0123456789abcdef';
const WEBHOOK = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;

describe('设置推送 / 添加推送群 with a DingTalk custom robot (加签): pushes that can @', () => {
  let d: DingtalkRuntime;
  const store = () => d.rt.services.store;
  const lastReply = () => d.sessionReplies().at(-1)!.content;

  beforeAll(async () => {
    d = await dingtalkRuntime();
    d.fake.robots.set(TOKEN, SECRET);
    d.fake.robots.set('secondrobottoken0123', SECRET);
    await d.say('staff_admin', '管理员', '绑定支部 广州流动党支部 流入');
  });
  afterAll(async () => {
    await d.close();
    cleanupTempDirs();
  });

  test('bad input gets the correct form and changes nothing', async () => {
    await d.say('staff_admin', '管理员', '设置推送 https://example.com/hook');
    expect(lastReply()).toContain('格式不对：「Webhook地址」应为钉钉自定义机器人的完整地址');
    await d.say('staff_admin', '管理员', `设置推送 ${WEBHOOK} SEC!!`);
    expect(lastReply()).toContain('「加签密钥」应为');
    expect((await store().chats.get('dingtalk', GROUP))?.push).toBeUndefined();
  });

  test('a member who is not a secretary is refused', async () => {
    await d.say('staff_x', '路人', `设置推送 ${WEBHOOK} ${SECRET}`);
    expect(lastReply()).toContain('是支部书记的命令');
    expect((await store().chats.get('dingtalk', GROUP))?.push).toBeUndefined();
  });

  test('设置推送 in the group: stored on the chat, the secret never echoed or audited', async () => {
    await d.say('staff_admin', '管理员', `设置推送 ${WEBHOOK} ${SECRET}`);
    expect((await store().chats.get('dingtalk', GROUP))?.push).toEqual({ webhook: WEBHOOK, secret: SECRET });
    expect(lastReply()).toContain('钉钉自定义机器人 robo…cdef，已加签');
    expect(lastReply()).not.toContain(SECRET);
    expect(JSON.stringify(await store().audit.list(5))).not.toContain(SECRET);
  });

  test('a later push to the group goes through the custom robot, signed (the fake verifies), and really @s the members', async () => {
    await d.rt.services.outbox.enqueue({
      target: { platform: 'dingtalk', chatId: GROUP, chatType: 'group' },
      text: '⏰ 请尽快提交：@staff_a',
      mentions: ['staff_a'],
    });
    await d.rt.outbox.drainOnce();
    const calls = d.fake.callsTo('/robot/send');
    expect(calls).toHaveLength(1);
    expect(calls[0].query.access_token).toBe(TOKEN);
    expect(calls[0].body.at).toEqual({ atUserIds: ['staff_a'], isAtAll: false });
    expect(d.fake.callsTo('/v1.0/robot/groupMessages/send')).toHaveLength(0);
    // A signature the fake rejected (310000) would have failed the item.
    expect(await store().outbox.listFailed(10)).toEqual([]);
  });

  test("添加推送群 from a 1:1 chat registers a group that has only a custom robot; it gets the branch's task posts", async () => {
    await d.say('staff_admin', '管理员', '报到 管理员甲 广东广州');
    await d.say('staff_admin', '管理员', '设为书记 管理员甲');
    const single = {
      conversationType: '1',
      conversationId: 'cidSingleAdmin',
      sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=sess-admin',
    };
    await d.say(
      'staff_admin',
      '管理员',
      `添加推送群 广州流动党员二群 https://oapi.dingtalk.com/robot/send?access_token=secondrobottoken0123 ${SECRET}`,
      single,
    );
    const chats = await store().chats.listByBranch((await store().chats.get('dingtalk', GROUP))!.branchId!);
    const pushOnly = chats.find((c) => c.title === '广州流动党员二群')!;
    expect(pushOnly).toMatchObject({ platform: 'dingtalk', chatType: 'group', push: { secret: SECRET } });
    expect(lastReply()).toContain('已登记推送群「广州流动党员二群」');
    expect(lastReply()).not.toContain(SECRET);
    const toSecond = () =>
      d.fake
        .callsTo('/robot/send')
        .filter((c) => c.query.access_token === 'secondrobottoken0123')
        .map((c) => c.body.text.content);
    expect(toSecond()).toEqual([expect.stringContaining('推送测试')]);
    await d.say(
      'staff_admin',
      '管理员',
      '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：20',
    );
    expect(toSecond().join('\n')).toContain('新任务 #1《学习党章》');
    expect(await store().outbox.listFailed(10)).toEqual([]);
  });

  test('关闭 removes a robot; pushes go back to the enterprise robot', async () => {
    await d.say('staff_admin', '管理员', '设置推送 关闭');
    expect((await store().chats.get('dingtalk', GROUP))?.push).toBeUndefined();
    await d.rt.services.outbox.enqueue({
      target: { platform: 'dingtalk', chatId: GROUP, chatType: 'group' },
      text: '周报',
    });
    await d.rt.outbox.drainOnce();
    expect(d.fake.callsTo('/v1.0/robot/groupMessages/send').map((c) => JSON.parse(c.body.msgParam).content)).toContain(
      '周报',
    );
    await d.say('staff_admin', '管理员', '添加推送群 广州流动党员二群 关闭');
    const chats = await store().chats.listByBranch((await store().chats.get('dingtalk', GROUP))!.branchId!);
    expect(chats.find((c) => c.title === '广州流动党员二群')?.push).toBeUndefined();
  });
});

describe('monthly quota warnings reach the admins', () => {
  let d: DingtalkRuntime;
  beforeAll(async () => {
    d = await dingtalkRuntime({ DINGTALK_MONTHLY_QUOTA: '6', DINGTALK_QUOTA_WARN_PERCENT: '50' });
  });
  afterAll(async () => {
    await d.close();
    cleanupTempDirs();
  });

  test('crossing 50 % of 6 webhook+stream calls warns each admin once, 1:1, on their own platform', async () => {
    await d.say('staff_x', '甲', '帮助'); // 1 in, 1 reply = 2
    await d.say('staff_x', '甲', '帮助'); // 4: the warning at 3 is sent
    const oto = d.fake.callsTo('/v1.0/robot/oToMessages/batchSend');
    expect(oto).toHaveLength(1);
    expect(oto[0].body.userIds).toEqual(['staff_admin']);
    expect(JSON.parse(oto[0].body.msgParam).content).toContain('钉钉额度提醒：本月（2026-12）');
    const simAdmin = await d.rt.services.store.chatLog.list('sim', 'u_admin');
    expect(simAdmin.map((e) => e.text).join('\n')).toContain('钉钉额度提醒');
    await d.say('staff_x', '甲', '帮助');
    await d.say('staff_x', '甲', '帮助');
    expect(
      d.fake
        .callsTo('/v1.0/robot/oToMessages/batchSend')
        .map((c) => JSON.parse(c.body.msgParam).content as string)
        .filter((t) => t.includes('额度')),
    ).toEqual([expect.stringContaining('额度提醒'), expect.stringContaining('额度已用完')]);
  });
});
