import type { JobResult } from './job';
import type { SendTarget } from '../outbox/outbox-types';
import type { BotServices } from '../bot/services';

/**
 * Every message a job sends goes through here: into the outbox with a deterministic idempotency key (so a fire
 * re-run after a crash cannot send anything twice), or, in a dry run, into the preview and nowhere else.
 */
export class JobSender {
  sent = 0;
  readonly preview: NonNullable<JobResult['preview']> = [];

  constructor(
    private readonly services: BotServices,
    private readonly dryRun: boolean,
  ) {}

  async send(target: SendTarget, text: string, idemKey: string, mentions?: string[]): Promise<void> {
    this.sent++;
    if (this.dryRun) {
      this.preview.push({
        platform: target.platform,
        chatId: target.chatId,
        chatType: target.chatType,
        text,
        ...(mentions?.length ? { mentions } : {}),
      });
      return;
    }
    await this.services.outbox.enqueue({ target, text, idemKey, mentions: mentions?.length ? mentions : undefined });
  }

  result(summary: string): JobResult {
    return this.dryRun ? { summary, sent: this.sent, preview: this.preview } : { summary, sent: this.sent };
  }
}
