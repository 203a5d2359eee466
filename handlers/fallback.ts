import type { Middleware } from '../src/bot/composer';

/** Last in the chain: nothing else understood the message. */
export const fallback: Middleware = async (ctx) => {
  if (!ctx.text && ctx.message.media.length === 0) return;
  await ctx.reply('没有听懂这条消息。发送「帮助」查看可用的命令；提交任务请 @我 并附图片或心得，注明任务号，如 #12。');
};
