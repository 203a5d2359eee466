import { rankByScore } from '../../src/points/ranking';
import { parseDeadline, parseProofKinds, parseTaskBody } from '../../src/tasks/task-spec';
import { pointsFor } from '../../src/points/task-points';
import { UsageError } from '../../src/bot/commands';
import { maskPhone } from '../../src/members/members';

describe('rankByScore', () => {
  test('ties share a rank and the next rank skips (1, 1, 3)', () => {
    const ranked = rankByScore(
      [
        { n: '甲', s: 5 },
        { n: '乙', s: 9 },
        { n: '丙', s: 9 },
        { n: '丁', s: 1 },
      ],
      (x) => x.s,
      (x) => x.n,
    );
    expect(ranked.map((r) => [r.rank, r.item.n])).toEqual([
      [1, '丙'],
      [1, '乙'],
      [3, '甲'],
      [4, '丁'],
    ]);
  });
  test('empty list', () => {
    expect(
      rankByScore(
        [],
        () => 0,
        () => '',
      ),
    ).toEqual([]);
  });
});

describe('task rules', () => {
  const now = new Date('2026-12-01T02:00:00Z');
  test('late rule: full, half (rounded down), none', () => {
    expect(pointsFor({ points: 5, lateRule: 'half' }, false)).toBe(5);
    expect(pointsFor({ points: 5, lateRule: 'half' }, true)).toBe(2);
    expect(pointsFor({ points: 5, lateRule: 'none' }, true)).toBe(0);
    expect(pointsFor({ points: 5, lateRule: 'full' }, true)).toBe(5);
  });
  test('proof kinds accept Chinese words with any separator', () => {
    expect(parseProofKinds('图片/视频、文字 链接')).toEqual(['image', 'video', 'text', 'link']);
    expect(() => parseProofKinds('图片/音频')).toThrow('证明方式「音频」不认识');
  });
  test('task body defaults and validation', () => {
    expect(parseTaskBody('学习').body).toMatchObject({
      title: '学习',
      points: 5,
      proofKinds: ['image', 'text'],
      minChars: 20,
      lateRule: 'half',
    });
    expect(() => parseTaskBody('学习\n分值:两百')).toThrow(UsageError);
    expect(() => parseTaskBody('学习\n爱好:读书')).toThrow('不认识的字段「爱好」');
    expect(() => parseTaskBody('\n分值:5')).toThrow('缺少任务标题');
  });
  test('deadline must be well formed and in the future', () => {
    expect(parseDeadline('2026-12-07 18:00', now, 'Asia/Shanghai').toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(() => parseDeadline('2026-12-7 8点', now, 'Asia/Shanghai')).toThrow(
      '看不懂。可以这样写：2026-12-31 18:00、2026/12/31 18:00',
    );
    expect(() => parseDeadline('2026-11-01 08:00', now, 'Asia/Shanghai')).toThrow('已经过去了');
    expect(() => parseDeadline(undefined, now, 'Asia/Shanghai')).toThrow('缺少「截止');
  });
  test('phones are masked', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone(undefined)).toBe('');
  });
});
