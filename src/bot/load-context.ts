import type { Chat } from '../model';
import type { Store } from '../store/store';
import type { Middleware } from './composer';
import type { IncomingMessage } from './incoming-message';

/** Records the chat a message came from (seen now, title refreshed); `Bot` does this before any handler runs. */
export function loadChat(store: Store, m: IncomingMessage, now: Date): Promise<Chat> {
  return store.chats.upsertSeen(
    { platform: m.platform, chatId: m.chatId, chatType: m.chatType, title: m.chatTitle },
    now,
  );
}

/**
 * "Last seen" is read by the day (the roster, the out-of-contact rule), so a member who writes again within a few
 * minutes is not written again: a burst of messages costs one member update, not one each.
 */
const SEEN_GRANULARITY_MS = 5 * 60_000;

function seenLately(lastSeenAt: string | undefined, now: Date): boolean {
  if (!lastSeenAt) return false;
  const age = now.getTime() - Date.parse(lastSeenAt);
  return age >= 0 && age < SEEN_GRANULARITY_MS;
}

/** First middleware: resolves the sender's member record and keeps the chat transcript. */
export const loadContext: Middleware = async (ctx, next) => {
  const { store } = ctx;
  const m = ctx.message;
  const now = ctx.now();
  ctx.member = await store.members.findByIdentity(m.platform, m.userId);
  if (ctx.member && !seenLately(ctx.member.lastSeenAt, now)) await store.members.touch(ctx.member.id, now);
  const attachments = m.media
    .map((x) => ({ image: '[图片]', video: '[视频]', file: '[文件]', voice: '[语音]' })[x.kind])
    .join('');
  await store.chatLog.append({
    platform: m.platform,
    chatId: m.chatId,
    from: m.userId,
    text: `${m.text}${attachments}`,
    at: now.toISOString(),
  });
  await next();
};
