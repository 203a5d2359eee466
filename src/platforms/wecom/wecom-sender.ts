import type { Outbox } from '../../outbox/outbox';
import type { BotServices } from '../../bot/services';
import type { InThreadReply, OutboxItem } from '../../outbox/outbox-types';
import type { SendPlan } from '../../outbox/pacer';
import { SendError, type Sender } from '../../outbox/sender';
import type { AibotConnection } from './aibot-connection';
import type { AibotSessions } from './aibot-sessions';
import type { WecomAppApi } from './app-api';
import { blockedFix, holdError, tellSecretaries } from './push-blocked';
import { limitsFor, planPaths, type ReplyPath } from './reply-paths';
import { splitByBytes } from '../../text/split-by-bytes';
import { AIBOT_MARKDOWN_MAX_BYTES, MARKDOWN_MAX_BYTES, TEXT_MAX_BYTES } from './wecom-limits';
import { callWecom } from './wecom-http';
import { isNoSession } from './wecom-errcodes';
import { toMarkdown } from './wecom-texts';
import { readPushSettings } from './wecom-push-settings';
import type { WebhookClient } from './webhook-client';

export interface WecomSenderDeps {
  services: BotServices;
  /** Held posts are woken on it when their chat becomes reachable. */
  outbox: Outbox;
  webhook: WebhookClient;
  sessions: AibotSessions;
  connection?: AibotConnection;
  app?: WecomAppApi;
  botId?: string;
}

type Outcome = 'sent' | 'skip';
const fits = (text: string, max: number) => Buffer.byteLength(text, 'utf8') <= max;

/** The parts a path sends the item in: AI-bot markdown 20480 bytes, webhook markdown 4096 / text 2048, app text 2048. */
function partsOf(path: ReplyPath, item: OutboxItem): string[] {
  switch (path.kind) {
    case 'passive':
    case 'ws-reply':
    case 'response-url':
      return [toMarkdown(item.text)];
    case 'ws-push':
      return splitByBytes(toMarkdown(item.text), AIBOT_MARKDOWN_MAX_BYTES);
    case 'webhook':
      return item.mentions?.length
        ? splitByBytes(item.text, TEXT_MAX_BYTES)
        : splitByBytes(toMarkdown(item.text), MARKDOWN_MAX_BYTES);
    case 'app':
      return splitByBytes(item.text, TEXT_MAX_BYTES);
  }
}

/**
 * The one WeCom sender behind the outbox. It picks the path per message — in-thread reply while valid (passive HTTP
 * answer, stream reply on the long connection for 24 h, response_url once), else the proactive routes known to work
 * (the group's robot webhook, the AI-bot push where the chat has a session, the app's message/send for 1:1) — and
 * falls through to the next path when one is not available. A chat with no working route holds its posts: the
 * secretary is told once what to do, and the posts go out as soon as someone messages the bot there.
 */
export class WecomSender implements Sender {
  readonly platform = 'wecom' as const;
  private readonly usedResponseUrls = new Set<string>();
  /** Parts already delivered per item and path, so a retry after a partial failure does not repeat them. */
  private readonly progress = new Map<string, number>();
  /** Items held per chat for lack of a session, woken when a member messages the bot there. */
  private readonly held = new Map<string, Set<number>>();
  /**
   * The paths planned when the outbox paced this claim of the item, taken by its send right after (the same object,
   * nothing awaited in between): one chat and session lookup per send instead of two. A later claim is a new object.
   */
  private readonly planned = new WeakMap<OutboxItem, ReplyPath[]>();

  constructor(private readonly deps: WecomSenderDeps) {
    deps.sessions.onActive((chatId) => {
      const ids = this.held.get(chatId);
      this.held.delete(chatId);
      if (ids?.size)
        void deps.outbox.wake([...ids]).catch((err) => deps.services.log.error({ err }, 'waking held posts failed'));
    });
  }

  /**
   * With a long connection configured, only the instance running it sends WeCom messages (several instances:
   * the lease holder, see runtime/exclusive-channel.ts), so the pacing per conversation lives in one place.
   */
  ready(): boolean {
    const state = this.deps.connection?.state;
    return state !== 'idle' && state !== 'stopped';
  }

  /** The limits of the path the item will most likely take, and the number of parts it is split into there. */
  async pace(item: OutboxItem, inThread?: InThreadReply): Promise<SendPlan> {
    const paths = await this.plan(item, inThread);
    this.planned.set(item, paths);
    const [first] = paths;
    if (!first) return { limits: [], parts: 1 };
    return {
      limits: limitsFor(first, item, this.deps.botId ?? 'bot', String(this.deps.app?.agentId ?? 'app')),
      parts: partsOf(first, item).length,
    };
  }

