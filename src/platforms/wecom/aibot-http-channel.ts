import type { Context as KoaContext } from 'koa';
import type { IncomingMessage } from '../../bot/incoming-message';
import type { Channel, ChannelDeps } from '../channel';
import { parseAibotPayload } from './aibot-payload';
import { CallbackFormatError } from './callback-errors';
import { ackEmpty, callbackParams, callbackRoute, whenWritten } from './callback-route';
import { CallbackCrypto } from './callback-crypto';
import type { AibotSessions } from './aibot-sessions';
import { firstDelivery } from './first-delivery';
import { normalizeAibot } from './normalize-aibot';
import { passiveIdFor, type PassiveReplies } from './passive-replies';
import { readRawBody } from '../../http/raw-body';
import { WELCOME_TEXT, toMarkdown } from './wecom-texts';

/**
 * A callback is a few KB of JSON; the envelope must be parsed before its signature can be checked, so anything larger
 * is refused from its content-length (413) before a byte of it is read, converted or parsed.
 */
const BODY_LIMIT = 64 * 1024;
const STREAM_MAX_BYTES = 20_480;

/**
 * The AI bot over HTTP callback (`GET|POST /wecom/bot`, JSON, receiveid ""): verify the signature before decrypting,
 * store the message through `bot.accept`, answer within the second — with the handler's reply as an encrypted
 * stream when it is ready in time, else an empty 200 (the reply then uses response_url or a push).
 */
export function aibotHttpChannel(
  { config, bot, services }: ChannelDeps,
  passive: PassiveReplies,
  sessions: AibotSessions,
): Channel {
  const log = services.log.child({ channel: 'wecom-aibot-http' });
  const cipher = new CallbackCrypto({
    token: config.WECOM_BOT_TOKEN!,
    aesKey: config.WECOM_BOT_AES_KEY!,
    receiveId: '',
    names: { token: 'WECOM_BOT_TOKEN', aesKey: 'WECOM_BOT_AES_KEY' },
  });
  // How long a callback may wait for the handler's answer to ride in its response (WeCom wants one within 1 s).
  const waitMs = config.WECOM_REPLY_WAIT_MS;

  function answer(ctx: KoaContext, plaintext: object): void {
    const q = callbackParams(ctx);
    const sealed = cipher.seal(JSON.stringify(plaintext), { timestamp: q.timestamp ?? '', nonce: q.nonce ?? '' });
    ctx.body = {
      encrypt: sealed.encrypt,
      msgsignature: sealed.signature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };
  }

  async function onMessage(ctx: KoaContext, message: IncomingMessage, passiveId: string): Promise<void> {
    // Read before this message joins the queue: others already waiting means its answer would come too late.
    const backlogged = bot.backlog > 0;
    await sessions.messaged(message.chatId, message.chatType);
    const inThread = passive.open(STREAM_MAX_BYTES, backlogged);
    const fresh = await bot.accept(message, { defer: true, inThread });
    if (!fresh) inThread?.close();
    const reply = await inThread?.wait(waitMs);
    if (!reply) return ackEmpty(ctx);
    answer(ctx, {
      msgtype: 'stream',
      stream: { id: passiveId, finish: true, content: toMarkdown(reply.texts.join('\n\n')) },
    });
    void whenWritten(ctx).then(reply.settle);
  }

  async function onPost(ctx: KoaContext): Promise<void> {
    const raw = await readRawBody(ctx.req, BODY_LIMIT);
    const envelope = JSON.parse(raw.toString('utf8')) as { encrypt?: unknown };
    if (typeof envelope?.encrypt !== 'string') throw new CallbackFormatError('field encrypt missing');
    const q = callbackParams(ctx);
    cipher.verifySignature(q.msg_signature, q.timestamp, q.nonce, envelope.encrypt);
    const payload = parseAibotPayload(JSON.parse(cipher.decrypt(envelope.encrypt)));
    const passiveId = passiveIdFor(payload.msgid);
    const inbound = normalizeAibot(payload, { via: 'aibot-http', passiveId }, services.clock.now());
    if (inbound.kind === 'message') return onMessage(ctx, inbound.message, passiveId);
    if (
      inbound.kind === 'event' &&
      inbound.eventType === 'enter_chat' &&
      (await firstDelivery(services, inbound.dedupeId, {
        chatId: inbound.chatId,
        chatType: 'single',
        userId: inbound.userId,
      }))
    ) {
      return answer(ctx, { msgtype: 'text', text: { content: WELCOME_TEXT } });
    }
    ackEmpty(ctx);
  }

  return {
    name: 'wecom-aibot-http',
    platform: 'wecom',
    routes(router) {
      callbackRoute(router, '/wecom/bot', cipher, log, onPost);
    },
    health: () => ({ state: 'enabled', ok: true }),
  };
}
