import { jaccard, mostRepeatedPhrase, shingles } from '../../src/tasks/proof-checks/note-similarity';
import { NEAR_COPY_SIMILARITY } from '../../src/tasks/proof-checks/near-copy-note-check';
import { REPEAT_COVERAGE } from '../../src/tasks/proof-checks/repeated-phrase-check';

const QUOTE = '全面贯彻落实党的二十届四中全会精神，坚定不移走中国特色社会主义道路。';
const HONEST = [
  `通过学习我深刻认识到，${QUOTE}作为一名流动党员，我要在工作岗位上发挥先锋模范作用，按时参加支部组织生活，主动向支部汇报思想。`,
  `今天在工地休息时读了公报原文，其中一句让我印象很深：${QUOTE}我会把学到的内容讲给身边的工友听，也会认真完成支部布置的任务。`,
  `${QUOTE}这句话说得好。我在广州送外卖，平时时间紧，但每周都抽空学习。学习后更加明白了自己的责任，以后要多参加志愿服务。`,
  '学习了党的二十届四中全会公报，感触很深。作为流动党员，虽然身在外地，但时刻不忘自己的党员身份，要认真学习，积极工作。',
];

describe('notes that are not notes', () => {
  test('honest notes quoting the same sentence of the material stay well below the copy threshold', () => {
    for (let i = 0; i < HONEST.length; i++)
      for (let j = i + 1; j < HONEST.length; j++)
        expect(jaccard(shingles(HONEST[i]), shingles(HONEST[j]))).toBeLessThan(NEAR_COPY_SIMILARITY / 2);
  });

  test('a copy with a few words changed, or with punctuation and spaces changed, is above it', () => {
    const copy = HONEST[0].replace('我深刻认识到', '我深深体会到').replace('按时参加', '积极参加');
    expect(jaccard(shingles(HONEST[0]), shingles(copy))).toBeGreaterThanOrEqual(NEAR_COPY_SIMILARITY);
    const repunctuated = HONEST[3].replace(/[，。]/g, ' ');
    expect(jaccard(shingles(HONEST[3]), shingles(repunctuated))).toBe(1);
  });

  test('one phrase repeated is found with its count; honest notes have no phrase covering much of them', () => {
    expect(mostRepeatedPhrase('认真学习'.repeat(13))).toEqual({ phrase: '认真学习', times: 13, coverage: 1 });
    const padded = `我要${'认真学习，'.repeat(10)}好好工作。`;
    expect(mostRepeatedPhrase(padded)).toMatchObject({ phrase: '认真学习', times: 10 });
    for (const note of HONEST) expect(mostRepeatedPhrase(note)?.coverage ?? 0).toBeLessThan(REPEAT_COVERAGE);
  });

  test('shingles are three characters, also for characters outside the Basic Multilingual Plane', () => {
    expect(shingles('学习 党章！')).toEqual(new Set(['学习党', '习党章']));
    expect(shingles('𠀀𠀁学习')).toEqual(new Set(['𠀀𠀁学', '𠀁学习']));
    expect(shingles('学习')).toEqual(new Set());
  });
});
