import { PushTargetError, type PushTargetParser } from '../../outbox/push-targets';
import { toPushSettings } from './dingtalk-push-settings';

const SECRET = /^SEC[A-Za-z0-9]{16,128}$/;
const FORM = 'https://oapi.dingtalk.com/robot/send?access_token=…';

/** The access_token of a `…/robot/send?access_token=…` address, if that is what was pasted. */
function robotToken(address: string): string | undefined {
  try {
    const url = new URL(address);
    const token = url.searchParams.get('access_token') ?? '';
    return /\/robot\/send$/.test(url.pathname) && /^[A-Za-z0-9]{16,128}$/.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * 「设置推送」/「添加推送群」 in DingTalk: a custom robot's webhook address (群设置 → 机器人 → 自定义 → 复制 Webhook)
 * and, after a space, its 加签 secret (SEC…). Stored on the chat as `{ webhook, secret }`; the sender rebuilds the
 * URL on DINGTALK_OAPI_BASE from the token and signs every send.
 */
export const customRobotPushTarget: PushTargetParser = {
  parse(input) {
    const words = input.trim().split(/\s+/).filter(Boolean);
    const secret = words.find((w) => /^SEC/.test(w));
    const rest = words.filter((w) => w !== secret);
    if (rest.length !== 1)
      throw new PushTargetError(`应为自定义机器人的 Webhook 地址（${FORM}），加签密钥（SEC 开头）写在后面，用空格隔开`);
    const token = robotToken(rest[0]);
    if (!token) throw new PushTargetError(`「Webhook地址」应为钉钉自定义机器人的完整地址，形如 ${FORM}`);
    if (secret !== undefined && !SECRET.test(secret))
      throw new PushTargetError('「加签密钥」应为机器人安全设置里以 SEC 开头的一串字母数字');
    const masked = `${token.slice(0, 4)}…${token.slice(-4)}`;
    return {
      push: toPushSettings({ webhook: rest[0], ...(secret ? { secret } : {}) }),
      summary: secret
        ? `钉钉自定义机器人 ${masked}，已加签；密钥已保存，不会显示`
        : `钉钉自定义机器人 ${masked}，未加签：请确认其安全设置为「IP 地址（段）」或「自定义关键词」，推荐「加签」`,
    };
  },
};
