import { UsageError, type CommandSpec } from '../src/bot/commands';
import { bindIdentity } from '../src/members/bind-identity';
import { checkInUpdate, completeCheckIn } from '../src/members/complete-check-in';
import { openPendingCheckIn } from '../src/members/open-pending-check-in';
import type { MemberFields } from '../src/model';
import { parsePlace } from '../src/members/places';
import { parseFields } from '../src/text/parse-fields';
import { parseMonth } from '../src/time/zoned-time';
import { dedupeKey } from '../src/bot/incoming-message';

const FIELDS = ['性别', '出生', '学历', '电话', '职业', '单位', '外出', '入党'] as const;
const ALIASES = { 手机: '电话', 出生年月: '出生', 外出时间: '外出', 入党时间: '入党', 工作单位: '单位' };

function month(fields: Map<string, string>, key: string): string | undefined {
  const v = fields.get(key);
  if (v === undefined) return undefined;
  const m = parseMonth(v);
  if (!m) throw new UsageError(`「${key}」应为 YYYY-MM，例如 ${key}：2020-03，你写的是「${v}」`);
  return m;
}

/** Parses `<姓名> <流入地>` and the optional fields into member fields; free-text fields are kept as written in `raw`. */
export function parseCheckIn(args: string, raw = args): { name: string; fields: Partial<MemberFields> } {
  const { head, fields, unknown } = parseFields(args, FIELDS, ALIASES);
  const written = parseFields(raw, FIELDS, ALIASES).fields;
  if (unknown.length) throw new UsageError(`不认识的字段「${unknown[0]}」，可用字段：${FIELDS.join('、')}`);
  const [name, ...placeWords] = head.split(/\s+/).filter(Boolean);
  if (!name) throw new UsageError('缺少姓名');
  if (!/^[\u4e00-\u9fa5·A-Za-z]{2,12}$/.test(name)) throw new UsageError(`姓名「${name}」应为 2–12 个汉字或字母`);
  if (placeWords.length === 0) throw new UsageError('缺少流入地（现在工作、生活的城市），例如 广东广州');
  const place = parsePlace(placeWords.join(''));
  const gender = fields.get('性别');
  if (gender !== undefined && !['男', '女'].includes(gender))
    throw new UsageError(`「性别」填 男 或 女，你写的是「${gender}」`);
  const phone = fields.get('电话')?.replace(/[\s-]/g, '');
  if (phone !== undefined && !/^(1\d{10}|0\d{9,11})$/.test(phone))
    throw new UsageError('「电话」应为 11 位手机号或带区号的固定电话');
  return {
    name,
    fields: {
      destProvince: place.province,
      destCity: place.city,
      gender,
      phone,
      education: written.get('学历'),
      occupation: written.get('职业'),
      employer: written.get('单位'),
      birthMonth: month(fields, '出生'),
      departureMonth: month(fields, '外出'),
      joinedPartyMonth: month(fields, '入党'),
    },
  };
}

export const checkIn: CommandSpec = {
  name: '报到',
  audience: 'anyone',
  usage: '报到 <姓名> <流入地> [性别：男 出生：YYYY-MM 学历：… 电话：… 职业：… 外出：YYYY-MM 入党：YYYY-MM]',
  summary: '登记为本支部流动党员（流出地、流入地支部都要报到）',
  example: '报到 张三 广东广州 性别：男 出生：1990-05 外出：2025-03',
  async run(ctx, args, raw) {
    const { name, fields } = parseCheckIn(args, raw);
    const branch = await ctx.branch();
    if (!branch && !ctx.member) {
      await ctx.reply('请在所在支部的群里 @我 报到（本聊天还没有绑定支部）。');
      return;
    }
    if (ctx.member && ctx.member.name !== name) {
      await ctx.reply(
        `你的账号已登记为「${ctx.member.name}」，报到时请写这个姓名。姓名有误请联系支部书记在管理后台修改。`,
      );
      return;
    }
    const key = dedupeKey(ctx.message);
    if (!ctx.member) {
      // A name proves nothing (重名 is common): a match waits for a binding code or a secretary's decision. A member
      // created by this very message (handled again after a crash) is the sender's own.
      const sameName = (await ctx.store.members.findByName(name)).filter((m) => m.sourceKey !== key);
      if (sameName.length > 0)
        return openPendingCheckIn(ctx, { name, args, fields, branch: branch!, candidates: sameName });
    }
    const now = ctx.now();
    const update = checkInUpdate(fields, name, branch);
    const member = ctx.member
      ? await ctx.store.members.update(ctx.member.id, update, now)
      : await ctx.store.members.create(update, now, key);
    if (!ctx.member)
      await bindIdentity(
        ctx.store,
        {
          platform: ctx.message.platform,
          userId: ctx.message.userId,
          memberId: member.id,
          displayName: ctx.message.userName,
        },
        now,
      );
    ctx.member = member;
    if (!branch) {
      await ctx.reply(`✅ 已更新${member.name}的登记信息。`);
      return;
    }
    const done = await completeCheckIn(ctx, {
      member,
      branch,
      identity: ctx.identity,
      phone: fields.phone,
      via: 'chat',
    });
    await ctx.reply(done.text);
  },
};
