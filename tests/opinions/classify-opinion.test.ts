import { KnowledgeBase } from '../../src/answers/kb/knowledge-base';
import { DEFAULT_KB_DIR } from '../../src/answers/create-answerer';
import { classifyOpinion } from '../../src/opinions/classify-opinion';

describe('classifyOpinion', () => {
  const kb = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
  test.each([
    ['支部学习时间都在白天，我们在外打工的参加不了', 'branch-work'],
    ['希望组织一次夜谈会', 'branch-work'],
    ['支部能不能帮忙介绍工作', 'jobs'],
    ['孩子在这边上学很难', 'schooling'],
    ['异地住院报销太麻烦', 'medical'],
    ['书记很辛苦', 'other'],
  ])('%s → %s', (text, category) => {
    expect(classifyOpinion(text, kb)).toBe(category);
  });
});
