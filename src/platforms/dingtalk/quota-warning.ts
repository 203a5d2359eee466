import type { Logger } from 'pino';
import type { Platform } from '../../bot/incoming-message';
import type { OutboxPort } from '../../outbox/outbox-port';
import type { QuotaWarning } from './quota-meter';

const WHAT = {
  push: '机器人收发消息（Webhook 与 Stream，含群里 @机器人 的每条消息和每条回复）',
  api: '主动推送与下载图片（钉钉付费 API）',
} as const;

/** The admins' message: what is running out, by when, and what to do about it. */
export function quotaWarningText(w: QuotaWarning): string {
  const percent = Math.round((w.used / w.quota) * 100);
  const consequence =
    w.kind === 'push' ? '用完后机器人收不到群消息、回复也发不出去' : '用完后定时推送、私聊提醒和证明图片下载都会失败';
  const head =
    w.used >= w.quota
      ? `⛔ 钉钉额度已用完：本月（${w.month}）${WHAT[w.kind]}已用 ${w.used}/${w.quota} 次。`
      : `⚠️ 钉钉额度提醒：本月（${w.month}）${WHAT[w.kind]}已用 ${w.used}/${w.quota} 次（${percent}%）。`;
  return [
    head,
    `${consequence}，到下月 1 日恢复。`,
    '建议：合并提醒、减少闲聊式提问；或到钉钉开发者后台「资源管理」查看用量、扩容。',
  ].join('\n');
}

/**
 * Sends a quota warning 1:1 to every configured admin (ZHIBU_ADMINS), through the outbox like every message. The
 * idempotency key makes a warning per admin, threshold and month at most once, even if two processes cross it.
 */
export function warnAdmins(
  outbox: OutboxPort,
  admins: ReadonlySet<string>,
  org: string,
  log: Logger,
): (w: QuotaWarning) => Promise<void> {
  return async (w) => {
    log.warn(
      { kind: w.kind, month: w.month, used: w.used, quota: w.quota },
      'dingtalk monthly quota threshold crossed',
    );
    for (const admin of admins) {
      const [platform, userId] = admin.split(':') as [Platform, string];
      if (!platform || !userId) continue;
      await outbox.enqueue({
        target: { platform, chatId: userId, chatType: 'single' },
        text: quotaWarningText(w),
        idemKey: `dingtalk-quota:${org}:${w.kind}:${w.month}:${w.level}:${admin}`,
      });
    }
  };
}
