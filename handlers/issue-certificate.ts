import { UsageError, scopeBranch, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey } from '../src/bot/incoming-message';
import { CERTIFICATE_MONTHS, certificateNumber, validUntilFor } from '../src/certificates/certificate';
import { certificateEligibility } from '../src/certificates/certificate-eligibility';
import { candidateLines } from '../src/contacts/managed-member';
import { findBranchMember } from '../src/members/members';
import { formatPlace } from '../src/members/places';
import { localDate } from '../src/time/zoned-time';

/** The member a 开具证明 names: one of the home branch's members, `姓名#编号` when names repeat. */
async function namedMember(ctx: Context, branchId: number, written: string) {
  const m = /^(.+?)#(\d+)$/u.exec(written);
  const found = await findBranchMember(ctx.store, branchId, m ? m[1] : written);
  const members = (found.kind === 'one' ? [found.member] : found.kind === 'many' ? found.members : []).filter(
    (x) => x.homeBranchId === branchId && (!m || x.id === Number(m[2])),
  );
  if (!members.length) throw new UsageError(`本支部（流出地）没有名叫「${written}」的党员`);
  return members;
}

/**
 * 开具证明 <姓名>: the home branch issues a 流动党员证明 (number, validity, issuing branch) to a member away less than
 * six months; the printable page is in the dashboard.
 */
export const issueCertificate: CommandSpec = {
  name: '开具证明',
  audience: 'secretary',
  usage: '开具证明 <姓名>（流出地支部书记，为外出未满 6 个月的党员开具流动党员证明）',
  summary: '为外出未满 6 个月的党员开具流动党员证明（后台可打印）',
  example: '开具证明 张三',
  async run(ctx: Context, args: string) {
    const written = args.split(/\s+/)[0];
    if (!written) throw new UsageError('缺少姓名');
    const branchId = (await scopeBranch(ctx))!;
    const branch = (await ctx.store.branches.get(branchId))!;
    if (branch.kind !== 'home')
      return void (await ctx.reply('流动党员证明由党员的流出地（家乡）支部开具，请在家乡支部群或私聊中使用。'));
    const members = await namedMember(ctx, branchId, written);
    if (members.length > 1) {
      const list = await candidateLines(ctx.store, members);
      return void (await ctx.reply(
        `本支部有 ${members.length} 位党员叫「${written}」，请写明是哪一位（没有开具）：\n${list}\n例如：开具证明 ${members[0].name}#${members[0].id}`,
      ));
    }
    const member = members[0];
    const now = ctx.now();
    const tz = ctx.settings.timezone;
    const eligible = certificateEligibility(member, now, tz);
    if (!eligible.ok) return void (await ctx.reply(`没有开具：${eligible.reason}。`));
    const validFrom = localDate(now, tz);
    const { certificate } = await ctx.store.certificates.issue(
      {
        memberId: member.id,
        branchId,
        issuedBy: ctx.identity,
        validFrom,
        validUntil: validUntilFor(validFrom, CERTIFICATE_MONTHS),
        destination: formatPlace({ province: member.destProvince, city: member.destCity }) || undefined,
        departureMonth: member.departureMonth,
        sourceKey: dedupeKey(ctx.message),
      },
      now,
    );
    await ctx.reply(
      `📄 已为${member.name}开具《流动党员证明》\n证明编号：${certificateNumber(certificate)}\n有效期：${certificate.validFrom} 至 ${certificate.validUntil}\n开具支部：${branch.name}\n可在管理后台「联系与证明」页打印（发送「后台」获取登录链接）；到期前一个月会提醒你。`,
    );
  },
};
