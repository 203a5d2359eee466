import type { Branch, Chat, Member } from '../model';
import { dedupeKey, identityKey, type IncomingMessage, type PlatformData } from './incoming-message';
import type { InThreadReply, OutboxItem, SendTarget } from '../outbox/outbox-types';
import type { BotServices } from './services';
import { normalizeText } from '../text/normalize-text';
import { commandPrefix, type Glued } from './command-match';
import { stripMentions, trimEdgePunctuation } from '../text/command-text';
import { resolveRoles, type Roles } from '../members/roles';

export interface SendOptions {
  mentions?: string[];
}

/**
 * One incoming message plus everything a handler needs to answer it (probot's Context). Replies are keyed by the
 * message's dedupe key, so re-running a message after a crash cannot send the same answer twice.
 */
export class Context {
  /** What the sender wrote, without leading @mentions: store and show this. */
  readonly raw: string;
  /** The matching form (half-width, collapsed spaces): parse and compare this, never store it. */
  readonly text: string;
  /** `text` without surrounding punctuation, for command words (`积分？` is `积分`). */
  readonly commandText: string;
  readonly replies: OutboxItem[] = [];
  member?: Member;
  private sends = 0;
  private rolesCache?: Promise<Roles>;

  /**
   * `chat`: the chat the message came from, recorded before any handler runs. `inThread`: the open response of the
   * request that brought the message (fast-ack HTTP transports).
   */
  constructor(
    readonly message: IncomingMessage,
    readonly services: BotServices,
    readonly chat: Chat,
    private readonly inThread?: InThreadReply,
  ) {
    this.raw = stripMentions(message.text);
    this.text = normalizeText(this.raw);
    this.commandText = trimEdgePunctuation(this.text);
  }

  get store() {
    return this.services.store;
  }
  get settings() {
    return this.services.settings;
  }
  get identity(): string {
    return identityKey(this.message.platform, this.message.userId);
  }
  get isGroup(): boolean {
    return this.message.chatType === 'group';
  }
  now(): Date {
    return this.services.clock.now();
  }

  matchCommand(name: string, glued: Glued = false): boolean {
    return commandPrefix(this.commandText, name, glued) >= 0;
  }

  /** The text after the command word, in matching form (for parsing numbers, codes and keywords). */
  argsOf(name: string): string {
    return this.commandText.slice(name.length).trim();
  }

  /**
   * The text after the command word exactly as written (for titles, reasons and notes). Normalization maps one
   * character to one and the command word holds no spaces, so the word's length is the same in both forms.
   */
  rawArgsOf(name: string): string {
    return trimLeadingPunctuation(this.raw).slice(name.length).trim();
  }

  roles(): Promise<Roles> {
    this.rolesCache ??= resolveRoles(this.store, this.settings.admins, this.identity, this.member);
    return this.rolesCache;
  }

  async branch(): Promise<Branch | undefined> {
    return this.chat.branchId === undefined ? undefined : this.store.branches.get(this.chat.branchId);
  }

  /** Answers in the chat the message came from (@-mentioning `mentions` where the platform can). */
  reply(text: string, options: SendOptions = {}): Promise<OutboxItem> {
    const { platform, chatId, chatType, replyHint } = this.message;
    return this.enqueue({ platform, chatId, chatType }, text, options, replyHint, this.inThread);
  }

  /** Sends to the member in a 1:1 chat on the platform they were last seen on. */
  async replyPrivately(text: string): Promise<OutboxItem> {
    if (!this.isGroup) return this.reply(text);
    return this.send({ platform: this.message.platform, chatId: this.message.userId, chatType: 'single' }, text);
  }

  send(target: SendTarget, text: string, options: SendOptions = {}, replyHint?: PlatformData): Promise<OutboxItem> {
    return this.enqueue(target, text, options, replyHint);
  }

  private async enqueue(
    target: SendTarget,
    text: string,
    options: SendOptions,
    replyHint?: PlatformData,
    inThread?: InThreadReply,
  ): Promise<OutboxItem> {
    const idemKey = `${dedupeKey(this.message)}#${this.sends++}`;
    const item = await this.services.outbox.enqueue(
      { target, text, mentions: options.mentions, replyHint, idemKey },
      inThread,
    );
    this.replies.push(item);
    return item;
  }
}

function trimLeadingPunctuation(text: string): string {
  const rest = text.replace(/^[\s.。．?？!！~～…,，、;；:：·]+/u, '');
  return rest || text;
}
