import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config';
import { Arrivals } from '../bot/arrivals';
import { Bot } from '../bot/bot';
import type { Middleware } from '../bot/composer';
import { parseFaultPoint, withFaultPoints, type FaultPoint } from '../bot/fault-points';
import { MediaResolver } from '../bot/media-resolver';
import type { BotServices } from '../bot/services';
import { dashboardBaseUrl, loadDashboardSecret } from '../config/dashboard-secret';
import { LoginLinks } from '../access/login-links';
import { ReviewLinks } from '../reviews/review-links';
import { outreachSettingsFrom } from '../contacts/outreach-settings';
import { BindingCodes } from '../members/binding-codes';
import { notifyFailedSend } from '../outbox/notify-failed-send';
import { Outbox } from '../outbox/outbox';
import { persistOnlyOutbox } from '../outbox/persist-only-outbox';
import { PushTargets } from '../outbox/push-targets';
import { createLogger } from '../observability/logger';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { systemClock, type Clock } from '../time/clock';
import { createAnswerer } from '../answers/create-answerer';
import { jobOptionsFrom } from '../scheduler/job-options';
import { Scheduler } from '../scheduler/scheduler';
import { createRouter } from '../../handlers';
import { answersAndHelpCases } from '../../handlers/answers-and-help-cases';
import { allJobs } from '../../jobs';
import { createProofChecks, probeOcr } from './create-proof-checks';
import type { ProofCheckRunner } from '../tasks/proof-checks/proof-check-runner';

export interface ComposeOptions {
  clock?: Clock;
  log?: Logger;
  store?: Store;
  /** Names this instance in outbox claims and leases; defaults to `host:pid`. */
  owner?: string;
  /**
   * False where another process sends: the services' outbox then only persists what is enqueued (the CLI beside a
   * running bot, whose outbox loop sends it). The delivery outbox is still built, but nothing should start it.
   */
  deliver?: boolean;
  /** Replaces the handlers (a command that never receives messages need not load the knowledge base). */
  router?: Middleware;
}

/** Everything `serve`, the CLI and tests share, wired once; transports and HTTP are added by the runtime. */
export interface Composition {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  owner: string;
  /** The delivery side: started by `serve`, drained by tests; handlers see only `services.outbox` (enqueue). */
  outbox: Outbox;
  services: BotServices;
  bot: Bot;
  /** Scheduled jobs (jobs/), not started. */
  scheduler: Scheduler;
  /** Signs dashboard links and sessions (DASHBOARD_SECRET or the key kept in DATA_DIR). */
  dashboardSecret: Buffer;
  /** One-time dashboard login links, also in `services` for the 后台 command. */
  loginLinks: LoginLinks;
  /** The proof check workers (woken by each submission and at start, stopped before the store closes). */
  proofChecks: ProofCheckRunner;
}

/** The composition root: config → store → clock → outbox → services → answerer → bot → scheduler. */
export async function compose(config: Config, options: ComposeOptions = {}): Promise<Composition> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const faultPoint = parseFaultPoint(config.ZHIBU_FAULT_POINT);
  const ocr = probeOcr(config, log);
  const store = withCrashTesting(log, faultPoint, options.store ?? (await openStore(config)));
  const owner = options.owner ?? `${os.hostname()}:${process.pid}`;
  // A message given up on is shown privately to the chat's branch secretaries (never looping on its own notices).
  const onFailed = notifyFailedSend({ store, log, enqueue: (m) => outbox.enqueue(m) });
  const outbox = new Outbox(store.outbox, store.chatLog, clock, log, { owner, onFailed });
  const dashboardSecret = loadDashboardSecret(config);
  const loginLinks = new LoginLinks(dashboardSecret, dashboardBaseUrl(config));
  const services: BotServices = {
    store,
    clock,
    log,
    media: new MediaResolver(store.blobs),
    pushTargets: new PushTargets(),
    outbox: options.deliver === false ? persistOnlyOutbox(store.outbox, clock) : outbox,
    settings: {
      timezone: config.BOT_TIMEZONE,
      admins: config.admins,
      holdMinutes: config.PROOF_HOLD_MINUTES,
      outreach: outreachSettingsFrom(config),
    },
    loginLinks,
    reviewLinks: new ReviewLinks(dashboardSecret, dashboardBaseUrl(config)),
    bindingCodes: new BindingCodes(dashboardSecret),
    faultPoint,
  };
  // Deferred handlers and proof checks both step aside while callbacks keep arriving: one record of arrivals.
  const arrivals = new Arrivals();
  const proofChecks = await createProofChecks(config, { store, clock, log, outbox: services.outbox }, ocr, arrivals);
  services.proofChecks = proofChecks;
  const router = options.router ?? createRouter(answersAndHelpCases(createAnswerer(config, log)));
  const bot = new Bot(services, router, { arrivals });
  // A unique lease owner per composition: two runtimes in one process must still exclude each other.
  const scheduler = new Scheduler(allJobs, services, {
    owner: `${owner}:${randomUUID().slice(0, 8)}`,
    options: jobOptionsFrom(config),
    enabled: config.JOBS_ENABLED,
  });
  return {
    config,
    store,
    clock,
    log,
    owner,
    outbox,
    services,
    bot,
    scheduler,
    dashboardSecret,
    loginLinks,
    proofChecks,
  };
}

/** The store, with crash-test fault points when ZHIBU_FAULT_POINT is set. */
function withCrashTesting(log: Logger, faultPoint: FaultPoint | undefined, opened: Store): Store {
  if (!faultPoint) return opened;
  log.warn(
    { faultPoint },
    'crash testing: ZHIBU_FAULT_POINT kills this process in the middle of a command; never set it in production',
  );
  return withFaultPoints(opened);
}
