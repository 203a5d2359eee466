/**
 * A second bot instance's scheduler in its own process, on a shared DATA_DIR.
 * Usage: node --import tsx tests/helpers/tick-worker.ts <dataDir> <nowISO> <op>…  with op `tick:<job>@<ISO>` or `sweep@<ISO>`;
 * `nowISO` is the other instance's clock: two instances share the wall clock, and leases expire by it.
 * prints "ready", waits for "go" on stdin, runs every op at once and prints their outcome statuses as one JSON line.
 */
import readline from 'node:readline';
import { loadConfig } from '../../src/config/load-config';
import { jobCliContext } from '../../src/cli/job-cli-services';
import { fixedClock } from '../../src/time/clock';

async function main(): Promise<void> {
  const [dataDir, now, ...ops] = process.argv.slice(2);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', BOT_TIMEZONE: 'Asia/Shanghai' });
  const { scheduler, close } = await jobCliContext(config, { clock: fixedClock(now) });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) =>
    readline.createInterface({ input: process.stdin }).once('line', () => resolve()),
  );
  const outcomes = await Promise.all(
    ops.map(async (op) => {
      const [what, at] = op.split('@');
      if (what === 'sweep') return (await scheduler.sweep(new Date(at), 0)).map((o) => o.status);
      return (await scheduler.onTick(scheduler.job(what.slice('tick:'.length))!, new Date(at)))?.status;
    }),
  );
  await close();
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
