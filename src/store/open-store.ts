import type { Config } from '../config/load-config';
import { ZhibuError } from '../core/errors';
import { sqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** SQLite under DATA_DIR by default; MongoDB when MONGODB_URI is set. */
export async function openStore(config: Pick<Config, 'dataDir' | 'MONGODB_URI'>): Promise<Store> {
  if (config.MONGODB_URI) {
    throw new ZhibuError('CONFIG_INVALID', 'MONGODB_URI is set but this build has no MongoDB adapter yet', {
      fix: 'unset MONGODB_URI to use the embedded SQLite store',
    });
  }
  return sqliteStore(config.dataDir);
}
