import type { Platform } from '../../bot/incoming-message';
import type { Branch, Chat, CheckIn, Identity, Member, MemberFields, RoleGrant } from '../../model';
import type { BranchRepo, ChatRepo, CheckInRepo, IdentityRepo, MemberRepo, RoleRepo } from '../store';
import { GroupCommit } from './group-commit';
import type { Db } from './open-sqlite';
import { allRecords, fromRow, fromRows, parseJson, toColumns, type Row } from './row-mapping';
import { keyedInsert } from './keyed-insert';
import { MEMBER_RECORD_FIELDS } from '../member-record-fields';

function memberColumns(fields: Partial<MemberFields>): Row {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => MEMBER_RECORD_FIELDS.has(k)));
}

export function sqliteBranches(db: Db): BranchRepo {
  const byId = db.prepare('SELECT * FROM branches WHERE id = ?');
  return {
    async create(input, now) {
      const info = db
        .prepare('INSERT INTO branches (name, kind, township, created_at) VALUES (?, ?, ?, ?)')
        .run(input.name, input.kind, input.township ?? null, now.toISOString());
      return fromRow<Branch>(byId.get(info.lastInsertRowid) as Row)!;
    },
    async get(id) {
      return fromRow<Branch>(byId.get(id) as Row);
    },
    async findByName(name) {
      return fromRow<Branch>(db.prepare('SELECT * FROM branches WHERE name = ?').get(name) as Row);
    },
    async list() {
      return fromRows<Branch>(db.prepare('SELECT * FROM branches ORDER BY id').all());
    },
  };
}

