import { createHash, randomBytes } from 'node:crypto';
import { mongo } from 'mongoose';
import { mongoDump } from '../../../src/store/mongo/mongo-dump';
import { mongoStore, type MongoStore } from '../../../src/store/mongo/mongo-store';
import { startFakeMongo, type FakeMongoServer } from '../../helpers/fake-mongo/fake-mongo-server';
import { fakeStore, freshDbName } from '../../helpers/fake-mongo/fake-store';

const T0 = new Date('2026-12-01T02:00:00.000Z');
const target = { platform: 'sim' as const, chatId: 'g1', chatType: 'group' as const };

/** What a real replica set does that a single test server hides: concurrent instances, skewed clocks, elections, old indexes. */
describe('MongoDB adapter on a replica set', () => {
  let server: FakeMongoServer;
  let db: string;
  const open: MongoStore[] = [];
  const instance = async (opts: Parameters<typeof fakeStore>[2] = {}) => {
    const s = await fakeStore(server, db, opts);
    open.push(s);
    return s;
  };
  beforeAll(async () => {
    server = await startFakeMongo();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    db = freshDbName();
  });
  afterEach(async () => {
    await open[0]?.conn.dropDatabase();
    for (const s of open.splice(0)) await s.close();
  });

  test('two instances storing the same 1 MB photo at once both succeed and keep one blob', async () => {
    const [a, b] = [await instance(), await instance()];
    const photo = randomBytes(1024 * 1024);
    const [x, y] = await Promise.all([a.blobs.put(photo, 'jpg'), b.blobs.put(Buffer.from(photo), 'jpg')]);
    expect(x.sha256).toBe(y.sha256);
    expect(await a.conn.db!.collection('media.files').countDocuments()).toBe(1);
    expect(await a.conn.db!.collection('media.chunks').countDocuments()).toBe(Math.ceil(photo.length / (255 * 1024)));
    expect((await b.blobs.get(x.sha256))?.bytes.equals(photo)).toBe(true);
  });

  test('an upload still in progress elsewhere does not make a store of the same photo wait or fail', async () => {
    const a = await instance();
    const photo = randomBytes(300 * 1024);
    const sha = createHash('sha256').update(photo).digest('hex');
    // Chunks another instance is writing right now, under the id the old code derived from the hash.
    await a.conn.db!.collection('media.chunks').insertOne({
      files_id: new mongo.ObjectId(sha.slice(0, 24)),
      n: 0,
      data: new mongo.Binary(photo.subarray(0, 1000)),
    });
    expect((await a.blobs.put(photo, 'jpg')).sha256).toBe(sha);
    expect((await a.blobs.get(sha))?.bytes.equals(photo)).toBe(true);
  });

  test('a migrate batch with a record the schema refuses fails loudly, naming it', async () => {
    const a = await instance();
    const dump = mongoDump(a);
    const ok = {
      id: 1,
      name: '甲',
      certificateStatus: 'none',
      status: 'active',
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    };
    await expect(dump.write('members', [ok, { ...ok, id: 2, homeBranchId: 'not-a-number' }])).rejects.toThrow(
      /members.*id 2/,
    );
    expect(await a.members.get(1)).toBeDefined();
  });

  test('connection options ride out an election: selection waits at least 30 s, writes are retried', async () => {
    // Even a URI that asks otherwise keeps them.
    const a = await mongoStore(`${server.uri}&retryWrites=false&retryReads=false&serverSelectionTimeoutMS=5000`, {
      dbName: db,
    });
    open.push(a);
    const options = a.conn.getClient().options;
    expect(options.serverSelectionTimeoutMS).toBeGreaterThanOrEqual(30_000);
    expect(options.retryWrites).toBe(true);
    expect(options.retryReads).toBe(true);
  });

  test('leases and outbox claims follow the server clock: a machine 60 s ahead takes neither', async () => {
    const skew = 60_000;
    const a = await instance({ clock: () => new Date() });
    const b = await instance({ clock: () => new Date(Date.now() + skew) });
    const now = () => new Date();
    const ahead = () => new Date(Date.now() + skew);
    expect(await a.leases.acquire('channel:wecom', 'a', now(), 30_000)).toBe(true);
    expect(await b.leases.acquire('channel:wecom', 'b', ahead(), 30_000)).toBe(false);
    expect(await a.leases.acquire('channel:wecom', 'a', now(), 30_000)).toBe(true);

    await a.outbox.enqueue({ target, text: '通知' }, now());
    expect(await a.outbox.claimDue('a', now(), 10, 30_000)).toHaveLength(1);
    expect(await b.outbox.claimDue('b', ahead(), 10, 30_000)).toEqual([]);
  });

  test('an index whose options changed is dropped and rebuilt at start; a second start builds nothing', async () => {
    const seed = await instance();
    await seed.conn.db!.collection('outbox').dropIndex('idemKey_1');
    await seed.conn
      .db!.collection('outbox')
      .createIndex({ idemKey: 1 }, { unique: true, sparse: true, name: 'idemKey_1' });

    server.clearCommands();
    const next = await instance();
    const idem = (await next.conn.db!.collection('outbox').listIndexes().toArray()).find((i) => i.name === 'idemKey_1');
    expect(idem).toMatchObject({ unique: true, partialFilterExpression: { idemKey: { $type: 'string' } } });
    expect(idem?.sparse).toBeUndefined();

    server.clearCommands();
    await instance();
    expect(
      server.commands.filter((c) => c.name === 'createIndexes' || c.name === 'dropIndexes').map((c) => c.collection),
    ).toEqual([]);
    const applied = await seed.conn.db!.collection('schema_migrations').find().toArray();
    expect(applied.length).toBeGreaterThan(0);
  });
});
