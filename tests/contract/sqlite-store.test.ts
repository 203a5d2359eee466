import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { storeContract } from './store-contract';

// A real database file per test (WAL and all), not :memory:.
storeContract('sqlite', async () => sqliteStore(tempDir('zhibu-contract-')));
afterAll(cleanupTempDirs);
