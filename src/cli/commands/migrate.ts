import { copyStore, verify, type CollectionCheck } from '../../store/copy-store';
import { openStoreUrl, type OpenedStore } from '../../store/open-store-url';
import type { CliCommand } from '../cli-command';

const USAGE = 'zhibu migrate --from sqlite:<目录或文件> --to <mongodb://…|sqlite:<目录>> [--verify-only]';

function parseArgs(args: string[]): { from?: string; to?: string; verifyOnly: boolean; error?: string } {
  const out: { from?: string; to?: string; verifyOnly: boolean; error?: string } = { verifyOnly: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === '--verify-only') out.verifyOnly = true;
    else if (flag === '--from' || flag === '--to') out[flag === '--from' ? 'from' : 'to'] = inline ?? args[++i];
    else out.error = `不认识的参数：${args[i]}`;
  }
  if (!out.error && (!out.from || !out.to)) out.error = '缺少 --from 或 --to';
  if (!out.error && out.from === out.to) out.error = '--from 与 --to 不能是同一个存储';
  return out;
}

function checkLine(c: CollectionCheck): string {
  const mark = c.ok ? '✓' : '✗';
  const sums = c.ok
    ? c.source.sha256.slice(0, 12)
    : `${c.source.sha256.slice(0, 12)} ≠ ${c.target.sha256.slice(0, 12)}`;
  return `  ${mark} ${c.collection.padEnd(14)} ${String(c.source.count).padStart(8)} → ${String(c.target.count).padEnd(8)} ${sums}`;
}

/**
 * Copies a whole store (e.g. the SQLite file of a single instance into MongoDB when moving to several instances),
 * ids, ledger and media included; verifies counts and checksums; safe to run again. Stop the bot first, or run it
 * again after the switch-over to pick up what arrived meanwhile.
 */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: USAGE,
  summary: '把全部数据（含编号、积分流水、证明材料）复制到另一个存储并核对条数和校验和，可重复执行',
  async run(args) {
    const parsed = parseArgs(args);
    if (parsed.error) {
      console.error(
        `${parsed.error}\n正确格式：${USAGE}\n例如：zhibu migrate --from sqlite:./data --to mongodb://localhost:27017/zhibu?replicaSet=rs0`,
      );
      return 2;
    }
    const opened: OpenedStore[] = [];
    try {
      const from = await openStoreUrl(parsed.from!, { mustExist: true });
      opened.push(from);
      const to = await openStoreUrl(parsed.to!);
      opened.push(to);
      console.log(`${parsed.verifyOnly ? '核对' : '迁移'}：${from.label} → ${to.label}`);
      const report = parsed.verifyOnly
        ? undefined
        : await copyStore(from, to, (line) => console.log(`  已复制 ${line}`));
      const checks = report?.checks ?? (await verify(from.dump, to.dump));
      console.log('核对（条数 源 → 目标，校验和）：');
      for (const c of checks) console.log(checkLine(c));
      for (const sha of report?.blobs.missing ?? []) console.log(`  ✗ 证明材料 ${sha} 无法复制（源文件缺失或已损坏）`);
      const ok = report ? report.ok : checks.every((c) => c.ok);
      console.log(
        ok
          ? '完成：两边条数和校验和一致。'
          : '不一致：请确认迁移期间机器人已停止，然后重新执行同一命令（可重复执行）。',
      );
      return ok ? 0 : 1;
    } finally {
      for (const o of opened) await o.store.close().catch(() => undefined);
    }
  },
};
