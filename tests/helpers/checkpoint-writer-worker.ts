import { openSqlite } from '../../src/store/sqlite/open-sqlite';
import { WalCheckpointer } from '../../src/store/sqlite/wal-checkpointer';

/**
 * Writes committed batches of rows into the database at argv[2] for ever, while the checkpoint thread copies the WAL
 * back at the same time. Prints `acked <last id>` after each commit (a commit is what an acknowledgement waits for)
 * and `checkpointed <frames>` as the thread reports; a test SIGKILLs it part-way.
 */
const file = process.argv[2];
const db = openSqlite(file);
const checkpointer = new WalCheckpointer(db, file, { everyMs: 0, startBytes: 0 });
db.exec('CREATE TABLE IF NOT EXISTS acked (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
const insert = db.prepare('INSERT INTO acked (id, body) VALUES (?, ?)');
const commit = db.transaction((from: number) => {
  for (let id = from; id < from + 50; id++) insert.run(id, Buffer.alloc(3000, id % 251));
});

let next = 1;
let commits = 0;
function step(): void {
  commit(next);
  next += 50;
  process.stdout.write(`acked ${next - 1}\n`);
  if (++commits % 10 === 0) {
    void checkpointer.checkpoint().then((r) => process.stdout.write(`checkpointed ${r.checkpointed}\n`));
  }
  setImmediate(step);
}
step();
