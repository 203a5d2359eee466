import type { KbEntry } from '../kb/kb-entry';
import type { KbHit } from '../kb/knowledge-base';

/** Every entry points somewhere official; an entry without `来源：` falls back to the general hotline. */
export const DEFAULT_CHANNEL = '当地 12345 政务服务便民热线';
const FOOTER = '以上是一般性说明，具体以当地规定为准。仍有困难可发送「求助 你的情况」，书记会私聊联系你。';

export function channelOf(entry: KbEntry): string {
  return entry.source ?? DEFAULT_CHANNEL;
}

/** 【title】, the answer, the official channel — and a close second entry, since members' questions often sit between two. */
export function formatKbAnswer(hit: KbHit, runnerUp?: KbHit): string {
  const related = runnerUp ? `\n相关问题：【${runnerUp.entry.title}】（发送标题可查看）` : '';
  return `【${hit.entry.title}】\n${hit.entry.answer}\n📞 官方渠道：${channelOf(hit.entry)}${related}\n${FOOTER}`;
}

/** Below the confidence threshold: say so, show the two closest titles, offer 求助. */
export function formatNotSure(hits: KbHit[]): string {
  const closest = hits.slice(0, 2).map((h, i) => `${i + 1}.【${h.entry.title}】`);
  const lines = ['这个问题我不太确定，知识库里没有找到可靠的答案。'];
  if (closest.length) lines.push('最接近的是：', ...closest, '如果是其中一条，直接发送它的标题即可查看。');
  lines.push('需要书记帮忙，请发送「求助 你的问题」（涉及个人情况的，建议私聊我发送）。');
  return lines.join('\n');
}
