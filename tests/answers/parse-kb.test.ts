import fs from 'node:fs';
import path from 'node:path';
import { loadKb } from '../../src/answers/kb/load-kb';
import { KbFormatError, parseKb } from '../../src/answers/kb/parse-kb';
import { DEFAULT_KB_DIR } from '../../src/answers/create-answerer';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

afterAll(cleanupTempDirs);

const GOOD = `# 就医

<!-- 注释可以
跨行 -->

## 异地就医备案怎么办理
分类：就医
相似问法：外地看病要备案吗；异地就医备案在哪里办;
来源：国家医保服务平台 App；12393

先在参保地备案。

### 小标题也算正文
然后就医。

## 没有分类的条目
正文一行。
`;

function problemOf(fn: () => unknown): KbFormatError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KbFormatError) return err;
    throw err;
  }
  throw new Error('expected a KbFormatError');
}

describe('parseKb', () => {
  test('headings, metadata lines anywhere in the entry, answer text with blank lines kept', () => {
    const [a, b, ...rest] = parseKb(GOOD, 'medical.md');
    expect(rest).toEqual([]);
    expect(a).toEqual({
      title: '异地就医备案怎么办理',
      category: 'medical',
      similar: ['外地看病要备案吗', '异地就医备案在哪里办'],
      source: '国家医保服务平台 App；12393',
      answer: '先在参保地备案。\n\n### 小标题也算正文\n然后就医。',
      file: 'medical.md',
      line: 6,
    });
    expect(b).toMatchObject({ title: '没有分类的条目', answer: '正文一行。', similar: [], line: 16 });
    expect(b.category).toBeUndefined();
    expect(b.source).toBeUndefined();
  });

  test('half-width colons, CRLF line ends and a BOM are accepted', () => {
    const [e] = parseKb('\uFEFF## 标题\r\n分类: 就业\r\n答案\r\n', 'x.md');
    expect(e).toMatchObject({ title: '标题', category: 'jobs', answer: '答案' });
  });

  test.each([
    ['text before the first entry', '前言\n## 标题\n答案', 1, '第一个「## 标题」之前'],
    ['an empty title', '##\n答案', 1, '缺少标题'],
    ['an entry without an answer', '## 标题\n分类：就医\n\n## 下一条\n答案', 1, '没有答案正文'],
    ['an unknown category', '## 标题\n分类：看病\n答案', 2, '只能是 就业|就医|就学|其他'],
    ['a metadata line twice', '## 标题\n来源：12333\n答案\n来源：12345', 4, '写了两次（第 2 行已有）'],
    ['an empty metadata value', '## 标题\n相似问法：\n答案', 2, '后面是空的'],
    ['a level-1 heading inside the entries', '## 标题\n答案\n# 新一级标题', 3, '一级标题只能写在文件开头'],
    ['an unclosed comment', '## 标题\n答案\n<!-- 没有结束', 3, '没有用「-->」结束'],
    ['a title that is too long', `## ${'长'.repeat(61)}\n答案`, 1, '标题太长'],
  ])('%s is an error naming the file and line', (_name, text, line, words) => {
    const err = problemOf(() => parseKb(text, 'bad.md'));
    expect(err.line).toBe(line);
    expect(err.message).toContain(`知识库格式错误：bad.md 第 ${line} 行`);
    expect(err.message).toContain(words);
    expect(err.code).toBe('CONFIG_INVALID');
  });
});

describe('loadKb', () => {
  test('reads *.md in name order, ignores README and _drafts, rejects a title used twice', () => {
    const dir = tempDir('zhibu-kb-');
    fs.writeFileSync(path.join(dir, 'b.md'), '## 第二\n答案二');
    fs.writeFileSync(path.join(dir, 'a.md'), '## 第一\n答案一');
    fs.writeFileSync(path.join(dir, 'README.md'), '说明文字，不是条目');
    fs.writeFileSync(path.join(dir, '_draft.md'), '草稿');
    fs.writeFileSync(path.join(dir, 'notes.txt'), '## 不是 md');
    expect(loadKb(dir).map((e) => `${e.file}:${e.title}`)).toEqual(['a.md:第一', 'b.md:第二']);
    fs.writeFileSync(path.join(dir, 'c.md'), '\n## 第一\n重复的标题');
    const err = problemOf(() => loadKb(dir));
    expect(err.message).toContain('c.md 第 2 行：标题「第一」和 a.md 第 1 行重复');
  });

  test('a missing directory names KB_DIR', () => {
    expect(problemOf(() => loadKb('/nonexistent/kb')).message).toContain('请检查 KB_DIR');
  });

  test('the shipped KB: at least 40 entries, each with a category, an official channel and similar questions', () => {
    const entries = loadKb(DEFAULT_KB_DIR);
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const e of entries) {
      expect({
        title: e.title,
        category: e.category !== undefined,
        source: Boolean(e.source),
        similar: e.similar.length >= 3,
      }).toEqual({ title: e.title, category: true, source: true, similar: true });
      expect(e.source).toMatch(
        /12333|12393|12345|12348|12329|12366|国家医保服务平台|国家政务服务平台|教育局|党支部|党组织|公安|税务|公积金|学校|资助|民政|儿童|热线|法律援助|社保|人社|招生考试|教育考试院|学籍|人社部门/,
      );
    }
    const categories = new Set(entries.map((e) => e.category));
    expect([...categories].sort()).toEqual(['jobs', 'medical', 'other', 'schooling']);
  });
});
