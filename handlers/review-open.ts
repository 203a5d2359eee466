import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import type { Branch } from '../src/model';
import { dedupeKey } from '../src/bot/incoming-message';
import { memberTargets } from '../src/help-cases/help-case-people';
import { reviewCode } from '../src/reviews/review';
import { reviewInvitation } from '../src/reviews/review-invitation';
import { reviewMembers } from '../src/reviews/review-members';
import { parseReviewQuestions, reviewSteps } from '../src/reviews/review-questions';
import { parseFields } from '../src/text/parse-fields';
import { formatDeadline, parseDeadlineText } from '../src/time/parse-deadline-text';

async function chosenBranches(ctx: Context, value: string | undefined): Promise<Branch[]> {
  const all = await ctx.store.branches.list();
  if (!value || /^(?:全部|所有|全部支部)$/u.test(value.trim())) return all;
  const names = value.split(/[、,，;；\s]+/u).filter(Boolean);
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) throw new UsageError(`没有找到支部「${unknown.join('、')}」，请写支部全称，或写「全部」`);
  return all.filter((b) => names.includes(b.name));
}

function closingOf(ctx: Context, value: string | undefined): Date {
  if (!value) throw new UsageError('缺少截止时间（例如 截止：12月20日 18:00）');
  const at = parseDeadlineText(value, ctx.now(), ctx.settings.timezone);
  if (!at) throw new UsageError(`看不懂截止时间「${value}」，请写成 12月20日 18:00 或 2026-12-20 18:00`);
  if (at <= ctx.now()) throw new UsageError(`截止时间 ${formatDeadline(at, ctx.settings.timezone)} 已经过了`);
  return at;
}

const QUESTION_LINE = /^\s*问题\s*[:：]/u;

/** The `问题：` lines apart from the other fields (a question may itself contain a colon). */
function splitQuestions(raw: string): { rest: string; lines: string[] } {
  const all = raw.split('\n');
  const lines = all.filter((l) => QUESTION_LINE.test(l)).map((l) => l.replace(QUESTION_LINE, ''));
  return { rest: all.filter((l) => !QUESTION_LINE.test(l)).join('\n'), lines };
}

/**
 * `发起测评 <名称>` with `支部：…` (default all) and `截止：…`: a county admin opens a satisfaction review; each
 * member of those branches is invited 1:1. Secretaries and members get the audience refusal and nothing changes.
 */
export const openReview: CommandSpec = {
  name: '发起测评',
  audience: 'admin',
  usage:
    '发起测评 <名称>\n支部：<支部全称、…>（不写为全部支部）\n截止：<日期 时间>\n问题：<题目>｜<选项1>/<选项2>/…（可写多行，最多 8 道；选项用 / 或 ，分隔）\n问题：<题目>｜文字（填空题，最多 1 道）\n不写「问题」时用默认题目；认识书记、总体满意两题总在最前（认识率、认可率按它们计算）',
  summary: '管理员：发起满意度测评（认识支部书记吗、总体满意度、意见建议，可加自定义问题）',
  example:
    '发起测评 2026年度群众满意度测评\n支部：青山村党支部、广州流动党支部\n截止：12月20日 18:00\n问题：支部组织的学习方便参加吗？｜方便/不方便/没参加过\n问题：对支部工作还有什么建议｜文字',
  async run(ctx, _args, raw) {
    const { rest, lines } = splitQuestions(raw);
    const custom = parseReviewQuestions(lines);
    if (!custom.ok) throw new UsageError(custom.error);
    const parsed = parseFields(rest, ['支部', '截止'], { 截至: '截止', 截止时间: '截止' });
    if (parsed.unknown.length) throw new UsageError(`不认识的字段「${parsed.unknown.join('、')}」`);
    const name = parsed.head.trim();
    if (!name) throw new UsageError('缺少测评名称');
    const branches = await chosenBranches(ctx, parsed.fields.get('支部'));
    if (branches.length === 0) throw new UsageError('还没有任何支部，请先绑定支部');
    const closesAt = closingOf(ctx, parsed.fields.get('截止'));
    const { review } = await ctx.store.reviews.open(
      {
        name,
        branchIds: branches.map((b) => b.id),
        closesAt: closesAt.toISOString(),
        createdBy: ctx.identity,
        sourceKey: dedupeKey(ctx.message),
        ...(custom.questions ? { questions: custom.questions } : {}),
      },
      ctx.now(),
    );
    const members = await reviewMembers(ctx.store, review);
    const reach = await memberTargets(
      ctx.store,
      members.map((m) => m.id),
      ctx.message.platform,
    );
    const tz = ctx.settings.timezone;
    for (const { memberId, target } of reach)
      await ctx.send(target, reviewInvitation(review, memberId, tz, ctx.services.reviewLinks));
    await ctx.reply(
      `已发起满意度测评 ${reviewCode(review.id)}「${review.name}」\n支部：${branches.map((b) => b.name).join('、')}\n截止：${formatDeadline(closesAt, tz)}，共 ${reviewSteps(review).length} 题\n应答党员 ${members.length} 人，已私信邀请 ${reach.length} 人。结果在管理后台「测评」页查看（截止后显示）。`,
    );
  },
};
