import type { BotServices } from '../../core/services';
import type { OutboxItem } from '../../core/outbox-types';
import { SendError, type Sender } from '../../core/sender';
import type { AibotConnection } from './aibot-connection';
import type { WecomAppApi } from './app-api';
import type { PassiveReplies } from './passive-replies';
import { planPaths, robotFor, type ReplyPath } from './reply-paths';
import { splitByBytes } from '../../core/text/split-by-bytes';
import { MARKDOWN_MAX_BYTES, TEXT_MAX_BYTES } from './wecom-limits';
import { callWecom } from './wecom-http';
import { toMarkdown } from './wecom-texts';
import type { WebhookClient } from './webhook-client';

export interface WecomSenderDeps {
  services: BotServices;
  passive: PassiveReplies;
  webhook: WebhookClient;
  connection?: AibotConnection;
  app?: WecomAppApi;
  botId?: string;
}

type Outcome = 'sent' | 'skip';
const STREAM_MAX_BYTES = 20_480;
const fits = (text: string, max: number) => Buffer.byteLength(text, 'utf8') <= max;

/**
 * The one WeCom sender behind the outbox. It picks the path per message — in-thread reply while valid (passive HTTP
 * answer, stream reply on the long connection, response_url once), else a proactive push (long connection
 * sendMessage, the chat's group robot webhook, the app's message/send for 1:1) — and falls through to the next path
 * when one is not available. Long texts are split (text 2048 / markdown 4096 bytes) on line boundaries.
 */
export class WecomSender implements Sender {
  readonly platform = 'wecom' as const;
  readonly perMinute = 20;
  private readonly usedResponseUrls = new Set<string>();
  /** Parts already delivered per item and path, so a retry after a partial failure does not repeat them. */
  private readonly progress = new Map<string, number>();

  constructor(private readonly deps: WecomSenderDeps) {}

  /**
   * With a long connection configured, only the instance running it sends WeCom messages (several instances:
   * the lease holder, see runtime/exclusive-channel.ts), so the 20/min pacing per robot lives in one place.
   */
  ready(): boolean {
    const state = this.deps.connection?.state;
    return state !== 'idle' && state !== 'stopped';
  }

  async robotKey(item: OutboxItem): Promise<string> {
    const [first] = await this.plan(item);
    return robotFor(first, item, this.deps.botId ?? 'bot', String(this.deps.app?.agentId ?? 'app'));
  }

  async send(item: OutboxItem): Promise<void> {
    const paths = await this.plan(item);
    const errors: SendError[] = [];
    for (const path of paths) {
      try {
        if ((await this.via(path, item)) !== 'sent') continue;
        // Delivered another way, but a broken path (e.g. a stale webhook key) must still reach the logs with its fix.
        for (const e of errors) this.deps.services.log.warn({ outboxId: item.id, code: e.options.code, error: e.message, fix: e.options.fix }, 'wecom send path failed; delivered by another');
        return;
      } catch (err) {
        errors.push(err instanceof SendError ? err : new SendError(String(err), true));
      }
    }
    throw this.failure(errors, paths.length);
  }

  private failure(errors: SendError[], tried: number): SendError {
    const retryable = errors.find((e) => e.retryable);
    if (retryable) return retryable;
    if (errors.length) return errors[0];
    if (this.deps.connection) return new SendError('long connection is not connected', true, { code: 'WS_DOWN', fix: 'the AI bot long connection is down; check /healthz, WECOM_BOT_ID/WECOM_BOT_SECRET and the network' });
    return new SendError(`no way to reach this WeCom chat (${tried} paths)`, false, {
      code: 'NO_PATH', fix: 'set WECOM_BOT_ID/WECOM_BOT_SECRET (long connection), or send 「设置推送 <key>」 in the group, or configure the self-built app for 1:1',
    });
  }

  private async plan(item: OutboxItem): Promise<ReplyPath[]> {
    const { services, connection, app } = this.deps;
    const chat = item.target.chatType === 'group' ? await services.store.chats.get('wecom', item.target.chatId) : undefined;
    return planPaths(item, {
      now: services.clock.now(), wsConfigured: !!connection, appConfigured: !!app,
      webhookKey: chat?.push?.webhookKey, usedResponseUrls: this.usedResponseUrls,
    });
  }

  private async via(path: ReplyPath, item: OutboxItem): Promise<Outcome> {
    const { passive, connection, webhook, app } = this.deps;
    switch (path.kind) {
      case 'passive': return (await passive.offer(path.id, item.text)) ? 'sent' : 'skip';
      case 'ws-reply': {
        const content = toMarkdown(item.text);
        if (!connection?.connected || !fits(content, STREAM_MAX_BYTES)) return 'skip';
        // A req_id from before a reconnect may be refused; the message then goes out as a push instead.
        try { await connection.replyStream(path.reqId, `zb${item.id}`, content); return 'sent'; } catch { return 'skip'; }
      }
      case 'response-url': return this.viaResponseUrl(path.url, item);
      case 'ws-push':
        if (!connection?.connected) return 'skip';
        return this.inParts(item, 'ws-push', splitByBytes(toMarkdown(item.text), MARKDOWN_MAX_BYTES), (part) => connection.sendMarkdown(item.target.chatId, part));
      case 'webhook': {
        if (!item.mentions?.length) {
          return this.inParts(item, 'webhook', splitByBytes(toMarkdown(item.text), MARKDOWN_MAX_BYTES), (part) => webhook.sendMarkdown(path.key, part));
        }
        const parts = splitByBytes(item.text, TEXT_MAX_BYTES);
        // The @ goes with the last part, so people are notified once, when the whole message is there.
        return this.inParts(item, 'webhook', parts, (part, i) => webhook.sendText(path.key, part, i === parts.length - 1 ? item.mentions : []));
      }
      case 'app': return this.inParts(item, 'app', splitByBytes(item.text, TEXT_MAX_BYTES), (part) => app!.sendText(item.target.chatId, part));
    }
  }

  private async viaResponseUrl(url: string, item: OutboxItem): Promise<Outcome> {
    const content = toMarkdown(item.text);
    if (!fits(content, MARKDOWN_MAX_BYTES)) return 'skip';
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

  private async inParts(item: OutboxItem, kind: string, parts: string[], sendPart: (part: string, index: number) => Promise<void>): Promise<Outcome> {
    const key = `${item.id}:${kind}`;
    for (let i = this.progress.get(key) ?? 0; i < parts.length; i++) {
      await sendPart(parts[i], i);
      this.progress.set(key, i + 1);
    }
    this.progress.delete(key);
    return 'sent';
  }
}
