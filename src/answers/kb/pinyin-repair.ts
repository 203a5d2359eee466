import { charReading } from '../../text/char-reading';

/**
 * Pinyin-input slips, fixed by sound instead of by a list of typos: members type with a pinyin input method, so a
 * wrong character nearly always has the sound of the right one (医报 for 医保, 居主证 for 居住证, 背案 for 备案), and
 * some type the pinyin itself (shebao, juzhuzheng). A run of characters that the general dictionary does not know as
 * a word, and that sounds exactly like a word of the domain vocabulary, is replaced by that word.
 *
 * Sources: character readings come from pinyin-pro's dictionary (shipped in the package, nothing is downloaded);
 * "is this already a real word" is decided by the ICU dictionary behind Intl.Segmenter; for three- and four-character
 * words the fuzzy-pinyin pairs that Chinese input methods offer as their standard 模糊音 settings (z=zh, c=ch, s=sh,
 * l=n, f=h, r=l, an=ang, en=eng, in=ing) are merged too — they are exactly the sounds southern speakers merge.
 */
const LONGEST = 4;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN_RUN = /^\p{Script=Han}+$/u;

const FUZZY_INITIAL: Array<[RegExp, string]> = [[/^zh/, 'z'], [/^ch/, 'c'], [/^sh/, 's'], [/^n/, 'l'], [/^r/, 'l'], [/^f/, 'h']];

function fuzzy(syllable: string): string {
  let s = syllable;
  for (const [from, to] of FUZZY_INITIAL) if (from.test(s)) { s = s.replace(from, to); break; }
  return s.replace(/(a|e|i)ng$/, '$1n');
}

function soundKey(chars: string[], loose: boolean): string {
  return chars.map((c) => (loose ? fuzzy(charReading(c)) : charReading(c))).join(' ');
}

/** Sound → word, for the words of one vocabulary; a sound shared by two words is dropped (no guessing). */
export class PinyinRepair {
  private readonly words = new Set<string>();
  private readonly bySound = new Map<string, string | null>();
  private readonly bySpelling = new Map<string, string | null>();
  private longestSpelling = 0;

  constructor(vocabulary: Iterable<string>) {
    for (const word of vocabulary) {
      const chars = [...word];
      if (chars.length < 2 || chars.length > LONGEST || !HAN_RUN.test(word)) continue;
      this.words.add(word);
      add(this.bySound, soundKey(chars, chars.length >= 3), word);
      const spelled = chars.map(charReading).join('');
      add(this.bySpelling, spelled, word);
      this.longestSpelling = Math.max(this.longestSpelling, spelled.length);
    }
  }

  /** The text with sound-alike slips and typed pinyin replaced by vocabulary words; everything else unchanged. */
  repair(text: string): string {
    return this.repairLatin(this.repairHan(text));
  }

  private repairHan(text: string): string {
    const chars = [...text];
    const seg = segmentation(text);
    let out = '';
    for (let i = 0; i < chars.length;) {
      const hit = this.wordAt(chars, i) ?? this.soundAlikeAt(chars, i, seg);
      if (hit) { out += hit.word; i += hit.length; } else out += chars[i++];
    }
    return out;
  }

  private wordAt(chars: string[], i: number): { word: string; length: number } | undefined {
    for (let len = LONGEST; len >= 2; len--) {
      const w = chars.slice(i, i + len).join('');
      if (this.words.has(w)) return { word: w, length: len };
    }
    return undefined;
  }

  /** Only whole pieces of the general segmentation, and never a piece that is itself a dictionary word. */
  private soundAlikeAt(chars: string[], i: number, seg: Segmentation): { word: string; length: number } | undefined {
    if (!seg.cuts.has(i)) return undefined;
    for (let len = Math.min(LONGEST, chars.length - i); len >= 2; len--) {
      const piece = chars.slice(i, i + len);
      if (!seg.cuts.has(i + len) || seg.words.has(`${i}:${len}`) || !HAN_RUN.test(piece.join(''))) continue;
      const word = this.bySound.get(soundKey(piece, len >= 3));
      if (word) return { word, length: len };
    }
    return undefined;
  }

  /** Typed pinyin (4+ letters): cut greedily into vocabulary words' spellings; letters that fit none stay. */
  private repairLatin(text: string): string {
    return text.replace(/[a-z]{4,}/g, (run) => {
      let out = '';
      let i = 0;
      while (i < run.length) {
        const hit = this.spellingAt(run, i);
        if (!hit) return i === 0 ? run : out + run.slice(i);
        out += hit.word;
        i += hit.length;
      }
      return out;
    });
  }

  private spellingAt(run: string, i: number): { word: string; length: number } | undefined {
    for (let len = Math.min(this.longestSpelling, run.length - i); len >= 4; len--) {
      const word = this.bySpelling.get(run.slice(i, i + len));
      if (word) return { word, length: len };
    }
    return undefined;
  }
}

function add(map: Map<string, string | null>, key: string, word: string): void {
  const seen = map.get(key);
  map.set(key, seen === undefined || seen === word ? word : null);
}

interface Segmentation {
  /** Character offsets where the general segmenter cuts. */
  cuts: Set<number>;
  /** `start:length` of every multi-character dictionary word. */
  words: Set<string>;
}

function segmentation(text: string): Segmentation {
  const cuts = new Set<number>([0]);
  const words = new Set<string>();
  let at = 0;
  for (const seg of segmenter.segment(text)) {
    const len = [...seg.segment].length;
    if (len > 1 && seg.isWordLike) words.add(`${at}:${len}`);
    at += len;
    cuts.add(at);
  }
  return { cuts, words };
}
