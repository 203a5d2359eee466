import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json: the same whether this module runs from src/ (tsx) or from dist/src/ (the
 * compiled build), so files that belong to the project rather than to the code (the shipped knowledge base) are
 * found from either.
 */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}
