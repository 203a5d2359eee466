import { isZhibuError } from '../errors';
import type { CliCommand } from './cli-command';
import { adminLinkCommand } from './commands/admin-link';
import { doctorCommand } from './commands/doctor';
import { importCommand } from './commands/import-members';
import { jobsCommand } from './commands/jobs';
import { migrateCommand } from './commands/migrate';
import { serveCommand } from './commands/serve';

export const cliCommands: CliCommand[] = [
  serveCommand,
  migrateCommand,
  adminLinkCommand,
  importCommand,
  jobsCommand,
  doctorCommand,
];

function usage(): string {
  return ['用法：zhibu <命令>', ...cliCommands.map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // Whatever the bot or a command creates (database, media, exports) is readable by its own user only.
  process.umask(0o077);
  const [name, ...args] = argv;
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    console.error(name && name !== 'help' && name !== '--help' ? `未知命令：${name}\n${usage()}` : usage());
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  try {
    return await command.run(args);
  } catch (err) {
    // Start-up errors (bad config, unreadable database) are one clear line, not a stack trace.
    if (isZhibuError(err)) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
