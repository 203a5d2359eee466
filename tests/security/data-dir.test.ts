import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime } from '../helpers/test-runtime';

const ROOT = path.resolve(__dirname, '../..');
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** `zhibu jobs list` opens the store like `serve` does, and exits by itself. */
function cli(dataDir: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/zhibu.js'), 'jobs', 'list'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('DATA_DIR permissions', () => {
  afterAll(cleanupTempDirs);

  test('a new DATA_DIR is 0700; the database, its WAL/SHM, media and the dashboard key are 0600', async () => {
    const dir = path.join(tempDir('zhibu-perm-'), 'data');
    const rt = await testRuntime({ DATA_DIR: dir });
    await rt.say('u_admin', 'g', '绑定支部 青山村党支部 流出');
    await rt.say('u_admin', 'u_admin', '#1', { images: [PNG], chatType: 'single' });
    expect(mode(dir)).toBe(0o700);
    for (const f of ['zhibu.db', 'zhibu.db-wal', 'zhibu.db-shm', 'dashboard-secret'])
      expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
    const media = path.join(dir, 'media');
    const shard = fs.readdirSync(media).find((n) => /^[0-9a-f]{2}$/.test(n))!;
    expect(mode(media)).toBe(0o700);
    expect(mode(path.join(media, shard, fs.readdirSync(path.join(media, shard))[0]))).toBe(0o600);
    await rt.stop();
  });

  test('a world-readable DATA_DIR from an earlier version is tightened at start', async () => {
    const dir = tempDir('zhibu-perm-old-');
    const store = sqliteStore(dir);
    await store.blobs.put(Buffer.from('old proof'), 'jpg');
    await store.close();
    const loosen = (p: string) => {
      fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
      if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p)) loosen(path.join(p, n));
    };
    loosen(dir);
    const again = sqliteStore(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'zhibu.db'))).toBe(0o600);
    const media = path.join(dir, 'media');
    const shard = fs.readdirSync(media).find((n) => /^[0-9a-f]{2}$/.test(n))!;
    expect([
      mode(media),
      mode(path.join(media, shard)),
      mode(path.join(media, shard, fs.readdirSync(path.join(media, shard))[0])),
    ]).toEqual([0o700, 0o700, 0o600]);
    await again.close();
  });
});

describe('an unusable DATA_DIR', () => {
  afterAll(cleanupTempDirs);

  test('one that cannot be created (a file is in the way) gives one line naming the path and the fix, exit 1', () => {
    const parent = tempDir('zhibu-ro-');
    fs.writeFileSync(path.join(parent, 'file'), 'x');
    const dataDir = path.join(parent, 'file', 'data');
    const r = cli(dataDir);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toContain('DATA_DIR');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('an existing read-only one (immutable, which stops root too) gives the same one line and leaves it unchanged', () => {
    const dataDir = tempDir('zhibu-immutable-');
    if (spawnSync('chattr', ['+i', dataDir]).status !== 0) {
      process.stderr.write(
        'note: chattr +i not supported here; the read-only case is covered by the path-under-a-file test\n',
      );
      return;
    }
    try {
      const r = cli(dataDir);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(dataDir);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      spawnSync('chattr', ['-i', dataDir]);
    }
  });
});

describe('/healthz when the store cannot write', () => {
  afterAll(cleanupTempDirs);

  test('ok while writable; degraded with the reason when DATA_DIR stops taking writes; ok again after', async () => {
    const dir = path.join(tempDir('zhibu-health-'), 'data');
    const rt = await testRuntime({ DATA_DIR: dir });
    const health = () => request(rt.app.callback()).get('/healthz');
    expect((await health()).body).toMatchObject({ status: 'ok', store: { ok: true, writable: true } });
    fs.renameSync(dir, `${dir}.moved`);
    fs.writeFileSync(dir, 'not a folder');
    rt.clock.advance(60_000);
    const bad = await health();
    expect(bad.status).toBe(503);
    expect(bad.body.status).toBe('degraded');
    expect(bad.body.store).toMatchObject({ ok: false, writable: false });
    expect(bad.body.store.reason).toContain(dir);
    fs.rmSync(dir);
    fs.renameSync(`${dir}.moved`, dir);
    rt.clock.advance(60_000);
    expect((await health()).body.status).toBe('ok');
    await rt.stop();
  });

  test('a store that refuses writes (disk full) makes /healthz degraded with the error', async () => {
    const rt = await testRuntime();
    rt.services.store.counters.add = async () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    rt.clock.advance(60_000);
    const res = await request(rt.app.callback()).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', store: { writable: false } });
    expect(res.body.store.reason).toContain('disk is full');
    await rt.stop();
  });
});
