import { expandSynonyms, tokenize } from '../../src/answers/kb/tokenize';
import { KnowledgeBase } from '../../src/answers/kb/knowledge-base';

describe('tokenize', () => {
  test('domain words survive the general segmenter as bigrams; question words and particles are dropped', () => {
    const terms = tokenize('异地就医怎么备案呢？');
    expect(terms).toEqual(expect.arrayContaining(['异地', '地就', '就医', '备案']));
    expect(terms).not.toEqual(expect.arrayContaining(['怎么']));
    expect(terms.some((t) => t.includes('呢'))).toBe(false);
  });

  test('no bigram straddles two words', () => {
    expect(tokenize('打工孩子')).not.toContain('工孩');
  });

  test('synonyms add the canonical word: 娃儿读书 meets 子女入学, 工钱 meets 工资, 暂住证 meets 居住证', () => {
    expect(tokenize('娃儿读书')).toEqual(expect.arrayContaining(['子女', '入学']));
    expect(tokenize('老板欠我工钱')).toEqual(expect.arrayContaining(['工资', '欠薪']));
    expect(tokenize('暂住证')).toContain('居住证'.slice(0, 2));
    expect(expandSynonyms('医疗保险')).toContain('医保');
  });

  test('common pinyin slips are corrected, full-width text normalized, place names removed', () => {
    expect(tokenize('异地就医备按')).toContain('备案');
    expect(tokenize('居主证')).toEqual(tokenize('居住证'));
    expect(tokenize('ＡＢＣ１２３３３')).toEqual(['abc12333']);
    expect(tokenize('广东省广州市')).toEqual([]);
  });
});

describe('KnowledgeBase search', () => {
  const kb = new KnowledgeBase([
    {
      title: '居住证怎么办理',
      answer: '到派出所申领。',
      similar: ['暂住证在哪里办'],
      category: 'other',
      file: 'a.md',
      line: 1,
    },
    {
      title: '失业登记怎么办理',
      answer: '到公共就业服务机构登记。',
      similar: ['没有工作了去哪登记'],
      category: 'jobs',
      file: 'a.md',
      line: 5,
    },
  ]);

  test('ranks the matching entry first and reports coverage', () => {
    const [top] = kb.search('暂住证去哪办');
    expect(top.entry.title).toBe('居住证怎么办理');
    expect(top.coverage).toBeGreaterThan(0.5);
  });

  test('nothing on topic → no hits; off-topic words lower coverage', () => {
    expect(kb.search('今天天气怎么样')).toEqual([]);
    const [hit] = kb.search('居住证和护照签证机票酒店');
    expect(hit.coverage).toBeLessThan(0.5);
  });
});
