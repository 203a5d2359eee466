import path from 'node:path';
import { sqliteDump } from '../../src/store/sqlite/sqlite-dump';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { dumpContract } from './dump-contract';

describe('sqlite dump contract', () => {
  dumpContract(async () => {
    const dir = tempDir('zhibu-dump-');
    const store = sqliteStore(dir);
    return { store, dump: sqliteDump(store.db, path.join(dir, 'media')) };
  });
  afterAll(cleanupTempDirs);
});
