import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import type { Context as KoaContext } from 'koa';
import type { Logger } from 'pino';
import type { Clock } from '../../time/clock';
import { BodyTooLargeError, readRawBody } from '../../http/raw-body';
import type { NonceRepo } from '../../store/nonce-repo';
import { SIGNATURE_WINDOW_MS, verifyCallbackSignature } from './callback-signature';
import type { IngestOutcome } from './ingest-robot-message';
import { RobotMessageError } from './robot-message';

/**
 * A robot message is a few KB; the body is read only after the headers passed, and never beyond this. The `sign`
 * does not cover the body, so a captured pair must not buy reading, hashing and parsing a large one: a bigger
 * content-length is refused (413) before any of it is read.
 */
const BODY_LIMIT = 64 * 1024;

export interface CallbackRouteDeps {
  /** The app's Client Secret (`DINGTALK_CLIENT_SECRET`), the HMAC key of the `sign` header. */
  secret: string;
  clock: Clock;
  log: Logger;
  /** Where used (timestamp, sign) pairs are remembered, shared by every instance on the store. */
  nonces: NonceRepo;
  /** This app's robot and (when configured) organization: a body naming others is not for us. */
  app: { robotCode: string; corpId?: string };
  ingest: (body: unknown) => Promise<IngestOutcome>;
}

function refuse(ctx: KoaContext, log: Logger, reason: string): void {
  log.warn({ reason, ip: ctx.ip }, 'dingtalk callback rejected');
  ctx.status = 401;
  ctx.body = { error: '签名校验失败', code: 'SIGNATURE_MISMATCH' };
}

function badRequest(ctx: KoaContext, status: 400 | 413, error: string): void {
  ctx.status = status;
  ctx.body = { error, code: 'BAD_REQUEST' };
}

/** Why a signed body still is not ours to take, or undefined. */
function foreignApp(body: unknown, app: CallbackRouteDeps['app']): string | undefined {
  const m = (body ?? {}) as { robotCode?: unknown; chatbotCorpId?: unknown };
  if (typeof m.robotCode === 'string' && m.robotCode && m.robotCode !== app.robotCode) {
    return 'robotCode differs from DINGTALK_ROBOT_CODE (default DINGTALK_CLIENT_ID)';
  }
  if (app.corpId && typeof m.chatbotCorpId === 'string' && m.chatbotCorpId && m.chatbotCorpId !== app.corpId) {
    return 'chatbotCorpId differs from DINGTALK_CORP_ID';
  }
  return undefined;
}

/**
 * The body of a request whose headers passed, read (capped) and claimed: the (timestamp, sign) pair is recorded in
 * the store for the body's hash, so the same pair with other bytes is a replay. Undefined once answered.
 */
async function readClaimedBody(
  ctx: KoaContext,
  deps: CallbackRouteDeps,
  timestamp: string,
  sign: string,
  now: Date,
): Promise<Buffer | undefined> {
  let raw: Buffer;
  try {
    raw = await readRawBody(ctx.req, BODY_LIMIT);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return void badRequest(ctx, 413, '请求体太大');
    throw err;
  }
  const fingerprint = createHash('sha256').update(raw).digest('hex');
  const expiresAt = new Date(Number(timestamp) + SIGNATURE_WINDOW_MS);
  if (await deps.nonces.claim(`dingtalk:sign:${timestamp}:${sign}`, fingerprint, expiresAt, now)) return raw;
  return void refuse(ctx, deps.log, 'timestamp and sign were already used with another body (replay)');
}

/**
 * `POST /dingtalk/callback` (HTTP mode). The `timestamp` + `sign` headers are checked before the body is read, so a
 * forged request costs no parsing and stores nothing (401). The sign covers only the timestamp, so the pair is then
 * claimed in the store for the body's hash: the same pair with another body is a replay (401); with the same bytes
 * it is DingTalk delivering again, which the inbox dedupes. A malformed body is 400; a good one is persisted and
 * answered 200 at once — replies go out later through the sessionWebhook or OpenAPI.
 */
export function httpCallbackRoute(router: Router, deps: CallbackRouteDeps): void {
  router.post('/dingtalk/callback', async (ctx) => {
    const timestamp = ctx.get('timestamp') || undefined;
    const sign = ctx.get('sign') || undefined;
    const now = deps.clock.now();
    try {
      verifyCallbackSignature(timestamp, sign, deps.secret, now.getTime());
    } catch (err) {
      return refuse(ctx, deps.log, (err as Error).message);
    }
    const raw = await readClaimedBody(ctx, deps, timestamp!, sign!, now);
    if (!raw) return;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return badRequest(ctx, 400, '请求体不是合法的 JSON');
    }
    const foreign = foreignApp(body, deps.app);
    if (foreign) return refuse(ctx, deps.log, foreign);
    try {
      await deps.ingest(body);
    } catch (err) {
      if (!(err instanceof RobotMessageError)) throw err;
      return badRequest(ctx, 400, `消息格式不对：${err.message}`);
    }
    // The documented "no reply here" answer (KB 0699 msgtype empty): a body with content would be posted into the
    // chat as a synchronous reply (KB 0718); we reply later through the sessionWebhook or OpenAPI.
    ctx.status = 200;
    ctx.body = { msgtype: 'empty' };
  });
}
