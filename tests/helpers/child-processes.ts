import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every process a test starts goes through `spawnChild`: it runs in its own process group (so anything it starts
 * goes down with it), carries a marker that the global teardown looks for, and is stopped in afterAll of the test
 * file that imported this module — even when the test that started it failed half-way.
 */
export const CHILD_MARKER = 'ZHIBU_TEST_CHILD';

const live = new Set<ChildProcess>();

export function spawnChild(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  // bin/zhibu.js runs the TypeScript sources, never dist/, even for tests that pass a minimal env.
  const env = {
    ...(options.env ?? process.env),
    [CHILD_MARKER]: process.env.ZHIBU_TEST_RUN ?? 'adhoc',
    ZHIBU_FROM_SOURCE: '1',
  };
  const child = spawn(command, args, { ...options, env, detached: true });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Sends `signal` to the child's whole process group and resolves once the child has exited. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal); // the group is already gone; the child itself may not be
  }
  return exited;
}

/** Kills every child still running (the file's afterAll does this; tests may call it earlier). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child, 'SIGKILL')));
}

// Registered at import, so no test file can forget it.
if (typeof afterAll === 'function') afterAll(stopAllChildren);
