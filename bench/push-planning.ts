import { performance } from 'node:perf_hooks';
import type { AibotConnection } from '../src/platforms/wecom/aibot-connection';
import { AibotSessions } from '../src/platforms/wecom/aibot-sessions';
import { WebhookClient } from '../src/platforms/wecom/webhook-client';
import { WecomSender } from '../src/platforms/wecom/wecom-sender';
import type { DingtalkApi } from '../src/platforms/dingtalk/dingtalk-api';
import { DingtalkSender } from '../src/platforms/dingtalk/dingtalk-sender';
import type { QuotaMeter } from '../src/platforms/dingtalk/quota-meter';
import type { BenchCase } from './bench-case';
import { harness, recording, report, START, type Harness } from './push-planning/planning-harness';

const CHATS = 1_000;
const REMINDERS = 12;
/** The week's ranking board for a group: long enough to be split (≈ 31 kB: 8 webhook parts, 2 AI-bot parts, 3 DingTalk parts). */
const BOARD = Array.from({ length: 1400 }, (_, i) => `${i + 1}. 党员${i} ${(i * 7) % 40} 分`).join('\n');

async function enqueueWeek(
  h: Harness,
  platform: 'wecom' | 'dingtalk',
  chatId: string,
  reminders: number,
): Promise<void> {
  const target = { platform, chatId, chatType: 'group' as const };
  const outbox = h.rt.services.outbox;
  await outbox.enqueue({
    target,
    text: '📌 本周任务 #12《学习二十届四中全会精神》\n截止：周日 18:00，@机器人 #12 + 图片/心得 提交',
  });
  await outbox.enqueue({ target, text: `🏆 本周积分排名\n${BOARD}` });
  for (let r = 0; r < reminders; r++)
    await outbox.enqueue({ target, text: `⏰ 请 @党员${r} 完成任务 #12`, mentions: [`u${r}`] });
}

/**
 * WeCom: 600 groups with a group robot (设置推送, 20/min per key) and 400 with only an AI-bot session (30/min per
 * conversation); each gets the task post, the ranking board and 12 @-reminders.
 */
async function wecomWeek(): Promise<string[]> {
  const h = await harness();
  const { services } = h.rt;
  const connection = { connected: true, state: 'connected' } as AibotConnection;
  const sender = new WecomSender({
    services,
    outbox: h.rt.outbox,
    webhook: new WebhookClient('http://127.0.0.1:9'),
    sessions: new AibotSessions(services),
    connection,
    botId: 'bench-bot',
  });
  h.rt.outbox.registerSender(recording(sender, h));
  for (let i = 0; i < CHATS; i++) {
    const chatId = `wrkBench${i}`;
    await services.store.chats.upsertSeen({ platform: 'wecom', chatId, chatType: 'group' }, START);
    const push: Record<string, string> =
      i < 600
        ? { webhookKey: `bench-key-${String(i).padStart(6, '0')}-abcdef` }
        : { aibotSession: 'active', aibotSessionSince: START.toISOString() };
    await services.store.chats.setPush('wecom', chatId, push);
  }
  for (let i = 0; i < CHATS; i++) await enqueueWeek(h, 'wecom', `wrkBench${i}`, REMINDERS);
  const started = performance.now();
  const finish = await h.run();
  const lines = report(
    'wecom',
    `${CHATS} groups (600 webhook, 400 AI-bot session) × ${2 + REMINDERS} posts`,
    h,
    finish,
    performance.now() - started,
  );
  await h.close();
  return lines;
}

/**
 * DingTalk: 200 groups with their own custom robot (20/min each, 10-minute mute if exceeded) and 800 reached
 * through the enterprise robot's groupMessages/send (one robot, 20/min); each gets the task post and the board.
 */
async function dingtalkWeek(): Promise<string[]> {
  const h = await harness();
  const { services } = h.rt;
  const sender = new DingtalkSender({
    api: {} as DingtalkApi,
    meter: {} as QuotaMeter,
    store: services.store,
    clock: services.clock,
    log: services.log,
    oapiBase: 'http://127.0.0.1:9',
    robotCode: 'dingbenchrobot',
  });
  h.rt.outbox.registerSender(recording(sender, h));
  for (let i = 0; i < CHATS; i++) {
    const chatId = `cidBench${i}==`;
    await services.store.chats.upsertSeen({ platform: 'dingtalk', chatId, chatType: 'group' }, START);
    if (i < 200)
      await services.store.chats.setPush('dingtalk', chatId, {
        webhook: `https://oapi.dingtalk.com/robot/send?access_token=benchtoken${String(i).padStart(8, '0')}`,
      });
  }
  for (let i = 0; i < CHATS; i++) await enqueueWeek(h, 'dingtalk', `cidBench${i}==`, 0);
  const started = performance.now();
  const finish = await h.run();
  const lines = report(
    'dingtalk',
    `${CHATS} groups (200 custom robot, 800 enterprise robot) × 2 posts`,
    h,
    finish,
    performance.now() - started,
  );
  await h.close();
  return lines;
}

/** `npm run bench push-planning`: the weekly push to 1,000 chats per platform, planned under the documented limits. */
export const pushPlanning: BenchCase = {
  name: 'push-planning',
  async run() {
    return [...(await wecomWeek()), ...(await dingtalkWeek())];
  },
};
