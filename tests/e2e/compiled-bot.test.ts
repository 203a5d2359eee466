import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../helpers/bot-process';
import { spawnChild, stopChild } from '../helpers/child-processes';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build } = require('../../bin/build.js') as { build(root: string, outDir?: string): void };

// One full tsc emit of the project, which a loaded machine takes minutes over.
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const SIM_TOKEN = 'compiled-sim-token-0123456';

/** Every file under the source folders that tsc does not emit, relative to the project root. */
function assetsOf(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return assetsOf(rel);
    return e.name.endsWith('.ts') ? [] : [rel];
  });
}

/**
 * The layout of the Docker image: dist/, bin/, kb/ and package.json, the dependencies beside them, and no
 * sources — so nothing the compiled bot reads can silently come from src/.
 */
function imageLayout(): string {
  const app = tempDir('zhibu-image-');
  build(ROOT, path.join(app, 'dist'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
  fs.cpSync(path.join(ROOT, 'bin'), path.join(app, 'bin'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'kb'), path.join(app, 'kb'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  return app;
}

describe('the compiled bot, laid out as the Docker image', () => {
  let app: string;
  beforeAll(() => {
    app = imageLayout();
  });
  afterAll(cleanupTempDirs);

  test('dist/ holds every non-TypeScript file at its source path', () => {
    const assets = ['src', 'handlers', 'jobs'].flatMap(assetsOf);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((rel) => !fs.existsSync(path.join(app, 'dist', rel)))).toEqual([]);
  });

  test('`node dist/src/cli/main.js serve` starts (loading the shipped knowledge base) and serves the simulator page and dashboard assets', async () => {
    const port = await freePort();
    const child = spawnChild(process.execPath, [path.join(app, 'dist/src/cli/main.js'), 'serve'], {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: path.join(tempDir('zhibu-image-data-'), 'data'),
        PORT: String(port),
        LOG_LEVEL: 'warn',
        JOBS_ENABLED: 'false',
        SIM_ENABLED: 'true',
        SIM_TOKEN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the compiled bot exited (${child.exitCode}):\n${out}`);
        try {
          if ((await fetch(`${base}/healthz`)).status === 200) break;
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await (await fetch(`${base}/sim`)).text()).toContain('<html');
      expect((await fetch(`${base}/admin/assets/tables.js`)).status).toBe(200);
    } finally {
      await stopChild(child, 'SIGTERM');
    }
  });

  test('bin/zhibu.js without sources beside dist/ runs dist/ as it is, compiling nothing', () => {
    const { spawnSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const r = spawnSync(process.execPath, [path.join(app, 'bin/zhibu.js'), 'help'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('用法：zhibu');
    expect(r.stderr).not.toContain('正在编译');
    expect(fs.existsSync(path.join(app, 'src'))).toBe(false);
  });
});
