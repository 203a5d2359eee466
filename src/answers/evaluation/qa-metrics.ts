import { Counter, Histogram } from 'prom-client';
import { registry } from '../../observability/metrics';

function counter(name: string, help: string, labelNames: string[]): Counter {
  const existing = registry.getSingleMetric(name);
  return (existing as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

function histogram(name: string, help: string, buckets: number[]): Histogram {
  const existing = registry.getSingleMetric(name);
  return (existing as Histogram | undefined) ?? new Histogram({ name, help, buckets, registers: [registry] });
}

/** Q&A outcomes (kb, llm, unsure, llm_failed, llm_uncited) and model latency, on /metrics. */
export const qaMetrics = {
  answers: counter('zhibu_qa_answers_total', 'Questions answered, by outcome', ['outcome']),
  llmSeconds: histogram(
    'zhibu_qa_llm_duration_seconds',
    'Time the language model took (including timeouts)',
    [0.25, 0.5, 1, 2, 4, 8],
  ),
};
