import { randomUUID } from 'node:crypto';
import { mongoDump } from '../../src/store/mongo/mongo-dump';
import { mongoStore, type MongoStore } from '../../src/store/mongo/mongo-store';
import { dumpContract } from './dump-contract';
import { storeContract } from './store-contract';

/**
 * The same contract suite on MongoDB, against the server in MONGODB_URI (a replica set, e.g. the compose file's).
 * Each test gets a fresh database, dropped when the test closes its store. Without MONGODB_URI the suite is skipped,
 * visibly: there is no MongoDB server on the development machines.
 */
const uri = process.env.MONGODB_URI;

async function freshStore(): Promise<MongoStore> {
  const store = await mongoStore(uri!, {
    dbName: `zhibu_contract_${randomUUID().slice(0, 8)}`,
    serverSelectionTimeoutMS: 5_000,
  });
  const close = store.close.bind(store);
  store.close = async () => {
    await store.conn.dropDatabase();
    await close();
  };
  return store;
}

// Without a server every test is still registered and reported as skipped, one by one (describe.skip).
const suite = uri ? describe : describe.skip;
if (!uri) {
  // Straight to stderr: jest swallows console output of a file whose tests are all skipped.
  process.stderr.write(
    'skipped: set MONGODB_URI to run the store contract suite against MongoDB (e.g. mongodb://localhost:27017/?replicaSet=rs0)\n',
  );
}
suite(`mongodb${uri ? '' : ' (skipped: set MONGODB_URI)'}`, () => {
  storeContract('mongodb', freshStore);
  describe('mongodb dump contract', () =>
    dumpContract(async () => {
      const store = await freshStore();
      return { store, dump: mongoDump(store) };
    }));
});
