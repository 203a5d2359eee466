import type { ProofCheckRepo, ProofCheckRun } from '../proof-check-repo';
import { sqliteNoteSignatures } from './sqlite-note-signatures';
import { GroupCommit } from './group-commit';
import type { Db } from './open-sqlite';
import { fromRow, parseJson, type Row } from './row-mapping';

function toRun(row: unknown): ProofCheckRun | undefined {
  const r = fromRow<Omit<ProofCheckRun, 'doubts' | 'facts'> & { doubts: string; facts: string }>(row as Row);
  return r && { ...r, doubts: parseJson(r.doubts, []), facts: parseJson(r.facts, {}) };
}

/**
 * Queueing and finishing a check are one small write each, per proof: they share the group commit of the other
 * per-message writes instead of paying a transaction of their own.
 */
export function sqliteProofChecks(db: Db, commit = new GroupCommit(db)): ProofCheckRepo {
  const insert = db.prepare(`INSERT INTO proof_checks (submission_id, source_key, status, doubts, created_at)
    VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (submission_id, source_key) DO NOTHING`);
  const pending = db.prepare("SELECT * FROM proof_checks WHERE status = 'pending' ORDER BY created_at, rowid LIMIT ?");
  const finish = db.prepare(
    'UPDATE proof_checks SET status = ?, doubts = ?, facts = ?, finished_at = ? WHERE submission_id = ? AND source_key = ?',
  );
  const one = db.prepare('SELECT * FROM proof_checks WHERE submission_id = ? AND source_key = ?');
  return {
    ...sqliteNoteSignatures(db, commit),
    async enqueue(input, now) {
      const doubts = JSON.stringify(input.doubts);
      await commit.run(() => insert.run(input.submissionId, input.sourceKey, doubts, now.toISOString()));
    },
    async listPending(limit) {
      return pending.all(limit).map((r) => toRun(r)!);
    },
    async finish(submissionId, sourceKey, result, now) {
      const doubts = JSON.stringify(result.doubts);
      const facts = JSON.stringify(result.facts);
      const at = now.toISOString();
      await commit.run(() => finish.run(result.status, doubts, facts, at, submissionId, sourceKey));
    },
    async get(submissionId, sourceKey) {
      return toRun(one.get(submissionId, sourceKey));
    },
  };
}
