import request from 'supertest';
import { testRuntime, type TestRuntime } from '../../helpers/test-runtime';
import { FakeDingtalk, waitFor } from './fake-dingtalk';
import { groupText, signedHeaders } from './fixtures';

export interface DingtalkRuntime {
  rt: TestRuntime;
  fake: FakeDingtalk;
  /**
   * POSTs a payload to /dingtalk/callback, signed with the app secret at the runtime's clock (or with `headers`).
   * Each post is signed for its own millisecond: the bot accepts a (timestamp, sign) pair once.
   */
  post(payload: unknown, headers?: Record<string, string>): Promise<request.Response>;
  /** Waits until every accepted message was handled, then sends what is due in the outbox. */
  settle(): Promise<void>;
  /** A group @-message from `staffId` through the signed callback, handled and answered. */
  say(staffId: string, nick: string, text: string, extra?: Record<string, unknown>): Promise<void>;
  /** Texts the bot sent through session webhooks (replies), oldest first. */
  sessionReplies(): Array<{ content: string; atUserIds?: string[] }>;
  close(): Promise<void>;
}

/** A runtime with the DingTalk channel (HTTP callback mode) against a fake DingTalk on 127.0.0.1. */
export async function dingtalkRuntime(env: Record<string, string> = {}): Promise<DingtalkRuntime> {
  const fake = await new FakeDingtalk().start();
  const rt = await testRuntime({
    DINGTALK_CLIENT_ID: fake.clientId,
    DINGTALK_CLIENT_SECRET: fake.clientSecret,
    DINGTALK_MODE: 'http',
    DINGTALK_API_BASE: fake.base,
    DINGTALK_OAPI_BASE: fake.base,
    ZHIBU_ADMINS: 'sim:u_admin,dingtalk:staff_admin',
    // The recorded payloads' robot and organization.
    DINGTALK_ROBOT_CODE: 'dingzhiburobot01',
    DINGTALK_CORP_ID: 'dinge8a565zhibu01',
    ...env,
  });
  fake.now = () => rt.clock.now().getTime(); // DingTalk's clock and the bot's agree, as they do in production
  const server = rt.app.callback();
  let seq = 0;
  let lastStamp = 0;
  const stamp = () => {
    lastStamp = Math.max(rt.clock.now().getTime(), lastStamp + 1);
    return lastStamp;
  };
  const self: DingtalkRuntime = {
    rt,
    fake,
    post: (payload, headers) =>
      request(server)
        .post('/dingtalk/callback')
        .set(headers ?? signedHeaders(fake.clientSecret, stamp()))
        .set('content-type', 'application/json; charset=utf-8')
        .send(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    async settle() {
      await waitFor(
        async () => (await rt.services.store.inbox.listUnprocessed(10)).length === 0,
        'messages to be handled',
      );
      await rt.outbox.drainOnce();
    },
    async say(staffId, nick, text, extra = {}) {
      const res = await self.post(groupText(staffId, nick, text, `msg-${staffId}-${++seq}`, extra));
      if (res.status !== 200) throw new Error(`callback answered ${res.status}: ${JSON.stringify(res.body)}`);
      await self.settle();
    },
    sessionReplies: () =>
      fake
        .callsTo('/robot/sendBySession')
        .map((c) => ({ content: c.body.text.content, atUserIds: c.body.at?.atUserIds })),
    async close() {
      await rt.stop();
      await fake.stop();
    },
  };
  return self;
}
