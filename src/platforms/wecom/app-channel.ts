import type { Context as KoaContext } from 'koa';
import type { IncomingMessage } from '../../bot/incoming-message';
import type { Channel, ChannelDeps } from '../channel';
import { CallbackFormatError } from './callback-errors';
import { ackEmpty, callbackRoute, whenWritten } from './callback-route';
import { CallbackCrypto } from './callback-crypto';
import { firstDelivery } from './first-delivery';
import { buildFlatXml, parseFlatXml } from './flat-xml';
import { normalizeApp } from './normalize-app';
import { passiveIdFor, type PassiveReplies } from './passive-replies';
import { readRawBody } from '../../http/raw-body';
import { TEXT_MAX_BYTES } from './wecom-limits';
import { WELCOME_TEXT } from './wecom-texts';

/** An encrypted 1:1 message is a few KB (text ≤ 2048 bytes); the envelope is read before it can be authenticated. */
const BODY_LIMIT = 64 * 1024;

/**
 * The self-built app's callback (`GET|POST /wecom/app`, XML, receiveid = CorpID): members' 1:1 messages. koa parses
 * no XML, so the raw body is read; the signature over `Encrypt` is checked before decrypting. The answer is a
 * passive encrypted XML text when the handler's reply is ready in time, else an empty 200 and `message/send` later.
 */
export function appChannel({ config, bot, services }: ChannelDeps, passive: PassiveReplies): Channel {
  const log = services.log.child({ channel: 'wecom-app' });
  const corpId = config.WECOM_CORP_ID!;
  const cipher = new CallbackCrypto({
    token: config.WECOM_APP_TOKEN!,
    aesKey: config.WECOM_APP_AES_KEY!,
    receiveId: corpId,
    names: { token: 'WECOM_APP_TOKEN', aesKey: 'WECOM_APP_AES_KEY', receiveId: 'WECOM_CORP_ID' },
  });
  const waitMs = config.WECOM_REPLY_WAIT_MS;

  function answerText(ctx: KoaContext, toUser: string, content: string): void {
    const now = services.clock.now();
    const plain = buildFlatXml([
      ['ToUserName', toUser],
      ['FromUserName', corpId],
      ['CreateTime', Math.floor(now.getTime() / 1000)],
      ['MsgType', 'text'],
      ['Content', content],
    ]);
    const q = ctx.query as Record<string, string>;
    const sealed = cipher.seal(plain, { timestamp: q.timestamp, nonce: q.nonce });
    ctx.type = 'application/xml';
    ctx.body = buildFlatXml([
      ['Encrypt', sealed.encrypt],
      ['MsgSignature', sealed.signature],
      ['TimeStamp', Number(sealed.timestamp)],
      ['Nonce', sealed.nonce],
    ]);
  }

  async function onMessage(ctx: KoaContext, message: IncomingMessage): Promise<void> {
    // Read before this message joins the queue: others already waiting means its answer would come too late.
    const backlogged = bot.backlog > 0;
    const inThread = passive.open(TEXT_MAX_BYTES, backlogged);
    const fresh = await bot.accept(message, { defer: true, inThread });
    if (!fresh) inThread?.close();
    const reply = await inThread?.wait(waitMs);
    if (!reply) return ackEmpty(ctx);
    answerText(ctx, message.userId, reply.texts.join('\n\n'));
    void whenWritten(ctx).then(reply.settle);
  }

  async function onPost(ctx: KoaContext): Promise<void> {
    const envelope = parseFlatXml((await readRawBody(ctx.req, BODY_LIMIT)).toString('utf8'));
    const encrypt = envelope.get('Encrypt');
    if (!encrypt) throw new CallbackFormatError('field Encrypt missing');
    const q = ctx.query as Record<string, string | undefined>;
    cipher.verifySignature(q.msg_signature, q.timestamp, q.nonce, encrypt);
    const inbound = normalizeApp(parseFlatXml(cipher.decrypt(encrypt)), passiveIdFor, services.clock.now());
    if (inbound?.kind === 'message') return onMessage(ctx, inbound.message);
    if (
      inbound?.kind === 'event' &&
      inbound.event === 'enter_agent' &&
      (await firstDelivery(services, inbound.dedupeId, {
        chatId: inbound.userId,
        chatType: 'single',
        userId: inbound.userId,
      }))
    ) {
      return answerText(ctx, inbound.userId, WELCOME_TEXT);
    }
    ackEmpty(ctx);
  }

  return {
    name: 'wecom-app',
    platform: 'wecom',
    routes(router) {
      callbackRoute(router, '/wecom/app', cipher, log, onPost);
    },
    health: () => ({ state: 'enabled', ok: true }),
  };
}
