import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../time/clock';
import type { OutboxItem } from '../../outbox/outbox-types';
import type { SendPlan } from '../../outbox/pacer';
import { SendError, type Sender } from '../../outbox/sender';
import type { Store } from '../../store/store';
import { customRobotToken, customRobotUrl } from './custom-robot-url';
import type { DingtalkApi } from './dingtalk-api';
import { mentionText } from './mention-text';
import { otoBatchSend } from './oto-batch-send';
import type { QuotaMeter } from './quota-meter';
import { readReplyHint, sessionUsable } from './reply-hint';
import { isSessionGone, postRobotWebhook, robotTextBody } from './robot-webhook';
import { splitByBytes } from '../../text/split-by-bytes';
import { MAX_TEXT_BYTES } from './dingtalk-limits';
import { toSendError } from './to-send-error';
import { readPushSettings } from './dingtalk-push-settings';

export interface DingtalkSenderDeps {
  api: DingtalkApi;
  store: Store;
  clock: Clock;
  meter: QuotaMeter;
  log: Logger;
  oapiBase: string;
  robotCode: string;
  perMinute?: number;
}

/** How one outbox item leaves: only the session webhook and a custom robot can @ people (pitfall 5). */
export type SendRoute =
  | { kind: 'session'; robotCode: string; webhook: string; asker?: string }
  | { kind: 'custom'; token: string; secret?: string }
  | { kind: 'group'; robotCode: string }
  | { kind: 'oto'; robotCode: string };

const short = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

/** Pacing key: the enterprise robot for its three paths, each custom robot on its own (20/min each). */
export function routeKey(route: SendRoute): string {
  return route.kind === 'custom' ? `dingtalk:webhook:${short(route.token)}` : `dingtalk:robot:${route.robotCode}`;
}

/**
 * The DingTalk side of the outbox. A reply goes through the message's sessionWebhook while it is valid (and @s the
 * asker in a group); otherwise a group gets its custom robot if one was set (设置推送 / 添加推送群), else
 * `robot/groupMessages/send` (openConversationId = chat id); a 1:1 chat gets `robot/oToMessages/batchSend`.
 */
export class DingtalkSender implements Sender {
  readonly platform = 'dingtalk' as const;
  readonly perMinute: number;

  constructor(private readonly deps: DingtalkSenderDeps) {
    this.perMinute = deps.perMinute ?? 20;
  }

  async robotKey(item: OutboxItem): Promise<string> {
    return routeKey(await this.route(item));
  }

  /** 20 messages a minute per robot (each custom robot on its own), every sent part counted (KB 0702, 0717). */
  async pace(item: OutboxItem): Promise<SendPlan> {
    const route = await this.route(item);
    const parts = route.kind === 'oto' ? 1 : splitByBytes(item.text, MAX_TEXT_BYTES).length;
    return { limits: [{ key: routeKey(route), max: this.perMinute, windowMs: 60_000 }], parts };
  }

  async route(item: OutboxItem, skipSession = false): Promise<SendRoute> {
    const hint = readReplyHint(item.replyHint);
    const robotCode = hint?.robotCode ?? this.deps.robotCode;
    if (!skipSession && sessionUsable(hint, this.deps.clock.now().getTime())) {
      return {
        kind: 'session',
        robotCode,
        webhook: hint.webhook,
        asker: item.target.chatType === 'group' ? hint.atUserId : undefined,
      };
    }
    if (item.target.chatType === 'single') return { kind: 'oto', robotCode };
    const push = readPushSettings((await this.deps.store.chats.get('dingtalk', item.target.chatId))?.push);
    const token = push.webhook ? customRobotToken(push.webhook) : undefined;
    if (token) return { kind: 'custom', token, secret: push.secret };
    return { kind: 'group', robotCode };
  }

  async send(item: OutboxItem): Promise<void> {
    try {
      const route = await this.route(item);
      if (route.kind !== 'session') return await this.deliver(item, route);
      try {
        return await this.deliver(item, route);
      } catch (err) {
        if (!isSessionGone(err)) throw err;
        this.deps.log.info({ outboxId: item.id }, 'dingtalk session webhook expired; sending through OpenAPI instead');
      }
      return await this.deliver(item, await this.route(item, true));
    } catch (err) {
      throw toSendError(err);
    }
  }

