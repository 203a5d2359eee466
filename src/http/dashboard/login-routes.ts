import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { LINK_REFUSALS, type LinkCheck } from '../../access/login-links';
import { formatLocal } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { html } from './html';
import { bareLayout } from './layout';
import { page, securityHeaders, sendHtml } from './page';
import { SESSION_COOKIE } from './session';
import { loadViewer } from './viewer';

const formBody = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });

function refused(ctx: Context, check: Extract<LinkCheck, { ok: false }>): void {
  sendHtml(
    ctx,
    check.reason === 'invalid' ? 400 : 410,
    bareLayout(
      '无法登录',
      html`<h1>无法登录</h1><p>${LINK_REFUSALS[check.reason]}</p>
<p>请在企业微信或钉钉里给支部机器人重新发送「<b>后台</b>」，获取新的登录链接。</p>`,
    ),
  );
}

/** Secure whenever PUBLIC_BASE_URL is https or the request came over TLS (directly or through a trusted proxy). */
function setSessionCookie(ctx: Context, deps: DashboardDeps, value: string, expires?: Date): void {
  const secure = deps.secureCookies || ctx.secure;
  // The cookies library refuses Secure on a plain-http hop unless told the connection is secure (TLS ends at the proxy).
  if (secure) ctx.cookies.secure = true;
  ctx.cookies.set(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/admin',
    overwrite: true,
    ...(expires ? { expires } : {}),
  });
}

/**
 * Two steps on purpose: opening the link only shows a button, and the button spends the link. Chat apps fetch links
 * to draw previews; a preview must not use up a one-time link.
 */
export function loginRoutes(router: Router, deps: DashboardDeps): void {
  const { services, sessions, links } = deps;
  router.get('/admin/login', async (ctx) => {
    securityHeaders(ctx);
    const token = typeof ctx.query.t === 'string' ? ctx.query.t : undefined;
    const check = links.check(token, services.clock.now());
    if (!check.ok) return refused(ctx, check);
    sendHtml(
      ctx,
      200,
      bareLayout(
        '登录管理后台',
        html`<h1>登录管理后台</h1>
<p>登录身份：${check.identity}</p><p class="muted">链接有效至 ${formatLocal(check.expiresAt, services.settings.timezone)}，只能使用一次。</p>
<form method="post" action="/admin/login"><input type="hidden" name="t" value="${token}"><button id="enter">进入管理后台</button></form>`,
      ),
    );
  });

  router.post('/admin/login', formBody, async (ctx) => {
    securityHeaders(ctx);
    const now = services.clock.now();
    const token = (ctx.request.body as Record<string, unknown> | undefined)?.t;
    const check = await links.consume(typeof token === 'string' ? token : undefined, services.store.leases, now);
    if (!check.ok) return refused(ctx, check);
    if (!(await loadViewer(services, check.identity, ''))) {
      return sendHtml(
        ctx,
        403,
        bareLayout('没有权限', html`<h1>没有权限</h1><p>你目前不是支部书记或管理员，无法查看管理后台。</p>`),
      );
    }
    const { value } = await sessions.create(check.identity, now);
    // A browser-session cookie: closing the browser signs out; the server ends it after 12 hours anyway.
    setSessionCookie(ctx, deps, value);
    await services.store.audit.record(
      { actor: check.identity, action: 'dashboard.login', subject: `identity:${check.identity}` },
      now,
    );
    ctx.status = 303;
    ctx.redirect('/admin');
  });

  router.post(
    '/admin/logout',
    formBody,
    page(deps, async (ctx, viewer, session) => {
      const now = services.clock.now();
      await sessions.revoke(session, now);
      await services.store.audit.record(
        { actor: viewer.identity, action: 'dashboard.logout', subject: `identity:${viewer.identity}` },
        now,
      );
      setSessionCookie(ctx, deps, '', new Date(0));
      sendHtml(
        ctx,
        200,
        bareLayout('已退出', html`<h1>已退出</h1><p>需要再次进入时，请给支部机器人发送「<b>后台</b>」。</p>`),
      );
    }),
  );
}
