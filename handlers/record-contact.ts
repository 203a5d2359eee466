import { UsageError, type CommandSpec } from '../src/bot/commands';
import type { Context } from '../src/bot/context';
import { dedupeKey } from '../src/bot/incoming-message';
import { CONTACT_WORDS, type ContactKind } from '../src/contacts/contact';
import { candidateLines, findManagedMember } from '../src/contacts/managed-member';
import type { SubmissionMedia } from '../src/model';
import { localDate } from '../src/time/zoned-time';
import { mediaFailureText } from './media-failure';

const EXAMPLES: Record<ContactKind, string> = {
  talk: '谈话 张三 在广州做电工，工作稳定，愿意参加流入地支部活动',
  visit: '走访 张三 看望其父母，老人身体健康，家中无困难',
};

async function photos(ctx: Context): Promise<SubmissionMedia[] | undefined> {
  try {
    return await Promise.all(ctx.message.media.map((ref) => ctx.services.media.materialize(ref)));
  } catch (err) {
    ctx.services.log.warn({ err, key: dedupeKey(ctx.message) }, 'contact photos could not be fetched');
    await ctx.reply(mediaFailureText(err, '照片没能保存，本条没有记录，请稍后重新发送。'));
    return undefined;
  }
}

/**
 * 谈话/走访 <姓名> <要点>: a secretary records a talk or a visit in a 1:1 chat. The notes are private, so in a group
 * the command answers without repeating them and records nothing.
 */
function contactCommand(kind: ContactKind): CommandSpec {
  const word = CONTACT_WORDS[kind];
  return {
    name: word,
    audience: 'staff',
    privateArgs: true,
    usage: `${word} <姓名> <要点>（私聊机器人发送，可附照片）`,
    summary: `记录与党员的${word}（仅本人所在支部书记和管理员可见）`,
    example: EXAMPLES[kind],
    async run(ctx: Context, _args: string, raw: string) {
      if (ctx.isGroup) {
        await ctx.reply(
          `「${word}」记录涉及个人情况，只能在与机器人的私聊中发送。本条没有记录，请私聊机器人重新发送。`,
        );
        return;
      }
      const m = /^(\S+)\s+([\s\S]*\S)\s*$/u.exec(raw);
      if (!raw.trim()) throw new UsageError('缺少姓名和要点');
      if (!m) throw new UsageError(`缺少${word}要点`);
      const found = await findManagedMember(ctx.store, await ctx.roles(), m[1]);
      if (found.kind === 'none') throw new UsageError(`你管理的支部里没有名叫「${m[1]}」的党员`);
      if (found.kind === 'many') {
        const list = await candidateLines(ctx.store, found.members);
        await ctx.reply(
          `有 ${found.members.length} 位党员叫「${m[1]}」，请写明是哪一位（本条没有记录）：\n${list}\n例如：${word} ${found.members[0].name}#${found.members[0].id} <要点>`,
        );
        return;
      }
      const media = await photos(ctx);
      if (!media) return;
      const now = ctx.now();
      const { contact } = await ctx.store.contacts.record(
        {
          memberId: found.member.id,
          kind,
          note: m[2],
          media,
          recordedBy: ctx.identity,
          sourceKey: dedupeKey(ctx.message),
        },
        now,
      );
      const pics = contact.media.length ? `，照片 ${contact.media.length} 张` : '';
      await ctx.reply(
        `✅ 已记录对${found.member.name}的${word}（${localDate(new Date(contact.createdAt), ctx.settings.timezone)}${pics}）。仅其所在支部书记和县委组织部管理员可以查看。`,
      );
    },
  };
}

export const recordTalk = contactCommand('talk');
export const recordVisit = contactCommand('visit');
