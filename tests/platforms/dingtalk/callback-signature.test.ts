import { isZhibuError } from '../../../src/errors';
import {
  callbackSign,
  isValidCallbackSignature,
  verifyCallbackSignature,
} from '../../../src/platforms/dingtalk/callback-signature';
import { customRobotSign, customRobotUrl } from '../../../src/platforms/dingtalk/custom-robot-url';

// The vectors of reference/dingtalk.md §4 (Java, Node and Python samples agree).
const VECTORS = [
  {
    ts: '1577262236757',
    secret: 'this is a secret',
    sign: 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=',
    encoded: 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA%3D',
  },
  {
    ts: '1577262236757',
    secret: 'this is secret',
    sign: 'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=',
    encoded: 'hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D',
  },
  {
    ts: '1700000000000',
    secret: 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    sign: 'bTgY2yDbep+wesS7jKiNj+srsHoADES4+C4f8LCHFtU=',
    encoded: 'bTgY2yDbep%2BwesS7jKiNj%2BsrsHoADES4%2BC4f8LCHFtU%3D',
  },
];

describe('DingTalk signatures', () => {
  test.each(VECTORS)(
    'callback sign and custom-robot sign match the reference vector ($secret)',
    ({ ts, secret, sign, encoded }) => {
      expect(callbackSign(ts, secret)).toBe(sign);
      expect(customRobotSign(ts, secret)).toBe(encoded);
    },
  );

  test.each(VECTORS)(
    'accepted up to an hour old or 5 minutes ahead, rejected beyond, rejected URL-encoded ($secret)',
    ({ ts, secret, sign, encoded }) => {
      const t = Number(ts);
      expect(isValidCallbackSignature(ts, sign, secret, t)).toBe(true);
      expect(isValidCallbackSignature(ts, sign, secret, t + 3_600_000)).toBe(true);
      expect(isValidCallbackSignature(ts, sign, secret, t - 300_000)).toBe(true);
      expect(isValidCallbackSignature(ts, sign, secret, t + 3_600_001)).toBe(false);
      expect(isValidCallbackSignature(ts, sign, secret, t - 300_001)).toBe(false);
      expect(isValidCallbackSignature(ts, sign, secret, t - 3_600_000)).toBe(false);
      expect(isValidCallbackSignature(ts, encoded, secret, t)).toBe(false);
      expect(isValidCallbackSignature(ts, sign, `${secret}x`, t)).toBe(false);
    },
  );

  test('missing, non-numeric or tampered headers are rejected', () => {
    const { ts, secret, sign } = VECTORS[0];
    const now = Number(ts);
    expect(isValidCallbackSignature(undefined, sign, secret, now)).toBe(false);
    expect(isValidCallbackSignature(ts, undefined, secret, now)).toBe(false);
    expect(isValidCallbackSignature('1577262236757abc', sign, secret, now)).toBe(false);
    expect(isValidCallbackSignature(String(now + 1), sign, secret, now)).toBe(false);
    expect(isValidCallbackSignature(ts, sign.replace('D', 'E'), secret, now)).toBe(false);
    expect(isValidCallbackSignature(ts, `${sign}=`, secret, now)).toBe(false);
  });

  test('verifyCallbackSignature throws a coded error that says how to fix it', () => {
    const { ts, secret, sign } = VECTORS[0];
    expect(() => verifyCallbackSignature(ts, sign, secret, Number(ts))).not.toThrow();
    let err: unknown;
    try {
      verifyCallbackSignature(ts, 'bad', secret, Number(ts));
    } catch (e) {
      err = e;
    }
    expect(isZhibuError(err, 'SIGNATURE_MISMATCH')).toBe(true);
    expect((err as Error).message).toContain('DINGTALK_CLIENT_SECRET');
    try {
      verifyCallbackSignature(ts, sign, secret, Number(ts) + 7_200_000);
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toContain('clock');
  });

  test('the custom-robot URL is rebuilt from the token each time with a fresh timestamp', () => {
    const { secret, encoded } = VECTORS[2];
    const url = customRobotUrl('https://oapi.dingtalk.com/', 'abc123', secret, 1_700_000_000_000);
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1700000000000&sign=${encoded}`,
    );
    const later = customRobotUrl('https://oapi.dingtalk.com', 'abc123', secret, 1_700_000_060_000);
    expect(later).toContain('timestamp=1700000060000');
    expect(later.length).toBe(url.length);
    expect(customRobotUrl('https://oapi.dingtalk.com', 'abc123', undefined, 1)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc123',
    );
  });
});
