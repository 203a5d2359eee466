import type { ServiceClaim, ServiceItem } from '../../service/service-records';
import type { ServiceRepo } from '../service-repo';
import type { Db } from './open-sqlite';
import { fromRow, json, parseJson, toColumns, type Row } from './row-mapping';

const claimOf = (row: unknown): ServiceClaim | undefined => {
  const c = fromRow<ServiceClaim & { media: unknown }>(row as Row | undefined);
  return c && { ...c, media: parseJson(c.media, []) };
};

/** The lowest place of 1..places that no claim holds, or undefined when all are held. */
function freeSlot(taken: number[], places: number): number | undefined {
  const held = new Set(taken);
  for (let slot = 1; slot <= places; slot++) if (!held.has(slot)) return slot;
  return undefined;
}

export function sqliteService(db: Db): ServiceRepo {
  const itemById = db.prepare('SELECT * FROM service_items WHERE id = ?');
  const itemByKey = db.prepare('SELECT * FROM service_items WHERE source_key = ?');
  const claimOfMember = db.prepare('SELECT * FROM service_claims WHERE item_id = ? AND member_id = ?');
  const heldSlots = db.prepare('SELECT slot FROM service_claims WHERE item_id = ? AND slot > 0').pluck();
  const insertClaim = db.prepare(`INSERT INTO service_claims (item_id, member_id, status, slot, claimed_at, source_key)
    VALUES (?, ?, 'claimed', ?, ?, ?)`);
  const reclaim = db.prepare(`UPDATE service_claims SET status = 'claimed', slot = ?, claimed_at = ?, source_key = ?,
    note = NULL, media = '[]', completed_at = NULL WHERE id = ?`);
  // One IMMEDIATE transaction reads the held places and takes one: no other writer can slip in between.
  const claim = db.transaction((item: ServiceItem, memberId: number, ts: string, sourceKey: string) => {
    const before = claimOf(claimOfMember.get(item.id, memberId));
    if (before && before.status !== 'cancelled')
      return before.sourceKey === sourceKey
        ? { outcome: 'claimed' as const, claim: before }
        : { outcome: 'already' as const, claim: before };
    const slot = freeSlot(heldSlots.all(item.id) as number[], item.places);
    if (slot === undefined) return { outcome: 'full' as const };
    if (before) reclaim.run(slot, ts, sourceKey, before.id);
    else insertClaim.run(item.id, memberId, slot, ts, sourceKey);
    return { outcome: 'claimed' as const, claim: claimOf(claimOfMember.get(item.id, memberId))! };
  });
  const find = (itemId: number, memberId: number) => claimOf(claimOfMember.get(itemId, memberId));
  return {
    async create(fields, now, sourceKey) {
      const { columns, values } = toColumns({ ...fields, createdAt: now.toISOString(), sourceKey });
      const info = db
        .prepare(
          `INSERT INTO service_items (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
        ON CONFLICT (source_key) DO NOTHING`,
        )
        .run(...values);
      const row = info.changes ? itemById.get(info.lastInsertRowid) : itemByKey.get(sourceKey);
      return fromRow<ServiceItem>(row as Row)!;
    },
    async get(id) {
      return fromRow<ServiceItem>(itemById.get(id) as Row | undefined);
    },
    async list(opts = {}) {
      const parts: string[] = [];
      const args: unknown[] = [];
      if (opts.branchIds) {
        parts.push(`branch_id IN (${opts.branchIds.map(() => '?').join(', ') || 'NULL'})`);
        args.push(...opts.branchIds);
      }
      if (opts.kind) {
        parts.push('kind = ?');
        args.push(opts.kind);
      }
      const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
      const rows = db.prepare(`SELECT * FROM service_items ${where} ORDER BY id DESC`).all(...args);
      return rows.map((r) => fromRow<ServiceItem>(r as Row)!);
    },
    async claim(item, memberId, now, sourceKey) {
      return claim.immediate(item, memberId, now.toISOString(), sourceKey);
    },
    async cancel(itemId, memberId) {
      db.prepare(
        `UPDATE service_claims SET status = 'cancelled', slot = -id WHERE item_id = ? AND member_id = ? AND status = 'claimed'`,
      ).run(itemId, memberId);
      return find(itemId, memberId);
    },
    async complete(itemId, memberId, proof, now) {
      db.prepare(
        `UPDATE service_claims SET status = 'completed', note = ?, media = ?, completed_at = ?
         WHERE item_id = ? AND member_id = ? AND status IN ('claimed', 'completed')`,
      ).run(proof.note, json(proof.media), now.toISOString(), itemId, memberId);
      return find(itemId, memberId);
    },
    async confirm(itemId, memberId, by, now) {
      db.prepare(
        `UPDATE service_claims SET status = 'confirmed', confirmed_at = ?, confirmed_by = ?
         WHERE item_id = ? AND member_id = ? AND status = 'completed'`,
      ).run(now.toISOString(), by, itemId, memberId);
      return find(itemId, memberId);
    },
    async find(itemId, memberId) {
      return find(itemId, memberId);
    },
    async listClaims(itemId) {
      const rows = db.prepare('SELECT * FROM service_claims WHERE item_id = ? ORDER BY claimed_at, id').all(itemId);
      return rows.map((r) => claimOf(r)!);
    },
  };
}
