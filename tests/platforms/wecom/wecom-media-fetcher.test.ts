import crypto from 'node:crypto';
import type { MediaRef } from '../../../src/bot/incoming-message';
import { isZhibuError } from '../../../src/errors';
import { WecomAppApi } from '../../../src/platforms/wecom/app-api';
import { wecomMediaFetcher } from '../../../src/platforms/wecom/wecom-media-fetcher';
import { fixedClock } from '../../../src/time/clock';
import { FakeWecomApi } from './helpers/fake-wecom-api';
import { refEncryptMedia } from './helpers/reference-cipher';
import { BOT } from './helpers/wecom-env';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err as Error,
  );

/** Proof media from WeCom is held in memory while it is stored, so a download is bounded as its bytes arrive. */
describe('WeCom proof media downloads', () => {
  const clock = fixedClock('2026-12-01T02:00:00Z');
  let api: FakeWecomApi;
  let app: WecomAppApi;
  beforeEach(async () => {
    api = await new FakeWecomApi(() => clock.now().getTime()).start();
    app = new WecomAppApi({ apiBase: api.base, corpId: 'ww1', secret: api.corpSecret, agentId: 1000002 }, clock);
  });
  afterEach(() => api.stop());

  const aibotRef = (id: string): MediaRef => ({
    kind: 'file',
    name: '学习笔记.pdf',
    source: { platform: 'wecom', via: 'aibot', url: `${api.base}/aibot/media/${id}` },
  });
  const appRef = (mediaId: string): MediaRef => ({
    kind: 'image',
    source: { platform: 'wecom', via: 'app', mediaId },
  });

  test('an AI-bot file within the bound is decrypted; one over it fails at once as too large, fetched once', async () => {
    const fetcher = wecomMediaFetcher({ botAesKey: BOT.aesKey, app, maxBytes: 4096 });
    const small = crypto.randomBytes(1000);
    api.media.set('small', { bytes: refEncryptMedia(small, BOT.aesKey), type: 'application/octet-stream' });
    expect((await fetcher(aibotRef('small'))).bytes.equals(small)).toBe(true);

    api.media.set('big', {
      bytes: refEncryptMedia(crypto.randomBytes(5000), BOT.aesKey),
      type: 'application/octet-stream',
    });
    const err = await failure(fetcher(aibotRef('big')));
    expect(isZhibuError(err, 'MEDIA_TOO_LARGE')).toBe(true);
    expect(err.message).toContain('larger than 4096 bytes');
    expect(api.calls('/aibot/media/big')).toHaveLength(1);
  });

  test('app media (media/get) over the bound fails the same way and is not retried', async () => {
    const fetcher = wecomMediaFetcher({ botAesKey: BOT.aesKey, app, maxBytes: 4096 });
    api.media.set('m-small', { bytes: crypto.randomBytes(4096), type: 'image/jpeg' });
    expect((await fetcher(appRef('m-small'))).bytes).toHaveLength(4096);

    api.media.set('m-big', { bytes: crypto.randomBytes(4097), type: 'image/jpeg' });
    const err = await failure(fetcher(appRef('m-big')));
    expect(isZhibuError(err, 'MEDIA_TOO_LARGE')).toBe(true);
    expect(err.message).toContain('larger than 4096 bytes');
    expect(api.calls('/cgi-bin/media/get').filter((r) => r.query.media_id === 'm-big')).toHaveLength(1);
  });

  test('without a bound of its own, the fetcher refuses files past 50 MB', async () => {
    const fetcher = wecomMediaFetcher({ botAesKey: BOT.aesKey, app });
    api.media.set('huge', { bytes: Buffer.alloc(50 * 1024 * 1024 + 16), type: 'application/octet-stream' });
    const err = await failure(fetcher(aibotRef('huge')));
    expect(isZhibuError(err, 'MEDIA_TOO_LARGE')).toBe(true);
    expect(err.message).toContain(`larger than ${50 * 1024 * 1024} bytes`);
  });
});
