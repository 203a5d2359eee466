import type { ProofCheckRepo, ProofCheckRun } from '../proof-check-repo';
import { sqliteNoteSignatures } from './sqlite-note-signatures';
import type { Db } from './open-sqlite';
import { fromRow, parseJson, type Row } from './row-mapping';

function toRun(row: unknown): ProofCheckRun | undefined {
  const r = fromRow<Omit<ProofCheckRun, 'doubts' | 'facts'> & { doubts: string; facts: string }>(row as Row);
  return r && { ...r, doubts: parseJson(r.doubts, []), facts: parseJson(r.facts, {}) };
}

export function sqliteProofChecks(db: Db): ProofCheckRepo {
  const insert = db.prepare(`INSERT INTO proof_checks (submission_id, source_key, status, doubts, created_at)
    VALUES (?, ?, 'pending', ?, ?) ON CONFLICT (submission_id, source_key) DO NOTHING`);
  const pending = db.prepare("SELECT * FROM proof_checks WHERE status = 'pending' ORDER BY created_at, rowid LIMIT ?");
  const finish = db.prepare(
    'UPDATE proof_checks SET status = ?, doubts = ?, facts = ?, finished_at = ? WHERE submission_id = ? AND source_key = ?',
  );
  const one = db.prepare('SELECT * FROM proof_checks WHERE submission_id = ? AND source_key = ?');
  return {
    ...sqliteNoteSignatures(db),
    async enqueue(input, now) {
      insert.run(input.submissionId, input.sourceKey, JSON.stringify(input.doubts), now.toISOString());
    },
    async listPending(limit) {
      return pending.all(limit).map((r) => toRun(r)!);
    },
    async finish(submissionId, sourceKey, result, now) {
      const { status, doubts, facts } = result;
      finish.run(status, JSON.stringify(doubts), JSON.stringify(facts), now.toISOString(), submissionId, sourceKey);
    },
    async get(submissionId, sourceKey) {
      return toRun(one.get(submissionId, sourceKey));
    },
  };
}