  /** Several 1:1 items with the same text and robot go out in one batchSend; returns each item's failure, if any. */
  async sendMany(items: OutboxItem[]): Promise<Map<number, SendError | undefined>> {
    const out = new Map<number, SendError | undefined>();
    const batches = new Map<string, { robotCode: string; items: OutboxItem[] }>();
    for (const item of items) {
      const route = await this.route(item);
      if (route.kind !== 'oto') {
        out.set(
          item.id,
          await this.send(item).then(
            () => undefined,
            (err: unknown) => toSendError(err),
          ),
        );
        continue;
      }
      const key = `${route.robotCode}\n${item.text}`;
      const batch = batches.get(key) ?? { robotCode: route.robotCode, items: [] };
      batch.items.push(item);
      batches.set(key, batch);
    }
    for (const { robotCode, items: group } of batches.values()) {
      for (const [id, error] of await this.batch(robotCode, group)) out.set(id, error);
    }
    return out;
  }

  private async batch(robotCode: string, items: OutboxItem[]): Promise<Map<number, SendError | undefined>> {
    const result = new Map<number, SendError | undefined>();
    try {
      const failed = new Map<string, SendError>();
      for (const piece of splitByBytes(items[0].text, MAX_TEXT_BYTES)) {
        const outcome = await otoBatchSend(
          this.deps.api,
          robotCode,
          items.map((i) => i.target.chatId),
          piece,
        );
        for (const id of outcome.invalid) failed.set(id, invalidUser(id));
        for (const id of outcome.throttled) failed.set(id, throttledUser(id));
      }
      for (const item of items) result.set(item.id, failed.get(item.target.chatId));
    } catch (err) {
      for (const item of items) result.set(item.id, toSendError(err));
    }
    return result;
  }

  private async deliver(item: OutboxItem, route: SendRoute): Promise<void> {
    if (route.kind === 'oto') {
      const outcome = await otoBatchSend(this.deps.api, route.robotCode, [item.target.chatId], item.text);
      if (outcome.invalid.length) throw invalidUser(item.target.chatId);
      if (outcome.throttled.length) throw throttledUser(item.target.chatId);
      return;
    }
    if (route.kind === 'group') {
      for (const content of splitByBytes(item.text, MAX_TEXT_BYTES)) {
        await this.deps.api.post('/v1.0/robot/groupMessages/send', {
          robotCode: route.robotCode,
          openConversationId: item.target.chatId,
          msgKey: 'sampleText',
          msgParam: JSON.stringify({ content }),
        });
      }
      return;
    }
    await this.viaWebhook(item, route);
  }

  private async viaWebhook(item: OutboxItem, route: Extract<SendRoute, { kind: 'session' | 'custom' }>): Promise<void> {
    const mentions = item.target.chatType === 'group' ? (item.mentions ?? []) : [];
    const asker = route.kind === 'session' ? route.asker : undefined;
    const { content, atUserIds } = await mentionText(item.text, mentions, (id) => this.nameOf(id), asker);
    for (const [i, piece] of splitByBytes(content, MAX_TEXT_BYTES).entries()) {
      const url =
        route.kind === 'session'
          ? this.rebase(route.webhook)
          : customRobotUrl(this.deps.oapiBase, route.token, route.secret, this.deps.clock.now().getTime());
      try {
        // Stable per item and part: a retry of the same part carries the same key and DingTalk drops the repeat.
        const msgUuid = route.kind === 'custom' ? `zhibu-${item.id}-${i}` : undefined;
        await postRobotWebhook(url, robotTextBody(piece, i === 0 ? atUserIds : [], msgUuid));
      } finally {
        await this.deps.meter.record('push');
      }
    }
  }

  /** Session webhooks are oapi URLs; sending them to DINGTALK_OAPI_BASE keeps every outbound host configurable. */
  private rebase(webhook: string): string {
    const u = new URL(webhook);
    return `${this.deps.oapiBase.replace(/\/+$/, '')}${u.pathname}${u.search}`;
  }

  private async nameOf(userId: string): Promise<string | undefined> {
    const identity = await this.deps.store.identities.find('dingtalk', userId);
    if (!identity) return undefined;
    return (await this.deps.store.members.get(identity.memberId))?.name ?? identity.displayName;
  }
}

function invalidUser(id: string): SendError {
  return new SendError(`dingtalk batchSend: ${id} is in invalidStaffIdList`, false, {
    code: 'invalidStaffId',
    fix: 'the user is not (or no longer) in the DingTalk org, or the robot is not published to them',
  });
}

function throttledUser(id: string): SendError {
  return new SendError(`dingtalk batchSend: ${id} is in flowControlledStaffIdList`, true, { code: 'flowControlled' });
}
