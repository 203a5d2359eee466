import { formatLocal } from '../time/zoned-time';
import type { Store } from '../store/store';
import {
  KIND_LABELS,
  OPINION_CATEGORY_LABELS,
  OPINION_STATUS_LABELS,
  SIDE_LABELS,
  opinionCode,
  type Opinion,
} from './opinion';

/** What a secretary sees in place of the sender of an anonymous opinion. */
export const ANONYMOUS_LABEL = '匿名党员';

const SNIPPET = 24;

function snippet(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > SNIPPET ? `${chars.slice(0, SNIPPET).join('')}…` : chars.join('');
}

/** The named sender's name, or 匿名党员: never looks past an anonymous opinion to its sender. */
export async function senderLabel(store: Store, opinion: Opinion): Promise<string> {
  if (opinion.anonymous || opinion.memberId === undefined) return ANONYMOUS_LABEL;
  return (await store.members.get(opinion.memberId))?.name ?? `党员#${opinion.memberId}`;
}

/** `Y3【支部工作】已受理 12-01 匿名党员：支部学习时间…` (1:1 only: it carries the text). */
export function opinionLine(o: Opinion, tz: string, who?: string): string {
  const day = formatLocal(new Date(o.createdAt), tz).slice(0, 5);
  const reopened = o.disputes > 0 && o.status !== 'closed' ? ' ↩︎已退回重办' : '';
  return `${opinionCode(o.id)}【${OPINION_CATEGORY_LABELS[o.category]}】${OPINION_STATUS_LABELS[o.status]}${reopened} ${day}${who ? ` ${who}` : ''}：${snippet(o.content)}`;
}

/** The commands a secretary needs under every notice about an opinion. */
export function secretaryHints(o: Opinion): string {
  const code = opinionCode(o.id);
  return `答复：答复 ${code} <内容>\u3000销号：销号 ${code} <办理结果>\u3000上报：上报 ${code} <理由>`;
}

/** An opinion as a secretary or admin first sees it. */
export function opinionCard(headline: string, o: Opinion, who: string, branchName: string, tz: string): string {
  return [
    `${headline} ${opinionCode(o.id)}（${KIND_LABELS[o.kind]}·${OPINION_CATEGORY_LABELS[o.category]}）`,
    `提出人：${who}`,
    `责任支部：${branchName}（${SIDE_LABELS[o.branchSide]}）`,
    `时间：${formatLocal(new Date(o.createdAt), tz, true)}`,
    `内容：${o.content}`,
    secretaryHints(o),
  ].join('\n');
}
