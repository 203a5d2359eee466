import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { isZhibuError } from '../errors';

const CLIENT_MESSAGES: Record<number, string> = {
  400: '请求体不是合法的 JSON',
  413: '请求体太大（上限 4 MB）；图片请压缩后再发',
  415: '不支持的 Content-Type，请使用 application/json',
};

/** The one error sink of the HTTP boundary: client errors get a clear JSON answer, server errors are logged with a code. */
export function errorHandler(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status =
        (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode ?? 500;
      if (status >= 400 && status < 500) {
        ctx.status = status;
        ctx.body = { error: CLIENT_MESSAGES[status] ?? (err as Error).message, code: 'BAD_REQUEST' };
        return;
      }
      const code = isZhibuError(err) ? err.code : 'INTERNAL';
      log.error({ err, code, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: '服务器内部错误，请查看日志', code };
    }
  };
}
