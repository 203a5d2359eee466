import { normalizeColloquial } from '../../src/answers/kb/normalize-colloquial';
import { PinyinRepair } from '../../src/answers/kb/pinyin-repair';

describe('colloquial and dialect text → the words the KB is written in', () => {
  test.each([
    ['伢子读书', '孩子读书'],
    ['细伢子上学', '孩子上学'],
    ['崽要转学', '孩子要转学'],
    ['娃儿生病', '孩子生病'],
    ['老娘住院', '父母住院'],
    ['老爷子的养老金', '父母的养老金'],
    ['堂客生孩子', '配偶生孩子'],
    ['媳妇的医保', '配偶的医保'],
    ['老婆没上班', '配偶没上班'],
    ['咋个办', '怎么办'],
    ['么样领', '怎么领'],
    ['怎么弄', '怎么'],
    ['要么子材料', '要什么材料'],
    ['莫子用', '什么用'],
    ['要带啥', '要带什么'],
  ])('%s → %s', (typed, standard) => {
    expect(normalizeColloquial(typed)).toBe(standard);
  });

  test('怎么/什么 are not rewritten into themselves (么 inside 怎么样 stays)', () => {
    expect(normalizeColloquial('怎么样办理')).toBe('怎么样办理');
    expect(normalizeColloquial('什么样的证')).toBe('什么样的证');
  });

  test.each([
    ['能报不', '能报'],
    ['还要交不 厂里买了', '还要交 厂里买了'],
    ['有用啵', '有用'],
    ['快点撒', '快点'],
    ['好咯', '好'],
    ['去了没', '去了'],
  ])('a clause-final particle is dropped: %s → %s', (typed, standard) => {
    expect(normalizeColloquial(typed)).toBe(standard);
  });

  test('要不要 / 能不能 in the middle of a clause are left alone', () => {
    expect(normalizeColloquial('要不要备案')).toBe('要不要备案');
  });

  test.each([
    ['医报转移', '医保转移'],
    ['居主证', '居住证'],
    ['背案', '备案'],
    ['挡费', '党费'],
    ['组制关系', '组织关系'],
    ['劳动中裁', '劳动仲裁'],
    ['幼儿员', '幼儿园'],
    ['shebao', '社保'],
    ['yibao备案', '医保备案'],
    ['juzhuzheng', '居住证'],
  ])('a pinyin-input slip is repaired by sound: %s → %s', (typed, standard) => {
    expect(normalizeColloquial(typed)).toBe(standard);
  });
});

describe('PinyinRepair', () => {
  const repair = new PinyinRepair(['医保', '居住证', '失业', '公积金']);

  test('a real dictionary word that sounds like a domain word is left alone (事业 is not 失业)', () => {
    expect(repair.repair('事业单位')).toBe('事业单位');
  });

  test("three-character words also match through the input methods' fuzzy pairs (en=eng), two-character ones do not", () => {
    expect(repair.repair('居主真')).toBe('居住证');
    expect(new PinyinRepair(['社保']).repair('色保')).toBe('色保'); // two characters: exact sound only
  });

  test('two vocabulary words with one sound are never guessed between', () => {
    expect(new PinyinRepair(['备案', '被按']).repair('背案')).toBe('背案');
  });

  test('typed pinyin is cut into vocabulary words; letters that fit none stay', () => {
    expect(repair.repair('gongjijin')).toBe('公积金');
    expect(repair.repair('yibaogongjijin')).toBe('医保公积金');
    expect(repair.repair('wechat')).toBe('wechat');
  });
});
