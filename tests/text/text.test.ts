import { extractLinks, extractTaskCodes, normalizeText, visibleLength } from '../../src/text/normalize-text';
import { parseFields } from '../../src/text/parse-fields';
import { formatPlace, parsePlace } from '../../src/members/places';

describe('normalizeText', () => {
  test('turns full-width punctuation, digits and spaces into half-width', () => {
    expect(normalizeText('＃１２　性别：男，出生：１９９０－０５')).toBe('#12 性别:男,出生:1990-05');
  });
  test('trims lines and collapses runs of spaces but keeps line breaks', () => {
    expect(normalizeText('  发布任务  学习 \r\n 截止：2026-12-07  18:00 ')).toBe(
      '发布任务 学习\n截止:2026-12-07 18:00',
    );
  });
});

describe('extractors', () => {
  test('task codes, links and visible length', () => {
    expect(extractTaskCodes('#12 和 # 3 以及 abc#x')).toEqual([12, 3]);
    expect(extractLinks('看 https://mp.weixin.qq.com/s/abc，很好 http://x.cn/a?b=1')).toEqual([
      'https://mp.weixin.qq.com/s/abc',
      'http://x.cn/a?b=1',
    ]);
    expect(visibleLength('学习 心得\n好')).toBe(5);
  });
});

describe('parseFields', () => {
  const known = ['内容', '截止', '分值'];
  test('splits head and key-value pairs across lines and spaces', () => {
    const p = parseFields('学习党章\n内容:读第一章 写心得\n截止:2026-12-07 18:00 分值:10', known);
    expect(p.head).toBe('学习党章');
    expect([...p.fields]).toEqual([
      ['内容', '读第一章 写心得'],
      ['截止', '2026-12-07 18:00'],
      ['分值', '10'],
    ]);
    expect(p.unknown).toEqual([]);
  });
  test('reports unknown keys and resolves aliases', () => {
    const p = parseFields('标题 分数:5 戴止:明天', known, { 分数: '分值' });
    expect(p.fields.get('分值')).toBe('5');
    expect(p.unknown).toEqual(['戴止']);
  });
  test('a colon inside a value (time, URL) is not a key', () => {
    const p = parseFields('题 内容:看 https://a.cn/x 截止:2026-01-02 09:30', known);
    expect(p.fields.get('内容')).toBe('看 https://a.cn/x');
    expect(p.unknown).toEqual([]);
  });
});

describe('parsePlace', () => {
  test.each([
    ['广东广州', { province: '广东', city: '广州' }],
    ['广东省广州市', { province: '广东', city: '广州' }],
    ['佛山', { province: '广东', city: '佛山' }],
    ['上海', { province: '上海', city: '上海' }],
    ['湖南省', { province: '湖南', city: undefined }],
    ['某某县', { province: undefined, city: '某某县' }],
  ])('%s', (input, expected) => {
    expect(parsePlace(input)).toEqual(expected);
  });
  test('formatPlace', () => {
    expect(formatPlace({ province: '广东', city: '广州' })).toBe('广东广州');
    expect(formatPlace({ province: '上海', city: '上海' })).toBe('上海');
  });
});
