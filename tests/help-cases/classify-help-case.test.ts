import { classifyHelpCase } from '../../src/help-cases/classify-help-case';
import { parseCaseCode } from '../../src/help-cases/help-case';
import { KnowledgeBase } from '../../src/answers/kb/knowledge-base';
import { DEFAULT_KB_DIR } from '../../src/answers/create-answerer';

describe('classifyHelpCase', () => {
  const kb = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
  test.each([
    ['工地老板欠了我两个月工资，电话一直打不通', 'jobs'],
    ['厂里不给签合同，还要扣我身份证', 'jobs'],
    ['我爸在深圳住院了，老家的医保不知道怎么报', 'medical'],
    ['老婆快生了，生育的费用在这边能报吗', 'medical'],
    ['我女儿明年上小学，户口在老家，电话13800138000', 'schooling'],
    ['孩子考上大学学费凑不齐', 'schooling'],
    ['流动党员活动证丢了', 'other'],
    ['家里房子漏雨了', 'other'],
  ])('%s → %s', (text, category) => {
    expect(classifyHelpCase(text, kb)).toBe(category);
  });
});

test('parseCaseCode accepts H12, h12 and 12, nothing else', () => {
  expect(['H12', 'h12', '12', ' H3 ', 'H', 'H1a', '#12', 'HH1'].map(parseCaseCode)).toEqual([
    12,
    12,
    12,
    3,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});
