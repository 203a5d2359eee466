import path from 'node:path';
import { spawnChild, stopChild } from './child-processes';

const ROOT = path.resolve(__dirname, '../..');

export interface WorkerProcess<T> {
  /** Resolves once the worker has opened the store and printed "ready". */
  ready: Promise<void>;
  /** Lets every ready worker start at once. */
  go(): void;
  /** The worker's last stdout line, parsed as JSON; rejects when it exits non-zero. */
  done: Promise<T>;
  kill(): Promise<void>;
}

/** Runs a helper script (tests/helpers/*-worker.ts) in its own process, as a second bot instance would be. */
export function workerProcess<T>(script: string, args: string[]): WorkerProcess<T> {
  const child = spawnChild(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/helpers', script), ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const ready = new Promise<void>((resolve) =>
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('ready\n')) resolve();
    }),
  );
  const done = new Promise<T>((resolve, reject) =>
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${script} exited ${code}: ${err}`));
      else resolve(JSON.parse(out.split('\n').filter(Boolean).pop()!) as T);
    }),
  );
  return { ready, done, go: () => child.stdin!.end('go\n'), kill: () => stopChild(child) };
}
