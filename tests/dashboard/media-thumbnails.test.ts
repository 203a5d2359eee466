import sharp from 'sharp';
import { renderScene } from '../../bench/proof-set/scene';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { download, seedTwoBranches, signIn, type Session } from './dashboard-fixture';

/** Galleries show cached 320 px WebP thumbnails of proof photos; the original only on click. */
describe('proof photo thumbnails', () => {
  let rt: TestRuntime;
  let admin: Session;
  let sha: string;
  let original: Buffer;

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    await rt.say('u_sb', 'g_b', '发布任务 学习党章\n截止：2026-12-07 18:00\n证明：图片/文字');
    original = await renderScene(3);
    await rt.say('u_b1', 'g_b', '#1', { images: [original.toString('base64')] });
    sha = (await rt.services.store.submissions.listByTask(1))[0].media[0].sha256;
    admin = await signIn(rt, 'u_admin');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('the thumbnail route returns a small WebP no wider than 320 px', async () => {
    const res = await download(admin, `/admin/media/${sha}/thumb`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    const meta = await sharp(res.body).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width, meta.height)).toBe(320);
    expect(res.body.length).toBeLessThan(original.length / 3);
  });

  test('it is made once and kept beside the original: the next request serves the stored copy', async () => {
    await download(admin, `/admin/media/${sha}/thumb`);
    const stored = await rt.services.store.blobs.getVariant(sha, 'thumb-320');
    expect(stored?.ext).toBe('webp');
    // Replace the stored thumbnail with a marker: served as is, so nothing was resized again.
    const marker = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .webp()
      .toBuffer();
    await rt.services.store.blobs.putVariant(sha, 'thumb-320', marker, 'webp');
    expect((await download(admin, `/admin/media/${sha}/thumb`)).body.equals(marker)).toBe(true);
  });

  test('the task page shows thumbnails and links the originals', async () => {
    const page = await admin.get('/admin/tasks/1');
    expect(page.text).toContain(`<img src="/admin/media/${sha}/thumb"`);
    expect(page.text).toContain(`<a href="/admin/media/${sha}"`);
  });

  test('a secretary of another branch gets no thumbnail', async () => {
    const other = await signIn(rt, 'u_sa');
    expect((await other.get(`/admin/media/${sha}/thumb`)).status).toBe(404);
  });
});
