import { SendError } from '../../outbox/sender';
import { DingtalkApiError } from './dingtalk-api-error';

/** Going over 20 messages a minute mutes a robot for 10 minutes (KB 0702, 0717). */
export const MUTE_MS = 10 * 60_000;

const PERMANENT_FIXES: Record<string, string> = {
  '310000':
    "custom robot security check failed: re-send 设置推送 (or 添加推送群) with the robot's 加签 secret, or check its keywords / IP whitelist",
  '400101': 'custom robot access_token not found: the robot was removed; set it again with 设置推送 / 添加推送群',
  '400102': 'the custom robot is disabled in the group settings: enable it',
  '400106': 'the robot is not in this group: add it to the group again',
  '400013': 'the group was dissolved: unbind it or set another group',
  'invalid.openConversationId':
    'the enterprise robot is not in this group (or the chat id is wrong): add the robot to the group',
  'robot.oto.notExist':
    'the robot cannot message this user 1:1: publish the robot and make sure the user is in the org',
  'bot.stopped': 'the robot is stopped: enable it in the DingTalk developer console and publish the app',
  invalidStaffId: "the user is not (or no longer) in the DingTalk org: check the member's binding",
};

/** OpenAPI send throttling comes as HTTP 400 with these codes (KB 0716 table): temporary, never a reason to drop. */
function isThrottling(code: string): boolean {
  return /^too\.many\./i.test(code) || /^(Throttling|flowControl)/i.test(code);
}

function isRateLimit(code: string): boolean {
  return code === '130101' || code === '410100' || /send\.too\.fast|too\s*fast|flow.?control/i.test(code);
}

/** Maps a DingTalk failure to the outbox's retry rules: throttling waits out the mute, permanent errors stop at once. */
export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (!(err instanceof DingtalkApiError)) {
    // Network errors and timeouts: the outbox retries with backoff.
    return new SendError(err instanceof Error ? err.message : String(err), true, {
      code: 'NETWORK',
      unreachable: true,
    });
  }
  const { code, status } = err;
  if (isRateLimit(code) || isRateLimit(err.detail)) {
    return new SendError(err.message, true, {
      code,
      retryAfterMs: MUTE_MS,
      fix: 'DingTalk throttled this robot (20 messages/min); waiting out the 10-minute mute',
    });
  }
  if (code === '310000' && /invalid timestamp/i.test(`${err.detail} ${err.message}`)) {
    // The signature's timestamp is more than an hour off DingTalk's clock: the secret is fine, this server's clock is
    // not. Kept for retry, so the message goes out once the clock is corrected.
    return new SendError(err.message, true, {
      code,
      retryAfterMs: 60_000,
      fix: "this server's clock is more than 1 hour off DingTalk's: sync the system clock (NTP / 时钟同步)",
    });
  }
  if (code === '90018' || code === '90002' || /QpsLimit/i.test(code)) {
    return new SendError(err.message, true, {
      code,
      retryAfterMs: 1_000,
      fix: 'DingTalk API QPS limit; retrying shortly',
    });
  }
  if (isThrottling(code)) {
    // Only this group or these users are throttled: the outbox's growing back-off, without muting the whole robot.
    return new SendError(err.message, true, {
      code,
      fix: 'DingTalk is throttling sends to this group or these users (HTTP 400 too.many.*); retried with back-off',
    });
  }
  if (code === '-1' || status >= 500 || status === 429)
    return new SendError(err.message, true, { code, unreachable: status >= 500 });
  const fix = PERMANENT_FIXES[code] ?? err.fix;
  if (fix || (status >= 400 && status < 500) || /^(3|4)\d{5}$/.test(code)) {
    return new SendError(err.message, false, {
      code,
      fix: fix ?? "check the message and the robot's permissions (qyapi_robot_sendmsg)",
    });
  }
  return new SendError(err.message, true, { code });
}
