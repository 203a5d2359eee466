import { Counter } from 'prom-client';
import { registry } from '../observability/metrics';

const existing = registry.getSingleMetric('zhibu_job_fires_total') as Counter | undefined;

/** Job fires by outcome, served on /metrics. */
export const jobMetrics = {
  fires:
    existing ??
    new Counter({
      name: 'zhibu_job_fires_total',
      help: 'Scheduled job fires by job and outcome',
      labelNames: ['job', 'status'],
      registers: [registry],
    }),
};
