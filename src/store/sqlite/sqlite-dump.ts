import fs from 'node:fs/promises';
import path from 'node:path';
import { DUMP_COLLECTIONS, type DumpRecord, type StoreDump } from '../dump';
import type { Db } from './open-sqlite';
import { camel, snake, type Row } from './row-mapping';
import { reviewDumpSpecs } from './sqlite-review-dump';

/** How one table maps to dump records. Columns map by name (snake_case ⇄ camelCase) unless renamed. */
export interface SqliteTableSpec {
  table: string;
  /** Primary-key columns (the conflict target of an import). */
  key: string[];
  /** Fields kept as JSON text in the table. */
  json?: string[];
  /** Fields kept as 0/1 in the table. */
  bool?: string[];
  /** Record field → column, where the names differ. */
  rename?: Record<string, string>;
  /** Never updated: an import inserts what is missing and leaves existing rows alone. */
  appendOnly?: boolean;
  /** Extra shaping after the columns are mapped (and its inverse before writing). */
  fromRow?(record: DumpRecord, db: Db): DumpRecord;
  toRow?(record: DumpRecord): DumpRecord;
  /** Writes what lives in child tables, after the row (submission media). */
  afterWrite?(record: DumpRecord, db: Db): void;
  /** Records assembled from several rows each (no rowid to page by): read whole, written by replacing the group. */
  grouped?: { records(db: Db): DumpRecord[]; write(record: DumpRecord, db: Db): void };
}

const outboxTarget = {
  fromRow: ({ platform, chatId, chatType, ...rest }: DumpRecord) => ({
    ...rest,
    target: { platform, chatId, chatType },
  }),
  toRow: ({ target, ...rest }: DumpRecord) => ({ ...rest, ...(target as DumpRecord) }),
};

const submissionMedia = {
  fromRow(record: DumpRecord, db: Db) {
    const media = db
      .prepare('SELECT sha256, kind, name FROM submission_media WHERE submission_id = ? ORDER BY position')
      .all(record.id) as Row[];
    return { ...record, media: media.map((m) => (m.name === null ? { sha256: m.sha256, kind: m.kind } : m)) };
  },
  toRow: ({ media: _media, ...rest }: DumpRecord) => rest,
  afterWrite(record: DumpRecord, db: Db) {
    db.prepare('DELETE FROM submission_media WHERE submission_id = ?').run(record.id);
    const add = db.prepare(
      'INSERT INTO submission_media (submission_id, position, sha256, kind, name) VALUES (?, ?, ?, ?, ?)',
    );
    (record.media as Row[]).forEach((m, i) => add.run(record.id, i, m.sha256, m.kind, m.name ?? null));
  },
};

/** The core tables; other areas add theirs to `sqliteDumpSpecs` under their collection name. */
export const sqliteDumpSpecs: Record<string, SqliteTableSpec> = {
  branches: { table: 'branches', key: ['id'] },
  members: { table: 'members', key: ['id'] },
  identities: { table: 'identities', key: ['platform', 'user_id'] },
  chats: { table: 'chats', key: ['platform', 'chat_id'], json: ['push'] },
  roleGrants: { table: 'role_grants', key: ['id'] },
  checkIns: { table: 'check_ins', key: ['id'] },
  tasks: { table: 'tasks', key: ['id'], json: ['proofKinds', 'proofKeywords'], bool: ['screenshotProof'] },
  submissions: { table: 'submissions', key: ['id'], json: ['links'], bool: ['late'], ...submissionMedia },
  ledger: { table: 'ledger', key: ['id'], appendOnly: true },
  inbox: { table: 'inbox', key: ['key'], json: ['message'] },
  outbox: { table: 'outbox', key: ['id'], json: ['mentions', 'replyHint'], ...outboxTarget },
  chatLog: { table: 'chat_log', key: ['id'], json: ['mentions'], rename: { from: 'sender' } },
  audit: { table: 'audit_log', key: ['id'], json: ['detail'] },
  pendingMedia: { table: 'pending_media', key: ['key'], json: ['media'] },
  counters: { table: 'counters', key: ['key'] },
  taskBank: { table: 'task_bank', key: ['id'], json: ['proofKinds'] },
  pushSchedules: { table: 'push_schedules', key: ['branch_id'] },
  jobRuns: { table: 'job_runs', key: ['job', 'fire_at'], rename: { trigger: 'run_trigger' } },
  jobMarks: { table: 'job_marks', key: ['key'] },
  helpCases: { table: 'help_cases', key: ['id'] },
  helpCaseEvents: { table: 'help_case_events', key: ['id'], appendOnly: true },
  pendingCheckIns: { table: 'pending_check_ins', key: ['id'], json: ['fields', 'candidateIds'] },
  meetings: { table: 'meetings', key: ['id'], bool: ['photoRequired'] },
  meetingAttendance: { table: 'meeting_attendance', key: ['id'] },
  contacts: { table: 'contacts', key: ['id'], json: ['media'] },
  homecomings: { table: 'homecomings', key: ['id'] },
  certificates: { table: 'certificates', key: ['id'] },
  opinions: { table: 'opinions', key: ['id'], bool: ['anonymous'] },
  opinionSenders: { table: 'opinion_senders', key: ['opinion_id'] },
  opinionEvents: { table: 'opinion_events', key: ['id'], appendOnly: true },
  proofChecks: { table: 'proof_checks', key: ['submission_id', 'source_key'], json: ['doubts', 'facts'] },
  serviceItems: { table: 'service_items', key: ['id'] },
  serviceClaims: { table: 'service_claims', key: ['id'], json: ['media'] },
  ...reviewDumpSpecs,
  imageHashes: { table: 'image_hashes', key: ['id'], appendOnly: true },
};

