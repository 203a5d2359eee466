import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from '../src/bot/incoming-message';
import { sqliteStore } from '../src/store/sqlite/sqlite-store';
import type { BenchCase } from './bench-case';

const MESSAGES = Number(process.env.BENCH_INBOX_MESSAGES ?? 60_000);
const PER_TURN = 50;

const message = (i: number): IncomingMessage => ({
  platform: 'wecom',
  msgId: `bench-${i}`,
  chatId: 'wrkBenchGroup',
  chatType: 'group',
  userId: `m${i % 100}`,
  text: `@支部机器人 #${1 + (i % 500)} 学习心得第${i}篇：认真学习了党章第一章，深刻理解了党员的义务。`,
  media: [],
  receivedAt: new Date().toISOString(),
});

/**
 * How long one group commit of inbox inserts holds the event loop, over a stream long enough to cross SQLite's
 * checkpoint mark several times: 50 callbacks per turn, as at 50 connections, each waiting for its commit. The tail
 * (p99.9, max) is where a checkpoint run inside a commit shows; the store runs it on a thread of its own.
 */
export const inboxCommitStalls: BenchCase = {
  name: 'inbox-commit-stalls',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-stalls-'));
    const store = sqliteStore(dir);
    const waits: number[] = [];
    const cpu0 = process.cpuUsage();
    try {
      for (let i = 0; i < MESSAGES; i += PER_TURN) {
        const acks: Array<Promise<boolean>> = [];
        for (let j = i; j < i + PER_TURN; j++)
          acks.push(store.inbox.accept(`wecom:bench-${j}`, message(j), new Date()));
        const t0 = performance.now();
        await Promise.all(acks);
        waits.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 1));
      }
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const cpu = process.cpuUsage(cpu0);
    waits.sort((a, b) => a - b);
    const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(waits.length * q))].toFixed(1);
    return [
      `${waits.length} commits of ${PER_TURN} inbox inserts: wait p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, p99.9 ${at(0.999)} ms, max ${waits.at(-1)!.toFixed(1)} ms; ${waits.filter((w) => w > 20).length} over 20 ms; ${Math.round((cpu.user + cpu.system) / MESSAGES)} µs CPU per insert (this process, all threads); load average ${os.loadavg()[0].toFixed(1)}`,
    ];
  },
};
