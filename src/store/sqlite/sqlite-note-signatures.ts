import type { ProofCheckRepo, StoredNoteSignature } from '../proof-check-repo';
import type { GroupCommit } from './group-commit';
import type { Db } from './open-sqlite';

type NoteSignatureMethods = Pick<ProofCheckRepo, 'putNoteSignatures' | 'unsignedNotes' | 'findNoteCandidates'>;

const toBlob = (minima: Uint32Array) => Buffer.from(minima.buffer, minima.byteOffset, minima.byteLength);

/** Copied out of the row's buffer: a Uint32Array view needs a 4-byte aligned offset, which a Buffer need not have. */
const toMinima = (blob: Buffer) => new Uint32Array(new Uint8Array(blob).buffer);

/** The note signatures of proof checks and their band index (one row per band), in the proof checks' database. */
export function sqliteNoteSignatures(db: Db, commit: GroupCommit): NoteSignatureMethods {
  const upsert =
    db.prepare(`INSERT INTO note_signatures (submission_id, task_id, source_key, minima) VALUES (?, ?, ?, ?)
    ON CONFLICT (submission_id) DO UPDATE SET task_id = excluded.task_id, source_key = excluded.source_key,
    minima = excluded.minima`);
  const dropBands = db.prepare('DELETE FROM note_bands WHERE submission_id = ?');
  const addBand = db.prepare('INSERT OR IGNORE INTO note_bands (task_id, band, submission_id) VALUES (?, ?, ?)');
  const unsignedSql = `NOT EXISTS (SELECT 1 FROM note_signatures n WHERE n.submission_id = s.id
    AND n.source_key = s.source_key)`;
  const unsigned = db
    .prepare(`SELECT s.id FROM submissions s WHERE s.task_id = ? AND ${unsignedSql} ORDER BY s.id`)
    .pluck();
  const unsignedPending = db
    .prepare(
      `SELECT DISTINCT s.id FROM proof_checks p JOIN submissions s ON s.id = p.submission_id
      AND s.source_key = p.source_key WHERE p.status = 'pending' AND s.task_id = ? AND ${unsignedSql} ORDER BY s.id`,
    )
    .pluck();
  const candidates = db.prepare(`SELECT n.submission_id AS id, n.minima FROM note_signatures n WHERE n.submission_id IN
    (SELECT b.submission_id FROM note_bands b WHERE b.task_id = ? AND b.band IN (SELECT value FROM json_each(?)))
    ORDER BY n.submission_id`);
  const put = (signatures: StoredNoteSignature[]) => {
    for (const s of signatures) {
      upsert.run(s.submissionId, s.taskId, s.sourceKey, toBlob(s.minima));
      dropBands.run(s.submissionId);
      for (const band of s.bands) addBand.run(s.taskId, band, s.submissionId);
    }
  };
  return {
    async putNoteSignatures(signatures) {
      // In the group commit: a signature and its bands are written in one transaction, never apart.
      if (signatures.length) await commit.run(() => put(signatures));
    },
    async unsignedNotes(taskId, options) {
      return (options?.pendingOnly ? unsignedPending : unsigned).all(taskId) as number[];
    },
    async findNoteCandidates(taskId, bands) {
      if (bands.length === 0) return [];
      const rows = candidates.all(taskId, JSON.stringify(bands)) as { id: number; minima: Buffer }[];
      return rows.map((r) => ({ submissionId: r.id, minima: toMinima(r.minima) }));
    },
  };
}
