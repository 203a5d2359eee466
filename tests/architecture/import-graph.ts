import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_DIRS = ['src', 'handlers', 'jobs'];
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?:[^;]*?from\s+)?'(\.{1,2}\/[^']+)'|\brequire\('(\.{1,2}\/[^']+)'\)|\bimport\('(\.{1,2}\/[^']+)'\)/g;

/** One edge of the graph: a module and a module it imports, both as paths from the project root. */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return base;
}

/** Every relative import in the shipped code (src, handlers, jobs), read from the source text. */
export function importGraph(): ImportEdge[] {
  return SOURCE_DIRS.flatMap(sourceFiles).flatMap((from) => {
    const text = fs.readFileSync(path.join(ROOT, from), 'utf8');
    return [...text.matchAll(IMPORT)].map((m) => ({
      from,
      to: resolve(from, m[1] ?? m[2] ?? m[3]),
      typeOnly: /^\s*(?:import|export)\s+type\s/.test(m[0].replace(/^\n/, '')),
    }));
  });
}

/** The room a module lives in: `src/<room>` for code under src, else its top-level folder. */
export function roomOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0];
  return parts.length > 2 ? `src/${parts[1]}` : file.replace(/\.ts$/, '');
}

export function readSource(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

export function allSourceFiles(): string[] {
  return SOURCE_DIRS.flatMap(sourceFiles);
}
