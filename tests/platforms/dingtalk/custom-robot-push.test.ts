import { cleanupTempDirs } from '../../helpers/temp-dir';
import { dingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

const GROUP = 'cidGroupQingshan0001==';
const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const TOKEN = 'robottoken0123456789abcdef';
const WEBHOOK = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;

describe('设置钉钉推送: custom-robot webhooks for pushes that can @', () => {
  let d: DingtalkRuntime;
  const store = () => d.rt.services.store;
  const lastReply = () => d.sessionReplies().at(-1)!.content;

  beforeAll(async () => {
    d = await dingtalkRuntime();
    d.fake.robots.set(TOKEN, SECRET);
    d.fake.robots.set('secondrobottoken0123', SECRET);
    await d.say('staff_admin', '管理员', '绑定支部 广州流动党支部 流入');
  });
  afterAll(async () => { await d.close(); cleanupTempDirs(); });

  test('bad input gets the correct form and changes nothing', async () => {
    await d.say('staff_admin', '管理员', '设置钉钉推送 https://example.com/hook');
    expect(lastReply()).toContain('格式不对：「Webhook地址」应为钉钉自定义机器人的完整地址');
    await d.say('staff_admin', '管理员', `设置钉钉推送 ${WEBHOOK} SEC!!`);
    expect(lastReply()).toContain('「加签密钥」应为');
    expect((await store().chats.get('dingtalk', GROUP))?.push).toBeUndefined();
  });

  test('a member who is not a secretary is refused', async () => {
    await d.say('staff_x', '路人', `设置钉钉推送 ${WEBHOOK} ${SECRET}`);
    expect(lastReply()).toContain('是支部书记的命令');
    expect((await store().chats.get('dingtalk', GROUP))?.push).toBeUndefined();
  });

  test('set in the group: stored on the chat, never echoed, and a signed test post goes out through the robot', async () => {
    await d.say('staff_admin', '管理员', `设置钉钉推送 ${WEBHOOK} ${SECRET}`);
    expect((await store().chats.get('dingtalk', GROUP))?.push).toEqual({ webhook: WEBHOOK, secret: SECRET });
    expect(lastReply()).toContain('已为本群设置钉钉自定义机器人推送（加签密钥已保存，不会显示）');
    expect(lastReply()).not.toContain(SECRET);
    const [test] = d.fake.callsTo('/robot/send');
    expect(test.query.access_token).toBe(TOKEN);
    expect(test.body.text.content).toContain('推送测试');
    expect(JSON.stringify(await store().audit.list(5))).not.toContain(SECRET);
    // The fake checked the 加签 signature: a mismatch would have failed the item.
    expect(await store().outbox.listFailed(10)).toEqual([]);
  });

  test('a later push to the group goes through the custom robot and really @s the members', async () => {
    const before = d.fake.callsTo('/robot/send').length;
    await d.rt.services.outbox.enqueue({ target: { platform: 'dingtalk', chatId: GROUP, chatType: 'group' }, text: '⏰ 请尽快提交：@staff_a', mentions: ['staff_a'] });
    await d.rt.services.outbox.drainOnce();
    const calls = d.fake.callsTo('/robot/send');
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)!.body.at).toEqual({ atUserIds: ['staff_a'], isAtAll: false });
    expect(d.fake.callsTo('/v1.0/robot/groupMessages/send')).toHaveLength(0);
  });

  test('a group that has only a custom robot is registered by name from a 1:1 chat and gets the branch\'s task posts', async () => {
    await d.say('staff_admin', '管理员', '报到 管理员甲 广东广州');
    await d.say('staff_admin', '管理员', '设为书记 管理员甲');
    const single = { conversationType: '1', conversationId: 'cidSingleAdmin', sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=sess-admin' };
    await d.say('staff_admin', '管理员', `设置钉钉推送 https://oapi.dingtalk.com/robot/send?access_token=secondrobottoken0123 ${SECRET} 群名：广州流动党员二群`, single);
    const chats = await store().chats.listByBranch((await store().chats.get('dingtalk', GROUP))!.branchId!);
    const pushOnly = chats.find((c) => c.title === '广州流动党员二群')!;
    expect(pushOnly).toMatchObject({ platform: 'dingtalk', chatType: 'group', push: { secret: SECRET } });
    expect(lastReply()).toContain('已为「广州流动党员二群」设置');
    await d.say('staff_admin', '管理员', '发布任务 学习党章\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：20');
    const toSecond = d.fake.callsTo('/robot/send').filter((c) => c.query.access_token === 'secondrobottoken0123');
    expect(toSecond.map((c) => c.body.text.content).join('\n')).toContain('新任务 #1《学习党章》');
  });

  test('关闭 removes the robot; pushes go back to the enterprise robot', async () => {
    await d.say('staff_admin', '管理员', '设置钉钉推送 关闭');
    expect((await store().chats.get('dingtalk', GROUP))?.push).toBeUndefined();
    await d.rt.services.outbox.enqueue({ target: { platform: 'dingtalk', chatId: GROUP, chatType: 'group' }, text: '周报' });
    await d.rt.services.outbox.drainOnce();
    expect(d.fake.callsTo('/v1.0/robot/groupMessages/send').map((c) => JSON.parse(c.body.msgParam).content)).toContain('周报');
  });

  test('on another platform the command explains where it works', async () => {
    const r = await d.rt.say('u_admin', 'g_sim', '设置钉钉推送 关闭');
    expect(r.texts.join('\n')).toMatch(/只用于钉钉群|绑定支部/);
  });
});

describe('monthly quota warnings reach the admins', () => {
  let d: DingtalkRuntime;
  beforeAll(async () => { d = await dingtalkRuntime({ DINGTALK_MONTHLY_QUOTA: '6', DINGTALK_QUOTA_WARN_PERCENT: '50' }); });
  afterAll(async () => { await d.close(); cleanupTempDirs(); });

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
    expect(d.fake.callsTo('/v1.0/robot/oToMessages/batchSend').map((c) => JSON.parse(c.body.msgParam).content as string).filter((t) => t.includes('额度')))
      .toEqual([expect.stringContaining('额度提醒'), expect.stringContaining('额度已用完')]);
  });
});
