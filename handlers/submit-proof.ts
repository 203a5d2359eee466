import type { Context } from '../src/bot/context';
import type { Middleware } from '../src/bot/composer';
import { PROOF_FAULT_SCOPE, inFaultScope } from '../src/bot/fault-points';
import { dedupeKey } from '../src/bot/incoming-message';
import type { SubmissionMedia, Task } from '../src/model';
import type { ProofCheckRef } from '../src/store/proof-check-repo';
import { describeProof, missingProofHint, proofKindsPresent, submitProof, type ProofParts } from '../src/tasks/proof';
import { targetPoints } from '../src/points/ledger';
import { pointsFor } from '../src/points/task-points';
import { formatTaskLine } from '../src/tasks/task-format';
import { extractLinks, extractTaskCodes, visibleLength } from '../src/text/normalize-text';
import { branchesInScope } from './member-branches';
import { mediaFailureText } from './media-failure';

export const holdKey = (ctx: Context) => `${ctx.message.platform}:${ctx.message.chatId}:${ctx.message.userId}`;

/** The note is what the member wrote, verbatim, less the task codes and links that are stored apart. */
function proofText(raw: string): ProofParts {
  const links = extractLinks(raw);
  let note = raw;
  for (const l of links) note = note.replace(l, '');
  note = note.replace(/[#＃]\s?[0-9０-９]{1,7}(?![0-9０-９])[ \t\u3000]*/gu, '').trim();
  return { note, links, media: [] };
}

/**
 * The task `#code` names, if this member may submit to it here: the same tasks `任务` lists in this chat (the chat's
 * branch in a branch group; all the member's branches 1:1). A task of the member's other branch gets a pointer there.
 */
async function taskForCode(ctx: Context, code: number): Promise<Task | undefined> {
  const task = await ctx.store.tasks.get(code);
  if (task && !task.withdrawnAt && branchesInScope(ctx).includes(task.branchId)) return task;
  const m = ctx.member!;
  if (task && !task.withdrawnAt && [m.homeBranchId, m.hostBranchId].includes(task.branchId)) {
    const branch = await ctx.store.branches.get(task.branchId);
    await ctx.reply(`任务 #${code} 是「${branch?.name ?? ''}」的任务，请在该支部的群里 @我 提交，或私聊我发送。`);
    return undefined;
  }
  await ctx.reply(`没有找到你所在支部的任务 #${code}，发送「任务」可查看任务号。`);
  return undefined;
}

export async function materialize(ctx: Context): Promise<SubmissionMedia[] | undefined> {
  try {
    return await Promise.all(ctx.message.media.map((ref) => ctx.services.media.materialize(ref)));
  } catch (err) {
    ctx.services.log.warn({ err, key: dedupeKey(ctx.message) }, 'proof media could not be fetched');
    await ctx.reply(mediaFailureText(err, '图片/文件下载失败了，请重新发送一次。'));
    return undefined;
  }
}

/**
 * Records a proof for the task and answers; a crash test can stop the process in the middle of it (fault points).
 * The proof's checks were queued with it and start only after the answer, off the request path.
 */
async function finish(ctx: Context, task: Task, parts: ProofParts): Promise<void> {
  const check = await inFaultScope(ctx.services.faultPoint, PROOF_FAULT_SCOPE, () => recordProof(ctx, task, parts));
  if (check) ctx.services.proofChecks?.wake(check);
}

/** Records the proof and answers; returns the checks it queued. */
async function recordProof(ctx: Context, task: Task, parts: ProofParts): Promise<ProofCheckRef | undefined> {
  if (proofKindsPresent(task, parts).length === 0) {
    await ctx.reply(missingProofHint(task));
    return undefined;
  }
  const out = await submitProof(ctx.store, task, ctx.member!, parts, dedupeKey(ctx.message), ctx.now());
  const before = out.earlier;
  const who = ctx.member!.name;
  const what = describeProof(parts);
  const id = `提交号 S${out.submission.id}`;
  if (out.duplicateOf) {
    const held = out.awarded && out.awarded < 0 ? `此前计的 ${-out.awarded} 分暂时扣回，` : '';
    await ctx.reply(
      `⚠️ ${who}：已收到 #${task.id} 的提交（${what}），但图片与已有的提交重复，已转支部书记审核，${held}通过后计分。${id}`,
    );
    return out.check;
  }
  const late = out.submission.late ? `（逾期提交，按规则得 ${pointsFor(task, true)} 分）` : '';
  // The same message handled again after a crash found its own submission: it is still this member's first proof.
  const rehandled = before?.sourceKey === dedupeKey(ctx.message);
  if (out.replaced && !rehandled) {
    const was = before && before.sourceKey !== out.submission.sourceKey ? describeProof(before) : '';
    const replaced = was && was !== what ? `，替换了之前的 ${was}` : '';
    await ctx.reply(
      `🔄 ${who}：已更新 #${task.id} 的提交（${what}${replaced}）${out.awarded ? `，+${out.awarded} 分` : '，积分不重复计算'}。${id}`,
    );
  } else {
    const points = rehandled ? targetPoints(task, out.submission) : (out.awarded ?? 0);
    await ctx.reply(`✅ ${who}：已收到 #${task.id}《${task.title}》的提交（${what}），+${points} 分${late}。${id}`);
  }
  return out.check;
}

/**
 * Proof handling: "@bot #12 + photo/text" in a group, or anything 1:1. A photo without a task code is joined to the
 * only open task, or held for `holdMinutes` and joined to the next message that names the task.
 */
export const submitProofMiddleware: Middleware = async (ctx, next) => {
  const codes = extractTaskCodes(ctx.text);
  const parts = proofText(ctx.raw);
  const hasMedia = ctx.message.media.length > 0;
  if (codes.length === 0 && !hasMedia && parts.links.length === 0) return textOnly(ctx, parts, next);
  if (!ctx.member) {
    await ctx.reply('请先报到再提交任务：报到 <姓名> <流入地>');
    return;
  }
  const media = await materialize(ctx);
  if (!media) return;
  if (codes.length > 0) {
    const task = await taskForCode(ctx, codes[0]);
    if (!task) return;
    const held = await ctx.store.pending.take(holdKey(ctx), ctx.now());
    return finish(ctx, task, { ...parts, media: [...held, ...media] });
  }
  const open = await ctx.store.tasks.listByBranches(branchesInScope(ctx), { openAt: ctx.now() });
  if (open.length === 1) return finish(ctx, open[0], { ...parts, media });
  if (open.length === 0) {
    await ctx.reply('当前没有进行中的任务。如果是补交，请注明任务号，如 #12。');
    return;
  }
  const until = new Date(ctx.now().getTime() + ctx.settings.holdMinutes * 60_000);
  if (media.length) await ctx.store.pending.hold(holdKey(ctx), media, until);
  const list = open.map((t) => formatTaskLine(t, ctx.settings.timezone)).join('\n');
  await ctx.reply(
    `收到！现在有 ${open.length} 个任务在进行，请问是哪一个？${ctx.settings.holdMinutes} 分钟内 @我 回复任务号即可，如「#${open[0].id}」：\n${list}`,
  );
};

/** A plain text counts as a written note only when it is long enough for the one open task. */
async function textOnly(ctx: Context, parts: ProofParts, next: () => Promise<void>): Promise<void> {
  if (!ctx.member || visibleLength(parts.note) < 10) return next();
  const open = await ctx.store.tasks.listByBranches(branchesInScope(ctx), { openAt: ctx.now() });
  if (open.length !== 1 || !open[0].proofKinds.includes('text') || visibleLength(parts.note) < open[0].minChars)
    return next();
  return finish(ctx, open[0], parts);
}
