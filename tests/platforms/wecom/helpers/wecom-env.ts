import fs from 'node:fs';
import path from 'node:path';
import type { Channel } from '../../../../src/platforms/channel';
import { combinePushChecks } from '../../../../src/outbox/push-check';
import { wecomChannels, type WecomTuning } from '../../../../src/platforms/wecom/wecom-channels';
import type { AibotWsChannel } from '../../../../src/platforms/wecom/aibot-ws-channel';
import type { TestRuntime } from '../../../helpers/test-runtime';
import type { WireJson } from '../../../helpers/wire-json';

/** Made-up credentials of the right shapes (no real WeCom account is used anywhere in the tests). */
export const BOT = {
  token: 'QDG6eKbotToken',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  id: 'aibot-test',
  secret: 'bot-secret',
};
export const APP = {
  corpId: 'ww1436e0e65a779aee',
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  aesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  agentId: '1000002',
  secret: 'app-secret',
};
/** A per-file media key as the long connection sends it (base64 of 32 bytes). */
export const MEDIA_AESKEY = Buffer.alloc(32, 7).toString('base64');

const FIXTURES = path.join(__dirname, '../../../fixtures/wecom');

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? `{{${k}}}`);
}

/** A recorded AI-bot payload with its placeholders ({{API}}, {{AESKEY}}) filled in. */
export function aibotFixture(name: string, vars: Record<string, string> = {}): Record<string, WireJson> {
  return JSON.parse(
    fill(fs.readFileSync(path.join(FIXTURES, 'aibot', `${name}.json`), 'utf8'), { AESKEY: MEDIA_AESKEY, ...vars }),
  );
}

/** A recorded app callback plaintext (XML) with {{CORP}} filled in. */
export function appFixture(name: string, vars: Record<string, string> = {}): string {
  return fill(fs.readFileSync(path.join(FIXTURES, 'app', `${name}.xml`), 'utf8'), { CORP: APP.corpId, ...vars }).trim();
}

/** The longest passive-reply wait allowed, so a busy test machine still answers in the callback's response. */
const SLOW_MACHINE = { WECOM_REPLY_WAIT_MS: '900' };

export function botEnv(apiBase: string): Record<string, string> {
  return {
    WECOM_BOT_TOKEN: BOT.token,
    WECOM_BOT_AES_KEY: BOT.aesKey,
    WECOM_API_BASE: apiBase,
    ZHIBU_ADMINS: 'sim:u_admin,wecom:admin',
    ...SLOW_MACHINE,
  };
}

export function appEnv(apiBase: string): Record<string, string> {
  return {
    WECOM_CORP_ID: APP.corpId,
    WECOM_APP_TOKEN: APP.token,
    WECOM_APP_AES_KEY: APP.aesKey,
    WECOM_AGENT_ID: APP.agentId,
    WECOM_APP_SECRET: APP.secret,
    WECOM_API_BASE: apiBase,
    ZHIBU_ADMINS: 'sim:u_admin,wecom:admin',
    ...SLOW_MACHINE,
  };
}

/**
 * Adds the long-connection channel to a runtime with a fast reconnect back-off (the runtime's own factory uses the
 * production 1 s base). Its sender and media fetcher replace the runtime's WeCom ones.
 */
export function attachWs(
  rt: TestRuntime,
  wsUrl: string,
  apiBase: string,
  tuning: WecomTuning = {},
): { ws: AibotWsChannel; channels: Channel[] } {
  const config = {
    ...rt.config,
    WECOM_BOT_ID: BOT.id,
    WECOM_BOT_SECRET: BOT.secret,
    WECOM_WS_URL: wsUrl,
    WECOM_API_BASE: apiBase,
  };
  const channels = wecomChannels(
    { config, bot: rt.bot, services: rt.services, outbox: rt.outbox },
    { ws: { reconnectBaseMs: 5, heartbeatMs: 60_000 }, ...tuning },
  );
  for (const c of channels) {
    for (const s of c.senders ?? []) rt.outbox.registerSender(s);
    if (c.mediaFetcher) rt.services.media.register('wecom', c.mediaFetcher);
    if (c.pushTarget) rt.services.pushTargets.register('wecom', c.pushTarget);
    rt.channels.push(c);
  }
  rt.services.checkPush = combinePushChecks(rt.channels.flatMap((c) => (c.checkPush ? [c.checkPush] : [])));
  return { ws: channels.find((c) => c.name === 'wecom-aibot-ws') as AibotWsChannel, channels };
}
