import crypto from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';
import * as wecomCrypto from '@wecom/crypto';
import { openSqlite } from '../src/store/sqlite/open-sqlite';

/** `minimal`: a two-column table of its own. `inbox`: the bot's own inbox table (same migrations, pragmas, indexes). */
export type FloorTable = 'minimal' | 'inbox';

function insertInto(
  dbFile: string,
  table: FloorTable,
): { insert: (key: string, message: string) => void; rows: () => number; close: () => void } {
  if (table === 'inbox') {
    const db = openSqlite(dbFile);
    const stmt = db.prepare(
      'INSERT INTO inbox (key, message, received_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
    return {
      insert: (key, message) => {
        stmt.run(key, message, new Date().toISOString());
      },
      rows: () => (db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n,
      close: () => db.close(),
    };
  }
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS inbox (key TEXT PRIMARY KEY, message TEXT NOT NULL)');
  const stmt = db.prepare('INSERT INTO inbox (key, message) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  return {
    insert: (key, message) => {
      stmt.run(key, message);
    },
    rows: () => (db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n,
    close: () => db.close(),
  };
}

/**
 * The floor for WeCom ingest: a bare node:http server that does only what no callback handler can skip —
 * signature check (constant time), decrypt, one SQLite insert (WAL, synchronous=NORMAL like the bot's store) — and
 * answers an empty 200. The bot's ingest is measured against this in the same run, with the insert going into a
 * minimal table and into the bot's own inbox table (its indexes are part of the cost of durable dedupe).
 */
export async function startFloorServer(
  dbFile: string,
  token: string,
  aesKey: string,
  table: FloorTable,
): Promise<{ port: number; close(): Promise<void>; rows(): number }> {
  const db = insertInto(dbFile, table);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const { encrypt } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { encrypt: string };
        const expected = Buffer.from(
          wecomCrypto.getSignature(token, q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypt),
        );
        const given = Buffer.from(q.get('msg_signature') ?? '');
        if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
          res.writeHead(401).end();
          return;
        }
        const { message } = wecomCrypto.decrypt(aesKey, encrypt);
        db.insert(`wecom:${(JSON.parse(message) as { msgid: string }).msgid}`, message);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    rows: db.rows,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          db.close();
          resolve();
        }),
      ),
  };
}
