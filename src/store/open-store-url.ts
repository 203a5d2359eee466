import fs from 'node:fs';
import path from 'node:path';
import { ZhibuError } from '../errors';
import type { StoreDump } from './dump';
import { sqliteDump } from './sqlite/sqlite-dump';
import { sqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

export interface OpenedStore {
  store: Store;
  dump: StoreDump;
  /** Where it is, for messages (passwords masked). */
  label: string;
}

/**
 * Opens a store named on the command line: `sqlite:<data-dir>` or `sqlite:<file.db>` (media beside it, under
 * `media/`), or a `mongodb://` / `mongodb+srv://` URI. Used by `zhibu migrate`.
 */
export async function openStoreUrl(url: string, opts: { mustExist?: boolean } = {}): Promise<OpenedStore> {
  if (/^mongodb(\+srv)?:\/\//.test(url)) {
    const [{ mongoStore }, { mongoDump }, { redactUri }] = await Promise.all([
      import('./mongo/mongo-store'),
      import('./mongo/mongo-dump'),
      import('./mongo/mongo-util'),
    ]);
    const store = await mongoStore(url);
    return { store, dump: mongoDump(store), label: redactUri(url) };
  }
  const match = /^sqlite:(.+)$/.exec(url);
  if (!match) {
    throw new ZhibuError('BAD_REQUEST', `不认识的存储地址：${url}`, {
      fix: '应为 sqlite:<数据目录或 .db 文件> 或 mongodb://主机:端口/库名，例如 sqlite:./data 或 mongodb://localhost:27017/zhibu',
    });
  }
  const target = path.resolve(match[1]);
  const isFile = /\.(db|sqlite3?)$/.test(target) || (fs.existsSync(target) && fs.statSync(target).isFile());
  const dataDir = isFile ? path.dirname(target) : target;
  const dbFile = isFile ? target : path.join(dataDir, 'zhibu.db');
  // A mistyped source must not be created empty and "copied" as zero records.
  if (opts.mustExist && !fs.existsSync(dbFile)) {
    throw new ZhibuError('BAD_REQUEST', `找不到 SQLite 数据库：${dbFile}`, {
      fix: '请检查 --from 的路径，应为数据目录（含 zhibu.db）或 .db 文件',
    });
  }
  const store = isFile ? sqliteStore(dataDir, target) : sqliteStore(dataDir);
  return { store, dump: sqliteDump(store.db, path.join(dataDir, 'media')), label: `sqlite:${dbFile}` };
}
