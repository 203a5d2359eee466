import type { Platform } from '../bot/incoming-message';
import type { Chat } from '../model';

/** One line of 「检查推送」 / `zhibu doctor`: a channel's credentials, or the route one bound chat's posts will take. */
export interface PushCheckLine {
  platform: Platform;
  /** Who it is about: the channel itself, or a chat by its title (or id). */
  subject: string;
  /** The route scheduled posts will use (Chinese, for operators and secretaries). */
  route: string;
  ready: boolean;
  /** The one thing to do when not ready. */
  fix?: string;
}

export interface PushCheckOptions {
  /** The bound group chats to check (the branch's, or all). */
  chats: Chat[];
  /** Send a short test message through each ready route (never without it). */
  sendTest: boolean;
}

/** Declared by a platform channel; uses the platform's own endpoints (token fetch, a harmless call). */
export type PushChecker = (opts: PushCheckOptions) => Promise<PushCheckLine[]>;

export const TEST_MESSAGE = '🔧 推送测试：这条消息来自「检查推送」，说明本群的定时推送线路可用，无需回复。';

export function formatPushCheck(line: PushCheckLine): string {
  const head = `${line.ready ? '✅ 就绪' : '❌ 未就绪'}｜${line.platform}｜${line.subject}｜${line.route}`;
  return line.ready || !line.fix ? head : `${head}\n   ➜ ${line.fix}`;
}

/** All channels' checks as one (what 「检查推送」 and `zhibu doctor` run); undefined when no channel can push. */
export function combinePushChecks(checkers: PushChecker[]): PushChecker | undefined {
  if (!checkers.length) return undefined;
  return async (opts) => (await Promise.all(checkers.map((check) => check(opts)))).flat();
}

/** Every group chat bound to a branch (`zhibu doctor`), or to one branch (「检查推送」). */
export async function boundChats(
  store: { branches: { list(): Promise<Array<{ id: number }>> }; chats: { listByBranch(id: number): Promise<Chat[]> } },
  branchId?: number,
): Promise<Chat[]> {
  const ids = branchId === undefined ? (await store.branches.list()).map((b) => b.id) : [branchId];
  return (await Promise.all(ids.map((id) => store.chats.listByBranch(id))))
    .flat()
    .filter((c) => c.chatType === 'group');
}
