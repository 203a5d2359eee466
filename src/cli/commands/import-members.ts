import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/load-config';
import { FULL_SCOPE } from '../../access/access-scope';
import { systemClock } from '../../time/clock';
import { formatRosterReport, importRoster } from '../../excel/roster-import';
import { RosterFileError } from '../../excel/roster-file-error';
import { openStore } from '../../store/open-store';
import type { CliCommand } from '../cli-command';

const USAGE = 'zhibu import members <文件.xlsx|文件.csv> [--dry-run]';

/**
 * The dashboard's roster import on the command line (runs with full access, beside a running bot on the same
 * DATA_DIR). Exit code: 0 all rows imported, 1 some rows had problems and were skipped, 2 the file could not be read.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage: USAGE,
  summary: '导入党员名单（先加 --dry-run 只检查不导入）',
  async run(args) {
    const dryRun = args.includes('--dry-run');
    const rest = args.filter((a) => a !== '--dry-run');
    if (rest[0] !== 'members' || rest.length !== 2) {
      console.error(`格式不对\n正确格式：${USAGE}\n例如：zhibu import members 党员名单.xlsx --dry-run`);
      return 2;
    }
    const file = rest[1];
    if (!fs.existsSync(file)) {
      console.error(`找不到文件：${file}`);
      return 2;
    }
    const config = loadConfig();
    const store = await openStore(config);
    try {
      const report = await importRoster(store, fs.readFileSync(file), path.basename(file), {
        scope: FULL_SCOPE,
        actor: 'cli',
        now: systemClock.now(),
        tz: config.BOT_TIMEZONE,
        dryRun,
      });
      for (const line of formatRosterReport(report)) console.log(line);
      if (dryRun && report.created + report.updated > 0)
        console.log('这是检查（--dry-run），没有导入。去掉 --dry-run 再运行即导入。');
      return report.badRows ? 1 : 0;
    } catch (err) {
      if (!(err instanceof RosterFileError)) throw err;
      console.error(err.message);
      return 2;
    } finally {
      await store.close();
    }
  },
};
