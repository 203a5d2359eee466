import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FULL_SCOPE } from '../src/access/access-scope';
import { importRoster } from '../src/excel/roster-import';
import { sqliteStore } from '../src/store/sqlite/sqlite-store';
import type { BenchCase } from './bench-case';
import { countyRows, rosterFile } from './county-roster';

const HOMES = ['青山村党支部', '白水村党支部', '石桥村党支部', '东岭村党支部'];
const HOSTS = ['广州流动党支部', '佛山流动党支部'];

/** Roster import of 2,000 rows with 3 bad rows (SQLite file store): dry run and import, and which rows were reported. */
export const rosterImport: BenchCase = {
  name: 'roster-import',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-roster-'));
    const store = sqliteStore(dir);
    const now = new Date();
    for (const name of HOMES) await store.branches.create({ name, kind: 'home' }, now);
    for (const name of HOSTS) await store.branches.create({ name, kind: 'host' }, now);
    const rows = countyRows(2000, HOMES, HOSTS);
    rows[10].手机号码 = '1380013';
    rows[777].出生年月 = '1990-13';
    rows[1500].流出地支部 = '不存在村党支部';
    const file = await rosterFile(rows);
    const opts = { scope: FULL_SCOPE, actor: 'bench', now, tz: 'Asia/Shanghai' };
    const lines: string[] = [];
    let t = performance.now();
    const dry = await importRoster(store, file, 'county.xlsx', { ...opts, dryRun: true });
    lines.push(
      `dry run: ${(performance.now() - t).toFixed(0)} ms for ${dry.rows} rows (${(file.length / 1024).toFixed(0)} KiB .xlsx); bad rows reported: ${[...new Set(dry.errors.map((e) => e.row))].join(', ')}`,
    );
    t = performance.now();
    const done = await importRoster(store, file, 'county.xlsx', { ...opts, dryRun: false });
    lines.push(
      `import: ${(performance.now() - t).toFixed(0)} ms; created ${done.created}, updated ${done.updated}, skipped ${done.badRows}; members in store ${(await store.members.list()).length}`,
    );
    t = performance.now();
    const again = await importRoster(store, file, 'county.xlsx', { ...opts, dryRun: false });
    lines.push(
      `re-import of the same file: ${(performance.now() - t).toFixed(0)} ms; created ${again.created}, updated ${again.updated} (no duplicates)`,
    );
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
