import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry for the process; `/metrics` serves it. Gauges that read the store are wired in create-app. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'zhibu_' });

export const botMetrics = {
  messagesIn: new Counter({
    name: 'zhibu_messages_in_total',
    help: 'Incoming messages by platform',
    labelNames: ['platform', 'duplicate'],
    registers: [registry],
  }),
  submissions: new Counter({
    name: 'zhibu_submissions_total',
    help: 'Proof submissions by outcome',
    labelNames: ['status'],
    registers: [registry],
  }),
  handlerSeconds: new Histogram({
    name: 'zhibu_handler_duration_seconds',
    help: 'Time to handle one message',
    labelNames: ['platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
};

/** A gauge whose value is read when scraped (e.g. outbox depth from the store). */
export function lazyGauge(name: string, help: string, read: () => Promise<number>, labelNames: string[] = []): Gauge {
  const existing = registry.getSingleMetric(name);
  if (existing) registry.removeSingleMetric(name);
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.set(await read());
    },
  });
}
