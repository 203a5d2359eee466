import type { Opinion, OpinionEvent, OpinionSender } from '../../opinions/opinion';
import type { OpinionFilter, OpinionRepo } from '../opinion-repo';
import type { Db } from './open-sqlite';
import { fromRow, fromRows, toColumns, type Row } from './row-mapping';

const toOpinion = (row: Row | undefined): Opinion | undefined => {
  const o = fromRow<Omit<Opinion, 'anonymous'> & { anonymous: number }>(row);
  return o && { ...o, anonymous: o.anonymous === 1 };
};

function where(filter: OpinionFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (filter.branchIds) {
    parts.push(filter.branchIds.length ? `branch_id IN (${filter.branchIds.map(() => '?').join(', ')})` : '0');
    args.push(...filter.branchIds);
  }
  if (filter.statuses?.length) {
    parts.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
    args.push(...filter.statuses);
  }
  if (filter.before) {
    parts.push('created_at < ?');
    args.push(filter.before.toISOString());
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

export function sqliteOpinions(db: Db): OpinionRepo {
  const byId = db.prepare('SELECT * FROM opinions WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM opinions WHERE source_key = ?');
  const insert = db.prepare(
    `INSERT INTO opinions (kind, category, content, anonymous, member_id, branch_id, branch_side, platform, source_key,
      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`,
  );
  const insertSender = db.prepare('INSERT INTO opinion_senders (opinion_id, member_id, platform) VALUES (?, ?, ?)');
  const get = (id: number) => toOpinion(byId.get(id) as Row | undefined);
  const open = db.transaction((input: Parameters<OpinionRepo['open']>[0], sender: OpinionSender, ts: string) => {
    const info = insert.run(
      input.kind,
      input.category,
      input.content,
      input.anonymous ? 1 : 0,
      input.anonymous ? null : sender.memberId,
      input.branchId,
      input.branchSide,
      input.platform,
      input.sourceKey,
      ts,
      ts,
    );
    if (info.changes > 0) insertSender.run(info.lastInsertRowid, sender.memberId, sender.platform);
    return info.changes > 0;
  });
  return {
    async open(input, sender, now) {
      const created = open.immediate(input, { ...sender, opinionId: 0 }, now.toISOString());
      return { opinion: toOpinion(byKey.get(input.sourceKey) as Row)!, created };
    },
    async get(id) {
      return get(id);
    },
    async list(filter = {}) {
      const { sql, args } = where(filter);
      const limit = filter.limit ? `LIMIT ${Math.max(1, Math.floor(filter.limit))}` : '';
      const rows = db.prepare(`SELECT * FROM opinions ${sql} ORDER BY id DESC ${limit}`).all(...args) as Row[];
      return rows.map((r) => toOpinion(r)!);
    },
    async transition(id, guard, patch, now) {
      const { columns, values } = toColumns({ ...patch, updatedAt: now.toISOString() });
      const marks = guard.statuses.map(() => '?').join(', ');
      const disputes = guard.disputes === undefined ? '' : ' AND disputes = ?';
      const info = db
        .prepare(
          `UPDATE opinions SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND status IN (${marks})${disputes}`,
        )
        .run(...values, id, ...guard.statuses, ...(guard.disputes === undefined ? [] : [guard.disputes]));
      return info.changes > 0 ? get(id) : undefined;
    },
    async markStage(id, stage, now) {
      const column = stage === 'digestedAt' ? 'digested_at' : 'admin_notified_at';
      const ts = now.toISOString();
      return db.prepare(`UPDATE opinions SET ${column} = ? WHERE id = ? AND ${column} IS NULL`).run(ts, id).changes > 0;
    },
    async senderOf(id) {
      return fromRow<OpinionSender>(
        db.prepare('SELECT * FROM opinion_senders WHERE opinion_id = ?').get(id) as Row | undefined,
      );
    },
    async listBySender(memberId) {
      const rows = db
        .prepare(
          `SELECT o.* FROM opinions o JOIN opinion_senders s ON s.opinion_id = o.id WHERE s.member_id = ?
          ORDER BY o.id DESC`,
        )
        .all(memberId) as Row[];
      return rows.map((r) => toOpinion(r)!);
    },
    async addEvent(e, now) {
      const info = db
        .prepare(
          `INSERT INTO opinion_events (opinion_id, kind, actor, text, idem_key, created_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (idem_key) DO NOTHING`,
        )
        .run(e.opinionId, e.kind, e.actor, e.text ?? null, e.idemKey, now.toISOString());
      if (info.changes === 0) return undefined;
      return fromRow<OpinionEvent>(
        db.prepare('SELECT * FROM opinion_events WHERE id = ?').get(info.lastInsertRowid) as Row,
      );
    },
    async listEvents(opinionId) {
      return fromRows<OpinionEvent>(
        db.prepare('SELECT * FROM opinion_events WHERE opinion_id = ? ORDER BY id').all(opinionId),
      );
    },
  };
}
