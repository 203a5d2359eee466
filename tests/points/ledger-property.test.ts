/**
 * Property: whatever order members submit, resubmit and secretaries approve, reject, 加分 and 扣分 — with platform
 * redeliveries and crash re-handling mixed in — every member's ledger sum equals what the final states say, no
 * message books more than one entry, and the 记录号 (ledger ids) run 1..N without gaps.
 * Runs through the real bot (router, handlers, SQLite file). Reproduce a failure with LEDGER_SEED=<seed>.
 */
import type { IncomingMessage } from '../../src/bot/incoming-message';
import { pointsFor } from '../../src/points/task-points';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

const SEQUENCES = 2000;
const MEMBERS = ['u_m1', 'u_m2', 'u_m3', 'u_m4'];

/** mulberry32: small, seedable, good enough to pick operations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  rt: TestRuntime;
  rand: () => number;
  msgSeq: number;
  /** Per member id: manual points (once per message however often delivered) plus earlier tasks' checked totals. */
  settled: Map<number, number>;
  log: string[];
}

const pick = <T>(w: World, items: T[]): T => items[Math.floor(w.rand() * items.length)];
const memberId = async (w: World, userId: string) =>
  (await w.rt.services.store.identities.find('sim', userId))!.memberId;

function message(w: World, userId: string, text: string, media: IncomingMessage['media'] = []): IncomingMessage {
  return {
    platform: 'sim',
    msgId: `p${++w.msgSeq}`,
    chatId: 'g_home',
    chatType: 'group',
    userId,
    userName: userId,
    text,
    media,
    receivedAt: w.rt.clock.now().toISOString(),
  };
}

/** Delivers once, twice (a platform retry) or re-handles it twice (a crash between handling and markDone). */
async function deliver(w: World, msg: IncomingMessage): Promise<void> {
  const { bot, services } = w.rt;
  w.rt.clock.advance(1000);
  const at = w.rt.clock.now();
  const mode = w.rand();
  if (mode < 0.7) {
    await bot.receive(msg);
  } else if (mode < 0.85) {
    await bot.receive(msg);
    expect((await bot.receive(msg)).duplicate).toBe(true);
  } else {
    await services.store.inbox.accept(`sim:${msg.msgId}`, msg, w.rt.clock.now());
    await Promise.all([bot.recover(), bot.recover()]);
  }
  const added = (await services.store.ledger.list({ from: at })).length;
  if (added > 1) throw new Error(`one message booked ${added} entries: ${msg.text}\n${w.log.join('\n')}`);
}

async function submit(w: World, task: number): Promise<void> {
  const user = pick(w, MEMBERS);
  // A shared image makes the proof a duplicate of another member's: flagged for review, no points until approved.
  const sha = w.rand() < 0.25 ? 'f'.repeat(64) : (w.msgSeq + 1).toString(16).padStart(64, '0');
  w.log.push(`${user}: #${task} ${sha === 'f'.repeat(64) ? '(shared image)' : ''}`);
  await deliver(w, message(w, user, `#${task}`, [{ kind: 'image', sha256: sha }]));
}

async function review(w: World, task: number): Promise<void> {
  const subs = await w.rt.services.store.submissions.listByTask(task);
  if (subs.length === 0) return submit(w, task);
  const s = pick(w, subs);
  const text = w.rand() < 0.5 ? `通过 S${s.id}` : `驳回 S${s.id} 证明不清楚`;
  w.log.push(`u_sec: ${text}`);
  await deliver(w, message(w, 'u_sec', text));
}

async function adjust(w: World): Promise<void> {
  const user = pick(w, MEMBERS);
  const points = 1 + Math.floor(w.rand() * 5);
  const sign = w.rand() < 0.6 ? 1 : -1;
  const name = { u_m1: '甲一', u_m2: '乙二', u_m3: '丙三', u_m4: '丁四' }[user]!;
  const text = `${sign > 0 ? '加分' : '扣分'} ${name} ${points} 志愿服务`;
  w.log.push(`u_sec: ${text}`);
  const id = await memberId(w, user);
  w.settled.set(id, (w.settled.get(id) ?? 0) + sign * points);
  await deliver(w, message(w, 'u_sec', text));
}

