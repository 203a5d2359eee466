import type { Clock } from '../../time/clock';
import type { Chat } from '../../model';
import { TEST_MESSAGE, type PushCheckLine, type PushChecker } from '../../outbox/push-check';
import type { AccessTokenCache } from './access-token-cache';
import { customRobotToken, customRobotUrl } from './custom-robot-url';
import type { QuotaKind, QuotaMeter } from './quota-meter';
import { postRobotWebhook, robotTextBody } from './robot-webhook';
import { readPushSettings } from './dingtalk-push-settings';

export interface DingtalkCheckDeps {
  tokens: AccessTokenCache;
  meter: QuotaMeter;
  clock: Clock;
  oapiBase: string;
}

interface Shared {
  credentials: PushCheckLine;
  left: Record<QuotaKind, number>;
}

async function credentialsLine(tokens: AccessTokenCache): Promise<PushCheckLine> {
  const base = { platform: 'dingtalk' as const, subject: '企业内部应用机器人', route: 'oauth2/accessToken' };
  try {
    // A fresh token, not the cached one: the question is whether DingTalk accepts the credentials now.
    tokens.invalidate();
    await tokens.get();
    return { ...base, ready: true };
  } catch (err) {
    return {
      ...base,
      ready: false,
      fix: `取 accessToken 被拒（${(err as Error).message}）：请核对 DINGTALK_CLIENT_ID、DINGTALK_CLIENT_SECRET`,
    };
  }
}

async function quotaLine(meter: QuotaMeter, kind: QuotaKind): Promise<{ line: PushCheckLine; left: number }> {
  const used = await meter.used(kind);
  const quota = meter.quota(kind);
  const left = quota - used;
  const what = kind === 'push' ? 'Webhook 与 Stream' : '付费 OpenAPI';
  return {
    left,
    line: {
      platform: 'dingtalk',
      subject: `本月额度（${what}）`,
      route: `已用 ${used}/${quota}，剩 ${Math.max(0, left)}`,
      ready: left > 0,
      fix: '额度已用完：到钉钉开发者后台「资源管理」扩容，或等下月 1 日恢复；在此之前请合并提醒',
    },
  };
}

async function customLine(
  chat: Chat,
  subject: string,
  deps: DingtalkCheckDeps,
  shared: Shared,
  sendTest: boolean,
): Promise<PushCheckLine> {
  const { webhook, secret } = readPushSettings(chat.push);
  const token = webhook ? customRobotToken(webhook) : undefined;
  const route = `自定义机器人 ${token ? `${token.slice(0, 4)}…${token.slice(-4)}` : '（地址无效）'}${secret ? '，已加签' : ''}（20 条/分钟）`;
  if (!token)
    return {
      platform: 'dingtalk',
      subject,
      route,
      ready: false,
      fix: '请在群里重新发送「设置推送 ＜Webhook地址＞ ＜SEC密钥＞」',
    };
  if (shared.left.push <= 0)
    return {
      platform: 'dingtalk',
      subject,
      route,
      ready: false,
      fix: '本月 Webhook 与 Stream 额度已用完：到钉钉开发者后台「资源管理」扩容，或等下月 1 日恢复',
    };
  if (!sendTest) return { platform: 'dingtalk', subject, route, ready: true };
  try {
    const url = customRobotUrl(deps.oapiBase, token, secret, deps.clock.now().getTime());
    await postRobotWebhook(
      url,
      robotTextBody(TEST_MESSAGE, [], `zhibu-doctor-${chat.chatId}-${deps.clock.now().getTime()}`),
    );
    await deps.meter.record('push');
    return { platform: 'dingtalk', subject, route: `${route}，测试消息已发出`, ready: true };
  } catch (err) {
    return {
      platform: 'dingtalk',
      subject,
      route,
      ready: false,
      fix: `测试消息被拒（${(err as Error).message}）：请检查机器人的安全设置后重新「设置推送」`,
    };
  }
}

function enterpriseLine(subject: string, shared: Shared): PushCheckLine {
  const route = '企业机器人 groupMessages/send（不能 @人，20 条/分钟）';
  if (!shared.credentials.ready)
    return { platform: 'dingtalk', subject, route, ready: false, fix: shared.credentials.fix };
  if (shared.left.api <= 0)
    return {
      platform: 'dingtalk',
      subject,
      route,
      ready: false,
      fix: '本月付费 OpenAPI 额度已用完：请在群里「设置推送」自定义机器人，或扩容',
    };
  return { platform: 'dingtalk', subject, route, ready: true };
}

/**
 * 「检查推送」 for DingTalk: the app's credentials (a fresh accessToken — a free, harmless call), this month's quota
 * left, and for each bound group the route its posts take (custom robot if set, else the enterprise robot).
 */
export function dingtalkPushCheck(deps: DingtalkCheckDeps): PushChecker {
  return async ({ chats, sendTest }) => {
    const credentials = await credentialsLine(deps.tokens);
    const push = await quotaLine(deps.meter, 'push');
    const api = await quotaLine(deps.meter, 'api');
    const shared: Shared = { credentials, left: { push: push.left, api: api.left } };
    const lines = [credentials, push.line, api.line];
    for (const chat of chats.filter((c) => c.platform === 'dingtalk' && c.chatType === 'group')) {
      const subject = `群「${chat.title ?? chat.chatId}」`;
      lines.push(
        readPushSettings(chat.push).webhook
          ? await customLine(chat, subject, deps, shared, sendTest)
          : enterpriseLine(subject, shared),
      );
    }
    return lines;
  };
}
