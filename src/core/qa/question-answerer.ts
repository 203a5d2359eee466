import type { Logger } from 'pino';
import type { KbHolder } from '../kb/kb-holder';
import type { KbHit } from '../kb/knowledge-base';
import { channelOf, formatKbAnswer, formatNotSure } from './format-answer';
import { NO_ANSWER, type GroundedLlm } from './grounded-llm';
import { sanitizeLlmText } from './sanitize-llm-text';
import { qaMetrics } from './qa-metrics';

export type QaResult =
  | { kind: 'answer'; via: 'kb' | 'llm'; text: string; titles: string[] }
  | { kind: 'unsure'; text: string; hits: KbHit[] };

/** The model sees the best few passages only; more adds cost and room to wander. */
const PASSAGES = 3;
/** Passages this weak are not worth a model call: retrieval found nothing on topic. */
const LLM_MIN_COVERAGE = 0.25;
const AI_NOTE = '（以上由 AI 依据知识库整理，具体以官方答复为准）';

/**
 * Retrieval first (BM25 over the KB, offline); with a model configured, the question and the top passages go to it
 * and its answer is used only if it cites a passage title. Any failure — timeout, error, an uncited or empty answer —
 * falls back to the retrieval answer, so a question is always answered the same way the offline bot would.
 */
export class QuestionAnswerer {
  constructor(readonly kb: KbHolder, private readonly log: Logger, private readonly llm?: GroundedLlm) {}

  get hasLlm(): boolean {
    return this.llm !== undefined;
  }

  search(question: string, limit = PASSAGES): KbHit[] {
    return this.kb.current.search(question, limit);
  }

  async answer(question: string): Promise<QaResult> {
    const hits = this.search(question);
    const grounded = await this.viaLlm(question, hits);
    if (grounded) return grounded;
    return this.viaKb(hits);
  }

  private viaKb(hits: KbHit[]): QaResult {
    const kb = this.kb.current;
    const [top, second] = hits;
    if (!kb.isConfident(top)) {
      qaMetrics.answers.inc({ outcome: 'unsure' });
      return { kind: 'unsure', text: formatNotSure(hits), hits };
    }
    const runnerUp = second && kb.isConfident(second) && second.score >= 0.8 * top.score ? second : undefined;
    qaMetrics.answers.inc({ outcome: 'kb' });
    return { kind: 'answer', via: 'kb', text: formatKbAnswer(top, runnerUp), titles: [top.entry.title] };
  }

  private async viaLlm(question: string, hits: KbHit[]): Promise<QaResult | undefined> {
    if (!this.llm || hits.length === 0 || hits[0].coverage < LLM_MIN_COVERAGE) return undefined;
    const passages = hits.map((h) => h.entry);
    const stop = qaMetrics.llmSeconds.startTimer();
    let raw: string;
    try {
      raw = await this.llm.answer(question, passages);
    } catch (err) {
      qaMetrics.answers.inc({ outcome: 'llm_failed' });
      this.log.warn({ err: { message: (err as Error).message, name: (err as Error).name }, model: this.llm.model }, 'LLM answer failed; using the retrieval answer');
      return undefined;
    } finally {
      stop();
    }
    const text = sanitizeLlmText(raw);
    if (!text || text.startsWith(NO_ANSWER)) return undefined;
    const cited = passages.filter((p) => text.includes(`【${p.title}】`));
    if (cited.length === 0) {
      qaMetrics.answers.inc({ outcome: 'llm_uncited' });
      this.log.warn({ model: this.llm.model }, 'LLM answer cited no passage; using the retrieval answer');
      return undefined;
    }
    const lead = cited.find((p) => text.startsWith(`【${p.title}】`)) ?? cited[0];
    qaMetrics.answers.inc({ outcome: 'llm' });
    return { kind: 'answer', via: 'llm', text: frame(text, lead.title, channelOf(lead)), titles: cited.map((p) => p.title) };
  }
}

/** The same frame as a retrieval answer: 【title】 first, then the answer, then the official channel. */
function frame(text: string, title: string, channel: string): string {
  const head = `【${title}】`;
  const body = text.startsWith(head) ? text.slice(head.length).trim() : text;
  return `${head}\n${body}\n📞 官方渠道：${channel}\n${AI_NOTE}`;
}
