/**
 * The one shape every transport normalizes to (DESIGN.md §2). Handlers never see a platform payload.
 * It must stay JSON-serializable: the inbox persists it before the platform is acked.
 */
export type Platform = 'sim' | 'wecom' | 'dingtalk';
export type ChatType = 'group' | 'single';
export type MediaKind = 'image' | 'video' | 'file' | 'voice';

/** A piece of proof media. Either already stored (`sha256`) or still to be fetched from the platform (`source`). */
export interface MediaRef {
  kind: MediaKind;
  name?: string;
  mime?: string;
  sha256?: string;
  size?: number;
  /** Platform-specific download descriptor, resolved by that platform's media fetcher. */
  source?: { platform: Platform } & Record<string, unknown>;
}

export interface IncomingMessage {
  platform: Platform;
  /** Platform message id; `platform:msgId` is the durable dedupe key. */
  msgId: string;
  chatId: string;
  chatType: ChatType;
  chatTitle?: string;
  userId: string;
  userName?: string;
  /** Text with the @bot mention removed and whitespace trimmed. */
  text: string;
  media: MediaRef[];
  /** Quoted message text, where the platform provides it. */
  quoteText?: string;
  /** ISO time the transport received the message. */
  receivedAt: string;
  /** Transport hint for replying in-thread (e.g. a WeCom frame id or DingTalk sessionWebhook). */
  replyHint?: Record<string, unknown>;
}

export function dedupeKey(message: Pick<IncomingMessage, 'platform' | 'msgId'>): string {
  return `${message.platform}:${message.msgId}`;
}

export function identityKey(platform: Platform, userId: string): string {
  return `${platform}:${userId}`;
}

export function chatKey(platform: Platform, chatId: string): string {
  return `${platform}:${chatId}`;
}
