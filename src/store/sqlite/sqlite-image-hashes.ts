import type { ImageHashRecord, ImageHashRepo } from '../image-hash-repo';
import type { Db } from './open-sqlite';

interface Row {
  id: number;
  hash: string;
  sha256: string;
  submission_id: number;
  member_id: number;
  task_id: number;
  created_at: string;
}

const toRecord = (r: Row): ImageHashRecord => ({
  id: r.id,
  hash: r.hash,
  sha256: r.sha256,
  submissionId: r.submission_id,
  memberId: r.member_id,
  taskId: r.task_id,
  createdAt: r.created_at,
});

export function sqliteImageHashes(db: Db): ImageHashRepo {
  const insert = db.prepare(`INSERT INTO image_hashes (hash, sha256, submission_id, member_id, task_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (submission_id, sha256) DO NOTHING`);
  const byKey = db.prepare('SELECT * FROM image_hashes WHERE submission_id = ? AND sha256 = ?');
  const since = db.prepare('SELECT * FROM image_hashes WHERE id > ? ORDER BY id LIMIT ?');
  return {
    async add(input, now) {
      insert.run(input.hash, input.sha256, input.submissionId, input.memberId, input.taskId, now.toISOString());
      return toRecord(byKey.get(input.submissionId, input.sha256) as Row);
    },
    async listSince(afterId, limit) {
      return (since.all(afterId, limit) as Row[]).map(toRecord);
    },
  };
}
