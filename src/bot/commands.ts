import type { Composer, Middleware } from './composer';
import type { Context } from './context';
import { canManage } from '../members/roles';
import { inFaultScope } from './fault-points';
import { nearestCommand, spellingsOf, type Glued } from './command-match';
import { UsageError } from '../errors';
import { answerCommandQuestion } from './command-question';

export { UsageError };

/**
 * Who may use a command. `member` = checked in; `secretary` = secretary of the chat's branch (or admin);
 * `staff` = a secretary of any branch or an admin, wherever they ask.
 */
export type Audience = 'anyone' | 'member' | 'secretary' | 'staff' | 'admin';

export interface CommandSpec {
  name: string;
  aliases?: string[];
  audience: Audience;
  usage: string;
  summary: string;
  example?: string;
  /** What follows the command word is private (notes about a person): a "did you mean" answer in a group omits it. */
  privateArgs?: boolean;
  /**
   * The argument may follow the command word without a space (`建议多组织线上学习`, `排名奉献`), where a member typing
   * fast leaves it out: any text for a free-text argument, or only what the test accepts for a keyword argument.
   */
  gluedArgs?: Glued;
  /** `args` is the matching form of the text after the command word; `raw` is the same text exactly as written. */
  run(ctx: Context, args: string, raw: string): Promise<void>;
}

export function usageReply(spec: CommandSpec, problem: string): string {
  const example = spec.example ? `\n例如：\n${spec.example}` : '';
  return `格式不对：${problem}\n正确格式：${spec.usage}${example}`;
}

const AUDIENCE_NAMES: Record<Audience, string> = {
  anyone: '所有人',
  member: '已报到党员',
  secretary: '支部书记',
  staff: '支部书记和管理员',
  admin: '管理员',
};

/** Checks the audience; replies politely and returns false when the sender may not use the command here. */
export async function admit(ctx: Context, spec: CommandSpec): Promise<boolean> {
  if (spec.audience === 'anyone') return true;
  if (spec.audience === 'member') {
    if (ctx.member) return true;
    await ctx.reply('你还没有报到。请先发送：报到 <姓名> <流入地>，例如：报到 张三 广东广州');
    return false;
  }
  const roles = await ctx.roles();
  if (spec.audience === 'staff') {
    if (roles.admin || roles.secretaryOf.size > 0) return true;
    await ctx.reply(`抱歉，「${spec.name}」只对${AUDIENCE_NAMES.staff}开放。如需开通，请联系县委组织部管理员。`);
    return false;
  }
  if (spec.audience === 'admin') {
    if (roles.admin) return true;
    await ctx.reply(`抱歉，「${spec.name}」只有${AUDIENCE_NAMES.admin}可以使用。如需帮助请联系县委组织部管理员。`);
    return false;
  }
  const branchId = await scopeBranch(ctx);
  if (branchId !== undefined && canManage(roles, branchId)) return true;
  if (branchId === undefined && (roles.admin || roles.secretaryOf.size > 0)) {
    await ctx.reply('本群还没有绑定支部，请在支部群里使用这个命令；管理员可先发送：绑定支部 <支部名> 流出|流入');
    return false;
  }
  await ctx.reply(`抱歉，「${spec.name}」是支部书记的命令，你暂时没有权限。如有需要请联系本支部书记。`);
  return false;
}

/** The branch a secretary command acts on: the chat's branch, or in a 1:1 chat the only branch they run. */
export async function scopeBranch(ctx: Context): Promise<number | undefined> {
  if (ctx.chat.branchId !== undefined) return ctx.chat.branchId;
  if (ctx.isGroup) return undefined;
  const roles = await ctx.roles();
  return roles.secretaryOf.size === 1 ? [...roles.secretaryOf][0] : undefined;
}

/** `spellings`: every spelling of the command, longest first. */
function commandMiddleware(spec: CommandSpec, spellings: string[]): Middleware {
  return (ctx) =>
    inFaultScope(ctx.services.faultPoint, spec.name, async () => {
      if (!(await admit(ctx, spec))) return;
      const name = spellings.find((n) => ctx.matchCommand(n, spec.gluedArgs)) ?? spec.name;
      try {
        await spec.run(ctx, ctx.argsOf(name), ctx.rawArgsOf(name));
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        await ctx.reply(usageReply(spec, err.message));
      }
    });
}

export function registerCommands(composer: Composer, specs: CommandSpec[]): void {
  // Longer names first, so "排名" never shadows a longer command that starts with the same characters.
  const ordered = [...specs].sort((a, b) => b.name.length - a.name.length);
  const table = ordered.map((spec) => {
    // Longest spelling first: with glued arguments, 排行 would otherwise take 排行榜 as 排行 + 榜.
    const names = spellingsOf([spec.name, ...(spec.aliases ?? [])]).sort((a, b) => b.length - a.length);
    return { spec, names, run: commandMiddleware(spec, names) };
  });
  // One middleware for the whole table, not one filter per command: most messages are no command (proofs, questions)
  // and passed through seventy nested middleware each. A command never calls next(), so the first match ends here.
  composer.use((ctx, next) => {
    const hit = table.find(({ spec, names }) => names.some((n) => ctx.matchCommand(n, spec.gluedArgs)));
    return hit ? hit.run(ctx, next) : next();
  });
  composer.use(answerCommandQuestion(ordered));
  composer.use(suggestNearCommand(ordered));
}

/** A message whose first word is close to a command is answered with the command, never passed on to Q&A. */
function suggestNearCommand(specs: CommandSpec[]): Middleware {
  const names = specs.flatMap((s) => [s.name, ...(s.aliases ?? [])]).filter((n) => /\p{Script=Han}/u.test(n));
  const hidden = new Set(specs.filter((s) => s.privateArgs).flatMap((s) => [s.name, ...(s.aliases ?? [])]));
  return async (ctx, next) => {
    const near = nearestCommand(ctx.commandText, names);
    if (!near) return next();
    const rest = near.rest && !(ctx.isGroup && hidden.has(near.name)) ? ` ${near.rest}` : '';
    await ctx.reply(`你是不是想发：${near.name}${rest}\n请照这个格式重新发送；发送「帮助」可查看所有命令。`);
  };
}

export async function visibleCommands(ctx: Context, specs: CommandSpec[]): Promise<CommandSpec[]> {
  const roles = await ctx.roles();
  const branchId = await scopeBranch(ctx);
  return specs.filter((s) => {
    if (s.audience === 'admin') return roles.admin;
    if (s.audience === 'staff') return roles.admin || roles.secretaryOf.size > 0;
    // Before check-in only 报到 and the open commands work, so only those are shown.
    if (s.audience === 'member') return ctx.member !== undefined;
    if (s.audience === 'secretary')
      return roles.admin || (branchId !== undefined ? canManage(roles, branchId) : roles.secretaryOf.size > 0);
    return true;
  });
}