export function sqliteMembers(db: Db, commit = new GroupCommit(db)): MemberRepo {
  const byId = db.prepare('SELECT * FROM members WHERE id = ?');
  const get = (id: number | bigint) => fromRow<Member>(byId.get(id) as Row);
  const byIdentity = db.prepare(
    'SELECT m.* FROM identities i JOIN members m ON m.id = i.member_id WHERE i.platform = ? AND i.user_id = ?',
  );
  return {
    async create(fields, now, sourceKey) {
      const { columns, values } = toColumns(memberColumns(fields));
      const ts = now.toISOString();
      const sql = `INSERT INTO members (${[...columns, 'source_key', 'created_at', 'updated_at'].join(', ')}) VALUES (${[...columns, 1, 2, 3].map(() => '?').join(', ')})`;
      return get(
        keyedInsert(
          db,
          'members',
          sourceKey,
          () => db.prepare(sql).run(...values, sourceKey ?? null, ts, ts).lastInsertRowid,
        ),
      )!;
    },
    async update(id, fields, now) {
      const { columns, values } = toColumns(memberColumns(fields));
      const sets = [...columns.map((c) => `${c} = ?`), 'updated_at = ?'].join(', ');
      db.prepare(`UPDATE members SET ${sets} WHERE id = ?`).run(...values, now.toISOString(), id);
      return get(id)!;
    },
    async get(id) {
      return get(id);
    },
    async findByIdentity(platform, userId) {
      return fromRow<Member>(byIdentity.get(platform, userId) as Row);
    },
    async listByBranch(branchId, opts = {}) {
      const sql = `SELECT * FROM members WHERE (home_branch_id = ? OR host_branch_id = ?) ${opts.status ? 'AND status = ?' : ''} ORDER BY id`;
      return allRecords<Member>(db.prepare(sql), branchId, branchId, ...(opts.status ? [opts.status] : []));
    },
    async findByName(name) {
      return fromRows<Member>(db.prepare('SELECT * FROM members WHERE name = ? ORDER BY id').all(name));
    },
    async list() {
      return allRecords<Member>(db.prepare('SELECT * FROM members ORDER BY id'));
    },
    async touch(id, now) {
      await commit.run(() => db.prepare('UPDATE members SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id));
    },
  };
}

export function sqliteIdentities(db: Db): IdentityRepo {
  return {
    async bind(identity) {
      db.prepare(
        `INSERT INTO identities (platform, user_id, member_id, display_name) VALUES (?, ?, ?, ?)
        ON CONFLICT (platform, user_id) DO UPDATE SET member_id = excluded.member_id, display_name = excluded.display_name`,
      ).run(identity.platform, identity.userId, identity.memberId, identity.displayName ?? null);
    },
    async find(platform, userId) {
      return fromRow<Identity>(
        db.prepare('SELECT * FROM identities WHERE platform = ? AND user_id = ?').get(platform, userId) as Row,
      );
    },
    async listByMember(memberId) {
      return fromRows<Identity>(
        db.prepare('SELECT * FROM identities WHERE member_id = ? ORDER BY platform, user_id').all(memberId),
      );
    },
  };
}

function toChat(row: Row | undefined): Chat | undefined {
  const chat = fromRow<Chat & { push?: string }>(row);
  if (!chat) return undefined;
  return { ...chat, push: parseJson<Chat['push']>(chat.push, undefined) };
}

export function sqliteChats(db: Db, commit = new GroupCommit(db)): ChatRepo {
  const one = db.prepare('SELECT * FROM chats WHERE platform = ? AND chat_id = ?');
  return {
    async upsertSeen(chat, now) {
      // Nearly every message comes from a chat already known under the same title: that needs a read, not a write
      // transaction (nor the write lock another process may be holding).
      const known = one.get(chat.platform, chat.chatId) as Row | undefined;
      if (known && ((chat.title ?? null) === null || chat.title === known.title)) return toChat(known)!;
      return commit.run(() => {
        db.prepare(
          `INSERT INTO chats (platform, chat_id, chat_type, title, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (platform, chat_id) DO UPDATE SET title = excluded.title WHERE excluded.title IS NOT NULL AND excluded.title IS NOT chats.title`,
        ).run(chat.platform, chat.chatId, chat.chatType, chat.title ?? null, now.toISOString());
        return toChat(one.get(chat.platform, chat.chatId) as Row)!;
      });
    },
    async get(platform: Platform, chatId: string) {
      return toChat(one.get(platform, chatId) as Row);
    },
    async bindBranch(platform, chatId, branchId) {
      db.prepare('UPDATE chats SET branch_id = ? WHERE platform = ? AND chat_id = ?').run(branchId, platform, chatId);
    },
    async setPush(platform, chatId, push) {
      db.prepare('UPDATE chats SET push = ? WHERE platform = ? AND chat_id = ?').run(
        push ? JSON.stringify(push) : null,
        platform,
        chatId,
      );
    },
    async listByBranch(branchId) {
      return db
        .prepare('SELECT * FROM chats WHERE branch_id = ? ORDER BY created_at')
        .all(branchId)
        .map((r) => toChat(r as Row)!);
    },
  };
}

export function sqliteRoles(db: Db): RoleRepo {
  return {
    async grant(input, now) {
      db.prepare(
        `INSERT INTO role_grants (role, member_id, branch_id, granted_by, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING`,
      ).run(input.role, input.memberId, input.branchId, input.grantedBy, now.toISOString());
      const row = db
        .prepare('SELECT * FROM role_grants WHERE role = ? AND member_id = ? AND IFNULL(branch_id, 0) = IFNULL(?, 0)')
        .get(input.role, input.memberId, input.branchId) as Row;
      return { ...fromRow<RoleGrant>(row)!, branchId: (row.branch_id as number | null) ?? null };
    },
    async listByMember(memberId) {
      return db
        .prepare('SELECT * FROM role_grants WHERE member_id = ? ORDER BY id')
        .all(memberId)
        .map((r) => ({ ...fromRow<RoleGrant>(r as Row)!, branchId: ((r as Row).branch_id as number | null) ?? null }));
    },
    async secretariesOf(branchId) {
      return db
        .prepare("SELECT * FROM role_grants WHERE role = 'secretary' AND branch_id = ? ORDER BY id")
        .all(branchId)
        .map((r) => fromRow<RoleGrant>(r as Row)!);
    },
  };
}

export function sqliteCheckIns(db: Db): CheckInRepo {
  return {
    async record(input, now, sourceKey) {
      const id = keyedInsert(
        db,
        'check_ins',
        sourceKey,
        () =>
          db
            .prepare(
              'INSERT INTO check_ins (member_id, branch_id, identity, source_key, created_at) VALUES (?, ?, ?, ?, ?)',
            )
            .run(input.memberId, input.branchId, input.identity, sourceKey ?? null, now.toISOString()).lastInsertRowid,
      );
      return fromRow<CheckIn>(db.prepare('SELECT * FROM check_ins WHERE id = ?').get(id) as Row)!;
    },
    async listByMember(memberId) {
      return fromRows<CheckIn>(db.prepare('SELECT * FROM check_ins WHERE member_id = ? ORDER BY id').all(memberId));
    },
  };
}
