import type { Logger } from 'pino';
import type { Store } from '../store/store';
import type { ProofCheckRef } from '../store/proof-check-repo';
import type { BindingCodes } from '../members/binding-codes';
import type { Clock } from '../time/clock';
import type { LoginLinks } from '../access/login-links';
import type { ReviewLinks } from '../reviews/review-links';
import type { MediaResolver } from './media-resolver';
import type { FaultPoint } from './fault-points';
import type { OutboxPort } from '../outbox/outbox-port';
import type { PushChecker } from '../outbox/push-check';
import type { PushTargets } from '../outbox/push-targets';
import type { OutreachSettings } from '../contacts/outreach-settings';

export interface BotSettings {
  timezone: string;
  /** Identity keys (`platform:userId`) that are admins from configuration (ZHIBU_ADMINS). */
  admins: ReadonlySet<string>;
  /** How long a photo sent before naming its task is held. */
  holdMinutes: number;
  /** Talks and visits: CONTACT_WEEKS and the 返乡报到 windows (defaults when absent). */
  outreach?: OutreachSettings;
}

/** What the router, handlers and jobs get: the store port, time, settings, logging, the outbox's enqueue and media. */
export interface BotServices {
  store: Store;
  clock: Clock;
  settings: BotSettings;
  log: Logger;
  outbox: OutboxPort;
  media: MediaResolver;
  /** How each configured platform reads a group-robot address for 「设置推送」 (declared by its channel). */
  pushTargets: PushTargets;
  /** One-time dashboard login links (the 后台 command); absent where no dashboard is served. */
  loginLinks?: LoginLinks;
  /** Personal links to the satisfaction-review answer page; absent where no dashboard is served. */
  reviewLinks?: ReviewLinks;
  /** Keys for one-time binding codes (绑定码); a process-local key is used where none is given. */
  bindingCodes?: BindingCodes;
  /** Every configured platform's push check, combined (absent when no platform can push). */
  checkPush?: PushChecker;
  /** Runs the proof checks queued with each submission, off the request path (absent: they wait in the store). */
  proofChecks?: { wake(run?: ProofCheckRef): void };
  /** Crash testing only (ZHIBU_FAULT_POINT): the command whose nth store write kills the process. */
  faultPoint?: FaultPoint;
}
