import fs from 'node:fs';
import path from 'node:path';
import type { KbEntry } from './kb-entry';
import { KbFormatError, parseKb } from './parse-kb';

/** Files that document the folder rather than hold entries. */
const IGNORED = /^(_|readme\.md$)/i;

/**
 * Reads every `*.md` file directly in `dir` (sorted by name, so entry order is stable) and checks that titles are
 * unique across files. Throws KbFormatError naming the file and line of the first problem.
 */
export function loadKb(dir: string): KbEntry[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new KbFormatError(dir, 0, `知识库目录不存在，请检查 KB_DIR（当前为 ${dir}）`);
  }
  const files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.md') && !IGNORED.test(f)).sort();
  const entries: KbEntry[] = [];
  const seen = new Map<string, KbEntry>();
  for (const name of files) {
    const file = path.join(dir, name);
    for (const entry of parseKb(fs.readFileSync(file, 'utf8'), name)) {
      const before = seen.get(entry.title);
      if (before) {
        throw new KbFormatError(name, entry.line, `标题「${entry.title}」和 ${before.file} 第 ${before.line} 行重复，请改成不同的标题或合并两条`);
      }
      seen.set(entry.title, entry);
      entries.push(entry);
    }
  }
  return entries;
}
