import { spawn } from 'node:child_process';
import path from 'node:path';
import type { LoadSpec } from './wecom-load';

/**
 * Runs the WeCom load client (wecom-load.ts) in a process of its own, so the client never shares the measured
 * servers' event loop, and returns the one line of figures it prints. `onReady` is called when the client has built
 * its payloads and starts firing (building 250,000 signed payloads takes seconds, which are not the load's).
 */
export function runWecomLoad<T>(spec: LoadSpec, onReady?: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'wecom-load.ts')], {
      env: { ...process.env, ZB_LOAD: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (onReady && out.includes('"ready":true')) {
        onReady();
        onReady = undefined;
      }
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T) : reject(new Error(`load exited ${code}`)),
    );
  });
}
