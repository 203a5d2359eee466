import { randomUUID } from 'node:crypto';
import { mongoDump } from '../../src/store/mongo/mongo-dump';
import { mongoStore, type MongoStore } from '../../src/store/mongo/mongo-store';
import { startFakeMongo, type FakeMongoServer } from '../helpers/fake-mongo/fake-mongo-server';
import { dumpContract } from './dump-contract';
import { storeContract } from './store-contract';

/**
 * The mongoose adapter through the real MongoDB driver, against a wire-protocol test double on loopback (there is
 * no MongoDB server here). It proves the adapter's queries, updates, upserts, indexes and GridFS calls are well
 * formed and mean what the contract says; mongo-store.test.ts runs the same suite on a real server (MONGODB_URI).
 */
let server: FakeMongoServer;
beforeAll(async () => {
  server = await startFakeMongo();
});
afterAll(async () => {
  await server.close();
});

async function freshStore(): Promise<MongoStore> {
  const store = await mongoStore(server.uri, {
    dbName: `zhibu_${randomUUID().slice(0, 8)}`,
    serverSelectionTimeoutMS: 2_000,
  });
  const close = store.close.bind(store);
  store.close = async () => {
    await store.conn.dropDatabase();
    await close();
  };
  return store;
}

storeContract('mongodb (wire-protocol fake)', freshStore);
describe('mongodb dump contract (wire-protocol fake)', () =>
  dumpContract(async () => {
    const store = await freshStore();
    return { store, dump: mongoDump(store) };
  }));
