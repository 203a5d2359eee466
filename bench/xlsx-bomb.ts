import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { xlsxWithRows } from '../tests/helpers/xlsx-bomb';
import type { BenchCase } from './bench-case';
import { countyRows, rosterFile } from './county-roster';

/** Filler that deflates to about 417 KB: the size of the bomb that made an import hold 1.4 GB. */
const BOMB_FILLER_BYTES = 417 * 1024 * 1024;

function peakRss(mode: 'guarded' | 'unguarded', file: string): { peakRssMb: number; outcome: string } {
  const r = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', path.join(__dirname, 'import-rss-child.ts'), mode, file],
    {
      cwd: path.resolve(__dirname, '..'),
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 1024 * 1024,
    },
  );
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return { peakRssMb: NaN, outcome: `child failed (${r.status ?? r.signal}): ${r.stderr.slice(0, 200)}` };
  }
}

/**
 * Peak RSS of a roster import (its own process) for the 417 KB zip bomb and for a real 2,000-member roster.
 * Target: the bomb stays under 300 MB. BENCH_UNGUARDED=1 also loads the bomb with exceljs directly (≈1.4 GB).
 */
export const xlsxBomb: BenchCase = {
  name: 'xlsx-bomb',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-bomb-'));
    const bomb = path.join(dir, 'bomb.xlsx');
    const roster = path.join(dir, 'county.xlsx');
    fs.writeFileSync(bomb, await xlsxWithRows(3, { fillerBytes: BOMB_FILLER_BYTES }));
    fs.writeFileSync(roster, await rosterFile(countyRows(2000, ['青山村党支部'], ['广州流动党支部'])));
    const kb = (f: string) => `${Math.round(fs.statSync(f).size / 1024)} KB`;
    const lines: string[] = [];
    const g = peakRss('guarded', bomb);
    lines.push(
      `zip bomb (${kb(bomb)} .xlsx, ${BOMB_FILLER_BYTES / 1048576} MB inside): peak RSS ${g.peakRssMb} MB, ${g.outcome}`,
    );
    const c = peakRss('guarded', roster);
    lines.push(`real roster (2,000 rows, ${kb(roster)}): peak RSS ${c.peakRssMb} MB, ${c.outcome}`);
    if (process.env.BENCH_UNGUARDED === '1') {
      const u = peakRss('unguarded', bomb);
      lines.push(`zip bomb read by exceljs without the check: peak RSS ${u.peakRssMb} MB, ${u.outcome}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
