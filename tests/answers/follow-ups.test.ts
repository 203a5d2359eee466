import { isChatter } from '../../src/answers/chatter';
import { parseChoice } from '../../src/answers/parse-choice';
import { splitClauses } from '../../src/answers/split-clauses';
import { SuggestionMemory } from '../../src/answers/suggestion-memory';

describe('parseChoice', () => {
  test.each([
    ['1', 1],
    ['1。', 1],
    ['1.', 1],
    ['2！', 2],
    [' 3 ', 3],
    ['①', 1],
    ['第一个', 1],
    ['第二条', 2],
    ['第2个', 2],
    ['选2', 2],
    ['一', 1],
  ])('%s → %d', (text, n) => {
    expect(parseChoice(text)).toBe(n);
  });

  test.each(['12', '#1', '1个月', '第一次报到', '一个问题', '0', ''])('%s is not a choice', (text) => {
    expect(parseChoice(text)).toBeUndefined();
  });
});

describe('isChatter', () => {
  test.each(['谢谢', '大家晚上好', '好的！', '收到', '3', '#2', '今天参加了主题党日活动，收获很大'])(
    '%s is not a question',
    (text) => {
      expect(isChatter(text)).toBe(true);
    },
  );

  test.each(['给我讲个笑话', '活干完了 老板一直拖着不给钱', '居住证', '参加了医保 在外地能报不'])(
    '%s goes to the knowledge base',
    (text) => {
      expect(isChatter(text)).toBe(false);
    },
  );
});

describe('splitClauses', () => {
  test('a second question after a space or a joining word is its own clause', () => {
    expect(splitClauses('居住证怎么办 还有党费怎么交')).toEqual(['居住证怎么办', '党费怎么交']);
    expect(splitClauses('失业金怎么领，另外社保怎么转')).toEqual(['失业金怎么领', '社保怎么转']);
  });

  test('short pieces stay with their neighbour: one question stays one clause', () => {
    expect(splitClauses('离职了 公积金能全取出来不')).toEqual(['离职了 公积金能全取出来不']);
    expect(splitClauses('老板欠钱 咋办')).toEqual(['老板欠钱 咋办']);
  });
});

describe('SuggestionMemory', () => {
  const t0 = new Date('2026-12-01T02:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  test('remembers the last list per key until it expires; a new list or an empty one replaces it', () => {
    const m = new SuggestionMemory(60_000);
    m.remember('a', ['X', 'Y'], t0);
    expect(m.recall('a', later(59_000))).toEqual(['X', 'Y']);
    expect(m.recall('b', later(1))).toBeUndefined();
    expect(m.recall('a', later(60_000))).toBeUndefined();
    m.remember('a', ['Z'], t0);
    m.remember('a', [], t0);
    expect(m.recall('a', later(1))).toBeUndefined();
  });
});
