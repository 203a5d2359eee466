import type { Contact, Homecoming } from '../../contacts/contact';
import type { Certificate } from '../../certificates/certificate';
import type { CertificateRepo } from '../certificate-repo';
import type { ContactFilter, ContactRepo, HomecomingFilter } from '../contact-repo';
import type { Db } from './open-sqlite';
import { fromRow, parseJson, type Row } from './row-mapping';

const marks = (ids: number[]) => ids.map(() => '?').join(', ');

function contactOf(row: Row | undefined): Contact | undefined {
  const c = fromRow<Contact & { media: unknown }>(row);
  return c && { ...c, media: parseJson(c.media, []) };
}

/** WHERE for a filter; an empty id list matches nothing (a secretary with no members sees nothing, not everything). */
function where(parts: Array<[string, unknown[]] | undefined>): { sql: string; args: unknown[] } {
  const used = parts.filter((p): p is [string, unknown[]] => p !== undefined);
  return {
    sql: used.length ? `WHERE ${used.map(([s]) => s).join(' AND ')}` : '',
    args: used.flatMap(([, a]) => a),
  };
}

function contactWhere(f: ContactFilter) {
  return where([
    f.memberIds && [f.memberIds.length ? `member_id IN (${marks(f.memberIds)})` : '0', f.memberIds],
    f.from === undefined ? undefined : ['created_at >= ?', [f.from]],
    f.to === undefined ? undefined : ['created_at < ?', [f.to]],
  ]);
}

function homeWhere(f: HomecomingFilter) {
  return where([
    f.branchIds && [f.branchIds.length ? `branch_id IN (${marks(f.branchIds)})` : '0', f.branchIds],
    f.season === undefined ? undefined : ['season = ?', [f.season]],
  ]);
}

export function sqliteContacts(db: Db): ContactRepo {
  const insert = db.prepare(`INSERT INTO contacts (member_id, kind, note, media, recorded_by, source_key, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`);
  const byKey = db.prepare('SELECT * FROM contacts WHERE source_key = ?');
  // Insert or, for a later message of the same season, replace what the member said; the same message changes nothing.
  const upsertHome = db.prepare(`INSERT INTO homecomings
    (member_id, branch_id, season, stay_until, text, source_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (member_id, season) DO UPDATE SET branch_id = excluded.branch_id, stay_until = excluded.stay_until,
    text = excluded.text, source_key = excluded.source_key, updated_at = excluded.updated_at
    WHERE homecomings.source_key <> excluded.source_key`);
  const homeOf = db.prepare('SELECT * FROM homecomings WHERE member_id = ? AND season = ?');
  return {
    async record(input, now) {
      const info = insert.run(
        input.memberId,
        input.kind,
        input.note,
        JSON.stringify(input.media),
        input.recordedBy,
        input.sourceKey,
        now.toISOString(),
      );
      return { contact: contactOf(byKey.get(input.sourceKey) as Row)!, created: info.changes > 0 };
    },
    async list(filter = {}) {
      const w = contactWhere(filter);
      const rows = db.prepare(`SELECT * FROM contacts ${w.sql} ORDER BY created_at DESC, id DESC`).all(...w.args);
      return rows.map((r) => contactOf(r as Row)!);
    },
    async reportHome(input, now) {
      const before = homeOf.get(input.memberId, input.season) as Row | undefined;
      const ts = now.toISOString();
      upsertHome.run(
        input.memberId,
        input.branchId,
        input.season,
        input.stayUntil ?? null,
        input.text,
        input.sourceKey,
        ts,
        ts,
      );
      const homecoming = fromRow<Homecoming>(homeOf.get(input.memberId, input.season) as Row)!;
      return { homecoming, created: !before };
    },
    async listHome(filter = {}) {
      const w = homeWhere(filter);
      const rows = db.prepare(`SELECT * FROM homecomings ${w.sql} ORDER BY updated_at DESC, id DESC`).all(...w.args);
      return rows.map((r) => fromRow<Homecoming>(r as Row)!);
    },
  };
}

export function sqliteCertificates(db: Db): CertificateRepo {
  const insert = db.prepare(`INSERT INTO certificates (member_id, branch_id, issued_by, valid_from, valid_until,
    destination, departure_month, source_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source_key) DO NOTHING`);
  const byKey = db.prepare('SELECT * FROM certificates WHERE source_key = ?');
  const byId = db.prepare('SELECT * FROM certificates WHERE id = ?');
  return {
    async issue(c, now) {
      const info = insert.run(
        c.memberId,
        c.branchId,
        c.issuedBy,
        c.validFrom,
        c.validUntil,
        c.destination ?? null,
        c.departureMonth ?? null,
        c.sourceKey,
        now.toISOString(),
      );
      return { certificate: fromRow<Certificate>(byKey.get(c.sourceKey) as Row)!, created: info.changes > 0 };
    },
    async get(id) {
      return fromRow<Certificate>(byId.get(id) as Row | undefined);
    },
    async list(filter = {}) {
      const w = contactWhere({ memberIds: filter.memberIds });
      const rows = db.prepare(`SELECT * FROM certificates ${w.sql} ORDER BY id DESC`).all(...w.args);
      return rows.map((r) => fromRow<Certificate>(r as Row)!);
    },
  };
}
