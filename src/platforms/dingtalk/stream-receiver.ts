import { TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from 'pino';
import type { IngestOutcome } from './ingest-robot-message';
import { RobotMessageError } from './robot-message';
import { StreamClient } from './stream-client';
import { StreamSupervisor, type StreamState } from './stream-supervisor';

export interface StreamReceiverOptions {
  clientId: string;
  clientSecret: string;
  apiBase: string;
  now: () => number;
  log: Logger;
  ingest: (body: unknown) => Promise<IngestOutcome>;
  onStateChange?: (state: StreamState) => void;
  watchMs?: number;
  staleMs?: number;
}

export interface StreamReceiver {
  client: StreamClient;
  supervisor: StreamSupervisor;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Stream mode: robot messages arrive as CALLBACK frames on `/v1.0/im/bot/messages/get`. Each is persisted through
 * `bot.accept` (durable dedupe on msgId) and acknowledged right after, so DingTalk does not deliver it again ~60 s
 * later; handling runs in the background. A frame that cannot be stored is not acknowledged — the redelivery is the
 * retry. A frame that can never be handled (bad JSON, bad fields) is acknowledged and logged.
 */
export function streamReceiver(opts: StreamReceiverOptions): StreamReceiver {
  const { log } = opts;
  const client = new StreamClient({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    apiBase: opts.apiBase,
    now: opts.now,
    onError: (err) => log.warn({ err }, 'dingtalk stream frame could not be read'),
  });
  const supervisor = new StreamSupervisor(client, {
    now: opts.now,
    log,
    watchMs: opts.watchMs,
    staleMs: opts.staleMs,
    onStateChange: opts.onStateChange,
  });

  const ack = (messageId: string | undefined) => {
    if (!messageId) return;
    try {
      client.socketCallBackResponse(messageId, null);
    } catch (err) {
      log.warn({ err }, 'dingtalk stream ack failed');
    }
  };

  async function onFrame(frame: DWClientDownStream): Promise<void> {
    const messageId = frame.headers?.messageId;
    try {
      await opts.ingest(JSON.parse(frame.data) as unknown);
    } catch (err) {
      if (err instanceof SyntaxError || err instanceof RobotMessageError) {
        log.warn({ err: err.message, messageId }, 'dingtalk stream frame malformed; acknowledged and dropped');
        ack(messageId);
        return;
      }
      log.error(
        { err, messageId },
        'dingtalk stream message could not be stored; not acknowledged, DingTalk will deliver it again',
      );
      return;
    }
    ack(messageId);
  }

  client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
    void onFrame(frame);
  });
  return {
    client,
    supervisor,
    start: () => supervisor.start(),
    stop: () => supervisor.stop(),
  };
}
