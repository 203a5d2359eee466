import crypto from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';
import * as wecomCrypto from '@wecom/crypto';

/**
 * The floor for WeCom ingest: a bare node:http server that does only what no callback handler can skip —
 * signature check (constant time), decrypt, one SQLite insert (WAL, synchronous=NORMAL like the bot's store) — and
 * answers an empty 200. The bot's ingest is measured against this in the same run.
 */
export async function startFloorServer(dbFile: string, token: string, aesKey: string): Promise<{ port: number; close(): Promise<void>; rows(): number }> {
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS inbox (key TEXT PRIMARY KEY, message TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO inbox (key, message) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const { encrypt } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { encrypt: string };
        const expected = Buffer.from(wecomCrypto.getSignature(token, q.get('timestamp') ?? '', q.get('nonce') ?? '', encrypt));
        const given = Buffer.from(q.get('msg_signature') ?? '');
        if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) { res.writeHead(401).end(); return; }
        const { message } = wecomCrypto.decrypt(aesKey, encrypt);
        insert.run(`wecom:${(JSON.parse(message) as { msgid: string }).msgid}`, message);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    rows: () => (db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n,
    close: () => new Promise<void>((resolve) => server.close(() => { db.close(); resolve(); })),
  };
}
