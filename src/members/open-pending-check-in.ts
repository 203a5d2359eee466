import type { Context } from '../bot/context';
import { dedupeKey, type Platform } from '../bot/incoming-message';
import { maskPhone, secretaryTargets } from './members';
import type { Branch, Member, MemberFields } from '../model';
import type { PendingCheckIn } from '../store/identity-proof-repo';

export const PLATFORM_NAMES: Record<Platform, string> = { sim: '模拟器', wecom: '企业微信', dingtalk: '钉钉' };

/** `BQ0007`: the 回执号 of a pending check-in, short enough to type on a phone. */
export function pendingReceipt(id: number): string {
  return `BQ${String(id).padStart(4, '0')}`;
}

export function parsePendingReceipt(text: string): number | undefined {
  const m = /^BQ0*(\d{1,9})$/i.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** One line per same-named member, enough for a secretary to tell them apart. */
export async function describeCandidate(ctx: Context, member: Member): Promise<string> {
  const branches = await Promise.all(
    [member.homeBranchId, member.hostBranchId].map((id) => (id === undefined ? undefined : ctx.store.branches.get(id))),
  );
  const ids = await ctx.store.identities.listByMember(member.id);
  const parts = [
    branches
      .filter((b): b is Branch => !!b)
      .map((b) => b.name)
      .join('、'),
    member.phone ? `电话 ${maskPhone(member.phone)}` : '',
    ids.length ? `已绑定：${[...new Set(ids.map((i) => PLATFORM_NAMES[i.platform]))].join('、')}` : '尚未绑定聊天账号',
  ].filter(Boolean);
  return `编号${member.id} ${member.name}（${parts.join('，')}）`;
}

async function tellSecretaries(
  ctx: Context,
  pending: PendingCheckIn,
  branch: Branch,
  candidates: Member[],
): Promise<boolean> {
  const receipt = pendingReceipt(pending.id);
  const who = `${PLATFORM_NAMES[pending.platform]}用户「${pending.displayName ?? pending.userId}」（${pending.platform}:${pending.userId}）`;
  const lines = [
    `📋 待确认报到 ${receipt}：${who}在「${branch.name}」群里报到为「${pending.name}」，与已登记党员同名：`,
    ...(await Promise.all(candidates.map((m) => describeCandidate(ctx, m)))),
    `是同一人：确认报到 ${receipt}${candidates.length > 1 ? ' <编号>' : ''}`,
    `是另一位同名党员：确认报到 ${receipt} 新党员`,
    `不是本支部党员：拒绝报到 ${receipt}`,
  ];
  const secretaries = await secretaryTargets(ctx.store, branch.id, ctx.message.platform);
  for (const { target } of secretaries) await ctx.send(target, lines.join('\n'));
  return secretaries.length > 0;
}

/**
 * A name that matches members the sender is not bound to: nothing is bound or changed; a pending check-in is kept
 * (one per message) and the branch's secretaries are asked to decide. The sender learns both ways to prove it.
 */
export async function openPendingCheckIn(
  ctx: Context,
  input: { name: string; args: string; fields: Partial<MemberFields>; branch: Branch; candidates: Member[] },
): Promise<void> {
  const m = ctx.message;
  const { pending } = await ctx.store.identityProofs.openPending(
    {
      platform: m.platform,
      userId: m.userId,
      displayName: m.userName,
      chatId: m.chatId,
      chatType: m.chatType,
      branchId: input.branch.id,
      name: input.name,
      text: input.args,
      fields: input.fields,
      candidateIds: input.candidates.map((c) => c.id),
      sourceKey: dedupeKey(m),
    },
    ctx.now(),
  );
  // Told once per pending check-in: a repeated 报到 from the same account gets the same receipt and no new notice.
  const repeat = pending.sourceKey !== dedupeKey(m);
  const told = repeat || (await tellSecretaries(ctx, pending, input.branch, input.candidates));
  await ctx.reply(
    [
      `📝 已有党员登记为「${input.name}」，你的报到待确认（回执号 ${pendingReceipt(pending.id)}），暂未绑定任何党员信息。`,
      `如果你本人已在其他平台（企业微信、钉钉等）登记过：在那边私聊我发送「绑定码」，再在这里发送「绑定 <绑定码>」即可。`,
      told
        ? `否则请等待支部书记确认（已通知「${input.branch.name}」书记）；如果你是另一位同名党员，书记确认后会为你单独登记。`
        : `否则请联系「${input.branch.name}」书记，让其发送：确认报到 ${pendingReceipt(pending.id)}`,
    ].join('\n'),
  );
}
