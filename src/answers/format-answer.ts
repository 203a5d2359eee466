import type { KbEntry } from './kb/kb-entry';

/** Every entry points somewhere official; an entry without `来源：` falls back to the general hotline. */
export const DEFAULT_CHANNEL = '当地 12345 政务服务便民热线';
const FOOTER = '以上是一般性说明，具体以当地规定为准。仍有困难可发送「求助 你的情况」，书记会私聊联系你。';

export function channelOf(entry: KbEntry): string {
  return entry.source ?? DEFAULT_CHANNEL;
}

const numbered = (titles: readonly string[]) => titles.map((t, i) => `${i + 1}.【${t}】`);

/**
 * 【title】, the answer, the official channel — and, numbered, a close second entry or the other question of a
 * two-question message (members' questions often sit between two), which a reply of `1` opens.
 */
export function formatKbAnswer(entry: KbEntry, related: readonly string[] = []): string {
  const more = related.length ? `\n你可能还想问：\n${numbered(related).join('\n')}\n（回复数字即可查看）` : '';
  return `【${entry.title}】\n${entry.answer}\n📞 官方渠道：${channelOf(entry)}${more}\n${FOOTER}`;
}

/** Below the confidence threshold: say so, show the two closest titles, offer 求助. */
export function formatNotSure(titles: readonly string[]): string {
  const lines = ['这个问题我不太确定，知识库里没有找到可靠的答案。'];
  if (titles.length)
    lines.push('最接近的是：', ...numbered(titles), '如果是其中一条，回复数字（如 1）或发送它的标题即可查看。');
  lines.push('需要书记帮忙，请发送「求助 你的问题」（涉及个人情况的，建议私聊我发送）。');
  return lines.join('\n');
}

/** Nothing in the KB is near the question: a short, polite no, and the way to a person. */
export function formatDecline(): string {
  return '抱歉，这个问题我帮不上忙：我只能回答就业、就医、就学和党员组织生活方面的问题。\n遇到困难需要书记帮忙，请发送「求助 你的情况」。';
}
