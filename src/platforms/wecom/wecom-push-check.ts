import type { Chat } from '../../model';
import { TEST_MESSAGE, type PushCheckLine, type PushCheckOptions, type PushChecker } from '../../outbox/push-check';
import { SendError } from '../../outbox/sender';
import type { AibotConnection } from './aibot-connection';
import type { AibotSessions } from './aibot-sessions';
import type { WecomAppApi } from './app-api';
import { blockedFix } from './push-blocked';
import type { WebhookClient } from './webhook-client';
import { maskKey } from './webhook-push-target';
import { readPushSettings } from './wecom-push-settings';

export interface WecomCheckDeps {
  webhook: WebhookClient;
  sessions: AibotSessions;
  app?: WecomAppApi;
  /** Configured long connection (its state is known only inside the running bot). */
  connection?: AibotConnection;
  httpCallback: boolean;
}

const errorText = (err: unknown) =>
  err instanceof SendError ? `${err.message}${err.options.fix ? `（${err.options.fix}）` : ''}` : String(err);

async function appLine(app: WecomAppApi): Promise<PushCheckLine> {
  const base = { platform: 'wecom' as const, subject: '自建应用（私信）', route: 'message/send' };
  try {
    await app.verifyCredentials();
    return { ...base, ready: true };
  } catch (err) {
    return {
      ...base,
      ready: false,
      fix: `gettoken 被拒：${errorText(err)}；请核对 WECOM_CORP_ID、WECOM_APP_SECRET 和企业可信IP`,
    };
  }
}

function botLine(deps: WecomCheckDeps): PushCheckLine | undefined {
  const { connection } = deps;
  if (!connection) {
    if (!deps.httpCallback) return undefined;
    return { platform: 'wecom', subject: '智能机器人（HTTP 回调）', route: '只能回复，不能主动推送', ready: true };
  }
  const base = { platform: 'wecom' as const, subject: '智能机器人（长连接）', route: 'aibot_send_msg' };
  if (connection.state === 'idle')
    return { ...base, route: `${base.route}（由运行中的机器人持有，此处不连接；状态见 /healthz）`, ready: true };
  if (connection.connected) return { ...base, ready: true };
  return { ...base, ready: false, fix: `长连接状态 ${connection.state}：请核对 WECOM_BOT_ID、WECOM_BOT_SECRET 和网络` };
}

async function chatLine(chat: Chat, deps: WecomCheckDeps, sendTest: boolean): Promise<PushCheckLine> {
  const subject = `群「${chat.title ?? chat.chatId}」`;
  const key = readPushSettings(chat.push).webhookKey;
  if (key) {
    const route = `群机器人 webhook（key ${maskKey(key)}，20 条/分钟）`;
    if (!sendTest) return { platform: 'wecom', subject, route, ready: true };
    try {
      await deps.webhook.sendText(key, TEST_MESSAGE);
      return { platform: 'wecom', subject, route: `${route}，测试消息已发出`, ready: true };
    } catch (err) {
      return {
        platform: 'wecom',
        subject,
        route,
        ready: false,
        fix: `测试消息被拒：${errorText(err)}；请在群里重新发送「设置推送 ＜key＞」`,
      };
    }
  }
  const session = deps.connection ? (await deps.sessions.state(chat.chatId)).state : 'unknown';
  if (session === 'active')
    return {
      platform: 'wecom',
      subject,
      route: '智能机器人主动推送（会话有效，30 条/分钟、1000 条/小时）',
      ready: true,
    };
  const why =
    session === 'needed'
      ? '企业微信已拒绝向该群推送（会话失效）'
      : deps.connection
        ? '还没有人在该群 @机器人 发过消息'
        : '没有设置群机器人';
  return {
    platform: 'wecom',
    subject,
    route: `无可用线路（${why}）`,
    ready: false,
    fix: blockedFix({ chatType: 'group' }, !!deps.connection, !!deps.app),
  };
}

/** 「检查推送」 for WeCom: the app's credentials by a fresh gettoken, the AI bot's state, and each bound group's route. */
export function wecomPushCheck(deps: WecomCheckDeps): PushChecker {
  return async ({ chats, sendTest }: PushCheckOptions) => {
    const lines: PushCheckLine[] = [];
    const bot = botLine(deps);
    if (bot) lines.push(bot);
    if (deps.app) lines.push(await appLine(deps.app));
    for (const chat of chats.filter((c) => c.platform === 'wecom' && c.chatType === 'group'))
      lines.push(await chatLine(chat, deps, sendTest));
    return lines;
  };
}
