import { PushTargetError, type PushTargetParser } from '../../outbox/push-targets';
import { readPushSettings, toPushSettings } from './wecom-push-settings';

const KEY = /^[A-Za-z0-9-]{16,64}$/;

export function maskKey(key: string): string {
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

function keyFromUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new PushTargetError('地址不是完整网址');
  }
  if (!/\/cgi-bin\/webhook\/send$/.test(url.pathname))
    throw new PushTargetError('地址应是群机器人的 webhook 地址（…/cgi-bin/webhook/send?key=…）');
  const key = url.searchParams.get('key');
  if (!key) throw new PushTargetError('地址里缺少 key=…');
  return key;
}

/**
 * 「设置推送」 in a WeCom group: the group robot's key, or its whole webhook address (群设置 → 消息推送 → 添加 →
 * 复制地址). Only the key is kept; it is sent to WECOM_API_BASE, so a test or private deployment works unchanged.
 */
export const webhookPushTarget: PushTargetParser = {
  parse(input, current) {
    const text = input.trim();
    const key = /^https?:\/\//i.test(text) ? keyFromUrl(text) : text;
    if (!KEY.test(key))
      throw new PushTargetError(
        `「${key.length > 12 ? maskKey(key) : key}」不像群机器人的 key（应为 16–64 位字母、数字或 -）`,
      );
    // The AI bot's session record lives beside the key; a new key must not erase it.
    return {
      push: toPushSettings({ ...readPushSettings(current), webhookKey: key }),
      summary: `群机器人 key ${maskKey(key)}`,
    };
  },
};
