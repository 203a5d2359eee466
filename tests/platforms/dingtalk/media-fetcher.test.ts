import { isZhibuError } from '../../../src/errors';
import { MediaResolver } from '../../../src/bot/media-resolver';
import { dingtalkMediaFetcher } from '../../../src/platforms/dingtalk/media-fetcher';
import { cleanupTempDirs } from '../../helpers/temp-dir';
import { JPEG, PNG } from './fixtures';
import { senderHarness } from './sender-harness';

type H = Awaited<ReturnType<typeof senderHarness>>;
const ref = (
  kind: 'image' | 'video' | 'file' | 'voice',
  downloadCode: string,
  extra: Record<string, unknown> = {},
  name?: string,
) => ({
  kind,
  ...(name ? { name } : {}),
  source: { platform: 'dingtalk' as const, downloadCode, robotCode: 'dingzhiburobot01', ...extra },
});

describe('DingTalk proof media', () => {
  let h: H;
  let media: MediaResolver;
  beforeEach(async () => {
    h = await senderHarness();
    media = new MediaResolver(h.store.blobs);
    h.fake.robotCodes.add('configured-robot');
    media.register('dingtalk', dingtalkMediaFetcher(h.api, { robotCode: 'configured-robot' }));
  });
  afterEach(async () => {
    await h.close();
  });
  afterAll(cleanupTempDirs);

  test('messageFiles/download (downloadCode + robotCode) then the temporary URL; bytes stored content-addressed', async () => {
    h.fake.files.set('dlPicture0001/+m+abc=', { bytes: PNG, type: 'application/octet-stream' });
    const stored = await media.materialize(ref('image', 'dlPicture0001/+m+abc='));
    const [call] = h.fake.callsTo('/v1.0/robot/messageFiles/download');
    expect(call.body).toEqual({ downloadCode: 'dlPicture0001/+m+abc=', robotCode: 'dingzhiburobot01' });
    expect(call.headers['x-acs-dingtalk-access-token']).toBe('tok-1');
    expect(await h.store.blobs.get(stored.sha256)).toEqual({ bytes: PNG, ext: 'png' });
    // Same bytes again: same hash, stored once.
    expect((await media.materialize(ref('image', 'dlPicture0001/+m+abc='))).sha256).toBe(stored.sha256);
    expect(await h.meter.used('api')).toBe(2);
  });

  test('the extension comes from the content, the file name or the video type — never DingTalk\'s ".file"', async () => {
    h.fake.files.set('j', { bytes: JPEG, type: 'image/jpeg' });
    h.fake.files.set('v', { bytes: Buffer.from('....ftypmp42'), type: 'application/octet-stream' });
    h.fake.files.set('d', { bytes: Buffer.from('PK\x03\x04docx'), type: 'application/octet-stream' });
    h.fake.files.set('a', { bytes: Buffer.from('OggS\x00voice'), type: 'application/octet-stream' });
    h.fake.files.set('amr', { bytes: Buffer.from('#!AMR\nvoice'), type: 'application/octet-stream' });
    const ext = async (r: ReturnType<typeof ref>) =>
      (await h.store.blobs.get((await media.materialize(r)).sha256))!.ext;
    expect(await ext(ref('image', 'j'))).toBe('jpg');
    expect(await ext(ref('video', 'v', { ext: 'mp4' }))).toBe('mp4');
    expect(await ext(ref('file', 'd', {}, '学习心得.docx'))).toBe('docx');
    expect(await ext(ref('voice', 'a'))).toBe('ogg');
    expect(await ext(ref('voice', 'amr'))).toBe('amr');
  });

  test('a reference without its own robotCode uses the configured one', async () => {
    h.fake.files.set('x', { bytes: PNG, type: 'image/png' });
    await media.materialize({ kind: 'image', source: { platform: 'dingtalk', downloadCode: 'x' } });
    expect(h.fake.callsTo('/v1.0/robot/messageFiles/download')[0].body.robotCode).toBe('configured-robot');
  });

  test('an expired download code fails with a coded error that says what to do', async () => {
    let err: unknown;
    try {
      await media.materialize(ref('image', 'expired'));
    } catch (e) {
      err = e;
    }
    expect(isZhibuError(err, 'MEDIA_FETCH_FAILED')).toBe(true);
    expect((err as Error).message).toContain('send the file again');
  });

  test('one 502 from the file URL is retried', async () => {
    h.fake.files.set('flaky', { bytes: PNG, type: 'image/png' });
    h.fake.script('/files/flaky', { status: 502, body: { message: 'bad gateway' } });
    const stored = await media.materialize(ref('image', 'flaky'));
    expect(await h.store.blobs.has(stored.sha256)).toBe(true);
    expect(h.fake.callsTo('/files/flaky')).toHaveLength(2);
  });

  test('a file over the size bound fails at once, stores nothing and is not fetched again', async () => {
    const small = dingtalkMediaFetcher(h.api, { robotCode: 'configured-robot', maxBytes: PNG.length - 1 });
    h.fake.files.set('big', { bytes: PNG, type: 'image/png' });
    const err = await small(ref('image', 'big')).catch((e: unknown) => e);
    expect(isZhibuError(err, 'MEDIA_TOO_LARGE')).toBe(true);
    expect((err as Error).message).toContain(`larger than ${PNG.length - 1} bytes`);
    expect(h.fake.callsTo('/files/big')).toHaveLength(1);
  });
});
