import type { Context as KoaContext } from 'koa';
import type { Logger } from 'pino';
import { isZhibuError } from '../../errors';
import { AibotPayloadError } from './aibot-payload';
import { BodyTooLargeError } from '../../http/raw-body';

/** A malformed callback, answered 400 with nothing stored. */
export class CallbackFormatError extends Error {}

/**
 * The one error sink of the WeCom callback routes: bad signature → 401, anything malformed or undecryptable → 400,
 * each logged with the setting to check. Bodies are never logged (they carry members' messages).
 */
export function answerCallbackError(ctx: KoaContext, err: unknown, log: Logger, route: string): void {
  if (isZhibuError(err, 'SIGNATURE_MISMATCH')) {
    log.warn({ route, code: err.code, fix: err.fix }, 'wecom callback rejected: signature mismatch');
    ctx.status = 401;
    ctx.body = { error: '签名校验失败', code: err.code };
    return;
  }
  if (err instanceof BodyTooLargeError) {
    ctx.status = 413;
    ctx.body = { error: '请求体太大', code: 'BAD_REQUEST' };
    return;
  }
  const malformed =
    isZhibuError(err, 'DECRYPT_FAILED') ||
    err instanceof AibotPayloadError ||
    err instanceof CallbackFormatError ||
    err instanceof SyntaxError;
  if (!malformed) throw err;
  const code = isZhibuError(err) ? err.code : 'BAD_REQUEST';
  log.warn(
    { route, code, reason: (err as Error).message, fix: isZhibuError(err) ? err.fix : undefined },
    'wecom callback rejected: malformed',
  );
  ctx.status = 400;
  ctx.body = { error: '回调内容无法解析', code };
}
