import type { IncomingMessage } from '../../bot/incoming-message';
import type { AuditEntry, ChatLogEntry } from '../../model';
import type { OutboxItem, OutgoingMessage } from '../../outbox/outbox-types';
import type { AuditRepo, ChatLogRepo, InboxRepo, LeaseRepo, OutboxRepo } from '../store';
import type { Db } from './open-sqlite';
import { GroupCommit } from './group-commit';
import { InboxGroupCommit } from './inbox-group-commit';
import { keyedInsert } from './keyed-insert';
import { fromRow, json, parseJson, type Row } from './row-mapping';

export function sqliteInbox(db: Db, writer = new InboxGroupCommit(db)): InboxRepo {
  return {
    async accept(key, message, now) {
      return writer.accept(key, JSON.stringify(message), now.toISOString());
    },
    async markDone(key, status, error, now) {
      await writer.commit.run(() =>
        db
          .prepare('UPDATE inbox SET status = ?, error = ?, processed_at = ? WHERE key = ?')
          .run(status, error ?? null, now.toISOString(), key),
      );
    },
    async redactText(key, text) {
      await writer.commit.run(() =>
        db.prepare("UPDATE inbox SET message = json_set(message, '$.text', ?) WHERE key = ?").run(text, key),
      );
    },
    async listUnprocessed(limit) {
      return (
        db
          .prepare("SELECT key, message FROM inbox WHERE status = 'received' ORDER BY received_at LIMIT ?")
          .all(limit) as Row[]
      ).map((r) => ({ key: String(r.key), message: JSON.parse(String(r.message)) as IncomingMessage }));
    },
    async count() {
      return (db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n;
    },
  };
}

function toItem(row: unknown): OutboxItem | undefined {
  const r = row as Row | undefined;
  if (!r) return undefined;
  return {
    id: r.id as number,
    target: {
      platform: r.platform as OutboxItem['target']['platform'],
      chatId: String(r.chat_id),
      chatType: r.chat_type as OutboxItem['target']['chatType'],
    },
    text: String(r.text),
    mentions: parseJson<string[] | undefined>(r.mentions, undefined),
    replyHint: parseJson<Record<string, unknown> | undefined>(r.reply_hint, undefined),
    idemKey: (r.idem_key as string | null) ?? undefined,
    status: r.status as OutboxItem['status'],
    attempts: r.attempts as number,
    nextAttemptAt: String(r.next_attempt_at),
    lastError: (r.last_error as string | null) ?? undefined,
    createdAt: String(r.created_at),
    sentAt: (r.sent_at as string | null) ?? undefined,
  };
}

export function sqliteOutbox(db: Db, commit = new GroupCommit(db)): OutboxRepo {
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
  // The two kinds of due row are read as two index ranges (an OR of them made SQLite fetch and sort every due row);
  // each claimed row comes back from its UPDATE. One UPDATE over an IN (…) of the batch was measured slower.
  const claim = db.transaction((owner: string, now: string, limit: number, until: string, platforms?: string[]) => {
    const only = platforms ? `AND platform IN (${platforms.map(() => '?').join(', ') || 'NULL'})` : '';
    const ids = db
      .prepare(
        `SELECT id FROM (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ${only}
        UNION ALL SELECT id FROM outbox WHERE status = 'sending' AND claimed_until < ? ${only}) ORDER BY id LIMIT ?`,
      )
      .all(now, ...(platforms ?? []), now, ...(platforms ?? []), limit) as Array<{ id: number }>;
    const mark = db.prepare(
      `UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id = ?
      RETURNING *`,
    );
    return ids.map(({ id }) => toItem(mark.get(owner, until, id))!);
  });
  const insertItem = (m: OutgoingMessage, ts: string): OutboxItem => {
    const inserted = db
      .prepare(
        `INSERT INTO outbox (platform, chat_id, chat_type, text, mentions, reply_hint, idem_key, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING RETURNING *`,
      )
      .get(
        m.target.platform,
        m.target.chatId,
        m.target.chatType,
        m.text,
        json(m.mentions?.length ? m.mentions : undefined),
        json(m.replyHint),
        m.idemKey ?? null,
        ts,
        ts,
      );
    return toItem(inserted ?? db.prepare('SELECT * FROM outbox WHERE idem_key = ?').get(m.idemKey))!;
  };
  return {
    async enqueue(m, now) {
      return commit.run(() => insertItem(m, now.toISOString()));
    },
    // IMMEDIATE transaction: the write lock is taken before reading, so two processes never claim the same row. Not
    // in the group commit: a claim committed there with a command's later write would lease its reply to a process
    // killed before sending it, and the restarted one would wait out the lease.
    async claimDue(owner, now, limit, leaseMs, opts = {}) {
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return claim.immediate(owner, now.toISOString(), limit, until, opts.platforms);
    },
    async markSent(id, now) {
      await commit.run(() =>
        db
          .prepare(
            "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL, claimed_until = NULL WHERE id = ?",
          )
          .run(now.toISOString(), id),
      );
    },
    async markRetry(id, error, next) {
      db.prepare(
        "UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ?",
      ).run(error, next.toISOString(), id);
    },
    async defer(id, next) {
      db.prepare(
        "UPDATE outbox SET status = 'pending', attempts = MAX(attempts - 1, 0), next_attempt_at = ?, claimed_until = NULL WHERE id = ?",
      ).run(next.toISOString(), id);
    },
    async markFailed(id, error, now) {
      db.prepare(
        "UPDATE outbox SET status = 'failed', last_error = ?, sent_at = NULL, next_attempt_at = ? WHERE id = ?",
      ).run(error, now.toISOString(), id);
    },
    async get(id) {
      return toItem(byId.get(id));
    },
    async depth() {
      return (
        db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending','sending')").get() as { n: number }
      ).n;
    },
    async listFailed(limit) {
      return db
        .prepare("SELECT * FROM outbox WHERE status = 'failed' ORDER BY id DESC LIMIT ?")
        .all(limit)
        .map((r) => toItem(r)!);
    },
    async prune(before) {
      return db.prepare("DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?").run(before.toISOString()).changes;
    },
  };
}

export function sqliteChatLog(db: Db, commit = new GroupCommit(db)): ChatLogRepo {
  return {
    async append(e) {
      await commit.run(() =>
        db
          .prepare('INSERT INTO chat_log (platform, chat_id, sender, text, mentions, at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(e.platform, e.chatId, e.from, e.text, json(e.mentions?.length ? e.mentions : undefined), e.at),
      );
    },
    async redact(platform, chatId, from, text, replacement) {
      await commit.run(() =>
        db
          .prepare('UPDATE chat_log SET text = ? WHERE platform = ? AND chat_id = ? AND sender = ? AND text = ?')
          .run(replacement, platform, chatId, from, text),
      );
    },
    async list(platform, chatId, limit = 500) {
      const rows = db
        .prepare(
          'SELECT * FROM (SELECT * FROM chat_log WHERE platform = ? AND chat_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
        )
        .all(platform, chatId, limit) as Row[];
      return rows.map((r): ChatLogEntry => ({
        id: r.id as number,
        platform,
        chatId,
        from: String(r.sender),
        text: String(r.text),
        mentions: parseJson<string[] | undefined>(r.mentions, undefined),
        at: String(r.at),
      }));
    },
  };
}

export function sqliteAudit(db: Db): AuditRepo {
  return {
    async record(e, now, sourceKey) {
      keyedInsert(
        db,
        'audit_log',
        sourceKey,
        () =>
          db
            .prepare(
              'INSERT INTO audit_log (actor, action, subject, detail, source_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(e.actor, e.action, e.subject, json(e.detail), sourceKey ?? null, now.toISOString()).lastInsertRowid,
      );
    },
    async list(limit) {
      return (db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
        ...fromRow<AuditEntry>(r)!,
        detail: parseJson<Record<string, unknown> | undefined>(r.detail, undefined),
      }));
    },
  };
}

export function sqliteLeases(db: Db): LeaseRepo {
  return {
    async acquire(name, owner, now, ttlMs) {
      const info = db
        .prepare(
          `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`,
        )
        .run(name, owner, new Date(now.getTime() + ttlMs).toISOString(), now.toISOString());
      return info.changes === 1;
    },
    async release(name, owner) {
      db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
    },
  };
}
