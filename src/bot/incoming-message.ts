/**
 * The one shape every transport normalizes to (DESIGN.md §2). Handlers never see a platform payload.
 * It must stay JSON-serializable: the inbox persists it before the platform is acked.
 */
export type Platform = 'sim' | 'wecom' | 'dingtalk';
export type ChatType = 'group' | 'single';
export type MediaKind = 'image' | 'video' | 'file' | 'voice';

/**
 * Data a platform attaches for its own later use (how to answer in-thread, where to download a file). It is JSON,
 * persisted with the message or outbox item and carried through the core as it is; only the platform that wrote
 * it reads it, through its one reader, which refuses data that is not its own (a row from an older version,
 * another platform's hint).
 */
export type PlatformData = { readonly [field: string]: unknown };

/** Where a not-yet-stored media file comes from: the owning platform, whose media fetcher reads the rest. */
export type MediaSource = PlatformData & { readonly platform: Platform };

/** A piece of proof media. Either already stored (`sha256`) or still to be fetched from the platform (`source`). */
export interface MediaRef {
  kind: MediaKind;
  name?: string;
  mime?: string;
  sha256?: string;
  size?: number;
  /** Platform-specific download descriptor, resolved by that platform's media fetcher. */
  source?: MediaSource;
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
  replyHint?: PlatformData;
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
