import crypto from 'node:crypto';
import type { OutboxItem } from '../../core/outbox-types';

/** The ways a WeCom message can leave, in the order the sender tries them (see wecom-sender.ts). */
export type ReplyPath =
  | { kind: 'passive'; id: string }
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
  usedResponseUrls: ReadonlySet<string>;
}

/** A WS passive reply must start within the stream window (6 min, docs 100719); keep a margin. */
const WS_REPLY_MS = 5 * 60_000;
/** response_url is valid for one hour and usable once (docs 101138). */
const RESPONSE_URL_MS = 55 * 60_000;

function replyPaths(item: OutboxItem, ctx: PathContext): ReplyPath[] {
  const hint = item.replyHint;
  if (!hint) return [];
  const age = ctx.now.getTime() - new Date(String(hint.at ?? 0)).getTime();
  const out: ReplyPath[] = [];
  if (typeof hint.passiveId === 'string') out.push({ kind: 'passive', id: hint.passiveId });
  if (hint.via === 'aibot-ws' && typeof hint.reqId === 'string' && age < WS_REPLY_MS) out.push({ kind: 'ws-reply', reqId: hint.reqId });
  const url = hint.responseUrl;
  if (typeof url === 'string' && age < RESPONSE_URL_MS && !ctx.usedResponseUrls.has(url)) out.push({ kind: 'response-url', url });
  return out;
}

/**
 * Every path that could carry this item now, best first: in-thread replies while they are valid, then proactive
 * sends. A message that @-mentions people prefers the group robot webhook, the only path whose @ really notifies.
 */
export function planPaths(item: OutboxItem, ctx: PathContext): ReplyPath[] {
  const replies = replyPaths(item, ctx);
  const hook: ReplyPath[] = item.target.chatType === 'group' && ctx.webhookKey ? [{ kind: 'webhook', key: ctx.webhookKey }] : [];
  const push: ReplyPath[] = ctx.wsConfigured ? [{ kind: 'ws-push' }] : [];
  const app: ReplyPath[] = item.target.chatType === 'single' && ctx.appConfigured ? [{ kind: 'app' }] : [];
  if (item.mentions?.length && hook.length) return [...hook, ...replies, ...push, ...app];
  return [...replies, ...push, ...hook, ...app];
}

/** Pacing key: 20 messages/min per robot (webhook key), per AI bot for pushes, per chat for in-thread replies. */
export function robotFor(path: ReplyPath | undefined, item: OutboxItem, botId: string, agentId: string): string {
  switch (path?.kind) {
    case 'passive': case 'ws-reply': case 'response-url': return `wecom:reply:${item.target.chatId}`;
    case 'webhook': return `wecom:webhook:${crypto.createHash('sha256').update(path.key).digest('hex').slice(0, 12)}`;
    case 'ws-push': return `wecom:aibot:${botId}`;
    case 'app': return `wecom:app:${agentId}:${item.target.chatId}`;
    default: return 'wecom:none';
  }
}
