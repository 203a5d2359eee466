import fs from 'node:fs';
import path from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import type { Channel, ChannelDeps } from '../channel';
import { normalizeSimMessage, SimInputError } from './normalize-sim-message';
import { simSender } from './sim-sender';
import { simTokenGuard } from './sim-token-guard';

const PAGE = fs.readFileSync(path.join(__dirname, 'sim-page.html'), 'utf8');
/** Images are shrunk by the page; 4 MB of JSON leaves room for a few photos and refuses anything abusive. */
const BODY_LIMIT = '4mb';

/**
 * The embedded channel that needs no account: a chat page and a JSON API that run the same pipeline as the real
 * platforms (normalize → dedupe by msgId → router), answering with what the bot replied.
 */
export function simChannel({ bot, services, config, outbox }: ChannelDeps): Channel {
  const guard = simTokenGuard(config.SIM_TOKEN);
  return {
    name: 'sim',
    platform: 'sim',
    senders: [simSender],
    routes(router) {
      router.get('/sim', (ctx) => {
        ctx.type = 'html';
        ctx.body = PAGE;
      });
      router.post(
        '/sim/api/messages',
        guard,
        bodyParser({ enableTypes: ['json'], jsonLimit: BODY_LIMIT, jsonStrict: true }),
        async (ctx) => {
          let message;
          try {
            message = await normalizeSimMessage(
              ctx.request.body,
              services.store.blobs,
              services.clock.now(),
              services.store.counters,
            );
          } catch (err) {
            if (!(err instanceof SimInputError)) throw err;
            ctx.status = 400;
            ctx.body = { error: `消息格式不对：${err.message}`, code: 'BAD_REQUEST' };
            return;
          }
          const result = await bot.receive(message);
          await outbox.drainOnce();
          ctx.body = {
            duplicate: result.duplicate,
            replies: result.replies.map((r) => ({
              chatId: r.target.chatId,
              text: r.text,
              ...(r.mentions?.length ? { mentions: r.mentions } : {}),
            })),
          };
        },
      );
      router.get('/sim/api/chats/:chatId/messages', guard, async (ctx) => {
        const entries = await services.store.chatLog.list('sim', ctx.params.chatId, 1000);
        ctx.body = {
          messages: entries.map((e) => ({
            from: e.from,
            text: e.text,
            ...(e.mentions ? { mentions: e.mentions } : {}),
            at: e.at,
          })),
        };
      });
    },
    health: () => ({ state: 'enabled', ok: true }),
  };
}
