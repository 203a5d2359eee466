import { Counter, Gauge } from 'prom-client';
import { registry } from '../../observability/metrics';
import type { QuotaKind } from './quota-meter';

export interface DingtalkMetricSources {
  /** Stream mode only (HTTP mode has no long connection to report). */
  stream?: { connected(): boolean; reconnects(): number };
  used(kind: QuotaKind): Promise<number>;
  quota(kind: QuotaKind): number;
}

/** Registers a metric afresh: a second runtime in the same process (tests, benches) replaces the first's. */
function fresh<T>(name: string, make: () => T): T {
  if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
  return make();
}

/**
 * `/metrics` for DingTalk: the Stream connection state, reconnects, and this month's metered calls beside the quota,
 * so an alert can fire well before the free org's 3,000 webhook+stream calls run out.
 */
export function dingtalkMetrics(src: DingtalkMetricSources): void {
  const { stream } = src;
  if (stream) {
    fresh(
      'zhibu_dingtalk_stream_connected',
      () =>
        new Gauge({
          name: 'zhibu_dingtalk_stream_connected',
          help: 'DingTalk Stream connection up (1) or down (0)',
          registers: [registry],
          collect() {
            this.set(Number(stream.connected()));
          },
        }),
    );
    // The supervisor's own count is the source of truth; the counter mirrors it at scrape time.
    fresh(
      'zhibu_dingtalk_stream_reconnects_total',
      () =>
        new Counter({
          name: 'zhibu_dingtalk_stream_reconnects_total',
          help: 'DingTalk Stream reconnections',
          registers: [registry],
          collect() {
            this.reset();
            this.inc(stream.reconnects());
          },
        }),
    );
  }
  fresh(
    'zhibu_dingtalk_month_calls',
    () =>
      new Gauge({
        name: 'zhibu_dingtalk_month_calls',
        help: 'DingTalk calls metered this natural month (push = webhook+stream, api = paid OpenAPI)',
        labelNames: ['kind'],
        registers: [registry],
        async collect() {
          for (const kind of ['push', 'api'] as const) this.set({ kind }, await src.used(kind));
        },
      }),
  );
  fresh(
    'zhibu_dingtalk_month_quota',
    () =>
      new Gauge({
        name: 'zhibu_dingtalk_month_quota',
        help: 'DingTalk monthly quota per kind (DINGTALK_MONTHLY_QUOTA, DINGTALK_MONTHLY_API_QUOTA)',
        labelNames: ['kind'],
        registers: [registry],
        collect() {
          for (const kind of ['push', 'api'] as const) this.set({ kind }, src.quota(kind));
        },
      }),
  );
}
