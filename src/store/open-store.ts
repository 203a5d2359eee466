import type { Config } from '../config/load-config';
import { sqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** SQLite under DATA_DIR by default; MongoDB when MONGODB_URI is set. */
export async function openStore(config: Pick<Config, 'dataDir' | 'MONGODB_URI'>): Promise<Store> {
  if (config.MONGODB_URI) {
    // Loaded on demand: an SQLite deployment never pays for loading the MongoDB driver.
    const { mongoStore } = await import('./mongo/mongo-store');
    return mongoStore(config.MONGODB_URI);
  }
  return sqliteStore(config.dataDir);
}
