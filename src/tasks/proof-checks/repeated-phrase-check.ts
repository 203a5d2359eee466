import { visibleLength } from '../../text/normalize-text';
import type { ProofCheck } from './proof-check';
import { mostRepeatedPhrase } from './note-similarity';

/** Notes shorter than this are captions beside a photo, not the proof itself. */
export const NOTE_MIN_CHARS = 20;
/** Held when one phrase's repeats make up at least half the note. */
export const REPEAT_COVERAGE = 0.5;

/** A note that is mostly one phrase said again and again (「认真学习」×13 reaches 50 字) is not a note. */
export const repeatedPhraseCheck: ProofCheck = {
  name: 'repeated-phrase',
  async check({ submission }) {
    if (visibleLength(submission.note) < NOTE_MIN_CHARS) return [];
    const repeat = mostRepeatedPhrase(submission.note);
    if (!repeat || repeat.coverage < REPEAT_COVERAGE) return [];
    const share = `${Math.round(repeat.coverage * 100)}%`;
    return [
      {
        code: 'repeated-phrase',
        reason: `心得大部分是同一句话的重复（「${repeat.phrase}」出现 ${repeat.times} 次，占 ${share}）`,
        detail: { 重复的话: repeat.phrase, 次数: repeat.times, 占比: share },
      },
    ];
  },
};
