import { PushTargetError } from '../../../src/outbox/push-targets';
import { customRobotPushTarget } from '../../../src/platforms/dingtalk/custom-robot-push-target';

const URL_ = 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123';
const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('DingTalk custom robot push target', () => {
  test('address + secret in either order; the summary masks the token and never shows the secret', () => {
    for (const input of [`${URL_} ${SECRET}`, `${SECRET}  ${URL_}`]) {
      const { push, summary } = customRobotPushTarget.parse(input);
      expect(push).toEqual({ webhook: URL_, secret: SECRET });
      expect(summary).toBe('钉钉自定义机器人 0123…0123，已加签；密钥已保存，不会显示');
    }
  });

  test('without a secret it is accepted with a warning', () => {
    const { push, summary } = customRobotPushTarget.parse(URL_);
    expect(push).toEqual({ webhook: URL_ });
    expect(summary).toContain('未加签');
  });

  test.each([
    [
      'a WeCom robot address',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7c3e-4bc4-97a0-0ec2e1f5aaa1',
    ],
    ['no token', 'https://oapi.dingtalk.com/robot/send'],
    ['a bare word', 'abc'],
    ['two addresses', `${URL_} ${URL_}x`],
    ['a malformed secret', `${URL_} SEC-123`],
  ])('%s is refused with the correct form', (_label, input) => {
    expect(() => customRobotPushTarget.parse(input)).toThrow(PushTargetError);
  });
});
