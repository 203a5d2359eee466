import type { Logger } from 'pino';
import type { KbHolder } from './kb/kb-holder';
import type { KbHit } from './kb/knowledge-base';
import { channelOf, formatDecline, formatKbAnswer, formatNotSure } from './format-answer';
import { NO_ANSWER, type GroundedLlm } from './llm/grounded-llm';
import { sanitizeLlmText } from './llm/sanitize-llm-text';
import { qaMetrics } from './evaluation/qa-metrics';
import { splitClauses } from './split-clauses';

/** `related`/`suggestions`: the numbered titles the reply offers, in order, so a reply of `1` can open them. */
export type QaResult =
  | { kind: 'answer'; via: 'kb' | 'llm'; text: string; titles: string[]; related: string[] }
  | { kind: 'unsure'; text: string; hits: KbHit[]; suggestions: string[] }
  | { kind: 'decline'; text: string; hits: KbHit[] };

/** The model sees the best few passages only; more adds cost and room to wander. */
const PASSAGES = 3;
/** Passages this weak are not worth a model call: retrieval found nothing on topic. */
const LLM_MIN_COVERAGE = 0.25;
const AI_NOTE = '（以上由 AI 依据知识库整理，具体以官方答复为准）';
/** At most this many numbered follow-ups under an answer. */
const MAX_RELATED = 2;

/**
 * Retrieval first (BM25 over the KB, offline); with a model configured, the question and the top passages go to it
 * and its answer is used only if it cites a passage title. Any failure — timeout, error, an uncited or empty answer —
 * falls back to the retrieval answer, so a question is always answered the same way the offline bot would.
 */
export class QuestionAnswerer {
  constructor(
    readonly kb: KbHolder,
    private readonly log: Logger,
    private readonly llm?: GroundedLlm,
  ) {}

  get hasLlm(): boolean {
    return this.llm !== undefined;
  }

  search(question: string, limit = PASSAGES): KbHit[] {
    return this.kb.current.search(question, limit);
  }

  async answer(question: string): Promise<QaResult> {
    const hits = this.firstQuestionFirst(question, this.search(question));
    const kb = this.kb.current;
    if (!kb.isConfident(hits[0]) && !kb.isNear(hits[0])) {
      qaMetrics.answers.inc({ outcome: 'declined' });
      return { kind: 'decline', text: formatDecline(), hits };
    }
    const grounded = await this.viaLlm(question, hits);
    if (grounded) return grounded;
    return this.viaKb(question, hits);
  }

  /**
   * Two questions in one message: the whole message's best entries, with the first question's own confident answer
   * put first when it is among them — people ask the important thing first. It goes first with the first question's
   * own score: against the whole message it covers only half the words, which says nothing about how sure it is.
   */
  private firstQuestionFirst(question: string, hits: KbHit[]): KbHit[] {
    const clauses = splitClauses(question);
    if (clauses.length < 2) return hits;
    const kb = this.kb.current;
    const [first] = kb.search(clauses[0], 1);
    const at = kb.isConfident(first) ? hits.findIndex((h) => h.entry === first.entry) : -1;
    return at >= 0 ? [first, ...hits.filter((_, i) => i !== at)] : hits;
  }

  /** The answer to one entry, by exact title (a picked suggestion). */
  answerTitle(title: string): string | undefined {
    const entry = this.kb.current.byTitle(title);
    return entry && formatKbAnswer(entry);
  }

  private viaKb(question: string, hits: KbHit[]): QaResult {
    const [top] = hits;
    if (!this.kb.current.isConfident(top)) {
      qaMetrics.answers.inc({ outcome: 'unsure' });
      const suggestions = hits.slice(0, 2).map((h) => h.entry.title);
      return { kind: 'unsure', text: formatNotSure(suggestions), hits, suggestions };
    }
    const related = this.related(question, hits, [top.entry.title]);
    qaMetrics.answers.inc({ outcome: 'kb' });
    return { kind: 'answer', via: 'kb', text: formatKbAnswer(top.entry, related), titles: [top.entry.title], related };
  }

  /**
   * What else the message may ask: the confident answer to each further clause of a two-question message first,
   * then a close runner-up of the whole message.
   */
  related(question: string, hits: KbHit[], answered: string[]): string[] {
    const kb = this.kb.current;
    const out: string[] = [];
    const offer = (hit: KbHit | undefined) => {
      const title = hit?.entry.title;
      if (title && !answered.includes(title) && !out.includes(title)) out.push(title);
    };
    const clauses = splitClauses(question);
    if (clauses.length > 1) {
      for (const clause of clauses) {
        const [hit] = kb.search(clause, 1);
        if (kb.isConfident(hit)) offer(hit);
      }
    }
    const [top, second] = hits;
    if (second && kb.isConfident(second) && second.score >= 0.8 * top.score) offer(second);
    return out.slice(0, MAX_RELATED);
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
      this.log.warn(
        { err: { message: (err as Error).message, name: (err as Error).name }, model: this.llm.model },
        'LLM answer failed; using the retrieval answer',
      );
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
    const titles = cited.map((p) => p.title);
    const related = this.related(question, hits, titles);
    return { kind: 'answer', via: 'llm', text: frame(text, lead.title, channelOf(lead), related), titles, related };
  }
}

/** The same frame as a retrieval answer: 【title】 first, then the answer, then the official channel. */
function frame(text: string, title: string, channel: string, related: string[]): string {
  const head = `【${title}】`;
  const body = text.startsWith(head) ? text.slice(head.length).trim() : text;
  const more = related.length
    ? `\n你可能还想问：\n${related.map((t, i) => `${i + 1}.【${t}】`).join('\n')}\n（回复数字即可查看）`
    : '';
  return `${head}\n${body}\n📞 官方渠道：${channel}${more}\n${AI_NOTE}`;
}