/**
 * What the final states say each member holds: accepted submissions at their (late) value, plus manual points.
 * Only the sequence's own task changes during it, so earlier tasks are carried in `settled`.
 */
async function expectedTotals(w: World, taskId: number): Promise<Map<number, number>> {
  const { store } = w.rt.services;
  const out = new Map(w.settled);
  const task = (await store.tasks.get(taskId))!;
  for (const s of await store.submissions.listByTask(task.id)) {
    if (s.status === 'accepted') out.set(s.memberId, (out.get(s.memberId) ?? 0) + pointsFor(task, s.late));
  }
  return out;
}

async function runSequence(w: World, n: number): Promise<number> {
  w.log = [`sequence ${n}`];
  const publish = await w.rt.bot.receive(
    message(w, 'u_sec', `发布任务 任务${n}\n截止：${deadline(w)}\n分值：10\n逾期：半分`),
  );
  const task = Number(/#(\d+)/.exec(publish.replies[0].text)![1]);
  const steps = 3 + Math.floor(w.rand() * 8);
  for (let i = 0; i < steps; i++) {
    if (w.rand() < 0.1) w.rt.clock.advance(13 * 3600_000); // sometimes past the deadline: late proof earns half
    const r = w.rand();
    if (r < 0.45) await submit(w, task);
    else if (r < 0.85) await review(w, task);
    else await adjust(w);
  }
  return task;
}

function deadline(w: World): string {
  const d = new Date(w.rt.clock.now().getTime() + 8 * 3600_000 + 24 * 3600_000);
  return d.toISOString().slice(0, 10) + ' 08:00';
}

async function checkTotals(w: World, task: number): Promise<void> {
  const expected = await expectedTotals(w, task);
  const ids = await Promise.all(MEMBERS.map((u) => memberId(w, u)));
  const actual = await w.rt.services.store.ledger.totals(ids);
  for (const id of ids) {
    if ((actual.get(id) ?? 0) !== (expected.get(id) ?? 0)) {
      throw new Error(
        `member ${id}: ledger ${actual.get(id) ?? 0}, final states say ${expected.get(id) ?? 0}\n${w.log.join('\n')}`,
      );
    }
  }
  w.settled = expected;
}

describe('the points ledger always adds up', () => {
  let rt: TestRuntime;
  afterAll(async () => {
    await rt?.stop();
    cleanupTempDirs();
  });

  test(`${SEQUENCES} random submit / resubmit / approve / reject / 加分 / 扣分 sequences net to the final states`, async () => {
    const seed = Number(process.env.LEDGER_SEED ?? Date.now() % 1_000_000);
    rt = await testRuntime({ JOBS_ENABLED: 'false' });
    await seedBranches(rt);
    for (const [i, user] of MEMBERS.entries())
      await rt.say(user, 'g_home', `报到 ${['甲一', '乙二', '丙三', '丁四'][i]} 广州`);
    const w: World = { rt, rand: prng(seed), msgSeq: 0, settled: new Map(), log: [] };
    try {
      for (let n = 1; n <= SEQUENCES; n++) {
        await checkTotals(w, await runSequence(w, n));
      }
    } catch (err) {
      throw new Error(`LEDGER_SEED=${seed}: ${(err as Error).message}`, { cause: err });
    }
    const entries = await rt.services.store.ledger.list();
    expect(new Set(entries.map((e) => e.idemKey)).size).toBe(entries.length);
    // 记录号 as a secretary reads them: 1, 2, 3 … with nothing missing.
    expect(entries.map((e) => e.id)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.length).toBeGreaterThan(SEQUENCES);
  }, 600_000);
});
