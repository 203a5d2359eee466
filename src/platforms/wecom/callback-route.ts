import type Router from '@koa/router';
import type { Context as KoaContext } from 'koa';
import type { Logger } from 'pino';
import { answerCallbackError } from './callback-errors';
import type { CallbackCrypto } from './callback-crypto';

/**
 * The empty 200 — WeCom's "received; no passive reply" (docs 96466) — is the answer to nearly every callback under
 * load, so it is written directly: koa's body and type handling cost about a tenth of the whole ingest path.
 */
export function ackEmpty(ctx: KoaContext): void {
  ctx.status = 200;
  ctx.respond = false;
  ctx.res.writeHead(200, { 'content-length': '0' }).end();
}

/**
 * The query parameters of a callback URL, read with URLSearchParams: koa's `ctx.query` copies them into an object key
 * by key, which costs as much as the signature check on the ingest path. Same decoding; a repeated name counts with
 * its first value.
 */
export function callbackParams(ctx: KoaContext): { msg_signature?: string; timestamp?: string; nonce?: string } {
  const q = new URLSearchParams(ctx.querystring);
  return {
    msg_signature: q.get('msg_signature') ?? undefined,
    timestamp: q.get('timestamp') ?? undefined,
    nonce: q.get('nonce') ?? undefined,
  };
}

/**
 * One WeCom callback URL: GET is the URL verification (signature over echostr, then the decrypted echostr as
 * exactly-that text/plain — no quotes, no newline), POST the messages. Both answer errors through one sink.
 */
export function callbackRoute(
  router: Router,
  path: string,
  cipher: CallbackCrypto,
  log: Logger,
  onPost: (ctx: KoaContext) => Promise<void>,
): void {
  router.get(path, (ctx) => {
    try {
      const q = ctx.query as Record<string, string | undefined>;
      cipher.verifySignature(q.msg_signature, q.timestamp, q.nonce, q.echostr);
      ctx.type = 'text/plain';
      ctx.body = cipher.decrypt(q.echostr!);
    } catch (err) {
      answerCallbackError(ctx, err, log, `GET ${path}`);
    }
  });
  router.post(path, async (ctx) => {
    try {
      await onPost(ctx);
    } catch (err) {
      answerCallbackError(ctx, err, log, `POST ${path}`);
    }
  });
}

/**
 * Whether the response now set on `ctx` reaches the wire: true once it is written out, false when the caller hung
 * up first (WeCom stops waiting after 5 s) — koa then writes nothing and the reply must go another way.
 */
export function whenWritten(ctx: KoaContext): Promise<boolean> {
  const { res, req } = ctx;
  if (res.writableFinished) return Promise.resolve(true);
  if (res.destroyed || req.socket?.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    res.once('finish', () => resolve(true));
    res.once('close', () => resolve(res.writableFinished));
  });
}
