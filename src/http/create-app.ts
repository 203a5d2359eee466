import Koa from 'koa';
import Router from '@koa/router';
import type { BotServices } from '../bot/services';
import type { Channel } from '../platforms/channel';
import { registry } from '../observability/metrics';
import { WriteProbe } from '../store/write-probe';
import { errorHandler } from './error-handler';

/**
 * The koa app: health, metrics and every channel's routes. Platform routes come from src/platforms. `/healthz` is
 * degraded (503) when the store cannot be read or no longer takes writes, with the reason.
 */
export function createApp(
  services: BotServices,
  channels: Channel[],
  extraRoutes: Array<(router: Router) => void> = [],
  options: { trustProxy?: boolean; writeProbe?: WriteProbe } = {},
): Koa {
  const writeProbe = options.writeProbe ?? new WriteProbe(services.store, services.clock);
  const app = new Koa();
  // X-Forwarded-* decide ctx.secure and ctx.ip only behind a proxy the operator vouches for (TRUST_PROXY).
  app.proxy = options.trustProxy === true;
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    const health = Object.fromEntries(channels.map((c) => [c.name, c.health?.() ?? { state: 'enabled', ok: true }]));
    let readable = true;
    let outboxDepth: number | undefined;
    try {
      outboxDepth = await services.store.outbox.depth();
    } catch {
      readable = false;
    }
    const { writable, reason } = await writeProbe.status();
    const storeOk = readable && writable;
    const ok = storeOk && Object.values(health).every((h) => h.ok);
    ctx.status = storeOk ? 200 : 503;
    const store = { kind: services.store.kind, ok: storeOk, writable, ...(reason ? { reason } : {}) };
    ctx.body = { status: ok ? 'ok' : 'degraded', store, outboxDepth, channels: health };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  // Platform callbacks are matched first against a router of their own: @koa/router tries every route of a router
  // on each request, and the dashboard's fifty would otherwise be tried on every callback of a burst.
  const callbacks = new Router();
  for (const channel of channels) channel.routes?.(callbacks);
  for (const add of extraRoutes) add(router);
  app.use(errorHandler(services.log));
  app.use(callbacks.routes());
  app.use(router.routes());
  // Sees the paths both routers matched: a known path asked with another method is 405.
  app.use(router.allowedMethods());
  return app;
}
