import crypto from 'node:crypto';
import type { InThreadReply, OutboxItem } from '../../outbox/outbox-types';
import type { RateLimit } from '../../outbox/pacer';
import { AIBOT_PER_CONVERSATION, APP_PER_MEMBER, WEBHOOK_PER_KEY } from './wecom-limits';
import { readReplyHint } from './wecom-reply-hint';

/** The ways a WeCom message can leave, in the order the sender tries them (see wecom-sender.ts). */
export type ReplyPath =
  | { kind: 'passive'; reply: InThreadReply }
  | { kind: 'ws-reply'; reqId: string }
  | { kind: 'response-url'; url: string }
  | { kind: 'webhook'; key: string }
  | { kind: 'ws-push' }
  | { kind: 'app' };

export interface PathContext {
  now: Date;
  wsConfigured: boolean;
  appConfigured: boolean;
  webhookKey?: string;
  /** A user has messaged the AI bot in this chat and WeCom has not refused a push since (docs 101463). */
  sessionActive: boolean;
  usedResponseUrls: ReadonlySet<string>;
  /** The HTTP response of the callback this item answers, while this process still holds it open. */
  inThread?: InThreadReply;
}

/** A reply on the long connection is allowed for 24 hours after its callback (docs 101463); keep a margin. */
const WS_REPLY_MS = 23 * 60 * 60_000;
/** response_url is valid for one hour and usable once (docs 101138). */
const RESPONSE_URL_MS = 55 * 60_000;

function replyPaths(item: OutboxItem, ctx: PathContext): ReplyPath[] {
  const out: ReplyPath[] = ctx.inThread ? [{ kind: 'passive', reply: ctx.inThread }] : [];
  const hint = readReplyHint(item.replyHint);
  if (!hint) return out;
  const age = ctx.now.getTime() - new Date(hint.at).getTime();
  if (hint.via === 'aibot-ws' && age < WS_REPLY_MS) out.push({ kind: 'ws-reply', reqId: hint.reqId });
  const url = hint.via === 'app' ? undefined : hint.responseUrl;
  if (url && age < RESPONSE_URL_MS && !ctx.usedResponseUrls.has(url)) out.push({ kind: 'response-url', url });
  return out;
}

/**
 * Every path that could carry this item now, best first: in-thread replies while they are valid, then the
 * proactive routes that are known to work — the group's robot webhook (设置推送) for a group, the AI-bot push only
 * where the chat has a session, the self-built app for 1:1. A message that @-mentions people prefers the webhook,
 * the only path whose @ really notifies.
 */
export function planPaths(item: OutboxItem, ctx: PathContext): ReplyPath[] {
  const replies = replyPaths(item, ctx);
  const group = item.target.chatType === 'group';
  const hook: ReplyPath[] = group && ctx.webhookKey ? [{ kind: 'webhook', key: ctx.webhookKey }] : [];
  const push: ReplyPath[] = ctx.wsConfigured && ctx.sessionActive ? [{ kind: 'ws-push' }] : [];
  const app: ReplyPath[] = !group && ctx.appConfigured ? [{ kind: 'app' }] : [];
  if (item.mentions?.length && hook.length) return [...hook, ...replies, ...push];
  return [...replies, ...hook, ...push, ...app];
}

const hash = (s: string) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 12);

function limitsOf(key: string, spec: ReadonlyArray<{ max: number; windowMs: number }>): RateLimit[] {
  return spec.map((l) => ({ key: `${key}/${l.windowMs}`, max: l.max, windowMs: l.windowMs }));
}

/**
 * What a path counts against: every AI-bot path (passive, stream reply, response_url, push) shares the
 * conversation's 30/min and 1000/h; a webhook its key's 20/min; the app each member's 30/min and 1000/h.
 */
export function limitsFor(path: ReplyPath | undefined, item: OutboxItem, botId: string, agentId: string): RateLimit[] {
  switch (path?.kind) {
    case 'passive':
    case 'ws-reply':
    case 'response-url':
    case 'ws-push':
      return limitsOf(`wecom:aibot:${botId}:${item.target.chatId}`, AIBOT_PER_CONVERSATION);
    case 'webhook':
      return limitsOf(`wecom:webhook:${hash(path.key)}`, WEBHOOK_PER_KEY);
    case 'app':
      return limitsOf(`wecom:app:${agentId}:${item.target.chatId}`, APP_PER_MEMBER);
    default:
      return [];
  }
}
