import type { HelpCase, HelpCaseEvent } from '../../help-cases/help-case';
import type { HelpCaseCount, HelpCaseFilter, HelpCaseRepo } from '../help-case-repo';
import type { Db } from './open-sqlite';
import { fromRow, fromRows, toColumns, type Row } from './row-mapping';

function where(filter: HelpCaseFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const scope: string[] = [];
  if (filter.branchIds?.length) {
    const marks = filter.branchIds.map(() => '?').join(', ');
    scope.push(`home_branch_id IN (${marks}) OR host_branch_id IN (${marks})`);
    args.push(...filter.branchIds, ...filter.branchIds);
  }
  if (filter.assigneeId !== undefined) {
    scope.push('assignee_id = ?');
    args.push(filter.assigneeId);
  }
  if (scope.length) parts.push(`(${scope.join(' OR ')})`);
  else if (filter.branchIds) parts.push('0'); // an empty branch list in scope matches nothing, not everything
  if (filter.memberId !== undefined) {
    parts.push('member_id = ?');
    args.push(filter.memberId);
  }
  if (filter.statuses?.length) {
    parts.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`);
    args.push(...filter.statuses);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

export function sqliteHelpCases(db: Db): HelpCaseRepo {
  const byId = db.prepare('SELECT * FROM help_cases WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM help_cases WHERE source_key = ?');
  const get = (id: number) => fromRow<HelpCase>(byId.get(id) as Row | undefined);
  return {
    async open(input, now) {
      const ts = now.toISOString();
      const info = db
        .prepare(
          `INSERT INTO help_cases (member_id, category, content, status, home_branch_id, host_branch_id, assignee_id,
        platform, source_key, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`,
        )
        .run(
          input.memberId,
          input.category,
          input.content,
          input.homeBranchId ?? null,
          input.hostBranchId ?? null,
          input.assigneeId ?? null,
          input.platform,
          input.sourceKey,
          ts,
          ts,
        );
      return { helpCase: fromRow<HelpCase>(byKey.get(input.sourceKey) as Row)!, created: info.changes > 0 };
    },
    async get(id) {
      return get(id);
    },
    async list(filter = {}) {
      const { sql, args } = where(filter);
      const limit = filter.limit ? `LIMIT ${Math.max(1, Math.floor(filter.limit))}` : '';
      return fromRows<HelpCase>(db.prepare(`SELECT * FROM help_cases ${sql} ORDER BY id DESC ${limit}`).all(...args));
    },
    async update(id, patch, now) {
      const { columns, values } = toColumns({ ...patch, updatedAt: now.toISOString() });
      const info = db
        .prepare(`UPDATE help_cases SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
        .run(...values, id);
      if (info.changes === 0) throw new Error(`help case ${id} does not exist`);
      return get(id)!;
    },
    async listUnanswered(before) {
      return fromRows<HelpCase>(
        db
          .prepare(
            `SELECT * FROM help_cases WHERE status = 'open' AND escalated_at IS NULL AND created_at < ?
        ORDER BY created_at, id`,
          )
          .all(before.toISOString()),
      );
    },
    async markEscalated(id, now) {
      const ts = now.toISOString();
      return (
        db
          .prepare('UPDATE help_cases SET escalated_at = ?, updated_at = ? WHERE id = ? AND escalated_at IS NULL')
          .run(ts, ts, id).changes > 0
      );
    },
    async addEvent(e, now) {
      const info = db
        .prepare(
          `INSERT INTO help_case_events (case_id, kind, actor, text, idem_key, created_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (idem_key) DO NOTHING`,
        )
        .run(e.caseId, e.kind, e.actor, e.text ?? null, e.idemKey, now.toISOString());
      if (info.changes === 0) return undefined;
      return fromRow<HelpCaseEvent>(
        db.prepare('SELECT * FROM help_case_events WHERE id = ?').get(info.lastInsertRowid) as Row,
      );
    },
    async listEvents(caseId) {
      return fromRows<HelpCaseEvent>(
        db.prepare('SELECT * FROM help_case_events WHERE case_id = ? ORDER BY id').all(caseId),
      );
    },
    async counts() {
      return fromRows<HelpCaseCount>(
        db
          .prepare(
            `SELECT category, status, COUNT(*) AS count FROM help_cases
        GROUP BY category, status ORDER BY category, status`,
          )
          .all(),
      );
    },
  };
}
