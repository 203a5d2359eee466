import { cleanupTempDirs } from '../../helpers/temp-dir';
import { dingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';
import { fixture, PNG } from './fixtures';

const GROUP = 'cidGroupQingshan0001==';

/**
 * The loop on DingTalk through signed HTTP callbacks: a host branch bound in a DingTalk group, a task, proof with a
 * picture, a redelivery, a member who also belongs to a home branch on another platform, and pushes after the
 * session webhook has expired.
 */
describe('DingTalk end to end (HTTP callback mode, fake DingTalk)', () => {
  let d: DingtalkRuntime;
  const store = () => d.rt.services.store;

  beforeAll(async () => {
    d = await dingtalkRuntime();
    await d.say('staff_admin', '管理员', '绑定支部 广州流动党支部 流入');
    await d.say('staff_wang', '王书记', '报到 王书记 广东广州');
    await d.say('staff_admin', '管理员', '设为书记 王书记');
    await d.say(
      'staff_wang',
      '王书记',
      '发布任务 学习党章\n内容：学习党章第一章\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：20',
    );
  });
  afterAll(async () => {
    await d.close();
    cleanupTempDirs();
  });

  test('setup went through DingTalk: the group is bound and the task posted back through the session webhook', async () => {
    expect((await store().chats.get('dingtalk', GROUP))?.branchId).toBeDefined();
    expect(d.sessionReplies().some((r) => r.content.includes('新任务 #1《学习党章》'))).toBe(true);
  });

  test('a member in a WeCom/sim home branch who checks in on DingTalk is one member with one ledger and one rank', async () => {
    await d.rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
    await d.rt.say('u_zs', 'g_home', '报到 张三 广东广州');
    // The DingTalk account is proven with a binding code from the simulator's 1:1 chat before it checks in.
    const code = /绑定 (\S+)/.exec((await d.rt.say('u_zs', 'u_zs', '绑定码')).texts[0])![1];
    await d.say('staff_zhangsan', '张三', `绑定 ${code}`);
    await d.say('staff_zhangsan', '张三', '报到 张三 广东广州');
    const [member, ...others] = await store().members.findByName('张三');
    expect(others).toEqual([]);
    expect((await store().identities.listByMember(member.id)).map((i) => `${i.platform}:${i.userId}`).sort()).toEqual([
      'dingtalk:staff_zhangsan',
      'sim:u_zs',
    ]);
    expect(member.homeBranchId).not.toBe(member.hostBranchId);
    expect(d.sessionReplies().at(-1)?.content).toContain('张三 报到成功');
  });

  test('a group @-message with a picture and #1 is one submission with the bytes stored; the reply @s the member', async () => {
    d.fake.files.set('dlRich0001', { bytes: PNG, type: 'application/octet-stream' });
    const payload = { ...fixture('richtext-group'), msgId: 'msgProof0001' };
    payload.content.richText = payload.content.richText.slice(0, 4);
    expect((await d.post(payload)).status).toBe(200);
    await d.settle();
    const [member] = await store().members.findByName('张三');
    const sub = await store().submissions.find(1, member.id);
    expect(sub).toMatchObject({ status: 'accepted', note: '今天学习了党章第一章' });
    expect(sub!.media).toHaveLength(1);
    expect(await store().blobs.get(sub!.media[0].sha256)).toEqual({ bytes: PNG, ext: 'png' });
    const reply = d.sessionReplies().at(-1)!;
    expect(reply.content).toMatch(
      /^@staff_zhangsan ✅ 张三：已收到 #1《学习党章》的提交（图片1张、文字\d+字），\+10 分/,
    );
    expect(reply.atUserIds).toEqual(['staff_zhangsan']);

    // DingTalk delivers the same message again (~60 s later): nothing changes.
    const before = {
      ledger: (await store().ledger.listByMember(member.id)).length,
      replies: d.sessionReplies().length,
      downloads: d.fake.callsTo('/v1.0/robot/messageFiles/download').length,
    };
    d.rt.clock.advance(60_000);
    expect((await d.post(payload)).status).toBe(200);
    await d.settle();
    expect({
      ledger: (await store().ledger.listByMember(member.id)).length,
      replies: d.sessionReplies().length,
      downloads: d.fake.callsTo('/v1.0/robot/messageFiles/download').length,
    }).toEqual(before);
    expect(await store().submissions.listByTask(1)).toHaveLength(1);
  });

  test('points from both platforms land on one ledger: 积分 reads the same total and rank on DingTalk and on the sim', async () => {
    await d.rt.say('u_admin', 'g_home', '发布任务 家乡支部学习\n截止：2026-12-07 18:00\n分值：5\n证明：文字\n字数：10');
    const sim = await d.rt.say('u_zs', 'g_home', '#2 在家乡支部学习了党的基本知识和优良传统');
    expect(sim.texts[0]).toContain('+5 分');
    const [member] = await store().members.findByName('张三');
    expect((await store().ledger.listByMember(member.id)).map((e) => e.delta).sort()).toEqual([10, 5].sort());
    await d.say('staff_zhangsan', '张三', '积分');
    const onDingtalk = d
      .sessionReplies()
      .at(-1)!
      .content.replace(/^@staff_zhangsan /, '');
    const onSim = (await d.rt.say('u_zs', 'g_home', '积分')).texts[0];
    expect(onDingtalk).toMatch(/^张三的积分：累计 15 分/);
    expect(onSim).toMatch(/^张三的积分：累计 15 分/);
  });

  test('after the session webhook expired, a late reply and a scheduled post go through groupMessages/send', async () => {
    const payload = { ...fixture('text-group'), msgId: 'msgLate0001', senderStaffId: 'staff_zhangsan' };
    d.rt.clock.advance(2 * 60 * 60_000); // the message's sessionWebhookExpiredTime (T0 + 90 min) is behind us
    const sessionsBefore = d.sessionReplies().length;
    expect((await d.post(payload)).status).toBe(200);
    await d.settle();
    await d.rt.services.outbox.enqueue({
      target: { platform: 'dingtalk', chatId: GROUP, chatType: 'group' },
      text: '📊 本周积分排名',
    });
    await d.rt.outbox.drainOnce();
    expect(d.sessionReplies()).toHaveLength(sessionsBefore);
    const sends = d.fake
      .callsTo('/v1.0/robot/groupMessages/send')
      .map((c) => ({ to: c.body.openConversationId, content: JSON.parse(c.body.msgParam).content }));
    expect(sends.at(-2)).toEqual({ to: GROUP, content: expect.stringMatching(/^张三的积分：累计 15 分/) });
    expect(sends.at(-1)).toEqual({ to: GROUP, content: '📊 本周积分排名' });
    const log = await store().chatLog.list('dingtalk', GROUP);
    expect(log.at(-1)).toMatchObject({ from: 'bot', text: '📊 本周积分排名' });
  });
});
