import type { Logger } from 'pino';
import type { Store } from '../store/store';
import { privateTarget } from '../members/members';
import type { OutboxItem, OutgoingMessage } from './outbox-types';

/** Notices about failed sends carry this prefix; a failed notice is only logged, so failures never loop. */
const NOTICE_PREFIX = 'failed-send:';
const PREVIEW_CHARS = 60;

export interface FailedSendDeps {
  store: Store;
  log: Logger;
  enqueue(message: OutgoingMessage): Promise<unknown>;
}

/** The branches whose secretaries answer for a chat: the group's branch, or a 1:1 member's home and host branches. */
async function branchesOf(store: Store, item: OutboxItem): Promise<number[]> {
  const { platform, chatId, chatType } = item.target;
  if (chatType === 'group') {
    const chat = await store.chats.get(platform, chatId);
    return chat?.branchId !== undefined ? [chat.branchId] : [];
  }
  const identity = await store.identities.find(platform, chatId);
  const member = identity && (await store.members.get(identity.memberId));
  return [member?.homeBranchId, member?.hostBranchId].filter((b): b is number => b !== undefined);
}

async function describeTarget(store: Store, item: OutboxItem): Promise<string> {
  const { platform, chatId, chatType } = item.target;
  if (chatType === 'group') return `群「${(await store.chats.get(platform, chatId))?.title ?? chatId}」`;
  const identity = await store.identities.find(platform, chatId);
  const member = identity && (await store.members.get(identity.memberId));
  return `发给 ${member?.name ?? chatId} 的私信`;
}

/**
 * The outbox's `onFailed` hook: a message given up on after its retries is shown privately to the secretaries of
 * the chat's branch — what it said, where it should have gone and the fix — instead of being forgotten. A notice
 * that cannot be delivered either is logged only (no notice about a notice).
 */
export function notifyFailedSend(deps: FailedSendDeps): (item: OutboxItem, error: string) => Promise<void> {
  return async (item, error) => {
    if (item.idemKey?.startsWith(NOTICE_PREFIX)) {
      deps.log.error(
        { outboxId: item.id, error },
        'failed-send notice could not be delivered either; see the log for the fix',
      );
      return;
    }
    const secretaries = (
      await Promise.all((await branchesOf(deps.store, item)).map((b) => deps.store.roles.secretariesOf(b)))
    ).flat();
    const where = await describeTarget(deps.store, item);
    const preview = item.text.length > PREVIEW_CHARS ? `${item.text.slice(0, PREVIEW_CHARS)}…` : item.text;
    const text = `⚠️ 机器人有一条消息没能发出（${where}）：\n「${preview}」\n原因：${error}\n请按原因检查设置；处理好后可在群里重新操作一次。`;
    let told = 0;
    for (const memberId of new Set(secretaries.map((s) => s.memberId))) {
      const target = await privateTarget(deps.store, memberId, item.target.platform);
      // Not back to the place that just failed: that notice would fail the same way.
      if (!target || (target.platform === item.target.platform && target.chatId === item.target.chatId)) continue;
      await deps.enqueue({ target, text, idemKey: `${NOTICE_PREFIX}${item.id}:${memberId}` });
      told++;
    }
    if (told === 0)
      deps.log.warn(
        { outboxId: item.id, error },
        'failed send: no secretary to tell (chat not bound to a branch or no secretary reachable)',
      );
  };
}
