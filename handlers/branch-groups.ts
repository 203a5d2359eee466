import type { Context } from '../src/bot/context';
import { groupChats } from '../src/tasks/task-bank';

/** Posts to every group chat of the branch except the one the command came from (that one has the reply). */
export async function postToBranchGroups(ctx: Context, branchId: number, text: string): Promise<void> {
  for (const chat of groupChats(await ctx.store.chats.listByBranch(branchId))) {
    if (chat.platform === ctx.message.platform && chat.chatId === ctx.message.chatId) continue;
    await ctx.send({ platform: chat.platform, chatId: chat.chatId, chatType: 'group' }, text);
  }
}
