import type { Logger } from 'pino';
import type { Bot } from '../../bot/bot';
import type { Clock } from '../../time/clock';
import { normalizeRobotMessage } from './normalize-robot-message';
import type { QuotaMeter } from './quota-meter';
import { parseRobotMessage } from './robot-message';

export interface IngestDeps {
  bot: Bot;
  clock: Clock;
  log: Logger;
  meter: QuotaMeter;
  robotCode: string;
}

export type IngestOutcome = 'accepted' | 'duplicate' | 'ignored';

/** What DingTalk delivers instead of a robot message once the monthly quota is used up. */
const QUOTA_EXHAUSTED = '20001';

function quotaExhaustedNotice(body: unknown): boolean {
  return (
    body !== null &&
    typeof body === 'object' &&
    String((body as Record<string, unknown>).errorCode ?? '') === QUOTA_EXHAUSTED
  );
}

/**
 * One robot message, from either transport: validate → normalize → `bot.accept` (the durable `dingtalk:<msgId>`
 * dedupe and the persisted message, before the platform is answered). Throws `RobotMessageError` for a malformed
 * body; a store failure propagates so the transport does not acknowledge and DingTalk delivers again.
 */
export async function ingestRobotMessage(body: unknown, deps: IngestDeps): Promise<IngestOutcome> {
  if (quotaExhaustedNotice(body)) {
    // The org's monthly Webhook & Stream quota is used up (KB 0699 错误码, KB 1431): this carries no member text and
    // must get no answer (an answer would fail the same way); the admins hear of it instead.
    deps.log.warn(
      { errorCode: QUOTA_EXHAUSTED },
      'dingtalk monthly robot quota exhausted: message delivered without content',
    );
    await deps.meter.exhausted('push');
    return 'ignored';
  }
  const payload = parseRobotMessage(body);
  const message = normalizeRobotMessage(payload, { robotCode: deps.robotCode, receivedAt: deps.clock.now() });
  // Every delivered robot message counts against the org's monthly webhook+stream quota, handled or not.
  await deps.meter.record('push');
  if (!message) {
    deps.log.info({ msgtype: payload.msgtype, msgId: payload.msgId }, 'dingtalk message type not handled; ignored');
    return 'ignored';
  }
  return (await deps.bot.accept(message)) ? 'accepted' : 'duplicate';
}
