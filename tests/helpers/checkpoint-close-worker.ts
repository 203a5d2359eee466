import { openSqlite } from '../../src/store/sqlite/open-sqlite';
import { WalCheckpointer } from '../../src/store/sqlite/wal-checkpointer';

/**
 * Starts the checkpoint thread, asks it for a checkpoint and another on its tick, closes it and prints `closed` as its last act: with nothing
 * else keeping the process alive, a thread that does not hold the event loop while awaited would end the process first.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  const db = openSqlite(file);
  const checkpointer = new WalCheckpointer(db, file, { everyMs: 0, startBytes: 0 });
  const r = await checkpointer.checkpoint();
  checkpointer.tick();
  await checkpointer.close();
  db.close();
  process.stdout.write(`closed ${r.busy}\n`);
}
void main();
