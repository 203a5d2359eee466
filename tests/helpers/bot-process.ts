import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { hasExited, spawnChild, stopChild } from './child-processes';
import type { WireJson } from './wire-json';

const ROOT = path.resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface BotProcess {
  port: number;
  child: ChildProcess;
  output(): string;
  post(path: string, body: unknown): Promise<{ status: number; body: WireJson }>;
  get(path: string): Promise<{ status: number; body: WireJson }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node bin/zhibu.js serve` as a real child process and waits until /healthz answers. The bound is generous
 * because start-up is CPU-bound (loading and transpiling the app) and a loaded CI machine can take many seconds;
 * the process is stopped by the test file's afterAll (child-processes.ts) whatever happens here.
 */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<BotProcess> {
  const port = await freePort();
  const child = spawnChild(process.execPath, [path.join(ROOT, 'bin/zhibu.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const call = async (p: string, init?: RequestInit) => {
    const res = await fetch(base + p, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited early (${child.exitCode}):\n${out}`);
    try {
      if ((await call('/healthz')).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`bot did not start in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    child,
    output: () => out,
    post: (p, body) =>
      call(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    get: (p) => call(p),
    kill: (signal = 'SIGTERM') => (hasExited(child) ? Promise.resolve() : stopChild(child, signal)),
  };
}
