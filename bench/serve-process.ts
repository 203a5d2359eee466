import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../tests/helpers/bot-process';

const ROOT = path.resolve(__dirname, '..');

/** The node flags `npm start` gives the bot (package.json), so a bench measures the process as it is deployed. */
export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('bin/zhibu.js'));
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `zhibu serve` (compiled, with `npm start`'s flags) on a free port and waits for /healthz; `preload` adds
 * `--require` modules (a bench's probes).
 */
export async function startServe(env: Record<string, string>, preload: string[] = []): Promise<ServeProcess> {
  const port = await freePort();
  const requires = preload.flatMap((file) => ['--require', file]);
  const child = spawn(process.execPath, [...startFlags(), ...requires, path.join(ROOT, 'bin/zhibu.js'), 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode})`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('bot did not start');
}

/** Resident memory of a process now, in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
