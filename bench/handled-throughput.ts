import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeWecomApi } from '../tests/platforms/wecom/helpers/fake-wecom-api';
import type { BenchCase } from './bench-case';
import { fire, signCallbacks, type BurstSpec } from './handled-burst';
import { burstText, MEMBERS, seedHandled, userOf } from './handled-seed';
import { cpuMicros, loadAverage, peakRssMiB } from './process-stats';
import { startFlags } from './serve-process';

const TOKEN = 'benchToken2026';
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const WARMUP = 400;
const CONNECTIONS = 50;
const DRAIN_LIMIT_MS = 15 * 60_000;

async function startBot(dataDir: string, apiBase: string): Promise<{ child: ChildProcess; url: string }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    ZHIBU_ADMINS: 'wecom:admin',
    // No passive wait: every reply leaves through the outbox to the fake's response_url, where its arrival is timed.
    WECOM_BOT_TOKEN: TOKEN,
    WECOM_BOT_AES_KEY: AES_KEY,
    WECOM_API_BASE: apiBase,
    WECOM_REPLY_WAIT_MS: '0',
  };
  // BENCH_CPU_PROF=<dir> writes the bot process's V8 CPU profile there when it exits (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // npm start's node flags, so the peak RSS is the deployed process's; BENCH_NODE_FLAGS adds flags to try.
  const flags = [...startFlags(), ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...flags, ...prof, path.join(__dirname, '../bin/zhibu.js'), 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode})`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('bot did not start');
}

/** Resolves when every id in `ids` has a reply at the fake (or the limit passes); returns the arrival time per id. */
const kinds = { points: 0, proofs: 0 };

async function replies(fake: FakeWecomApi, ids: number[]): Promise<Map<number, number>> {
  const wanted = new Set(ids);
  const at = new Map<number, number>();
  const deadline = Date.now() + DRAIN_LIMIT_MS;
  let seen = 0;
  while (at.size < wanted.size && Date.now() < deadline) {
    for (; seen < fake.requests.length; seen++) {
      const r = fake.requests[seen];
      const id = Number(r.path.slice('/aibot/response/'.length));
      if (!r.path.startsWith('/aibot/response/') || !wanted.has(id) || at.has(id)) continue;
      at.set(id, r.at);
      const text = String(r.body?.markdown?.content ?? '');
      if (/的积分：/.test(text)) kinds.points++;
      else if (/已收到|已更新/.test(text)) kinds.proofs++;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return at;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

function report(
  ackAt: number[],
  replyAt: Map<number, number>,
  ids: number[],
  t0: number,
  cpuUs: number,
  failed: number,
): string[] {
  const lat = ids
    .flatMap((id, k) =>
      replyAt.has(id) && Number.isFinite(ackAt[k]) ? [Math.max(0, replyAt.get(id)! - ackAt[k])] : [],
    )
    .sort((a, b) => a - b);
  const lastAck = Math.max(...ackAt.filter(Number.isFinite));
  const lastReply = Math.max(...replyAt.values());
  const handled = replyAt.size;
  return [
    `burst: ${ids.length} signed AI-bot callbacks (half 积分, half written proofs) from ${MEMBERS} members in 40 branches, ${CONNECTIONS} connections; ${failed} not acked 200`,
    `ingest: all acked in ${((lastAck - t0) / 1000).toFixed(1)} s (${Math.round(ids.length / ((lastAck - t0) / 1000))} acks/s)`,
    `handled: ${handled} replies at the fake in ${((lastReply - t0) / 1000).toFixed(1)} s = ${Math.round(handled / ((lastReply - t0) / 1000))} handled msg/s (target ≥ 1000); drain after the last ack ${((lastReply - lastAck) / 1000).toFixed(1)} s`,
    `replies: ${kinds.points} 积分 answers, ${kinds.proofs} proof confirmations, ${handled - kinds.points - kinds.proofs} other`,
    `ack → reply: p50 ${pct(lat, 0.5)} ms, p99 ${pct(lat, 0.99)} ms, max ${lat.at(-1)} ms`,
    `bot process CPU: ${Math.round(cpuUs / Math.max(1, handled))} µs per handled message (ingest + handling + send); ${loadAverage()}`,
  ];
}

/**
 * Handled throughput end to end: a real bot process (`zhibu serve`, AI bot HTTP callback, SQLite), a seeded county
 * (2,000 members, 40 branches, 5 tasks each), a burst of signed callbacks — and the clock stops when each reply
 * reaches the local WeCom fake, not when the callback is acknowledged.
 */
export const handledThroughput: BenchCase = {
  name: 'handled-throughput',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-handled-'));
    const tasks = await seedHandled(dir);
    const fake = await new FakeWecomApi().start();
    const bot = await startBot(dir, fake.base);
    try {
      const spec: BurstSpec = {
        botUrl: bot.url,
        token: TOKEN,
        aesKey: AES_KEY,
        responseBase: fake.base,
        connections: CONNECTIONS,
      };
      const sign = (ids: number[]) =>
        signCallbacks(
          spec,
          ids,
          (i) => userOf(i % MEMBERS),
          (i) => burstText(i, tasks),
        );
      const warmIds = Array.from({ length: WARMUP }, (_, k) => 1_000_000 + k);
      await fire(spec, sign(warmIds));
      await replies(fake, warmIds);
      const ids = Array.from({ length: BURST }, (_, k) => k);
      const list = sign(ids);
      const cpu0 = cpuMicros(bot.child.pid!);
      const t0 = Date.now();
      const { ackAt, failed } = await fire(spec, list);
      Object.assign(kinds, { points: 0, proofs: 0 });
      const replyAt = await replies(fake, ids);
      const lines = report(ackAt, replyAt, ids, t0, cpuMicros(bot.child.pid!) - cpu0, failed);
      return [...lines, `bot process peak RSS: ${peakRssMiB(bot.child.pid!).toFixed(0)} MiB (target < 150 MB)`];
    } finally {
      bot.child.kill('SIGTERM');
      await new Promise((r) => bot.child.once('exit', r));
      await fake.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
