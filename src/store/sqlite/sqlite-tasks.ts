import type { Submission, SubmissionMedia, Task } from '../../model';
import type { PendingMediaRepo, SubmissionRepo, TaskRepo } from '../store';
import type { Db } from './open-sqlite';
import { fromRow, parseJson, toColumns, type Row } from './row-mapping';
import { keyedInsert } from './keyed-insert';
import { GroupCommit } from './group-commit';

export function toTask(row: unknown): Task | undefined {
  const t = fromRow<
    Omit<Task, 'proofKinds' | 'proofKeywords' | 'screenshotProof'> & {
      proofKinds: string;
      proofKeywords?: string;
      screenshotProof?: number;
    }
  >(row as Row);
  if (!t) return undefined;
  const { proofKeywords, screenshotProof, ...rest } = t;
  return {
    ...rest,
    proofKinds: parseJson(t.proofKinds, []),
    ...(screenshotProof ? { screenshotProof: true } : {}),
    ...(proofKeywords ? { proofKeywords: parseJson<string[]>(proofKeywords, []) } : {}),
  };
}

export function sqliteTasks(db: Db): TaskRepo {
  const byId = db.prepare('SELECT * FROM tasks WHERE id = ?');
  return {
    async create(f, now, sourceKey) {
      const id = keyedInsert(
        db,
        'tasks',
        sourceKey,
        () =>
          db
            .prepare(
              `INSERT INTO tasks (branch_id, title, content, deadline, points, proof_kinds,
        min_chars, late_rule, created_by, source_key, created_at, screenshot_proof, proof_keywords)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              f.branchId,
              f.title,
              f.content,
              f.deadline,
              f.points,
              JSON.stringify(f.proofKinds),
              f.minChars,
              f.lateRule,
              f.createdBy,
              sourceKey ?? null,
              now.toISOString(),
              f.screenshotProof ? 1 : null,
              f.proofKeywords?.length ? JSON.stringify(f.proofKeywords) : null,
            ).lastInsertRowid,
      );
      return toTask(byId.get(id))!;
    },
    async get(id) {
      return toTask(byId.get(id));
    },
    async listByBranches(branchIds, opts = {}) {
      if (branchIds.length === 0) return [];
      const marks = branchIds.map(() => '?').join(', ');
      const open = opts.openAt ? 'AND deadline > ?' : '';
      const live = opts.withdrawn ? '' : 'AND withdrawn_at IS NULL';
      const order = opts.openAt ? 'deadline ASC, id ASC' : 'id DESC';
      const args: unknown[] = [...branchIds, ...(opts.openAt ? [opts.openAt.toISOString()] : [])];
      return db
        .prepare(`SELECT * FROM tasks WHERE branch_id IN (${marks}) ${open} ${live} ORDER BY ${order}`)
        .all(...args)
        .map((r) => toTask(r)!);
    },
    async update(id, changes) {
      const { columns, values } = toColumns({
        ...changes,
        proofKinds: changes.proofKinds && JSON.stringify(changes.proofKinds),
        screenshotProof: changes.screenshotProof === undefined ? undefined : changes.screenshotProof ? 1 : 0,
        proofKeywords: changes.proofKeywords && JSON.stringify(changes.proofKeywords),
      });
      if (columns.length)
        db.prepare(
          `UPDATE tasks SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND withdrawn_at IS NULL`,
        ).run(...values, id);
      const task = toTask(byId.get(id));
      return task && !task.withdrawnAt ? task : undefined;
    },
    async withdraw(id, reason, now) {
      const info = db
        .prepare('UPDATE tasks SET withdrawn_at = ?, withdraw_reason = ? WHERE id = ? AND withdrawn_at IS NULL')
        .run(now.toISOString(), reason ?? null, id);
      return info.changes ? toTask(byId.get(id)) : undefined;
    },
  };
}

export function sqliteSubmissions(db: Db, commit = new GroupCommit(db)): SubmissionRepo {
  const byId = db.prepare('SELECT * FROM submissions WHERE id = ?');
  const mediaOf = db.prepare(
    'SELECT sha256, kind, name FROM submission_media WHERE submission_id = ? ORDER BY position',
  );
  const mediaOfTask = db.prepare(
    `SELECT m.submission_id, m.sha256, m.kind, m.name FROM submission_media m
    JOIN submissions s ON s.id = m.submission_id WHERE s.task_id = ? ORDER BY m.submission_id, m.position`,
  );
  const build = (row: unknown, media: (id: number) => SubmissionMedia[]): Submission | undefined => {
    const s = fromRow<Omit<Submission, 'links' | 'late'> & { links: string; late: number }>(row as Row);
    if (!s) return undefined;
    return { ...s, links: parseJson(s.links, []), late: Boolean(s.late), media: media(s.id) };
  };
  const load = (row: unknown) => build(row, (id) => mediaOf.all(id).map((m) => fromRow<SubmissionMedia>(m as Row)!));
  /** A task's submissions with their media read in one query, not one per submission (the near-copy check reads all). */
  const loadTask = (taskId: number): Submission[] => {
    const media = new Map<number, SubmissionMedia[]>();
    for (const row of mediaOfTask.all(taskId) as Row[]) {
      const { submissionId, ...m } = fromRow<SubmissionMedia & { submissionId: number }>(row)!;
      media.set(submissionId, [...(media.get(submissionId) ?? []), m]);
    }
    const rows = db.prepare('SELECT * FROM submissions WHERE task_id = ? ORDER BY id').all(taskId);
    return rows.map((r) => build(r, (id) => media.get(id) ?? [])!);
  };
  // Both writes return the row they leave, and the media are the ones just written: no read after the commit. It
  // commits with the other writes of the moment (the group commit), and resolves once committed.
  const upsert = (input: Parameters<SubmissionRepo['upsert']>[0], ts: string) => {
    const existing = db
      .prepare('SELECT id FROM submissions WHERE task_id = ? AND member_id = ?')
      .get(input.taskId, input.memberId) as Row | undefined;
    const links = JSON.stringify(input.links);
    let row: Row;
    if (existing) {
      row = db
        .prepare(
          'UPDATE submissions SET note = ?, links = ?, late = ?, status = ?, source_key = ?, updated_at = ? WHERE id = ? RETURNING *',
        )
        .get(input.note, links, input.late ? 1 : 0, input.status, input.sourceKey, ts, existing.id) as Row;
      db.prepare('DELETE FROM submission_media WHERE submission_id = ?').run(existing.id);
    } else {
      row = db
        .prepare(
          `INSERT INTO submissions (task_id, member_id, note, links, late, status, source_key, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          input.taskId,
          input.memberId,
          input.note,
          links,
          input.late ? 1 : 0,
          input.status,
          input.sourceKey,
          ts,
          ts,
        ) as Row;
    }
    const addMedia = db.prepare(
      'INSERT INTO submission_media (submission_id, position, sha256, kind, name) VALUES (?, ?, ?, ?, ?)',
    );
    input.media.forEach((m, i) => addMedia.run(row.id, i, m.sha256, m.kind, m.name ?? null));
    const media = input.media.map((m) =>
      fromRow<SubmissionMedia>({ sha256: m.sha256, kind: m.kind, name: m.name ?? null })!,
    );
    return { submission: build(row, () => media)!, existed: Boolean(existing) };
  };
  return {
    upsert(input, now) {
      const ts = now.toISOString();
      return commit.run(() => upsert(input, ts));
    },
    async get(id) {
      return load(byId.get(id));
    },
    async find(taskId, memberId) {
      return load(db.prepare('SELECT * FROM submissions WHERE task_id = ? AND member_id = ?').get(taskId, memberId));
    },
    async listByTask(taskId) {
      return loadTask(taskId);
    },
    async setStatus(id, status, reviewNote, now) {
      db.prepare('UPDATE submissions SET status = ?, review_note = ?, updated_at = ? WHERE id = ?').run(
        status,
        reviewNote ?? null,
        now.toISOString(),
        id,
      );
    },
    async findByMediaHash(sha256) {
      return db
        .prepare(
          'SELECT DISTINCT s.* FROM submissions s JOIN submission_media m ON m.submission_id = s.id WHERE m.sha256 = ? ORDER BY s.id',
        )
        .all(sha256)
        .map((r) => load(r)!);
    },
  };
}

export function sqlitePending(db: Db): PendingMediaRepo {
  return {
    async hold(key, media, expiresAt) {
      db.prepare(
        `INSERT INTO pending_media (key, media, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET media = excluded.media, expires_at = excluded.expires_at`,
      ).run(key, JSON.stringify(media), expiresAt.toISOString());
    },
    async take(key, now) {
      const row = db.prepare('DELETE FROM pending_media WHERE key = ? RETURNING media, expires_at').get(key) as
        Row | undefined;
      if (!row || String(row.expires_at) <= now.toISOString()) return [];
      return parseJson<SubmissionMedia[]>(row.media, []);
    },
  };
}
