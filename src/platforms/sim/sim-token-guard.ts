import type { Middleware } from 'koa';
import { constantTimeEqual } from '../../access/constant-time-equal';

/**
 * With SIM_TOKEN set, every simulator API request carries `Authorization: Bearer <SIM_TOKEN>`; anything else gets 401
 * before the body is read. Without a token (the simulator is the only channel) requests pass.
 */
export function simTokenGuard(token: string | undefined): Middleware {
  return async (ctx, next) => {
    if (token === undefined) return next();
    const given = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1] ?? '';
    if (!constantTimeEqual(given, token)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="zhibu-sim"');
      ctx.body = { error: '模拟器需要令牌：请求头 Authorization: Bearer <SIM_TOKEN>', code: 'SIM_TOKEN_REQUIRED' };
      return;
    }
    await next();
  };
}
