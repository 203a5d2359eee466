import { scopeBranch, type CommandSpec } from '../src/bot/commands';
import { formatTaskPost } from '../src/tasks/task-format';
import { formatDeadline } from '../src/time/parse-deadline-text';
import { parseDeadline, parseTaskBody } from '../src/tasks/task-spec';
import { screenshotRuleForNewTask } from '../src/tasks/screenshot-rule';
import { dedupeKey } from '../src/bot/incoming-message';

export const publishTask: CommandSpec = {
  name: '发布任务',
  audience: 'secretary',
  usage:
    '发布任务 <标题>，换行写 内容：… 截止：YYYY-MM-DD HH:mm 分值：N 证明：图片/截图/视频/文字/文件/链接 字数：N [关键词：…] [逾期：全分|半分|不计分]',
  summary: '发布学习任务，推送到本支部所有群',
  example:
    '发布任务 学习党的二十届四中全会精神\n内容：阅读公报全文，写学习心得\n截止：2026-12-07 18:00\n分值：10\n证明：图片/文字\n字数：50',
  async run(ctx, _args, raw) {
    const { body, fields } = parseTaskBody(raw, ['关键词']);
    const screenshotRule = screenshotRuleForNewTask(fields);
    const now = ctx.now();
    const deadline = parseDeadline(fields.get('截止'), now, ctx.settings.timezone);
    const branchId = (await scopeBranch(ctx))!;
    // Keyed by the message: handling it again after a crash finds this task instead of publishing a second one.
    const key = dedupeKey(ctx.message);
    const same = (await ctx.store.tasks.listByBranches([branchId], { openAt: now })).find(
      (t) => t.title === body.title && t.sourceKey !== key,
    );
    if (same) {
      await ctx.reply(
        `⚠️ 已有进行中的同名任务 #${same.id}《${same.title}》（截止 ${formatDeadline(new Date(same.deadline), ctx.settings.timezone)}），这次没有发布。\n要改原任务请发：修改任务 #${same.id}；发错了可发：撤销任务 #${same.id}；确实要再发一个，请换个标题。`,
      );
      return;
    }
    const task = await ctx.store.tasks.create(
      { ...body, ...screenshotRule, branchId, deadline: deadline.toISOString(), createdBy: ctx.identity },
      now,
      key,
    );
    await ctx.store.audit.record(
      { actor: ctx.identity, action: 'task.publish', subject: `task:${task.id}`, detail: { branchId } },
      now,
      key,
    );
    const post = formatTaskPost(task, ctx.settings.timezone);
    await ctx.reply(post);
    for (const chat of await ctx.store.chats.listByBranch(branchId)) {
      if (chat.platform === ctx.message.platform && chat.chatId === ctx.message.chatId) continue;
      if (chat.chatType !== 'group') continue;
      await ctx.send({ platform: chat.platform, chatId: chat.chatId, chatType: 'group' }, post);
    }
  },
};
