import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { fixedClock } from '../../src/time/clock';
import type { OutboxItem, OutgoingMessage } from '../../src/outbox/outbox-types';
import type { RateLimit, SendPlan } from '../../src/outbox/pacer';
import type { Sender } from '../../src/outbox/sender';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime';

export interface SentPart {
  at: number;
  limits: RateLimit[];
}

/** A runtime whose outbox runs on simulated time and whose platform senders record instead of sending. */
export interface Harness {
  rt: Runtime;
  clock: ReturnType<typeof fixedClock>;
  sent: SentPart[];
  record(plan: SendPlan): void;
  /** Drains, jumping the clock to the next time an item is due, until nothing is left; returns the finish time. */
  run(): Promise<number>;
  close(): Promise<void>;
}

export const START = new Date('2026-12-07T09:00:00+08:00');

export async function harness(): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-push-'));
  const clock = fixedClock(START);
  const rt = await createRuntime(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), {
    clock,
    log: createLogger('silent'),
  });
  const due = new Set<number>();
  const repo = rt.services.store.outbox;
  // The outbox decides when each item may go; the harness only watches those times to know where to jump.
  const { enqueue, defer, markRetry } = repo;
  repo.enqueue = (m: OutgoingMessage, now: Date) => {
    due.add(now.getTime());
    return enqueue.call(repo, m, now);
  };
  repo.defer = (id: number, next: Date) => {
    due.add(next.getTime());
    return defer.call(repo, id, next);
  };
  repo.markRetry = (id: number, e: string, next: Date) => {
    due.add(next.getTime());
    return markRetry.call(repo, id, e, next);
  };
  const sent: SentPart[] = [];
  let last = START.getTime();
  return {
    rt,
    clock,
    sent,
    record(plan) {
      last = clock.now().getTime();
      for (let i = 0; i < plan.parts; i++) sent.push({ at: last, limits: plan.limits });
    },
    async run() {
      for (;;) {
        await rt.outbox.drainOnce();
        if ((await repo.depth()) === 0) return last;
        const next = Math.min(...[...due].filter((t) => t > clock.now().getTime()));
        if (!Number.isFinite(next)) throw new Error('items left but nothing due');
        for (const t of [...due]) if (t <= next) due.delete(t);
        clock.set(new Date(next));
      }
    },
    async close() {
      await rt.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The earliest finish the limits allow: per limit key, its parts at `max` per window, the busiest key deciding. */
export function minimumFinishMs(sent: SentPart[]): number {
  const parts = new Map<string, { limit: RateLimit; n: number }>();
  for (const s of sent) for (const l of s.limits) parts.set(l.key, { limit: l, n: (parts.get(l.key)?.n ?? 0) + 1 });
  let min = 0;
  for (const { limit, n } of parts.values()) min = Math.max(min, (Math.ceil(n / limit.max) - 1) * limit.windowMs);
  return min;
}

/** Limit keys where some window holds more parts than allowed (empty = every limit kept). */
export function overLimit(sent: SentPart[]): string[] {
  const times = new Map<string, { limit: RateLimit; at: number[] }>();
  for (const s of sent)
    for (const l of s.limits) {
      const entry = times.get(l.key) ?? { limit: l, at: [] };
      entry.at.push(s.at);
      times.set(l.key, entry);
    }
  const bad: string[] = [];
  for (const [key, { limit, at }] of times) {
    at.sort((a, b) => a - b);
    for (let i = 0; i + limit.max < at.length; i++)
      if (at[i + limit.max] - at[i] < limit.windowMs) {
        bad.push(key);
        break;
      }
  }
  return bad;
}

/** Wraps a real platform sender: its own `pace` decides the limits and parts, `send` only records. */
export function recording(sender: Sender, h: Harness): Sender {
  return {
    platform: sender.platform,
    pace: (item: OutboxItem) => sender.pace!(item),
    async send(item) {
      h.record(await sender.pace!(item));
    },
  };
}

export function report(platform: string, what: string, h: Harness, finish: number, wallMs: number): string[] {
  const planned = finish - START.getTime();
  const minimum = minimumFinishMs(h.sent);
  const ratio = minimum === 0 ? (planned === 0 ? 1 : Infinity) : planned / minimum;
  const over = overLimit(h.sent);
  const min = (ms: number) => `${(ms / 60_000).toFixed(2)} min`;
  return [
    `${platform}: ${what}; ${h.sent.length} parts sent`,
    `${platform}: planned finish ${min(planned)} after start, minimum the limits allow ${min(minimum)}, ratio ${ratio.toFixed(3)} (target ≤ 1.05) ${ratio <= 1.05 ? 'OK' : 'MISSED'}`,
    `${platform}: limit windows checked per key: ${over.length === 0 ? 'none exceeded' : `EXCEEDED in ${over.length} keys (${over.slice(0, 3).join(', ')})`}; wall ${(wallMs / 1000).toFixed(1)} s`,
  ];
}
