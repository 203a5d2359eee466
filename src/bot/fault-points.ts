import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Crash testing, off unless ZHIBU_FAULT_POINT=<command>:<n> is set: the process kills itself with SIGKILL (no
 * clean-up, like a power cut) right after the nth store write made while handling that command, so a test can
 * restart it and check that recovery by start-up creates nothing twice. Only writes count: a crash after a read
 * leaves on disk what a crash after the write before it leaves.
 */
export interface FaultPoint {
  command: string;
  write: number;
}

export const FAULT_POINT_FORMAT = /^(.+):([1-9]\d*)$/;

/** Proof submissions are no command; crash tests name them by this word (ZHIBU_FAULT_POINT=提交:1). */
export const PROOF_FAULT_SCOPE = '提交';

export function parseFaultPoint(value: string | undefined): FaultPoint | undefined {
  const m = value === undefined ? null : FAULT_POINT_FORMAT.exec(value);
  return m ? { command: m[1], write: Number(m[2]) } : undefined;
}

interface Scope {
  point: FaultPoint;
  writes: number;
  /** Closed when the command returns: an outbox drain it kicked off runs on in the same async context. */
  open: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs one command's handling; when the fault point (`services.faultPoint`, absent outside crash tests) names this
 * command, its store writes are counted.
 */
export async function inFaultScope<T>(
  point: FaultPoint | undefined,
  command: string,
  run: () => Promise<T>,
): Promise<T> {
  if (point?.command !== command) return run();
  const scope: Scope = { point, writes: 0, open: true };
  try {
    return await scopes.run(scope, run);
  } finally {
    scope.open = false;
  }
}

function afterWrite(): void {
  const scope = scopes.getStore();
  if (!scope?.open) return;
  scope.writes++;
  if (scope.writes === scope.point.write) process.kill(process.pid, 'SIGKILL');
}

const READS = /^(get|find|list|count|has|totals|depth|latest|secretariesOf)/;

/** The store with every repo write followed by a fault-point check (repos are plain objects; `jobs` nests some). */
export function withFaultPoints<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value === 'function') {
        if (typeof prop !== 'string' || READS.test(prop) || prop === 'close') return value.bind(obj);
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(obj, args);
          afterWrite();
          return result;
        };
      }
      if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
        return withFaultPoints(value);
      return value;
    },
  });
}
