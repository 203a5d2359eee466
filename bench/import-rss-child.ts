import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FULL_SCOPE } from '../src/access/access-scope';
import { importRoster } from '../src/excel/roster-import';
import { sqliteStore } from '../src/store/sqlite/sqlite-store';

/**
 * Run as its own process by bench/xlsx-bomb.ts, so its peak RSS is the import's alone. `guarded`: the roster import
 * as the dashboard and CLI run it (dry run); `unguarded`: exceljs reading the file directly, what the import did
 * before the size check. Prints one JSON line.
 */
async function main(mode: string, file: string): Promise<void> {
  const bytes = fs.readFileSync(file);
  let outcome: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-rss-'));
  try {
    if (mode === 'unguarded') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      outcome = `read ${wb.worksheets[0]?.rowCount ?? 0} rows`;
    } else {
      const store = sqliteStore(dir);
      const report = await importRoster(store, bytes, path.basename(file), {
        scope: FULL_SCOPE,
        actor: 'bench',
        now: new Date(),
        tz: 'Asia/Shanghai',
        dryRun: true,
      });
      outcome = `read ${report.rows} rows`;
      await store.close();
    }
  } catch (err) {
    outcome = `refused: ${(err as Error).message.slice(0, 40)}…`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), outcome }));
}

void main(process.argv[2], process.argv[3]);
