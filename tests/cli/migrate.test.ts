import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { verify } from '../../src/store/copy-store';
import { DUMP_COLLECTIONS } from '../../src/store/dump';
import { openStoreUrl } from '../../src/store/open-store-url';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { startFakeMongo, type FakeMongoServer } from '../helpers/fake-mongo/fake-mongo-server';
import { cameraJpeg } from '../helpers/proof-images';
import { seedBranches, testRuntime } from '../helpers/test-runtime';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

/** Runs `zhibu migrate …` in-process and captures what it prints. */
async function zhibu(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a) => {
    lines.push(a.join(' '));
  });
  const err = jest.spyOn(console, 'error').mockImplementation((...a) => {
    lines.push(a.join(' '));
  });
  try {
    return { code: await main(args), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/** Counts and checksums of two stores, compared collection by collection. */
async function compare(a: string, b: string) {
  const [x, y] = [await openStoreUrl(a), await openStoreUrl(b)];
  try {
    return await verify(x.dump, y.dump);
  } finally {
    await x.store.close();
    await y.store.close();
  }
}

describe('zhibu migrate', () => {
  let source: string;
  let mongoServer: FakeMongoServer;
  beforeAll(async () => {
    mongoServer = await startFakeMongo();
    source = tempDir('zhibu-mig-src-');
    const rt = await testRuntime({ DATA_DIR: source });
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广州');
    await rt.say('u_sec', 'g_home', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10');
    // A real picture: a flat 1×1 pixel has no fingerprint, so it would leave the image-hash index empty.
    await rt.say('u_a', 'g_home', '#1', { images: [await cameraJpeg('2099:12:01 09:30:00')] });
    await rt.say('u_a', 'g_home', '积分');
    const store = rt.services.store;
    await store.counters.add('dingtalk:app:push:2026-12', 3, rt.clock.now());
    await store.helpCases.open(
      { memberId: 2, category: 'medical', content: '住院报销', platform: 'sim', sourceKey: 'sim:h1' },
      rt.clock.now(),
    );
    await store.pending.hold(
      'sim:g_home:u_b',
      [{ sha256: 'a'.repeat(64), kind: 'image' }],
      new Date('2099-01-01T00:00:00Z'),
    );
    const { review } = await store.reviews.open(
      {
        name: '年度测评',
        branchIds: [1],
        closesAt: '2099-12-20T10:00:00.000Z',
        createdBy: 'sim:u_admin',
        questions: [{ kind: 'choice', title: '学习方便参加吗？', options: ['方便', '不方便'] }],
      },
      rt.clock.now(),
    );
    await store.reviews.vote(review.id, 2, 1, {
      knows: true,
      overall: 'basic',
      comment: '希望多组织线上学习',
      choices: { 0: 1 },
    });
    await rt.stop();
  });
  afterAll(async () => {
    await mongoServer.close();
    cleanupTempDirs();
  });

  test('sqlite → sqlite → sqlite: identical counts and checksums, ids kept, media copied, safe to re-run', async () => {
    const [b, c] = [tempDir('zhibu-mig-b-'), tempDir('zhibu-mig-c-')];
    const first = await zhibu('migrate', '--from', `sqlite:${path.join(source, 'zhibu.db')}`, '--to', `sqlite:${b}`);
    expect(first.code).toBe(0);
    expect(first.out).toContain('完成：两边条数和校验和一致');
    expect((await zhibu('migrate', `--from=sqlite:${b}`, `--to=sqlite:${c}`)).code).toBe(0);
    const checks = await compare(`sqlite:${source}`, `sqlite:${c}`);
    expect(checks.map((x) => x.collection)).toEqual([...DUMP_COLLECTIONS]);
    expect(checks.filter((x) => !x.ok)).toEqual([]);
    for (const name of [
      'members',
      'identities',
      'tasks',
      'submissions',
      'ledger',
      'chatLog',
      'helpCases',
      'counters',
      'reviews',
      'reviewVoters',
      'reviewCounts',
      'imageHashes',
    ]) {
      expect(checks.find((x) => x.collection === name)!.source.count).toBeGreaterThan(0);
    }
    const again = await zhibu('migrate', '--from', `sqlite:${source}`, '--to', `sqlite:${b}`);
    expect(again.code).toBe(0);
    expect((await compare(`sqlite:${source}`, `sqlite:${b}`)).every((x) => x.ok)).toBe(true);

    // The copy is a working bot: same points, same proof photo, and the next task code continues.
    const rt = await testRuntime({ DATA_DIR: c });
    expect((await rt.say('u_a', 'g_home', '积分')).texts[0]).toContain('累计 10 分');
    const [sub] = await rt.services.store.submissions.listByTask(1);
    expect(await rt.services.store.blobs.has(sub.media[0].sha256)).toBe(true);
    expect((await rt.say('u_sec', 'g_home', '发布任务 学习条例\n截止：2099-12-08 18:00\n分值：5')).texts[0]).toContain(
      '#2',
    );
    await rt.stop();
  });

  test('sqlite → mongodb → sqlite round trip keeps every record', async () => {
    const mongoUri = mongoServer.uri.replace('/zhibu?', `/zhibu_${randomUUID().slice(0, 8)}?`);
    const back = tempDir('zhibu-mig-back-');
    const toMongo = await zhibu('migrate', '--from', `sqlite:${source}`, '--to', mongoUri);
    expect([toMongo.code, toMongo.out]).toEqual([0, expect.stringContaining('完成')]);
    expect((await zhibu('migrate', '--from', `sqlite:${source}`, '--to', mongoUri)).code).toBe(0);
    expect((await zhibu('migrate', '--from', mongoUri, '--to', `sqlite:${back}`)).code).toBe(0);
    expect((await compare(`sqlite:${source}`, `sqlite:${back}`)).filter((x) => !x.ok)).toEqual([]);
  }, 180_000); // three full copies through the wire-protocol fake: CPU-bound, many times slower on a loaded machine

  test('a changed or missing record is caught by --verify-only', async () => {
    const copy = tempDir('zhibu-mig-tamper-');
    expect((await zhibu('migrate', '--from', `sqlite:${source}`, '--to', `sqlite:${copy}`)).code).toBe(0);
    const store = sqliteStore(copy);
    store.db.prepare("UPDATE members SET phone = '13900000000' WHERE id = 2").run();
    store.db.prepare('DELETE FROM chat_log WHERE id = 1').run();
    await store.close();
    const check = await zhibu('migrate', '--from', `sqlite:${source}`, '--to', `sqlite:${copy}`, '--verify-only');
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/✗ members/);
    expect(check.out).toMatch(/✗ chatLog/);
    expect(check.out).toMatch(/✓ ledger/);
    expect(check.out).toContain('不一致');
  });

  test('wrong arguments get the correct form in Chinese and change nothing', async () => {
    const missing = await zhibu('migrate', '--from', `sqlite:${source}`);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('缺少 --from 或 --to');
    expect(missing.out).toContain('正确格式：zhibu migrate --from sqlite:');
    expect((await zhibu('migrate', '--from', 'sqlite:/x', '--to', 'sqlite:/x')).out).toContain('不能是同一个存储');
    const nowhere = path.join(tempDir(), 'typo');
    const absent = await zhibu('migrate', '--from', `sqlite:${nowhere}`, '--to', `sqlite:${tempDir()}`);
    expect([absent.code, absent.out]).toEqual([
      1,
      expect.stringContaining(`找不到 SQLite 数据库：${path.join(nowhere, 'zhibu.db')}`),
    ]);
    expect(fs.existsSync(nowhere)).toBe(false);
    const bad = await zhibu('migrate', '--from', 'postgres://x', '--to', `sqlite:${tempDir()}`);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('不认识的存储地址：postgres://x');
  });
});
