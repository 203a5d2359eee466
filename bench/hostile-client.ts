import { ATTACKS, attacker } from './hostile-attacks';

/**
 * A child process of the hostile-bodies bench: either the `/healthz` probe or the attackers, never both, so the
 * probe's latency is the bot's and not the time its own event loop spent building 256 KB bodies.
 * Spec (env ZB_HOSTILE): {mode, base, attack?, concurrency?}. Prints `ready` once warm, starts on a `go <ms>` line on
 * stdin (so a slow start on a loaded machine never shortens the window) and works for that many ms, then prints
 * one JSON line.
 */
interface Spec {
  mode: 'probe' | 'attack';
  base: string;
  attack?: number;
  concurrency?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** GETs /healthz back to back (20 ms apart) until `until`, returning each latency in ms. */
async function probe(base: string, until: number): Promise<number[]> {
  const out: number[] = [];
  while (Date.now() < until) {
    const t = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    out.push(performance.now() - t);
    await sleep(20);
  }
  return out;
}

async function attack(spec: Spec, until: number): Promise<Record<string, number>> {
  const seen = new Map<string, number>();
  const a = ATTACKS[spec.attack!];
  await Promise.all(Array.from({ length: spec.concurrency ?? 8 }, () => attacker(spec.base, a, until, seen)));
  return Object.fromEntries(seen);
}

/** The window length, from the parent's `go <ms>` line. */
function go(): Promise<number> {
  return new Promise((resolve) => {
    let buf = '';
    process.stdin.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /go (\d+)\n/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
  });
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.ZB_HOSTILE!) as Spec;
  // A warm connection, so the first probe does not measure this process's own connect and JIT.
  await (await fetch(`${spec.base}/healthz`)).arrayBuffer();
  process.stdout.write('ready\n');
  const until = Date.now() + (await go());
  const result = spec.mode === 'probe' ? await probe(spec.base, until) : await attack(spec, until);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
