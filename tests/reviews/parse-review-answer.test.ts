import { groupComments } from '../../src/reviews/group-comments';
import { parseKnows, parseOverall, skipsComment } from '../../src/reviews/parse-review-answer';

describe('loosely typed review answers', () => {
  test.each([
    ['1', true],
    ['1。', true],
    ['①', true],
    ['认识的', true],
    ['认识吧！', true],
    [' 认 识 ', true],
    ['2', false],
    ['第二个', false],
    ['不认识', false],
    ['不认得呀', false],
    ['3', undefined],
    ['可能吧', undefined],
    ['', undefined],
  ])('认识吗: %j → %s', (text, expected) => {
    expect(parseKnows(text)).toBe(expected);
  });

  test.each([
    ['1', 'very'],
    ['非常满意！', 'very'],
    ['很满意', 'very'],
    ['２', 'satisfied'],
    ['满意的', 'satisfied'],
    ['比较满意', 'satisfied'],
    ['3', 'basic'],
    ['基本满意吧', 'basic'],
    ['还行', 'basic'],
    ['四', 'unsatisfied'],
    ['不满意', 'unsatisfied'],
    ['不太满意。', 'unsatisfied'],
    ['5', undefined],
    ['差不多', undefined],
  ])('总体: %j → %s', (text, expected) => {
    expect(parseOverall(text)).toBe(expected);
  });

  test('the optional comment is skipped with 无 / 没有 / 跳过, kept otherwise', () => {
    for (const t of ['无', '没有。', '跳过', '0', '没意见']) expect(skipsComment(t)).toBe(true);
    for (const t of ['无法联系书记', '没有人联系过我']) expect(skipsComment(t)).toBe(false);
  });

  test('comments are grouped by keywords in a fixed order, the rest under 其他', () => {
    expect(
      groupComments(['医保报销太慢', '希望多组织线上学习', '帮我找到了工作岗位', '孩子上学的事解决了', '很好']),
    ).toEqual([
      { label: '就医', comments: ['医保报销太慢'] },
      { label: '就学', comments: ['孩子上学的事解决了'] },
      { label: '学习活动', comments: ['希望多组织线上学习'] },
      { label: '就业', comments: ['帮我找到了工作岗位'] },
      { label: '其他', comments: ['很好'] },
    ]);
  });
});
