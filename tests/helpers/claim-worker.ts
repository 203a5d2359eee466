/**
 * A separate process claiming outbox items from a shared SQLite file, as a second bot instance would.
 * Usage: node --import tsx tests/helpers/claim-worker.ts <dataDir> <owner>; waits for "go" on stdin, then claims
 * and marks sent until nothing is due, and prints the claimed ids as one JSON line.
 */
import readline from 'node:readline';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';

async function main(): Promise<void> {
  const [dataDir, owner] = process.argv.slice(2);
  const store = sqliteStore(dataDir);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) =>
    readline.createInterface({ input: process.stdin }).once('line', () => resolve()),
  );
  const claimed: number[] = [];
  for (let idle = 0; idle < 3;) {
    const items = await store.outbox.claimDue(owner, new Date(), 3, 60_000);
    if (items.length === 0) {
      idle++;
      continue;
    }
    idle = 0;
    for (const item of items) {
      claimed.push(item.id);
      await store.outbox.markSent(item.id, new Date());
    }
    // A send takes time in a real instance; without a pause one process could drain everything before the other
    // has even started, and the test would show nothing about two claimers.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await store.close();
  process.stdout.write(`${JSON.stringify(claimed)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
