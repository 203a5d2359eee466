import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load-config';
import type { Bot } from '../src/bot/bot';
import { dedupeKey } from '../src/bot/incoming-message';
import { createApp } from '../src/http/create-app';
import { createLogger } from '../src/observability/logger';
import { dingtalkChannel } from '../src/platforms/dingtalk/dingtalk-channel';
import { createRuntime } from '../src/runtime/create-runtime';
import type { BenchCase } from './bench-case';

const SECRET = 'bench-app-secret';
const CONNECTIONS = 50;
const SECONDS = 5;

const sign = (ts: string) => createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`, 'utf8').digest('base64');

/** A robot text message as DingTalk posts it (KB 0718), from one of 50 checked-in members. */
function payload(seq: number, text: string): string {
  const staff = `staff_${seq % 50}`;
  return JSON.stringify({
    conversationId: 'cidBenchGroup==',
    conversationType: '2',
    conversationTitle: '基准测试群',
    msgId: `bench-${seq}`,
    msgtype: 'text',
    text: { content: ` ${text}` },
    senderStaffId: staff,
    senderId: `$:LWCP_v1:$${staff}`,
    senderNick: staff,
    robotCode: 'bench-app',
    chatbotCorpId: 'dingbench',
    createAt: Date.now(),
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=bench',
    sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
    isInAtList: true,
  });
}

/** Answers every DingTalk call the bot makes (token, sendBySession, OpenAPI) with success, on loopback. */
async function dingtalkSink(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ accessToken: 'bench-token', expireIn: 7200, errcode: 0, errmsg: 'ok', processQueryKey: 'k' }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/** The floor: only what any DingTalk callback server must do — verify the sign, parse the JSON, insert one row. */
async function floorServer(dir: string): Promise<http.Server> {
  const db = new Database(path.join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE inbox (key TEXT PRIMARY KEY, message TEXT NOT NULL, received_at TEXT NOT NULL)');
  const insert = db.prepare(
    'INSERT INTO inbox (key, message, received_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  );
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => {
        const ts = String(req.headers.timestamp ?? '');
        const expected = Buffer.from(sign(ts));
        const got = Buffer.from(String(req.headers.sign ?? ''));
        if (
          Math.abs(Date.now() - Number(ts)) > 3_600_000 ||
          expected.length !== got.length ||
          !timingSafeEqual(expected, got)
        ) {
          res.writeHead(401).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { msgId: string };
        insert.run(`dingtalk:${body.msgId}`, JSON.stringify(body), new Date().toISOString());
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

/**
 * A fresh timestamp per request: the bot accepts each (timestamp, sign) pair once, and at thousands of requests a
 * second many would share a millisecond (DingTalk itself sends far fewer).
 */
let lastStamp = 0;
const nextStamp = () => String((lastStamp = Math.max(Date.now(), lastStamp + 1)));

async function measure(port: number, urlPath: string, text: string): Promise<autocannon.Result> {
  let seq = 1_000_000 * (1 + Math.floor(Math.random() * 1000));
  return autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          const ts = nextStamp();
          return {
            ...req,
            headers: { 'content-type': 'application/json; charset=utf-8', timestamp: ts, sign: sign(ts) },
            body: payload(seq++, text),
          };
        },
      },
    ],
  });
}

const line = (label: string, r: autocannon.Result) =>
  `${label}: ${Math.round(r.requests.average)} req/s (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${CONNECTIONS} connections, ${SECONDS} s)`;

/**
 * DingTalk HTTP-callback ingest through the whole bot (verify → parse → normalize → meter → durable dedupe insert →
 * 200; handling and the sessionWebhook reply continue in the background) beside the `node:http` floor, same run.
 */
export const dingtalkIngest: BenchCase = {
  name: 'dingtalk-ingest',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-dt-'));
    const sink = await dingtalkSink();
    const base = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      SIM_ENABLED: 'false',
      DINGTALK_MODE: 'http',
      DINGTALK_CLIENT_ID: 'bench-app',
      DINGTALK_CLIENT_SECRET: SECRET,
      DINGTALK_API_BASE: base,
      DINGTALK_OAPI_BASE: base,
      ZHIBU_ADMINS: 'dingtalk:staff_admin',
      DINGTALK_MONTHLY_QUOTA: '100000000',
      DINGTALK_MONTHLY_API_QUOTA: '100000000',
    });
    const rt = await createRuntime(config, { log: createLogger('silent') });
    const bot = http.createServer(rt.app.callback());
    await new Promise<void>((r) => bot.listen(0, '127.0.0.1', r));
    const botPort = (bot.address() as AddressInfo).port;
    const post = (body: string) => {
      const ts = nextStamp();
      return fetch(`http://127.0.0.1:${botPort}/dingtalk/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', timestamp: ts, sign: sign(ts) },
        body,
      });
    };
    await post(payload(-1, '绑定支部 基准测试支部 流入').replaceAll('staff_-1', 'staff_admin'));
    for (let i = 0; i < 50; i++) await post(payload(i, `报到 党员${String.fromCharCode(0x4e00 + i)} 广东广州`));
    while ((await rt.services.store.inbox.listUnprocessed(1)).length > 0) await new Promise((r) => setTimeout(r, 20));
    const floor = await floorServer(dir);
    // The same channel and store, with a bot that only persists: the ingest path without handling and replies.
    const acceptOnly = {
      accept: (m: Parameters<Bot['accept']>[0]) => rt.services.store.inbox.accept(dedupeKey(m), m, new Date()),
    } as unknown as Bot;
    const bare = http.createServer(
      createApp(rt.services, [
        dingtalkChannel({ config, bot: acceptOnly, services: rt.services, outbox: rt.outbox }),
      ]).callback(),
    );
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));

    const floorResult = await measure((floor.address() as AddressInfo).port, '/', '积分');
    const bareResult = await measure((bare.address() as AddressInfo).port, '/dingtalk/callback', '积分');
    const full = await measure(botPort, '/dingtalk/callback', '积分');
    const ratio = (r: autocannon.Result) => (r.requests.average / Math.max(1, floorResult.requests.average)).toFixed(2);
    const lines = [
      line('node:http floor (verify + parse + 1 insert)', floorResult),
      line(
        'DingTalk callback ingest path (koa route, verify, zod, normalize, meter, dedupe insert; no handling)',
        bareResult,
      ),
      line('DingTalk HTTP ingest, whole bot (积分 handled and answered in the background)', full),
      `ratio to floor: ingest path ${ratio(bareResult)}, whole bot ${ratio(full)}; inbox rows ${await rt.services.store.inbox.count()}, outbox backlog ${await rt.services.store.outbox.depth()} (replies paced at 20/min per robot)`,
    ];
    for (const s of [bot, bare, floor, sink]) {
      s.closeAllConnections();
      s.close();
    }
    await rt.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
