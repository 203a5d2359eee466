import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build, ensureBuilt, staleReason } = require('../../bin/build.js') as {
  build(root: string, outDir?: string): void;
  ensureBuilt(root: string, outDir?: string, log?: (line: string) => void): string;
  staleReason(root: string, outDir?: string): string | null;
};

jest.setTimeout(120_000);

const NODE_TYPES = path.join(__dirname, '../../node_modules/@types');
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'commonjs',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    typeRoots: [NODE_TYPES],
    types: ['node'],
    noEmit: true,
  },
};
const TSCONFIG_BUILD = {
  extends: './tsconfig.json',
  compilerOptions: { noEmit: false, rootDir: '.', outDir: 'dist' },
  include: ['src'],
};

/** A project as small as the bot's layout allows: src/cli/main.ts answers what greeting.ts and words.txt say. */
function miniProject(): string {
  const root = tempDir('zhibu-build-');
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"mini","private":true}\n');
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  fs.writeFileSync(path.join(root, 'tsconfig.build.json'), JSON.stringify(TSCONFIG_BUILD));
  fs.mkdirSync(path.join(root, 'src/cli'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src/cli/greeting.ts'), "export const greeting: string = 'v1';\n");
  fs.writeFileSync(path.join(root, 'src/cli/words.txt'), '你好');
  fs.writeFileSync(
    path.join(root, 'src/cli/main.ts'),
    [
      "import fs from 'node:fs';",
      "import path from 'node:path';",
      "import { greeting } from './greeting';",
      "const words = fs.readFileSync(path.join(__dirname, 'words.txt'), 'utf8');",
      'export async function main(): Promise<number> { console.log(`${greeting} ${words}`); return 0; }',
    ].join('\n'),
  );
  return root;
}

/** Runs the compiled entry in a fresh node, as bin/zhibu.js does at start (no require cache in between). */
function runEntry(entry: string): string {
  const r = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(entry)}).main().then((c) => process.exit(c))`],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

/** Sets the mtime of `file` and, for a folder, of everything below it. */
function setMtime(file: string, when: Date): void {
  if (fs.statSync(file).isDirectory()) for (const name of fs.readdirSync(file)) setMtime(path.join(file, name), when);
  fs.utimesSync(file, when, when);
}

/**
 * Dates the sources two minutes back and the last build one minute back, so only what the test writes next is
 * newer than the build, as an edit made after a build is.
 */
function ageBuild(root: string): void {
  for (const name of ['src', 'tsconfig.json', 'tsconfig.build.json']) {
    if (fs.existsSync(path.join(root, name))) setMtime(path.join(root, name), new Date(Date.now() - 120_000));
  }
  const before = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(root, 'dist/.build-stamp'), before, before);
}

describe('the compiled build (bin/build.js)', () => {
  afterAll(cleanupTempDirs);

  test('a missing dist/ is built on start, with the non-TypeScript files beside the code that reads them', () => {
    const root = miniProject();
    const log: string[] = [];
    const entry = ensureBuilt(root, undefined, (l) => log.push(l));
    expect(log.join('\n')).toContain('dist/ 不存在');
    expect(entry).toBe(path.join(root, 'dist/src/cli/main.js'));
    expect(runEntry(entry)).toBe('v1 你好');
    expect(fs.readdirSync(root).filter((n) => n.startsWith('dist.'))).toEqual([]);
  });

  test('a fresh dist/ starts without compiling again', () => {
    const root = miniProject();
    ensureBuilt(root, undefined, () => {});
    const stamp = fs.statSync(path.join(root, 'dist/.build-stamp')).mtimeMs;
    const log: string[] = [];
    ensureBuilt(root, undefined, (l) => log.push(l));
    expect(log).toEqual([]);
    expect(staleReason(root)).toBeNull();
    expect(fs.statSync(path.join(root, 'dist/.build-stamp')).mtimeMs).toBe(stamp);
  });

  test('touching a source file makes the next start rebuild and run the new code', () => {
    const root = miniProject();
    const entry = ensureBuilt(root, undefined, () => {});
    const greeting = path.join(root, 'src/cli/greeting.ts');
    ageBuild(root);
    fs.writeFileSync(greeting, "export const greeting: string = 'v2';\n");
    expect(staleReason(root)).toBe(`${path.join('src', 'cli', 'greeting.ts')} 比编译结果新`);
    const log: string[] = [];
    ensureBuilt(root, undefined, (l) => log.push(l));
    expect(log).toHaveLength(1);
    expect(runEntry(entry)).toBe('v2 你好');
    expect(staleReason(root)).toBeNull();
  });

  test('an edited asset or tsconfig, or a removed source file, also makes dist/ stale; the removed file leaves dist/', () => {
    const root = miniProject();
    ensureBuilt(root, undefined, () => {});
    const words = path.join(root, 'src/cli/words.txt');
    ageBuild(root);
    fs.writeFileSync(words, '再见');
    expect(runEntry(ensureBuilt(root, undefined, () => {}))).toBe('v1 再见');

    ageBuild(root);
    fs.utimesSync(path.join(root, 'tsconfig.build.json'), new Date(), new Date());
    expect(staleReason(root)).toBe('tsconfig.build.json 比编译结果新');
    ensureBuilt(root, undefined, () => {});

    ageBuild(root);
    fs.writeFileSync(path.join(root, 'src/cli/unused.ts'), 'export const unused = 1;\n');
    ensureBuilt(root, undefined, () => {});
    expect(fs.existsSync(path.join(root, 'dist/src/cli/unused.js'))).toBe(true);
    ageBuild(root);
    fs.rmSync(path.join(root, 'src/cli/unused.ts'));
    expect(staleReason(root)).toBe(`${path.join('src', 'cli')} 比编译结果新`);
    ensureBuilt(root, undefined, () => {});
    expect(fs.existsSync(path.join(root, 'dist/src/cli/unused.js'))).toBe(false);
  });

  test('a build that fails to compile keeps the previous dist/ and says so', () => {
    const root = miniProject();
    const entry = ensureBuilt(root, undefined, () => {});
    const greeting = path.join(root, 'src/cli/greeting.ts');
    ageBuild(root);
    fs.writeFileSync(greeting, "export const greeting: number = 'not a number';\n");
    expect(() => build(root)).toThrow('编译失败');
    expect(runEntry(entry)).toBe('v1 你好');
    expect(staleReason(root)).not.toBeNull();
    expect(fs.readdirSync(root).filter((n) => n.startsWith('dist.'))).toEqual([]);
  });

  test('without sources (an image that ships only dist/) nothing is compared and dist/ runs as it is', () => {
    const root = miniProject();
    ensureBuilt(root, undefined, () => {});
    fs.rmSync(path.join(root, 'src'), { recursive: true });
    expect(staleReason(root)).toBeNull();
  });
});
