import type { Context } from 'koa';
import type { RouterMiddleware } from '@koa/router';
import type { DashboardDeps, PageHandler } from './dashboard-deps';
import { html, type SafeHtml } from './html';
import { bareLayout, layout } from './layout';
import { SESSION_COOKIE } from './session';
import { loadViewer, type Viewer } from './viewer';

/** Headers on every dashboard response: no caching of personal data, no framing, scripts only from this server. */
export function securityHeaders(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  // The login URL carries a token: never send it onwards in a Referer.
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  );
}

export function sendHtml(ctx: Context, status: number, body: SafeHtml): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = `<!doctype html>\n${body.value}`;
}

export function notFound(ctx: Context, viewer: Viewer, what: string): void {
  sendHtml(
    ctx,
    404,
    layout(viewer, {
      title: '没有找到',
      active: '',
      body: html`<section class="card"><h2>没有找到</h2><p>${what}</p><p><a href="/admin">返回概览</a></p></section>`,
    }),
  );
}

function signInRequired(ctx: Context): void {
  sendHtml(
    ctx,
    401,
    bareLayout(
      '请先登录',
      html`<h1>请先登录</h1>
<p>管理后台不用密码：请在企业微信或钉钉里给支部机器人发送「<b>后台</b>」，机器人会私信你一个 10 分钟内有效的登录链接。</p>`,
    ),
  );
}

function csrfBody(ctx: Context): unknown {
  const body = (ctx.request as { body?: unknown }).body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
}

/** Wraps a route: session → viewer (roles read fresh) → CSRF for writes → handler, with errors as an HTML page. */
export function page(deps: DashboardDeps, handler: PageHandler): RouterMiddleware {
  return async (ctx) => {
    securityHeaders(ctx);
    const now = deps.services.clock.now();
    const session = await deps.sessions.read(ctx.cookies.get(SESSION_COOKIE), now);
    if (!session) return signInRequired(ctx);
    const viewer = await loadViewer(deps.services, session.identity, deps.sessions.csrfToken(session));
    if (!viewer) {
      return sendHtml(
        ctx,
        403,
        bareLayout(
          '没有权限',
          html`<h1>没有权限</h1><p>你目前不是支部书记或管理员，无法查看管理后台。如需开通，请联系县委组织部管理员。</p>`,
        ),
      );
    }
    if (
      ctx.method !== 'GET' &&
      ctx.method !== 'HEAD' &&
      !deps.sessions.checkCsrf(session, ctx.get('x-csrf-token') || csrfBody(ctx))
    ) {
      return sendHtml(
        ctx,
        403,
        layout(viewer, {
          title: '页面已过期',
          active: '',
          body: html`<section class="card"><h2>页面已过期</h2><p>请返回上一页、刷新后再提交。</p></section>`,
        }),
      );
    }
    try {
      await handler(ctx, viewer, session);
    } catch (err) {
      deps.services.log.error({ err, path: ctx.path, code: 'DASHBOARD_FAILED' }, 'dashboard request failed');
      sendHtml(
        ctx,
        500,
        layout(viewer, {
          title: '出错了',
          active: '',
          body: html`<section class="card"><h2>出错了</h2><p>服务器处理这个页面时出错，已记录日志。请稍后重试。</p></section>`,
        }),
      );
    }
  };
}