function toRecord(spec: SqliteTableSpec, row: Row, db: Db): DumpRecord {
  const fieldOf = Object.fromEntries(Object.entries(spec.rename ?? {}).map(([field, column]) => [column, field]));
  const out: DumpRecord = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null) continue;
    const field = fieldOf[column] ?? camel(column);
    out[field] = spec.json?.includes(field)
      ? JSON.parse(String(value))
      : spec.bool?.includes(field)
        ? Boolean(value)
        : value;
  }
  return spec.fromRow ? spec.fromRow(out, db) : out;
}

/** Values for every column of the table: a field the record lacks is NULL, so an import replaces the whole row. */
function toValues(spec: SqliteTableSpec, columns: string[], record: DumpRecord): unknown[] {
  const shaped = spec.toRow ? spec.toRow(record) : record;
  const byColumn = new Map<string, unknown>();
  for (const [field, value] of Object.entries(shaped)) {
    if (value === undefined || value === null) continue;
    const column = spec.rename?.[field] ?? snake(field);
    if (!columns.includes(column))
      throw new Error(
        `${spec.table} has no column ${column} for field ${field}: migrate the target to this version first`,
      );
    byColumn.set(
      column,
      spec.json?.includes(field) ? JSON.stringify(value) : spec.bool?.includes(field) ? (value ? 1 : 0) : value,
    );
  }
  return columns.map((c) => byColumn.get(c) ?? null);
}

/** Every `<aa>/<sha256>.<ext>` under the media directory (the layout of fs-blobs). */
export async function* fsBlobHashes(dir: string): AsyncGenerator<string> {
  const shards = (await fs.readdir(dir).catch(() => [] as string[])).filter((d) => /^[0-9a-f]{2}$/.test(d)).sort();
  for (const shard of shards) {
    for (const name of (await fs.readdir(path.join(dir, shard))).sort()) {
      if (/^[0-9a-f]{64}\.[a-z0-9]{1,8}$/.test(name)) yield name.slice(0, 64);
    }
  }
}

/** The SQLite adapter's dump: rows paged by rowid; imports run one transaction per batch. */
export function sqliteDump(
  db: Db,
  mediaDir: string,
  specs: Record<string, SqliteTableSpec> = sqliteDumpSpecs,
): StoreDump {
  const specOf = (collection: string) => {
    const spec = specs[collection];
    if (!spec) throw new Error(`no table for collection ${collection}`);
    return spec;
  };
  const writerFor = (spec: SqliteTableSpec) => {
    const grouped = spec.grouped;
    if (grouped) return (record: DumpRecord) => grouped.write(record, db);
    const columns = (db.prepare(`PRAGMA table_info(${spec.table})`).all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    const updates = columns.filter((c) => !spec.key.includes(c)).map((c) => `${c} = excluded.${c}`);
    const onConflict = spec.appendOnly || updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.join(', ')}`;
    const insert =
      db.prepare(`INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
      ON CONFLICT (${spec.key.join(', ')}) ${onConflict}`);
    return (record: DumpRecord) => {
      insert.run(...toValues(spec, columns, record));
      spec.afterWrite?.(record, db);
    };
  };
  return {
    collections: [
      ...DUMP_COLLECTIONS,
      ...Object.keys(specs).filter((c) => !(DUMP_COLLECTIONS as readonly string[]).includes(c)),
    ],
    async count(collection) {
      const grouped = specOf(collection).grouped;
      if (grouped) return grouped.records(db).length;
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${specOf(collection).table}`).get() as { n: number }).n;
    },
    async *read(collection, batchSize = 1000) {
      const spec = specOf(collection);
      if (spec.grouped) {
        const all = spec.grouped.records(db);
        for (let i = 0; i < all.length; i += batchSize) yield all.slice(i, i + batchSize);
        return;
      }
      const page = db.prepare(`SELECT rowid AS _rowid, * FROM ${spec.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`);
      for (let after = 0; ;) {
        const rows = page.all(after, batchSize) as Row[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]._rowid as number;
        yield rows.map(({ _rowid, ...row }) => toRecord(spec, row, db));
      }
    },
    async write(collection, records) {
      const writeOne = writerFor(specOf(collection));
      db.transaction(() => {
        for (const record of records) writeOne(record);
      }).immediate();
    },
    async finish() {
      /* AUTOINCREMENT already moved past every explicit id */
    },
    blobHashes: () => fsBlobHashes(mediaDir),
  };
}