  async send(item: OutboxItem, inThread?: InThreadReply): Promise<void> {
    const paths = this.planned.get(item) ?? (await this.plan(item, inThread));
    this.planned.delete(item);
    const errors: SendError[] = [];
    for (const path of paths) {
      try {
        if ((await this.via(path, item)) !== 'sent') continue;
        // Delivered another way, but a broken path (e.g. a stale webhook key) must still reach the logs with its fix.
        for (const e of errors)
          this.deps.services.log.warn(
            { outboxId: item.id, code: e.options.code, error: e.message, fix: e.options.fix },
            'wecom send path failed; delivered by another',
          );
        return;
      } catch (err) {
        const e = err instanceof SendError ? err : new SendError(String(err), true);
        if (path.kind === 'ws-push' && isNoSession(e)) await this.deps.sessions.refused(item.target.chatId);
        else errors.push(e);
      }
    }
    throw await this.failure(item, errors);
  }

  private async failure(item: OutboxItem, errors: SendError[]): Promise<SendError> {
    const retryable = errors.find((e) => e.retryable);
    if (retryable) return retryable;
    if (errors.length) return errors[0];
    if (this.deps.connection && !this.deps.connection.connected) {
      return new SendError('long connection is not connected', true, {
        code: 'WS_DOWN',
        fix: 'the AI bot long connection is down; check /healthz, WECOM_BOT_ID/WECOM_BOT_SECRET and the network',
      });
    }
    return this.hold(item);
  }

  /** No route can take the item now: hold it, tell the secretaries once, wake it when the chat gets a session. */
  private async hold(item: OutboxItem): Promise<SendError> {
    const { services, sessions, connection, app } = this.deps;
    const chatId = item.target.chatId;
    const session = await sessions.state(chatId);
    const since = session.state === 'needed' ? (session.since ?? 'never') : 'never';
    this.held.set(chatId, (this.held.get(chatId) ?? new Set()).add(item.id));
    await tellSecretaries(services, { item, since, wsConfigured: !!connection, appConfigured: !!app });
    return holdError(blockedFix({ chatType: item.target.chatType }, !!connection, !!app));
  }

  private async plan(item: OutboxItem, inThread?: InThreadReply): Promise<ReplyPath[]> {
    const { services, connection, app, sessions } = this.deps;
    const chat = await services.store.chats.get('wecom', item.target.chatId);
    const sessionActive = !!connection && (await sessions.state(item.target.chatId)).state === 'active';
    return planPaths(item, {
      now: services.clock.now(),
      wsConfigured: !!connection,
      appConfigured: !!app,
      sessionActive,
      webhookKey: item.target.chatType === 'group' ? readPushSettings(chat?.push).webhookKey : undefined,
      usedResponseUrls: this.usedResponseUrls,
      inThread,
    });
  }

  private async via(path: ReplyPath, item: OutboxItem): Promise<Outcome> {
    const { connection, webhook, app } = this.deps;
    const parts = partsOf(path, item);
    switch (path.kind) {
      case 'passive':
        return (await path.reply.offer(item.text)) ? 'sent' : 'skip';
      case 'ws-reply': {
        if (!connection?.connected || !fits(parts[0], AIBOT_MARKDOWN_MAX_BYTES)) return 'skip';
        // A req_id from before a reconnect may be refused; the message then goes out as a push instead.
        try {
          await connection.replyStream(path.reqId, `zb${item.id}`, parts[0]);
          return 'sent';
        } catch {
          return 'skip';
        }
      }
      case 'response-url':
        return this.viaResponseUrl(path.url, parts[0]);
      case 'ws-push':
        if (!connection?.connected) return 'skip';
        return this.inParts(item, 'ws-push', parts, (part) => connection.sendMarkdown(item.target.chatId, part));
      case 'webhook':
        if (!item.mentions?.length)
          return this.inParts(item, 'webhook', parts, (part) => webhook.sendMarkdown(path.key, part));
        // The @ goes with the last part, so people are notified once, when the whole message is there.
        return this.inParts(item, 'webhook', parts, (part, i) =>
          webhook.sendText(path.key, part, i === parts.length - 1 ? item.mentions : []),
        );
      case 'app':
        return this.inParts(item, 'app', parts, (part) => app!.sendText(item.target.chatId, part));
    }
  }

  private async viaResponseUrl(url: string, content: string): Promise<Outcome> {
    if (!fits(content, AIBOT_MARKDOWN_MAX_BYTES)) return 'skip';
    this.usedResponseUrls.add(url);
    if (this.usedResponseUrls.size > 10_000) this.usedResponseUrls.delete(this.usedResponseUrls.values().next().value!);
    try {
      await callWecom('response_url', url, { msgtype: 'markdown', markdown: { content } });
      return 'sent';
    } catch (err) {
      if (err instanceof SendError && err.options.code === 'NETWORK') throw err;
      return 'skip';
    }
  }

  private async inParts(
    item: OutboxItem,
    kind: string,
    parts: string[],
    sendPart: (part: string, index: number) => Promise<void>,
  ): Promise<Outcome> {
    const key = `${item.id}:${kind}`;
    for (let i = this.progress.get(key) ?? 0; i < parts.length; i++) {
      await sendPart(parts[i], i);
      this.progress.set(key, i + 1);
    }
    this.progress.delete(key);
    return 'sent';
  }
}
