import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config/load-config';
import type { IncomingMessage } from '../src/bot/incoming-message';
import { createLogger } from '../src/observability/logger';
import { createRuntime } from '../src/runtime/create-runtime';
import type { BenchCase } from './bench-case';
import { startFloorServer } from './wecom-floor-server';
import { cpuMicros } from './process-stats';
import { runWecomLoad } from './run-wecom-load';
import { rssMiB, startFlags, startServe } from './serve-process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../bin/build.js') as { ensureBuilt(root: string): string };

const ROOT = path.resolve(__dirname, '..');

const TOKEN = 'benchToken2026';
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const CHAT = 'wrkBenchGroup';
const MEMBERS = 100;
const TASKS = 500;
const CONNECTIONS = 50;
const MEASURE_S = 8;

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  sent: number;
  non2xx: number;
  errors: number;
  wrapped: boolean;
}

type Measured = LoadResult & { cpuUs: number; rssMb?: number; loop?: LoopFigures };

/** What bench/loop-delay-probe.cjs reports from inside the bot: event-loop delay and GC pauses in the window (ms). */
interface LoopFigures {
  loop: { p50: number; p99: number; max: number; mean: number };
  /** Each request inside the bot: from its parsed headers to its answer handed to the kernel (ms). */
  request?: { p50: number; p99: number; max: number };
  gc: { count: number; totalMs: number; maxMs: number; over10: number };
  /** GC pauses by perf_hooks kind: 1 scavenge, 4 mark-compact, 8 incremental marking, 16 weak callbacks. */
  kinds?: Record<string, { count: number; totalMs: number; maxMs: number }>;
}

const GC_KINDS: Record<string, string> = { 1: 'scavenge', 4: 'mark-compact', 8: 'incremental', 16: 'weak callbacks' };

function gcKinds(kinds: LoopFigures['kinds']): string {
  return Object.entries(kinds ?? {})
    .map(([k, v]) => `${GC_KINDS[k] ?? k} ${v.count} (${Math.round(v.totalMs)} ms, longest ${Math.round(v.maxMs)})`)
    .join(', ');
}

const PROBE = path.join(__dirname, 'loop-delay-probe.cjs');

/**
 * Runs a load phase and measures the CPU per request served of the process under test — `pid`, the bot, or this
 * process, where the floors run — (robust when other work shares the cores) and, for the bot, its peak resident
 * memory during the phase (sampled).
 */
async function measured(
  url: string,
  offset: number,
  responseBase: string,
  pid?: number,
  probeOut?: string,
): Promise<Measured> {
  let rss = 0;
  const sample = () => {
    if (pid) rss = Math.max(rss, rssMiB(pid));
  };
  const sampler = setInterval(sample, 50);
  const cpu = () => (pid ? cpuMicros(pid) : process.cpuUsage().user + process.cpuUsage().system);
  // The window opens when the client starts firing. The probe opens its window on the first SIGUSR2 and writes its
  // figures on the second.
  let before = cpu();
  const r = await load(url, offset, 250_000, MEASURE_S, responseBase, () => {
    if (pid && probeOut) process.kill(pid, 'SIGUSR2');
    before = cpu();
  });
  const used = cpu() - before;
  if (pid && probeOut) process.kill(pid, 'SIGUSR2');
  sample();
  clearInterval(sampler);
  const loop = probeOut ? await readProbe(probeOut) : undefined;
  return {
    ...r,
    cpuUs: used / Math.max(1, r.sent),
    ...(pid ? { rssMb: Math.round(rss) } : {}),
    ...(loop ? { loop } : {}),
  };
}

async function readProbe(file: string): Promise<LoopFigures | undefined> {
  for (let i = 0; i < 50 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as LoopFigures) : undefined;
}

