import { DEFAULT_KB_DIR } from '../../src/answers/create-answerer';

/** Loads the KB modules afresh, with pinyin-pro wrapped so the test sees when its dictionary is first required. */
function freshKb(): {
  KnowledgeBase: typeof import('../../src/answers/kb/knowledge-base').KnowledgeBase;
  loads: () => number;
} {
  let loads = 0;
  let KnowledgeBase!: typeof import('../../src/answers/kb/knowledge-base').KnowledgeBase;
  jest.isolateModules(() => {
    jest.doMock('pinyin-pro', () => {
      loads++;
      return jest.requireActual('pinyin-pro');
    });
    ({ KnowledgeBase } = jest.requireActual<typeof import('../../src/answers/kb/knowledge-base')>(
      '../../src/answers/kb/knowledge-base',
    ));
  });
  return { KnowledgeBase, loads: () => loads };
}

afterEach(() => jest.dontMock('pinyin-pro'));

describe('KnowledgeBase', () => {
  test('loading the KB parses every file but leaves the index and the pinyin dictionary to the first question', () => {
    const { KnowledgeBase, loads } = freshKb();
    const kb = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
    expect(kb.entries.length).toBeGreaterThan(50);
    expect(loads()).toBe(0);
    kb.search('异地就医备按');
    expect(loads()).toBe(1);
  });

  test('a lazily built index answers exactly as one built at once', () => {
    const { KnowledgeBase } = freshKb();
    const lazy = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
    const warmed = KnowledgeBase.fromDir(DEFAULT_KB_DIR);
    warmed.search('预热');
    for (const q of ['异地就医怎么备案', '居主证', 'shebao 转移', '党费怎么交', '给我讲个笑话']) {
      expect(lazy.search(q)).toEqual(warmed.search(q));
    }
    expect(lazy.search('异地就医怎么备案')[0]?.entry.title).toBeTruthy();
  });
});
