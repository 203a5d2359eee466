import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fsBlobs, type BlobFs } from '../../src/store/fs-blobs';
import type { Store } from '../../src/store/store';
import { download, seedTwoBranches, signIn } from '../dashboard/dashboard-fixture';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

const PNG_HEAD = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** A photo big enough that half of it is visibly not the whole. */
const PHOTO = Buffer.concat([PNG_HEAD, Buffer.alloc(64 * 1024, 7)]);
const SHA = createHash('sha256').update(PHOTO).digest('hex');

/** A file system that runs out of space half-way through the next blob write (and cannot clean up after it). */
function diskFullOnce(): BlobFs {
  let armed = true;
  return {
    ...fsp,
    async open(file, flags, mode) {
      const handle = await fsp.open(file, flags, mode);
      if (!armed) return handle;
      armed = false;
      return Object.assign(Object.create(handle), {
        async writeFile(data: Buffer) {
          await handle.write(data.subarray(0, data.length / 2));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        close: () => handle.close(),
      });
    },
    unlink: async () => {
      throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
    },
  } as BlobFs;
}

describe('proof media after a failed write', () => {
  let rt: TestRuntime;
  let mediaDir: string;
  const store = () => rt.services.store as Store & { blobs: Store['blobs'] };
  const submissions = () => rt.services.store.submissions.listByTask(1);

  beforeEach(async () => {
    rt = await testRuntime();
    mediaDir = path.join(rt.config.dataDir, 'media');
    await seedTwoBranches(rt);
    await rt.say('u_sb', 'g_b', '发布任务 学习党章\n截止：2026-12-07 18:00\n证明：图片/文字');
  });
  afterEach(async () => {
    await rt.stop();
  });
  afterAll(cleanupTempDirs);

  async function servedBytes(): Promise<{ status: number; body: Buffer }> {
    const admin = await signIn(rt, 'u_admin');
    return download(admin, `/admin/media/${SHA}`);
  }

  test('disk full half-way: the upload fails with nothing stored; the resubmission stores and serves the whole photo', async () => {
    store().blobs = fsBlobs(mediaDir, diskFullOnce());
    const failed = await rt.say('u_b1', 'g_b', '#1', { images: [PHOTO.toString('base64')] });
    expect(failed.status).toBe(500);
    expect(await submissions()).toEqual([]);
    expect(await rt.services.store.blobs.has(SHA)).toBe(false);
    expect(await rt.services.store.blobs.get(SHA)).toBeUndefined();

    await rt.say('u_b1', 'g_b', '#1', { images: [PHOTO.toString('base64')] });
    expect((await submissions())[0].media[0].sha256).toBe(SHA);
    const served = await servedBytes();
    expect(served.status).toBe(200);
    expect(served.body.equals(PHOTO)).toBe(true);
  });

  test('a partial temp file left by an earlier crash never stands in for the photo', async () => {
    const shard = path.join(mediaDir, SHA.slice(0, 2));
    fs.mkdirSync(shard, { recursive: true });
    fs.writeFileSync(path.join(shard, `${SHA}.png.4242.tmp`), PHOTO.subarray(0, 1000));
    await rt.say('u_b1', 'g_b', '#1', { images: [PHOTO.toString('base64')] });
    const served = await servedBytes();
    expect(served.status).toBe(200);
    expect(served.body.equals(PHOTO)).toBe(true);
  });

  test('a truncated file under the final name is not served and is replaced by the next upload', async () => {
    await rt.say('u_b1', 'g_b', '#1', { images: [PHOTO.toString('base64')] });
    const file = path.join(mediaDir, SHA.slice(0, 2), `${SHA}.png`);
    fs.truncateSync(file, 1000);
    expect((await servedBytes()).status).toBe(404);
    expect(await rt.services.store.blobs.has(SHA)).toBe(false);
    await rt.say('u_a1', 'g_a', '#1', { images: [PHOTO.toString('base64')] });
    expect(fs.readFileSync(file).equals(PHOTO)).toBe(true);
    expect((await servedBytes()).body.equals(PHOTO)).toBe(true);
  });
});

describe('blob files at start-up', () => {
  afterAll(cleanupTempDirs);
  test('stale temp files are swept, recent ones (another process writing) are kept; files are 0600 in 0700 folders', async () => {
    const dir = tempDir('zhibu-blobs-');
    await fsBlobs(dir).put(PHOTO, 'png');
    const old = new Date(Date.now() - 3_600_000);
    const plant = (rel: string, when: Date) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), 'partial');
      fs.utimesSync(path.join(dir, rel), when, when);
    };
    plant(`.tmp/${SHA}.png.1.abcd`, old);
    plant(`${SHA.slice(0, 2)}/${SHA}.png.77.tmp`, old);
    plant('.tmp/in-progress.png.2.beef', new Date());
    const blobs = fsBlobs(dir);
    expect(fs.readdirSync(path.join(dir, '.tmp'))).toEqual(['in-progress.png.2.beef']);
    expect(fs.readdirSync(path.join(dir, SHA.slice(0, 2)))).toEqual([`${SHA}.png`]);
    expect((await blobs.get(SHA))!.bytes.equals(PHOTO)).toBe(true);
    expect(fs.statSync(path.join(dir, SHA.slice(0, 2), `${SHA}.png`)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, SHA.slice(0, 2))).mode & 0o777).toBe(0o700);
  });
});