/** Runs bench/wecom-load.ts in a child process (its own core) against `url`. */
function load(
  url: string,
  offset: number,
  count: number,
  durationS: number,
  responseBase: string,
  onReady?: () => void,
): Promise<LoadResult> {
  const spec = {
    url,
    token: TOKEN,
    aesKey: AES_KEY,
    offset,
    count,
    members: MEMBERS,
    tasks: TASKS,
    chatId: CHAT,
    responseBase,
    connections: CONNECTIONS,
    durationS,
  };
  return runWecomLoad(spec, onReady);
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

function botEnv(dir: string, sinkUrl: string): Record<string, string> {
  return {
    DATA_DIR: dir,
    ZHIBU_ADMINS: 'wecom:admin',
    LOG_LEVEL: 'silent',
    WECOM_BOT_TOKEN: TOKEN,
    WECOM_BOT_AES_KEY: AES_KEY,
    WECOM_API_BASE: sinkUrl,
    JOBS_ENABLED: 'false',
    ZB_LOOP_PROBE_OUT: path.join(dir, 'loop-probe.json'),
    ...(process.env.BENCH_WINDOW_PROF ? { ZB_LOOP_PROBE_PROF: process.env.BENCH_WINDOW_PROF } : {}),
    ...(process.env.BENCH_WINDOW_HEAP ? { ZB_LOOP_PROBE_HEAP: process.env.BENCH_WINDOW_HEAP } : {}),
  };
}

/** A bound group with a secretary, MEMBERS checked-in members and TASKS open text tasks. */
async function seed(env: Record<string, string>): Promise<void> {
  const rt = await createRuntime(loadConfig(env), { log: createLogger('silent') });
  let n = 0;
  const say = (userId: string, text: string) => {
    const m: IncomingMessage = {
      platform: 'wecom',
      msgId: `seed-${n++}`,
      chatId: CHAT,
      chatType: 'group',
      userId,
      text,
      media: [],
      receivedAt: new Date().toISOString(),
    };
    return rt.bot.receive(m);
  };
  await say('admin', '绑定支部 基准测试支部 流出');
  for (let i = 0; i < MEMBERS; i++) await say(`m${i}`, `报到 党员${String.fromCharCode(0x4e00 + i)} 广东广州`);
  const branchId = (await rt.services.store.chats.get('wecom', CHAT))!.branchId!;
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (let t = 0; t < TASKS; t++) {
    await rt.services.store.tasks.create(
      {
        branchId,
        title: `学习${t}`,
        content: '',
        deadline,
        points: 1,
        proofKinds: ['text'],
        minChars: 10,
        lateRule: 'full',
        createdBy: 'bench',
      },
      new Date(),
    );
  }
  await rt.stop();
}

const fmt = (r: Measured) =>
  `${Math.round(r.rps)} req/s (p50 ${r.p50} ms, p99 ${r.p99} ms, ${Math.round(r.cpuUs)} µs CPU/request${r.rssMb ? `, peak RSS of the bot process ${r.rssMb} MB` : ''}, ${r.non2xx} non-2xx, ${r.errors} errors${r.wrapped ? ', payloads reused' : ''})`;

interface Figures {
  f: Measured;
  fi: Measured;
  b: Measured;
  acked: number;
  drainS: number;
  pending: number;
  callbacks: number;
  confirmed: number;
  submissions: number;
  rssAfterMb: number;
}

/** Reads the bot's database (WAL: a reader sees what is committed) while the bot runs. */
function counter(dir: string): { count(sql: string): number; close(): void } {
  const db = new Database(path.join(dir, 'zhibu.db'), { readonly: true });
  return { count: (sql) => (db.prepare(sql).get() as { n: number }).n, close: () => db.close() };
}

const UNHANDLED = "SELECT COUNT(*) AS n FROM inbox WHERE status = 'received'";
const UNCHECKED = "SELECT COUNT(*) AS n FROM proof_checks WHERE status = 'pending'";

/**
 * Waits until the bot has handled every acknowledged callback (or ten minutes pass); returns the seconds waited.
 * `checked` also waits for the proof checks those submissions queued, so a window that follows starts idle.
 */
async function drained(db: ReturnType<typeof counter>, checked = false): Promise<number> {
  const t0 = Date.now();
  const busy = () => db.count(UNHANDLED) > 0 || (checked && db.count(UNCHECKED) > 0);
  while (Date.now() - t0 < 600_000 && busy()) await new Promise((r) => setTimeout(r, 100));
  return (Date.now() - t0) / 1000;
}

/** Warm-up and measured phase for each server in turn; then waits for the bot's backlog and counts what it stored. */
async function phases(dir: string, sinkUrl: string): Promise<Figures> {
  const floor = await startFloorServer(path.join(dir, 'floor.db'), TOKEN, AES_KEY, 'minimal');
  const floorInbox = await startFloorServer(path.join(dir, 'floor-inbox.db'), TOKEN, AES_KEY, 'inbox');
  const urls = [floor.port, floorInbox.port].map((port) => `http://127.0.0.1:${port}/wecom/bot`);
  await load(urls[0], 0, 20_000, 2, sinkUrl);
  const f = await measured(urls[0], 1_000_000, sinkUrl);
  await load(urls[1], 0, 20_000, 2, sinkUrl);
  const fi = await measured(urls[1], 1_000_000, sinkUrl);
  await Promise.all([floor.close(), floorInbox.close()]);
  const env = botEnv(dir, sinkUrl);
  const bot = await startServe(env, [PROBE]);
  const db = counter(dir);
  try {
    const botUrl = `${bot.url}/wecom/bot`;
    await load(botUrl, 0, 20_000, 2, sinkUrl);
    await drained(db, true);
    const inboxBefore = db.count('SELECT COUNT(*) AS n FROM inbox');
    const b = await measured(botUrl, 1_000_000, sinkUrl, bot.child.pid, env.ZB_LOOP_PROBE_OUT);
    const acked = db.count('SELECT COUNT(*) AS n FROM inbox') - inboxBefore;
    // BENCH_SKIP_DRAIN=1 stops after the window (to try a change quickly): the end-to-end line then counts no backlog.
    const drainS = process.env.BENCH_SKIP_DRAIN === '1' ? NaN : await drained(db);
    return {
      f,
      fi,
      b,
      acked,
      drainS,
      pending: db.count(UNHANDLED),
      submissions: db.count('SELECT COUNT(*) AS n FROM submissions'),
      callbacks: db.count("SELECT COUNT(*) AS n FROM inbox WHERE key LIKE 'wecom:bench-%'"),
      // Each handled callback answers "✅ 已收到…" (new) or "🔄 已更新…" (same member and task again).
      confirmed: db.count("SELECT COUNT(*) AS n FROM outbox WHERE text LIKE '✅%已收到%' OR text LIKE '🔄%已更新%'"),
      rssAfterMb: Math.round(rssMiB(bot.child.pid!)),
    };
  } finally {
    db.close();
    await bot.stop();
  }
}

function report(x: Figures): string[] {
  const { f, fi, b } = x;
  return [
    `floor A (node:http: signature + decrypt + 1 insert into a minimal table): ${fmt(f)}`,
    `floor B (node:http: signature + decrypt + 1 insert into the bot's inbox table): ${fmt(fi)}`,
    `zhibu POST /wecom/bot ingest (zhibu serve, compiled, npm start's flags ${startFlags().join(' ') || '(none)'}; verify, decrypt, validate, normalize, dedupe-persist, ack): ${fmt(b)}`,
    `ratio ingest/floor A: ${(b.rps / f.rps).toFixed(2)} by req/s (${(f.cpuUs / b.cpuUs).toFixed(2)} by CPU/request); ingest/floor B: ${(b.rps / fi.rps).toFixed(2)} (${(fi.cpuUs / b.cpuUs).toFixed(2)}); target ≥ 0.7 (stretch 1.0)`,
    `p99 ${b.p99} ms (target < 20 ms at ${CONNECTIONS} connections); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores during the run`,
    b.loop
      ? `inside the bot during the measured window: requests p50 ${b.loop.request?.p50} ms, p99 ${b.loop.request?.p99} ms, max ${b.loop.request?.max} ms; event-loop delay p50 ${b.loop.loop.p50} ms, p99 ${b.loop.loop.p99} ms, max ${b.loop.loop.max} ms; GC ${b.loop.gc.count} pauses, ${b.loop.gc.totalMs} ms in all, longest ${b.loop.gc.maxMs} ms, ${b.loop.gc.over10} over 10 ms: ${gcKinds(b.loop.kinds)}`
      : 'event-loop probe: no figures',
    `end to end: ${x.acked} callbacks acked in the ${MEASURE_S} s run; the backlog was handled ${x.drainS.toFixed(1)} s after the load stopped (${x.pending} unprocessed); ` +
      `${x.confirmed} of ${x.callbacks} callbacks (warm-up included) confirmed a stored submission; ${x.submissions} distinct submissions (${MEMBERS} members × ${TASKS} tasks; a repeat replaces the proof); bot RSS after the drain ${x.rssAfterMb} MB`,
  ];
}

/**
 * WeCom ingest: encrypted AI-bot text callbacks over HTTP into /wecom/bot of a real `zhibu serve` process (so its CPU
 * and memory are its own), each ending in a stored submission, beside the floor server (signature + decrypt + one
 * insert, in this process), all under the same autocannon load (50 connections, a child process) in one run. The
 * bot acknowledges after the durable dedupe insert is committed (callbacks arriving together share one commit, see
 * inbox-group-commit.ts); handling follows, yielding to acknowledgements while callbacks keep arriving (see
 * background-handling.ts).
 */
export const wecomIngest: BenchCase = {
  name: 'wecom-ingest',
  async run() {
    ensureBuilt(ROOT);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-wecom-'));
    const sink = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
    try {
      await seed(botEnv(dir, sink.url));
      return report(await phases(dir, sink.url));
    } finally {
      sink.server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
