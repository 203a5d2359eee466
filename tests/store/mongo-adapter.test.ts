import { randomUUID } from 'node:crypto';
import { mongo } from 'mongoose';
import { mongoStore, type MongoStore } from '../../src/store/mongo/mongo-store';
import { redactUri } from '../../src/store/mongo/mongo-util';
import { startFakeMongo, type FakeMongoServer } from '../helpers/fake-mongo/fake-mongo-server';
import { testRuntime } from '../helpers/test-runtime';
import { cleanupTempDirs } from '../helpers/temp-dir';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** MongoDB adapter specifics, through the real driver against the loopback wire-protocol fake. */
describe('MongoDB adapter', () => {
  let server: FakeMongoServer;
  let store: MongoStore;
  const uriFor = (db: string) => server.uri.replace('/zhibu?', `/${db}?`);
  beforeAll(async () => {
    server = await startFakeMongo();
  });
  afterAll(async () => {
    await server.close();
    cleanupTempDirs();
  });
  beforeEach(async () => {
    store = await mongoStore(uriFor(`zhibu_${randomUUID().slice(0, 8)}`));
  });
  afterEach(async () => {
    await store.conn.dropDatabase();
    await store.close();
  });

  test('the bot runs a whole conversation on MONGODB_URI', async () => {
    const rt = await testRuntime({ MONGODB_URI: uriFor(`zhibu_rt_${randomUUID().slice(0, 8)}`) });
    try {
      expect(rt.services.store.kind).toBe('mongodb');
      await rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
      await rt.say('u_sec', 'g_home', '报到 王书记 广州');
      await rt.say('u_admin', 'g_home', '设为书记 王书记');
      await rt.say('u_a', 'g_home', '报到 张三 广州');
      expect(
        (await rt.say('u_sec', 'g_home', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10')).texts[0],
      ).toContain('#1');
      expect((await rt.say('u_a', 'g_home', '#1', { images: [PNG], msgId: 'p1' })).texts[0]).toContain('+10 分');
      expect((await rt.say('u_a', 'g_home', '#1', { images: [PNG], msgId: 'p1' })).body.duplicate).toBe(true);
      expect((await rt.say('u_a', 'g_home', '积分')).texts[0]).toContain('累计 10 分');
      const [submission] = await rt.services.store.submissions.listByTask(1);
      expect(await rt.services.store.blobs.has(submission.media[0].sha256)).toBe(true);
      expect((await rt.transcript('g_home')).filter((m) => m.from === 'bot' && m.text.includes('+10 分'))).toHaveLength(
        1,
      );
    } finally {
      const s = rt.services.store as MongoStore;
      await s.conn.dropDatabase();
      await rt.stop();
    }
  });

  test('the collections have the indexes the queries need', async () => {
    const names = async (collection: string) =>
      (await store.conn.db!.collection(collection).listIndexes().toArray()).map((i) => [i.name, Boolean(i.unique)]);
    expect(await names('ledger')).toEqual(
      expect.arrayContaining([
        ['idemKey_1', true],
        ['memberId_1_createdAt_1', false],
      ]),
    );
    expect(await names('identities')).toEqual(
      expect.arrayContaining([
        ['platform_1_userId_1', true],
        ['memberId_1', false],
      ]),
    );
    expect(await names('inbox')).toEqual(
      expect.arrayContaining([
        ['_id_', false],
        ['status_1_receivedAt_1', false],
      ]),
    );
    expect(await names('outbox')).toEqual(
      expect.arrayContaining([
        ['idemKey_1', true],
        ['status_1_nextAttemptAt_1', false],
      ]),
    );
    expect(await names('submissions')).toEqual(
      expect.arrayContaining([
        ['taskId_1_memberId_1', true],
        ['media.sha256_1', false],
      ]),
    );
    expect(await names('media.chunks')).toEqual(expect.arrayContaining([['files_id_1_n_1', true]]));
  });

  test('schemas refuse what SQLite refuses: missing fields, unknown fields, ledger updates', async () => {
    await expect(store.models.branches.create({ _id: 1, kind: 'home', createdAt: 'x' })).rejects.toThrow(
      'name required',
    );
    await expect(
      store.models.tasks.create({
        _id: 1,
        branchId: 1,
        title: 't',
        content: '',
        deadline: 'd',
        points: 1,
        proofKinds: [],
        minChars: 0,
        lateRule: 'full',
        createdBy: 'x',
        createdAt: 'y',
      }),
    ).resolves.toBeDefined();
    await expect(
      store.models.branches.create({ _id: 2, name: 'n', kind: 'home', createdAt: 'x', color: 'red' } as never),
    ).rejects.toThrow();
    const m = await store.members.create({ name: '甲' }, new Date());
    await store.ledger.append(
      { memberId: m.id, delta: 5, reason: 'x', kind: 'manual', actor: 'a', idemKey: 'k' },
      new Date(),
    );
    await expect(store.models.ledger.updateOne({ idemKey: 'k' }, { $set: { delta: 50 } })).rejects.toThrow(
      'append-only',
    );
    await expect(store.models.ledger.deleteMany({})).rejects.toThrow('append-only');
  });

  test('GridFS: the same photo stored at once by two instances is one file; a half-written upload is cleared', async () => {
    const bytes = Buffer.from('the same photo');
    const [a, b] = await Promise.all([store.blobs.put(bytes, 'jpg'), store.blobs.put(Buffer.from(bytes), 'jpg')]);
    expect(a.sha256).toBe(b.sha256);
    expect(await store.conn.db!.collection('media.files').countDocuments()).toBe(1);
    // Chunks with no files document, written two minutes ago: what a crash mid-upload leaves.
    const other = Buffer.from('interrupted upload');
    const sha = (await import('node:crypto')).createHash('sha256').update(other).digest('hex');
    await store.conn.db!.collection('media.chunks').insertOne({
      _id: mongo.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 120),
      files_id: new mongo.ObjectId(sha.slice(0, 24)),
      n: 0,
      data: new mongo.Binary(Buffer.from('half')),
    });
    expect((await store.blobs.put(other, 'png')).sha256).toBe(sha);
    expect((await store.blobs.get(sha))?.bytes.equals(other)).toBe(true);
  });

  test('an unreachable server is one clear error with the password masked', async () => {
    await expect(
      mongoStore('mongodb://zhibu:s3cret@127.0.0.1:1/zhibu', { serverSelectionTimeoutMS: 300 }),
    ).rejects.toThrow('cannot reach MongoDB at mongodb://zhibu:***@127.0.0.1:1/zhibu: check MONGODB_URI');
    expect(redactUri('mongodb+srv://u:p@x.example/db')).toBe('mongodb+srv://u:***@x.example/db');
  });
});
