import type Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock';
import { verifyCallbackSignature } from './callback-signature';
import type { IngestOutcome } from './ingest-robot-message';
import { RobotMessageError } from './robot-message';

export interface CallbackRouteDeps {
  /** The app's Client Secret (`DINGTALK_CLIENT_SECRET`), the HMAC key of the `sign` header. */
  secret: string;
  clock: Clock;
  log: Logger;
  ingest: (body: unknown) => Promise<IngestOutcome>;
}

/**
 * `POST /dingtalk/callback` (HTTP mode): the `timestamp` + `sign` headers are checked before the body is even read,
 * so a forged request costs no parsing and stores nothing (401); a malformed body is 400; a good one is persisted
 * and answered 200 at once — replies go out later through the sessionWebhook or OpenAPI.
 */
export function httpCallbackRoute(router: Router, deps: CallbackRouteDeps): void {
  router.post('/dingtalk/callback', async (ctx, next) => {
    try {
      verifyCallbackSignature(ctx.get('timestamp') || undefined, ctx.get('sign') || undefined, deps.secret, deps.clock.now().getTime());
    } catch (err) {
      deps.log.warn({ err: (err as Error).message, ip: ctx.ip }, 'dingtalk callback signature rejected');
      ctx.status = 401;
      ctx.body = { error: '签名校验失败', code: 'SIGNATURE_MISMATCH' };
      return;
    }
    await next();
  }, bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', jsonStrict: true }), async (ctx) => {
    try {
      await deps.ingest(ctx.request.body);
    } catch (err) {
      if (!(err instanceof RobotMessageError)) throw err;
      ctx.status = 400;
      ctx.body = { error: `消息格式不对：${err.message}`, code: 'BAD_REQUEST' };
      return;
    }
    // The documented "no reply here" answer (KB 0699 msgtype empty): a body with content would be posted into the
    // chat as a synchronous reply (KB 0718); we reply later through the sessionWebhook or OpenAPI.
    ctx.status = 200;
    ctx.body = { msgtype: 'empty' };
  });
}
