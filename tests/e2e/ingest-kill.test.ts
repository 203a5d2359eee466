import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { FakeWecomApi } from '../platforms/wecom/helpers/fake-wecom-api';
import { refEncrypt, signedQuery } from '../platforms/wecom/helpers/reference-cipher';
import { BOT, botEnv } from '../platforms/wecom/helpers/wecom-env';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';

jest.setTimeout(300_000);

const SENT = 300;
const KILL_AFTER_ACKS = 150;

/** One distinct encrypted AI-bot text callback, as WeCom's servers post it. */
function callback(base: string, api: string, i: number): Promise<Response> {
  const payload = {
    msgid: `burst-${i}`,
    aibotid: 'AIBOTID',
    chatid: 'wrkBurstGroup',
    chattype: 'group',
    from: { userid: `u${i % 40}` },
    response_url: `${api}/aibot/response/${i}`,
    msgtype: 'text',
    text: { content: `@支部机器人 学习心得第${i}篇` },
  };
  const encrypt = refEncrypt(BOT.aesKey, JSON.stringify(payload), '');
  return fetch(`${base}/wecom/bot?${signedQuery(BOT.token, encrypt)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encrypt }),
  });
}

describe('a burst of callbacks and a SIGKILL right after the acks', () => {
  let bot: BotProcess | undefined;
  let api: FakeWecomApi | undefined;
  afterEach(async () => {
    await bot?.kill('SIGKILL');
    await api?.stop();
    api = undefined;
  });
  afterAll(cleanupTempDirs);

  test('every callback acknowledged before the kill is in the inbox after it', async () => {
    api = await new FakeWecomApi().start();
    const dataDir = tempDir('zhibu-ingest-kill-');
    bot = await startBotProcess({ ...botEnv(api.base), DATA_DIR: dataDir });
    const base = `http://127.0.0.1:${bot.port}`;
    const acked: string[] = [];
    const child = bot.child;
    // All callbacks are in flight at once; the process dies the moment the 150th acknowledgement reaches the client.
    await Promise.all(
      Array.from({ length: SENT }, (_, i) =>
        callback(base, api!.base, i).then(
          (res) => {
            if (res.status !== 200) return;
            acked.push(`wecom:burst-${i}`);
            if (acked.length === KILL_AFTER_ACKS) child.kill('SIGKILL');
          },
          () => undefined,
        ),
      ),
    );
    await bot.kill('SIGKILL');
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const store = sqliteStore(dataDir);
    const stored = new Set(
      store.db.prepare("SELECT key FROM inbox WHERE key LIKE 'wecom:burst-%'").pluck().all() as string[],
    );
    await store.close();
    expect(acked.filter((key) => !stored.has(key))).toEqual([]);
  });
});
