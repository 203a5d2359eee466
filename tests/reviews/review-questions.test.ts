import { parseReviewQuestions, reviewSteps } from '../../src/reviews/review-questions';

describe('custom review questions typed by a county admin', () => {
  test('choice and text questions, with full-width or half-width separators', () => {
    expect(
      parseReviewQuestions([
        '支部组织的学习方便参加吗？｜方便/不方便/没参加过',
        '书记帮你解决过困难吗? | 解决过，没解决，没找过',
        '对学习安排有什么建议｜文字',
        '你最需要哪方面的帮助｜就业／就医、子女上学',
      ]),
    ).toEqual({
      ok: true,
      questions: [
        { kind: 'choice', title: '支部组织的学习方便参加吗？', options: ['方便', '不方便', '没参加过'] },
        { kind: 'choice', title: '书记帮你解决过困难吗?', options: ['解决过', '没解决', '没找过'] },
        { kind: 'text', title: '对学习安排有什么建议' },
        { kind: 'choice', title: '你最需要哪方面的帮助', options: ['就业', '就医', '子女上学'] },
      ],
    });
  });

  test.each([
    ['学习方便吗', '缺少选项'],
    ['学习方便吗｜', '没有写选项'],
    ['学习方便吗｜方便', '至少要有两个选项'],
    ['学习方便吗｜方便//不方便', '有空的选项'],
    ['学习方便吗｜方便/不方便/方便', '选项「方便」重复'],
    ['｜方便/不方便', '缺少题目'],
    ['学习方便吗｜1/2/3/4/5/6/7/8/9/10', '最多 9 个选项'],
  ])('「问题：%s」is refused: %s', (line, reason) => {
    const parsed = parseReviewQuestions([line]);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain(reason);
  });

  test('too many questions, two text questions or a repeated title are refused', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `第${i + 1}题｜是/否`);
    expect(parseReviewQuestions(nine)).toEqual({ ok: false, error: expect.stringContaining('最多 8 道') });
    expect(parseReviewQuestions(['建议一｜文字', '建议二｜文字'])).toEqual({
      ok: false,
      error: expect.stringContaining('只能有一道文字题'),
    });
    expect(parseReviewQuestions(['方便吗｜是/否', '方便吗｜好/不好'])).toEqual({
      ok: false,
      error: expect.stringContaining('题目「方便吗」重复'),
    });
  });

  test('no question lines: the defaults', () => {
    expect(parseReviewQuestions([])).toEqual({ ok: true, questions: undefined });
  });
});

describe('the steps of a review dialogue', () => {
  const choice = { kind: 'choice' as const, title: '方便吗', options: ['是', '否'] };
  const text = { kind: 'text' as const, title: '建议' };
  test('defaults: the two measured questions and the optional comment', () => {
    expect(reviewSteps({})).toEqual(['knows', 'overall', 'comment']);
  });
  test('custom questions follow the two measured ones; the text question comes last; none: no comment', () => {
    expect(reviewSteps({ questions: [choice, text, choice] })).toEqual(['knows', 'overall', 'q0', 'q2', 'q1']);
    expect(reviewSteps({ questions: [choice] })).toEqual(['knows', 'overall', 'q0']);
  });
});
