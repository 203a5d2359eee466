import type { AccessScope } from '../access/access-scope';
import type { Store } from '../store/store';
import { readTable } from './read-table';
import { checkRoster, type RosterRowError } from './roster-check';

export interface RosterReport {
  fileName: string;
  dryRun: boolean;
  /** Data rows in the file (blank rows not counted). */
  rows: number;
  /** Rows that will be (dry run) or were imported. */
  created: number;
  updated: number;
  /** Distinct rows with at least one error: skipped. */
  badRows: number;
  errors: RosterRowError[];
  ignoredColumns: string[];
}

export interface ImportOptions {
  scope: AccessScope;
  actor: string;
  now: Date;
  tz: string;
  dryRun: boolean;
}

/**
 * Reads a roster (.xlsx or .csv), checks every row, and — unless it is a dry run — creates or updates the good rows.
 * Bad rows are skipped and reported; blank cells never clear what is already recorded. Used by the web and the CLI.
 */
export async function importRoster(
  store: Store,
  bytes: Buffer,
  fileName: string,
  opts: ImportOptions,
): Promise<RosterReport> {
  const table = await readTable(bytes, fileName);
  const check = await checkRoster(table, store, opts.scope, { now: opts.now, tz: opts.tz });
  let created = 0;
  let updated = 0;
  for (const plan of check.planned) {
    if (plan.memberId !== undefined) {
      updated++;
      if (!opts.dryRun) await store.members.update(plan.memberId, plan.fields, opts.now);
    } else {
      created++;
      if (!opts.dryRun) await store.members.create(plan.fields, opts.now);
    }
  }
  const report: RosterReport = {
    fileName,
    dryRun: opts.dryRun,
    rows: check.rows,
    created,
    updated,
    badRows: new Set(check.errors.map((e) => e.row)).size,
    errors: check.errors,
    ignoredColumns: check.ignoredColumns,
  };
  if (!opts.dryRun) {
    await store.audit.record(
      {
        actor: opts.actor,
        action: 'members.import',
        subject: `file:${fileName}`,
        detail: { rows: report.rows, created, updated, skipped: report.badRows },
      },
      opts.now,
    );
  }
  return report;
}

/** The report in plain Chinese lines (the CLI prints them; the web shows the same facts as a table). */
export function formatRosterReport(r: RosterReport): string[] {
  const verb = r.dryRun ? '可导入' : '已导入';
  const lines = [
    `「${r.fileName}」共 ${r.rows} 行：${verb} ${r.created + r.updated} 行（新增 ${r.created}，更新 ${r.updated}），有问题 ${r.badRows} 行${r.badRows ? (r.dryRun ? '' : '（未导入）') : ''}。`,
  ];
  for (const e of r.errors) lines.push(describeRowError(e));
  if (r.ignoredColumns.length) lines.push(`未识别的列（已忽略）：${r.ignoredColumns.join('、')}`);
  return lines;
}

export function describeRowError(e: RosterRowError): string {
  return `第 ${e.row} 行「${e.column}」：${e.message}${e.value ? `（填写的是「${e.value}」）` : ''}`;
}
