import type { OutboxItem } from '../../outbox/outbox-types';
import { secretaryTargets } from '../../members/members';
import type { BotServices } from '../../bot/services';
import { SendError } from '../../outbox/sender';
import { maskKey } from './webhook-push-target';
import { readPushSettings } from './wecom-push-settings';

/** Notices about a blocked chat carry this idempotency prefix; one such notice that is held itself tells nobody. */
const NOTICE_PREFIX = 'wecom-push-blocked:';
/** How long a held post waits before it is looked at again (the wake-up on a member's message is usually sooner). */
export const HOLD_MS = 30 * 60_000;

export interface BlockedChat {
  item: OutboxItem;
  /** The episode: since when the chat has lacked a session ('never' for a chat that never had one). */
  since: string;
  wsConfigured: boolean;
  appConfigured: boolean;
}

/** The one thing that unblocks this chat, in the words the secretary will see. */
export function blockedFix(chat: { chatType: 'group' | 'single'; title?: string }, ws: boolean, app: boolean): string {
  if (chat.chatType === 'group') {
    return ws
      ? '请任一成员在该群 @机器人 发一条消息（如「@机器人 帮助」），或由书记在群里发送「设置推送 ＜群机器人key或地址＞」（群设置 → 消息推送 → 添加），之后定时推送会经群机器人发出'
      : '当前是 HTTP 回调模式，只能回复、不能主动推送：请书记在群里发送「设置推送 ＜群机器人key或地址＞」（群设置 → 消息推送 → 添加）';
  }
  if (app) return '请确认该成员在自建应用的可见范围内';
  return ws
    ? '请该成员私聊机器人发一条消息（如「帮助」）；或由管理员配置自建应用（WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_APP_SECRET）用于私信'
    : '请管理员配置自建应用（WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_APP_SECRET）用于私信，或改用长连接模式';
}

/** The error that holds the item (not an attempt) until the chat can take it. */
export function holdError(fix: string): SendError {
  return new SendError(
    'WeCom cannot push to this chat yet: no session (nobody has messaged the bot there) and no webhook',
    true,
    {
      code: 'NO_SESSION',
      holdMs: HOLD_MS,
      fix,
    },
  );
}

async function branchOf(services: BotServices, item: OutboxItem): Promise<number[]> {
  const { store } = services;
  if (item.target.chatType === 'group') {
    const branchId = (await store.chats.get('wecom', item.target.chatId))?.branchId;
    return branchId === undefined ? [] : [branchId];
  }
  const identity = await store.identities.find('wecom', item.target.chatId);
  const member = identity && (await store.members.get(identity.memberId));
  return [member?.homeBranchId, member?.hostBranchId].filter((b): b is number => b !== undefined);
}

/**
 * Tells the chat's secretaries, 1:1 and once per episode (durable idempotency key), that posts to this chat are
 * held and the one thing that unblocks them. A notice that is itself held tells nobody (no notice about a notice).
 */
export async function tellSecretaries(services: BotServices, blocked: BlockedChat): Promise<void> {
  const { item } = blocked;
  if (item.idemKey?.startsWith(NOTICE_PREFIX)) return;
  const chat = await services.store.chats.get('wecom', item.target.chatId);
  const where =
    item.target.chatType === 'group'
      ? `群「${chat?.title ?? item.target.chatId}」`
      : `成员 ${item.target.chatId} 的私聊`;
  const fix = blockedFix(
    { chatType: item.target.chatType, title: chat?.title },
    blocked.wsConfigured,
    blocked.appConfigured,
  );
  const { webhookKey } = readPushSettings(chat?.push);
  const hook = webhookKey ? `（已设置的群机器人 ${maskKey(webhookKey)} 不可用，请重新设置）` : '';
  const text = `⚠️ 企业微信暂时无法向${where}主动推送：需要有人先在那里给机器人发过消息，或设置群机器人推送${hook}。\n待发的消息已保留，条件满足后立即补发。\n解决办法：${fix}。`;
  for (const branchId of await branchOf(services, item)) {
    for (const { memberId, target } of await secretaryTargets(services.store, branchId, 'wecom')) {
      if (target.platform === 'wecom' && target.chatId === item.target.chatId) continue;
      await services.outbox.enqueue({
        target,
        text,
        idemKey: `${NOTICE_PREFIX}${item.target.chatId}:${blocked.since}:${memberId}`,
      });
    }
  }
}
