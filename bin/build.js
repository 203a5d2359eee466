'use strict';
/**
 * The compiled build: `tsc -p tsconfig.build.json` emits src/, handlers/ and jobs/ into dist/ with the same folder
 * structure, and every non-TypeScript file beside them (calendars, dashboard assets, the simulator page) is copied
 * along, so paths relative to a module resolve the same from dist/ as from the sources.
 *
 * `ensureBuilt` is what `bin/zhibu.js` runs at every start, so its check only stats files: dist/ is stale when any
 * source file or folder (a folder's mtime moves when a file is added, removed or renamed) is newer than the build
 * stamp, whose mtime is the moment the build started (an edit made during a build makes the next start rebuild).
 * A build is written to a temporary folder and swapped in, so a failed build leaves the previous dist/ untouched.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const SOURCE_DIRS = ['src', 'handlers', 'jobs'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];
const STAMP = '.build-stamp';
const ENTRY = path.join('src', 'cli', 'main.js');

/** Calls `visit(fullPath, stats)` for a folder, and for every folder and file below it. */
function walk(dir, visit) {
  const stats = fs.statSync(dir);
  if (visit(dir, stats) === false) return false;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (walk(full, visit) === false) return false;
    } else if (visit(full, fs.statSync(full)) === false) return false;
  }
  return true;
}

/** Why dist/ must be rebuilt, or null when it is fresh (or when there are no sources to compare, as in the image). */
function staleReason(root, outDir = path.join(root, 'dist')) {
  const sources = SOURCE_DIRS.map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  if (sources.length === 0) return null;
  let built;
  try {
    built = fs.statSync(path.join(outDir, STAMP)).mtimeMs;
  } catch {
    return `${path.relative(root, outDir)}/ 不存在或未编译完成`;
  }
  let newer = null;
  const check = (file, stats) => {
    if (stats.mtimeMs <= built) return true;
    newer = path.relative(root, file);
    return false;
  };
  for (const file of CONFIG_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)))
    check(file, fs.statSync(file));
  for (const dir of sources) if (newer === null) walk(dir, check);
  return newer === null ? null : `${newer} 比编译结果新`;
}

function resolveTsc(root) {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root, __dirname] });
  } catch {
    throw new Error(
      '需要编译，但未安装 TypeScript（开发依赖）：请先运行 `npm ci` 再运行 `npm run build`；生产环境请使用已编译的 Docker 镜像',
    );
  }
}

/** Copies every file under the source folders that tsc does not emit (anything but .ts) to the same place in `to`. */
function copyAssets(root, to) {
  for (const dir of SOURCE_DIRS.map((d) => path.join(root, d)).filter((d) => fs.existsSync(d))) {
    walk(dir, (file, stats) => {
      if (stats.isDirectory() || file.endsWith('.ts')) return true;
      const target = path.join(to, path.relative(root, file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file, target);
      return true;
    });
  }
}

/** Puts the finished build in place; when another start swapped in its own build meanwhile, that one is kept. */
function swapIn(tmp, outDir) {
  const old = `${outDir}.old-${process.pid}`;
  try {
    fs.renameSync(outDir, old);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  try {
    fs.renameSync(tmp, outDir);
  } catch (err) {
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(old, { recursive: true, force: true });
}

/** Compiles the project into `outDir` (dist/ by default); tsc's diagnostics go to stderr so stdout stays the CLI's. */
function build(root, outDir = path.join(root, 'dist')) {
  const started = new Date();
  const tmp = `${outDir}.building-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const tsc = resolveTsc(root);
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (run.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`编译失败（tsc 退出码 ${run.status ?? run.signal}），见上方错误`);
  }
  copyAssets(root, tmp);
  const stamp = path.join(tmp, STAMP);
  fs.writeFileSync(stamp, `${started.toISOString()}\n`);
  fs.utimesSync(stamp, started, started);
  swapIn(tmp, outDir);
}

/** The compiled CLI's entry, compiling first when dist/ is missing or stale. */
function ensureBuilt(root, outDir = path.join(root, 'dist'), log = (line) => console.error(line)) {
  const reason = staleReason(root, outDir);
  if (reason) {
    log(`zhibu: ${reason}，正在编译到 ${path.relative(root, outDir) || outDir}/ …`);
    build(root, outDir);
  }
  return path.join(outDir, ENTRY);
}

module.exports = { build, ensureBuilt, staleReason };

if (require.main === module) {
  try {
    build(path.resolve(__dirname, '..'));
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
