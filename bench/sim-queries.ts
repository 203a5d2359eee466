import autocannon from 'autocannon';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load-config';
import { createLogger } from '../src/observability/logger';
import { createRuntime } from '../src/runtime/create-runtime';
import type { BenchCase } from './bench-case';

/**
 * Read-only chat queries (积分, 排名) per second through POST /sim/api/messages, answered in the response: no proof
 * is stored and nothing leaves through a platform sender. Handled throughput with writes and sends end to end is
 * `handled-throughput`.
 */
export const simQueries: BenchCase = {
  name: 'sim-queries',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-bench-'));
    const config = loadConfig({ DATA_DIR: dir, ZHIBU_ADMINS: 'sim:u_admin', LOG_LEVEL: 'silent' });
    const rt = await createRuntime(config, { log: createLogger('silent') });
    const server = http.createServer(rt.app.callback());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const post = (body: object) =>
      fetch(`http://127.0.0.1:${port}/sim/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post({ chatId: 'g', userId: 'u_admin', text: '绑定支部 基准测试支部 流出' });
    for (let i = 0; i < 50; i++)
      await post({ chatId: 'g', userId: `m${i}`, text: `报到 党员${String.fromCharCode(0x4e00 + i)} 广东广州` });
    let seq = 0;
    const lines: string[] = [];
    for (const [label, text] of [
      ['积分 query', '积分'],
      ['排名 query', '排名'],
    ] as const) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/sim/api/messages`,
        connections: 10,
        duration: 5,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ chatId: 'g', userId: `m${seq++ % 50}`, text }) }),
          },
        ],
      });
      lines.push(
        `${label}: ${Math.round(result.requests.average)} msg/s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, 10 connections, 5 s)`,
      );
    }
    const size =
      fs.statSync(path.join(dir, 'zhibu.db')).size +
      (fs.existsSync(path.join(dir, 'zhibu.db-wal')) ? fs.statSync(path.join(dir, 'zhibu.db-wal')).size : 0);
    lines.push(
      `inbox rows: ${await rt.services.store.inbox.count()}, database+WAL size: ${(size / 1048576).toFixed(1)} MiB`,
    );
    server.close();
    await rt.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    return lines;
  },
};
