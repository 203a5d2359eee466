import { bindIdentity } from '../src/members/bind-identity';
import { checkInUpdate, completeCheckIn } from '../src/members/complete-check-in';
import {
  PLATFORM_NAMES,
  describeCandidate,
  parsePendingReceipt,
  pendingReceipt,
} from '../src/members/open-pending-check-in';
import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey, identityKey } from '../src/bot/incoming-message';
import type { Member } from '../src/model';
import { canManage } from '../src/members/roles';
import type { PendingCheckIn } from '../src/store/identity-proof-repo';

/** The pending check-in named by the first word, when the sender runs its branch (admins: any). */
async function managedPending(ctx: Context, word: string | undefined): Promise<PendingCheckIn> {
  const id = word === undefined ? undefined : parsePendingReceipt(word);
  if (id === undefined) throw new UsageError('缺少回执号，例如 BQ0007（在待确认报到的通知里）');
  const pending = await ctx.store.identityProofs.getPending(id);
  if (!pending || !canManage(await ctx.roles(), pending.branchId))
    throw new UsageError(`没有找到你所管理支部的待确认报到 ${pendingReceipt(id)}`);
  return pending;
}

async function refuseDecided(ctx: Context, pending: PendingCheckIn): Promise<void> {
  const how = pending.status === 'confirmed' ? '已确认' : '已拒绝';
  await ctx.reply(`回执号 ${pendingReceipt(pending.id)} ${how}（${pending.decidedBy ?? ''}），不用再处理。`);
}

/** Which member the secretary says the sender is: one of the same-named candidates, or (新党员) a new member. */
async function chosenMember(
  ctx: Context,
  pending: PendingCheckIn,
  choice: string | undefined,
): Promise<Member | 'new'> {
  if (choice === '新党员' || choice === '新成员') return 'new';
  const candidates = (await Promise.all(pending.candidateIds.map((id) => ctx.store.members.get(id)))).filter(
    (m): m is Member => !!m,
  );
  const id =
    choice === undefined
      ? candidates.length === 1
        ? candidates[0].id
        : undefined
      : Number(choice.replace(/^编号/, ''));
  const member = candidates.find((m) => m.id === id);
  if (member) return member;
  const lines = await Promise.all(candidates.map((m) => describeCandidate(ctx, m)));
  throw new UsageError(
    `请写明是哪一位：\n${lines.join('\n')}\n例如：确认报到 ${pendingReceipt(pending.id)} ${candidates[0]?.id ?? '<编号>'}，或：确认报到 ${pendingReceipt(pending.id)} 新党员`,
  );
}

/** Someone holding a role is only handed to a new account by an admin: a secretary cannot pass on another's rights. */
async function mayBindTo(ctx: Context, member: Member): Promise<boolean> {
  const grants = await ctx.store.roles.listByMember(member.id);
  return grants.length === 0 || (await ctx.roles()).admin;
}

async function confirm(ctx: Context, pending: PendingCheckIn, choice: string | undefined): Promise<void> {
  const chosen = await chosenMember(ctx, pending, choice);
  if (chosen !== 'new' && !(await mayBindTo(ctx, chosen))) {
    await ctx.reply(
      `「${chosen.name}」（编号${chosen.id}）担任支部书记或管理员，只能由管理员确认，或由本人用「绑定码」绑定。`,
    );
    return;
  }
  const now = ctx.now();
  const branch = (await ctx.store.branches.get(pending.branchId))!;
  const update = checkInUpdate(pending.fields, pending.name, branch);
  const member = chosen === 'new' ? await ctx.store.members.create(update, now, dedupeKey(ctx.message)) : chosen;
  const decided = await ctx.store.identityProofs.decidePending(
    pending.id,
    { status: 'confirmed', decidedBy: ctx.identity, decisionKey: dedupeKey(ctx.message), memberId: member.id },
    now,
  );
  if (!decided) return refuseDecided(ctx, (await ctx.store.identityProofs.getPending(pending.id))!);
  const updated = chosen === 'new' ? member : await ctx.store.members.update(member.id, update, now);
  await bindIdentity(
    ctx.store,
    { platform: pending.platform, userId: pending.userId, memberId: member.id, displayName: pending.displayName },
    now,
  );
  await ctx.store.audit.record(
    {
      actor: ctx.identity,
      action: 'identity.bind',
      subject: `member:${member.id}`,
      detail: { via: 'secretary', pending: pending.id, newMember: chosen === 'new' },
    },
    now,
  );
  const identity = identityKey(pending.platform, pending.userId);
  const done = await completeCheckIn(ctx, {
    member: updated,
    branch,
    identity,
    phone: pending.fields.phone,
    via: 'secretary',
  });
  await ctx.send(
    { platform: pending.platform, chatId: pending.chatId, chatType: pending.chatType },
    `${done.text}\n（报到已由支部书记确认，回执号 ${pendingReceipt(pending.id)}）`,
  );
  await ctx.reply(
    `✅ 已确认 ${pendingReceipt(pending.id)}：${PLATFORM_NAMES[pending.platform]}账号 ${identity} ${chosen === 'new' ? '登记为新党员' : '绑定到'}「${member.name}」（编号${member.id}），回执号 ${done.receipt}。`,
  );
}

export const confirmCheckIn: CommandSpec = {
  name: '确认报到',
  audience: 'anyone',
  usage: '确认报到 <回执号> [编号|新党员]',
  summary: '支部书记：确认一条同名待确认报到（是同一人则绑定，是另一位同名党员写「新党员」）',
  example: '确认报到 BQ0007',
  async run(ctx, args) {
    const [word, choice] = args.split(/\s+/).filter(Boolean);
    const pending = await managedPending(ctx, word);
    if (pending.status !== 'pending') return refuseDecided(ctx, pending);
    await confirm(ctx, pending, choice);
  },
};

export const rejectCheckIn: CommandSpec = {
  name: '拒绝报到',
  audience: 'anyone',
  usage: '拒绝报到 <回执号> [理由]',
  summary: '支部书记：拒绝一条待确认报到（不是本支部党员）',
  example: '拒绝报到 BQ0007 不是本支部党员',
  async run(ctx, args) {
    const [word, ...reasonWords] = args.split(/\s+/).filter(Boolean);
    const pending = await managedPending(ctx, word);
    const now = ctx.now();
    const decided =
      pending.status === 'pending' &&
      (await ctx.store.identityProofs.decidePending(
        pending.id,
        { status: 'rejected', decidedBy: ctx.identity, decisionKey: dedupeKey(ctx.message) },
        now,
      ));
    if (!decided) return refuseDecided(ctx, (await ctx.store.identityProofs.getPending(pending.id))!);
    const reason = reasonWords.join(' ');
    await ctx.store.audit.record(
      { actor: ctx.identity, action: 'check-in.reject', subject: `pending:${pending.id}`, detail: { reason } },
      now,
    );
    await ctx.send(
      { platform: pending.platform, chatId: pending.chatId, chatType: pending.chatType },
      `你以「${pending.name}」提交的报到（回执号 ${pendingReceipt(pending.id)}）未通过支部书记确认${reason ? `：${reason}` : ''}。如有疑问请联系支部书记。`,
    );
    await ctx.reply(`已拒绝 ${pendingReceipt(pending.id)}，已告知对方。`);
  },
};
