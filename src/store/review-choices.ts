import type { ReviewAnswer, ReviewTally } from '../reviews/review';

/** The counters one answer adds to (the same names in both adapters). */
export function answerChoices(answer: ReviewAnswer): string[] {
  const custom = Object.entries(answer.choices ?? {}).map(([q, option]) => `q${q}:${option}`);
  return ['answers', answer.knows ? 'know:yes' : 'know:no', `overall:${answer.overall}`, ...custom];
}

export function emptyTally(reviewId: number, branchId: number): ReviewTally {
  return {
    reviewId,
    branchId,
    answers: 0,
    knowYes: 0,
    knowNo: 0,
    overall: { very: 0, satisfied: 0, basic: 0, unsatisfied: 0 },
    comments: [],
  };
}

/** Sets one counter read back from storage (`know:yes` or its field-safe form `know_yes`). */
export function addCount(t: ReviewTally, choice: string, n: number): void {
  const c = choice.replace('_', ':');
  if (c === 'answers') t.answers = n;
  else if (c === 'know:yes') t.knowYes = n;
  else if (c === 'know:no') t.knowNo = n;
  else if (c.startsWith('overall:')) t.overall[c.slice(8) as keyof ReviewTally['overall']] = n;
  else if (/^q\d+:\d+$/.test(c)) t.choices = { ...t.choices, [c]: n };
}
