import type { Store } from '../../src/store/store';
import { T0, at, type StoreFactory } from './contract-types';

const open = (store: Store, sourceKey?: string) =>
  store.reviews.open(
    {
      name: '2026年度满意度测评',
      branchIds: [1, 2],
      closesAt: at(600).toISOString(),
      createdBy: 'sim:u_admin',
      sourceKey,
    },
    T0,
  );

export function reviewsContract(makeStore: StoreFactory): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test('reviews: opened once per source key, read back, newest first', async () => {
    const first = await open(store, 'sim:m1');
    expect(first.created).toBe(true);
    expect(first.review).toMatchObject({
      id: 1,
      name: '2026年度满意度测评',
      branchIds: [1, 2],
      createdBy: 'sim:u_admin',
    });
    expect((await open(store, 'sim:m1')).created).toBe(false);
    const second = await open(store);
    expect(second.review.id).toBe(2);
    expect((await store.reviews.list()).map((r) => r.id)).toEqual([2, 1]);
    expect(await store.reviews.get(1)).toEqual(first.review);
    expect(await store.reviews.get(9)).toBeUndefined();
  });

  test('reviews: a member votes once; counts per branch, comments verbatim, voters sorted', async () => {
    const { review } = await open(store);
    expect(
      await store.reviews.vote(review.id, 7, 1, { knows: true, overall: 'very', comment: '希望多组织 线上学习！' }),
    ).toBe(true);
    expect(await store.reviews.vote(review.id, 7, 1, { knows: false, overall: 'unsatisfied' })).toBe(false);
    expect(await store.reviews.vote(review.id, 3, 1, { knows: false, overall: 'basic' })).toBe(true);
    expect(await store.reviews.vote(review.id, 5, 2, { knows: true, overall: 'satisfied', comment: '好' })).toBe(true);
    expect(await store.reviews.hasVoted(review.id, 7)).toBe(true);
    expect(await store.reviews.hasVoted(review.id, 4)).toBe(false);
    expect(await store.reviews.voterIds(review.id)).toEqual([3, 5, 7]);
    const tallies = (await store.reviews.tallies(review.id)).sort((a, b) => a.branchId - b.branchId);
    expect(tallies).toEqual([
      {
        reviewId: review.id,
        branchId: 1,
        answers: 2,
        knowYes: 1,
        knowNo: 1,
        overall: { very: 1, satisfied: 0, basic: 1, unsatisfied: 0 },
        comments: ['希望多组织 线上学习！'],
      },
      {
        reviewId: review.id,
        branchId: 2,
        answers: 1,
        knowYes: 1,
        knowNo: 0,
        overall: { very: 0, satisfied: 1, basic: 0, unsatisfied: 0 },
        comments: ['好'],
      },
    ]);
    expect(await store.reviews.tallies(99)).toEqual([]);
  });

  test('reviews: custom questions are kept with the review; their choices are counted per option', async () => {
    const questions = [
      { kind: 'choice' as const, title: '支部组织的学习方便参加吗？', options: ['方便', '不方便', '没参加过'] },
      { kind: 'text' as const, title: '对学习安排有什么建议？' },
    ];
    const { review } = await store.reviews.open(
      { name: '学习安排测评', branchIds: [1], closesAt: at(600).toISOString(), createdBy: 'sim:u_admin', questions },
      T0,
    );
    expect((await store.reviews.get(review.id))?.questions).toEqual(questions);
    await store.reviews.vote(review.id, 1, 1, { knows: true, overall: 'very', choices: { 0: 2 } });
    await store.reviews.vote(review.id, 2, 1, { knows: true, overall: 'basic', choices: { 0: 2 }, comment: '晚上' });
    await store.reviews.vote(review.id, 3, 1, { knows: false, overall: 'basic', choices: { 0: 0 } });
    const [tally] = await store.reviews.tallies(review.id);
    expect(tally).toMatchObject({ answers: 3, knowYes: 2, choices: { 'q0:0': 1, 'q0:2': 2 }, comments: ['晚上'] });
    expect((await open(store)).review.questions).toBeUndefined();
  });

  test('reviews: a draft keeps the custom choices made so far', async () => {
    const { review } = await open(store);
    await store.reviews.saveDraft(
      { memberId: 4, reviewId: review.id, step: 'q1', knows: true, overall: 'very', choices: { 0: 1 } },
      T0,
    );
    expect(await store.reviews.getDraft(4)).toMatchObject({ step: 'q1', choices: { 0: 1 } });
  });

  test('reviews: racing votes of one member count once', async () => {
    const { review } = await open(store);
    const wins = await Promise.all(
      [1, 2, 3, 4].map(() => store.reviews.vote(review.id, 9, 1, { knows: true, overall: 'satisfied' })),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await store.reviews.tallies(review.id))[0].answers).toBe(1);
  });

  test('reviews: a draft is kept per member, replaced, and dropped by the vote', async () => {
    const { review } = await open(store);
    await store.reviews.saveDraft({ memberId: 4, reviewId: review.id, step: 'knows' }, T0);
    expect(await store.reviews.getDraft(4)).toEqual({
      memberId: 4,
      reviewId: review.id,
      step: 'knows',
      updatedAt: T0.toISOString(),
    });
    await store.reviews.saveDraft(
      { memberId: 4, reviewId: review.id, step: 'comment', knows: false, overall: 'basic', sourceKey: 'sim:m9' },
      at(1),
    );
    expect(await store.reviews.getDraft(4)).toEqual({
      memberId: 4,
      reviewId: review.id,
      step: 'comment',
      knows: false,
      overall: 'basic',
      sourceKey: 'sim:m9',
      updatedAt: at(1).toISOString(),
    });
    await store.reviews.vote(review.id, 4, 1, { knows: false, overall: 'basic' });
    expect(await store.reviews.getDraft(4)).toBeUndefined();
    await store.reviews.saveDraft({ memberId: 5, reviewId: review.id, step: 'knows' }, T0);
    await store.reviews.dropDraft(5);
    expect(await store.reviews.getDraft(5)).toBeUndefined();
  });
}
