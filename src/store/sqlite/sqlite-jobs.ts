import type {
  BankItem,
  JobMarkRepo,
  JobRun,
  JobRunRepo,
  JobsRepo,
  PushSchedule,
  PushScheduleRepo,
  TaskBankRepo,
} from '../jobs-repo';
import type { Db } from './open-sqlite';
import { fromRow, parseJson, type Row } from './row-mapping';
import { keyedInsert } from './keyed-insert';

function toItem(row: unknown): BankItem | undefined {
  const item = fromRow<Omit<BankItem, 'proofKinds'> & { proofKinds: string }>(row as Row);
  return item && { ...item, proofKinds: parseJson(item.proofKinds, []) };
}

function sqliteBank(db: Db): TaskBankRepo {
  const byId = db.prepare('SELECT * FROM task_bank WHERE id = ?');
  const bySlot = db.prepare('SELECT * FROM task_bank WHERE branch_id = ? AND slot_key = ?');
  const nextFree = db.prepare('SELECT id FROM task_bank WHERE branch_id = ? AND slot_key IS NULL ORDER BY id LIMIT 1');
  const take = db.prepare('UPDATE task_bank SET slot_key = ?, reserved_at = ? WHERE id = ?');
  const reserve = db.transaction((branchId: number, slotKey: string, ts: string) => {
    const held = bySlot.get(branchId, slotKey);
    if (held) return toItem(held);
    const free = nextFree.get(branchId) as { id: number } | undefined;
    if (!free) return undefined;
    take.run(slotKey, ts, free.id);
    return toItem(byId.get(free.id));
  });
  return {
    async add(f, now, sourceKey) {
      const id = keyedInsert(
        db,
        'task_bank',
        sourceKey,
        () =>
          db
            .prepare(
              `INSERT INTO task_bank (branch_id, title, content, points, proof_kinds,
        min_chars, late_rule, duration_days, created_by, source_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              f.branchId,
              f.title,
              f.content,
              f.points,
              JSON.stringify(f.proofKinds),
              f.minChars,
              f.lateRule,
              f.durationDays,
              f.createdBy,
              sourceKey ?? null,
              now.toISOString(),
            ).lastInsertRowid,
      );
      return toItem(byId.get(id))!;
    },
    async get(id) {
      return toItem(byId.get(id));
    },
    async list(branchId, opts = {}) {
      const pending = opts.pending ? 'AND task_id IS NULL' : '';
      return db
        .prepare(`SELECT * FROM task_bank WHERE branch_id = ? ${pending} ORDER BY id`)
        .all(branchId)
        .map((r) => toItem(r)!);
    },
    // IMMEDIATE: two processes reserving for the same slot see each other's write, never two items for one slot.
    async reserve(branchId, slotKey, now) {
      return reserve.immediate(branchId, slotKey, now.toISOString());
    },
    async attachTask(id, taskId) {
      db.prepare('UPDATE task_bank SET task_id = ? WHERE id = ?').run(taskId, id);
    },
    async remove(id) {
      return (
        db.prepare('DELETE FROM task_bank WHERE id = ? AND slot_key IS NULL AND task_id IS NULL').run(id).changes > 0
      );
    },
  };
}

function sqlitePushSchedules(db: Db): PushScheduleRepo {
  const get = (branchId: number) =>
    fromRow<PushSchedule>(db.prepare('SELECT * FROM push_schedules WHERE branch_id = ?').get(branchId) as Row);
  return {
    async get(branchId) {
      return get(branchId);
    },
    async set(s, now) {
      db.prepare(
        `INSERT INTO push_schedules (branch_id, weekday, time, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (branch_id) DO UPDATE SET weekday = excluded.weekday, time = excluded.time, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(s.branchId, s.weekday, s.time, s.updatedBy, now.toISOString());
      return get(s.branchId)!;
    },
    async list() {
      return db
        .prepare('SELECT * FROM push_schedules ORDER BY branch_id')
        .all()
        .map((r) => fromRow<PushSchedule>(r as Row)!);
    },
  };
}

function toRun(row: unknown): JobRun | undefined {
  const r = fromRow<Omit<JobRun, 'trigger'> & { runTrigger: JobRun['trigger'] }>(row as Row);
  if (!r) return undefined;
  const { runTrigger, ...rest } = r;
  return { ...rest, trigger: runTrigger };
}

function sqliteRuns(db: Db): JobRunRepo {
  const get = (job: string, fireAt: string) =>
    toRun(db.prepare('SELECT * FROM job_runs WHERE job = ? AND fire_at = ?').get(job, fireAt));
  return {
    async get(job, fireAt) {
      return get(job, fireAt.toISOString());
    },
    async start(input, now) {
      const fireAt = input.fireAt.toISOString();
      db.prepare(
        `INSERT INTO job_runs (job, fire_at, status, run_trigger, owner, attempts, started_at) VALUES (?, ?, 'running', ?, ?, 1, ?)
        ON CONFLICT (job, fire_at) DO UPDATE SET status = 'running', run_trigger = excluded.run_trigger, owner = excluded.owner,
          attempts = job_runs.attempts + 1, started_at = excluded.started_at, finished_at = NULL, error = NULL`,
      ).run(input.job, fireAt, input.trigger, input.owner, now.toISOString());
      return get(input.job, fireAt)!;
    },
    async finish(job, fireAt, o, now) {
      db.prepare(
        'UPDATE job_runs SET status = ?, summary = ?, sent = ?, error = ?, finished_at = ? WHERE job = ? AND fire_at = ?',
      ).run(o.status, o.summary ?? null, o.sent ?? null, o.error ?? null, now.toISOString(), job, fireAt.toISOString());
    },
    async latest(job, opts = {}) {
      const sent = opts.sentOnly ? 'AND sent > 0' : '';
      return toRun(db.prepare(`SELECT * FROM job_runs WHERE job = ? ${sent} ORDER BY fire_at DESC LIMIT 1`).get(job));
    },
    async prune(before) {
      return db
        .prepare("DELETE FROM job_runs WHERE status = 'done' AND IFNULL(sent, 0) = 0 AND fire_at < ?")
        .run(before.toISOString()).changes;
    },
  };
}

function sqliteMarks(db: Db): JobMarkRepo {
  return {
    async has(key) {
      return db.prepare('SELECT 1 FROM job_marks WHERE key = ?').get(key) !== undefined;
    },
    async add(key, job, now) {
      return (
        db
          .prepare('INSERT INTO job_marks (key, job, at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING')
          .run(key, job, now.toISOString()).changes === 1
      );
    },
  };
}

export function sqliteJobs(db: Db): JobsRepo {
  return { bank: sqliteBank(db), pushSchedules: sqlitePushSchedules(db), runs: sqliteRuns(db), marks: sqliteMarks(db) };
}
