import { CATEGORY_LABELS } from '../answers/kb/category';
import { formatLocal } from '../time/zoned-time';
import { caseCode, RATING_LABELS, STATUS_LABELS, type HelpCase } from './help-case';

/** What a group chat is told when someone asks for help there: nothing about the request itself. */
export const GROUP_ACK = '已收到，书记会私聊联系你';

const SNIPPET = 24;

function snippet(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > SNIPPET ? `${chars.slice(0, SNIPPET).join('')}…` : chars.join('');
}

/** `H3【就医】待回复 12-01 住院没备案…` — for 1:1 lists only (it carries the request text). */
export function caseLine(c: HelpCase, tz: string, asker?: string): string {
  const day = formatLocal(new Date(c.createdAt), tz).slice(0, 5);
  const extra = [
    c.rating ? `评价：${RATING_LABELS[c.rating]}` : '',
    c.escalatedAt && c.status === 'open' ? '⚠️已上报' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${caseCode(c.id)}【${CATEGORY_LABELS[c.category]}】${STATUS_LABELS[c.status]} ${day}${asker ? ` ${asker}` : ''}：${snippet(c.content)}${extra ? ` ${extra}` : ''}`;
}

/** The commands a case handler needs, under every notification about a case. */
export function handlerHints(c: HelpCase): string {
  const code = caseCode(c.id);
  return `答复：回复 ${code} <答复>\n转交：转交 ${code} <姓名>\u3000结案：结案 ${code} <结果>\u3000改分类：分类 ${code} 就业|就医|就学|其他`;
}

/** A case as its handler first sees it (new, transferred or escalated). */
export function caseCard(headline: string, c: HelpCase, asker: string, tz: string): string {
  return [
    `${headline} ${caseCode(c.id)}（${CATEGORY_LABELS[c.category]}）`,
    `党员：${asker}`,
    `时间：${formatLocal(new Date(c.createdAt), tz, true)}`,
    `内容：${c.content}`,
    handlerHints(c),
  ].join('\n');
}
