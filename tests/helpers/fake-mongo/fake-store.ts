import { randomUUID } from 'node:crypto';
import { mongoStore, type MongoStore, type MongoStoreOptions } from '../../../src/store/mongo/mongo-store';
import type { FakeMongoServer } from './fake-mongo-server';

/** A fresh database name per test, so tests sharing one fake server never see each other's data. */
export const freshDbName = () => `zhibu_${randomUUID().slice(0, 8)}`;

/**
 * Opens a MongoDB store on the fake server; several calls with one `dbName` are several bot instances on one
 * database. `close()` closes this instance only; `dropDatabase` is left to the test.
 */
export function fakeStore(
  server: FakeMongoServer,
  dbName: string,
  opts: Omit<MongoStoreOptions, 'dbName'> = {},
): Promise<MongoStore> {
  return mongoStore(server.uri, { serverSelectionTimeoutMS: 2_000, ...opts, dbName });
}
