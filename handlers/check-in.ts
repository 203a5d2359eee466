import { UsageError, type CommandSpec } from '../src/core/commands';
import type { Context } from '../src/core/context';
import { maskPhone, secretaryTargets } from '../src/core/members';
import type { Branch, Member, MemberFields } from '../src/core/model';
import { formatPlace, parsePlace } from '../src/core/places';
import { parseFields } from '../src/core/text/parse-fields';
import { localDate, parseMonth } from '../src/core/time/zoned-time';
import { dedupeKey } from '../src/core/incoming-message';

const FIELDS = ['性别', '出生', '学历', '电话', '职业', '单位', '外出', '入党'] as const;
const ALIASES = { 手机: '电话', 出生年月: '出生', 外出时间: '外出', 入党时间: '入党', 工作单位: '单位' };
const KIND_NAMES = { home: '流出地', host: '流入地' } as const;

function month(fields: Map<string, string>, key: string): string | undefined {
  const v = fields.get(key);
  if (v === undefined) return undefined;
  const m = parseMonth(v);
  if (!m) throw new UsageError(`「${key}」应为 YYYY-MM，例如 ${key}：2020-03，你写的是「${v}」`);
  return m;
}

/** Parses `<姓名> <流入地>` and the optional fields into member fields. */
export function parseCheckIn(args: string): { name: string; fields: Partial<MemberFields> } {
  const { head, fields, unknown } = parseFields(args, FIELDS, ALIASES);
  if (unknown.length) throw new UsageError(`不认识的字段「${unknown[0]}」，可用字段：${FIELDS.join('、')}`);
  const [name, ...placeWords] = head.split(/\s+/).filter(Boolean);
  if (!name) throw new UsageError('缺少姓名');
  if (!/^[\u4e00-\u9fa5·A-Za-z]{2,12}$/.test(name)) throw new UsageError(`姓名「${name}」应为 2–12 个汉字或字母`);
  if (placeWords.length === 0) throw new UsageError('缺少流入地（现在工作、生活的城市），例如 广东广州');
  const place = parsePlace(placeWords.join(''));
  const gender = fields.get('性别');
  if (gender !== undefined && !['男', '女'].includes(gender)) throw new UsageError(`「性别」填 男 或 女，你写的是「${gender}」`);
  const phone = fields.get('电话')?.replace(/[\s-]/g, '');
  if (phone !== undefined && !/^(1\d{10}|0\d{9,11})$/.test(phone)) throw new UsageError('「电话」应为 11 位手机号或带区号的固定电话');
  return {
    name,
    fields: {
      destProvince: place.province, destCity: place.city, gender, phone,
      education: fields.get('学历'), occupation: fields.get('职业'), employer: fields.get('单位'),
      birthMonth: month(fields, '出生'), departureMonth: month(fields, '外出'), joinedPartyMonth: month(fields, '入党'),
    },
  };
}

/** The member this sender is: already bound, or an unbound record with the same name (imported roster, or 双报 on the other platform). */
async function matchMember(ctx: Context, name: string, phone?: string): Promise<Member | undefined> {
  if (ctx.member) return ctx.member;
  const candidates: Member[] = [];
  for (const m of await ctx.store.members.findByName(name)) {
    const ids = await ctx.store.identities.listByMember(m.id);
    if (!ids.some((i) => i.platform === ctx.message.platform)) candidates.push(m);
  }
  if (candidates.length === 1) return candidates[0];
  return phone ? candidates.find((m) => m.phone === phone) : undefined;
}

async function notifyOtherBranch(ctx: Context, member: Member, branch: Branch, receipt: string): Promise<boolean> {
  const otherId = branch.kind === 'home' ? member.hostBranchId : member.homeBranchId;
  if (otherId === undefined || otherId === branch.id) return false;
  const place = formatPlace({ province: member.destProvince, city: member.destCity });
  const text = `📋 双报提醒：党员${member.name}已在「${branch.name}」（${KIND_NAMES[branch.kind]}）报到，回执号 ${receipt}${place ? `，流入地：${place}` : ''}。`;
  const secretaries = await secretaryTargets(ctx.store, otherId, ctx.message.platform);
  for (const { target } of secretaries) await ctx.send(target, text);
  return secretaries.length > 0;
}

export const checkIn: CommandSpec = {
  name: '报到',
  audience: 'anyone',
  usage: '报到 <姓名> <流入地> [性别：男 出生：YYYY-MM 学历：… 电话：… 职业：… 外出：YYYY-MM 入党：YYYY-MM]',
  summary: '登记为本支部流动党员（流出地、流入地支部都要报到）',
  example: '报到 张三 广东广州 性别：男 出生：1990-05 外出：2025-03',
  async run(ctx, args) {
    const { name, fields } = parseCheckIn(args);
    const branch = await ctx.branch();
    if (!branch && !ctx.member) {
      await ctx.reply('请在所在支部的群里 @我 报到（本聊天还没有绑定支部）。');
      return;
    }
    const now = ctx.now();
    const branchField = branch && (branch.kind === 'home' ? { homeBranchId: branch.id } : { hostBranchId: branch.id });
    const existing = await matchMember(ctx, name, fields.phone);
    const update = { ...fields, name, ...branchField };
    const key = dedupeKey(ctx.message);
    const member = existing ? await ctx.store.members.update(existing.id, update, now) : await ctx.store.members.create(update, now, key);
    await ctx.store.identities.bind({ platform: ctx.message.platform, userId: ctx.message.userId, memberId: member.id, displayName: ctx.message.userName });
    ctx.member = member;
    if (!branch) {
      await ctx.reply(`✅ 已更新${member.name}的登记信息。`);
      return;
    }
    const record = await ctx.store.checkIns.record({ memberId: member.id, branchId: branch.id, identity: ctx.identity }, now, key);
    const receipt = `BD${localDate(now, ctx.settings.timezone).replace(/-/g, '')}${String(record.id).padStart(4, '0')}`;
    await ctx.store.audit.record({ actor: ctx.identity, action: 'check-in', subject: `member:${member.id}`, detail: { branchId: branch.id, receipt } }, now, key);
    const notified = await notifyOtherBranch(ctx, member, branch, receipt);
    const place = formatPlace({ province: member.destProvince, city: member.destCity });
    await ctx.reply([
      `✅ ${member.name} 报到成功！已登记到「${branch.name}」（${KIND_NAMES[branch.kind]}党组织）。`,
      `回执号：${receipt}`,
      place ? `流入地：${place}` : '',
      fields.phone ? `联系电话：${maskPhone(fields.phone)}` : '',
      notified ? `已通知${branch.kind === 'home' ? '流入地' : '流出地'}支部书记（双报）。` : `请记得在${branch.kind === 'home' ? '流入地' : '流出地'}支部群里也报到（双报）。`,
    ].filter(Boolean).join('\n'));
  },
};
