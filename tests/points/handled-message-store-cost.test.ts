import Database, { type Statement } from 'better-sqlite3';
import type { Store } from '../../src/store/store';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { seedBranches, testRuntime, type TestRuntime } from '../helpers/test-runtime';

const NOTE =
  '今天认真学习了党章，深刻理解了党的性质和宗旨，要在工作中发挥党员先锋模范作用，扎根基层、默默奉献，做合格党员。';

/** The repos a 积分 query and a written proof read and write on the way to the ledger (not delivery, not checks). */
const LEDGER_PATH = ['identities', 'members', 'branches', 'chats', 'tasks', 'submissions', 'ledger'];

interface Tally {
  calls: string[];
  statements: string[];
}

/** Records every store call on the ledger path as "repo.method" (the repo objects are shared with the handlers). */
function countCalls(store: Store, tally: Tally): void {
  for (const repo of LEDGER_PATH) {
    const r = (store as unknown as Record<string, Record<string, unknown>>)[repo];
    for (const [method, fn] of Object.entries(r)) {
      if (typeof fn !== 'function') continue;
      r[method] = (...args: unknown[]) => {
        tally.calls.push(`${repo}.${method}`);
        return (fn as (...a: unknown[]) => unknown).apply(r, args);
      };
    }
  }
}

/** Records the SQL of every statement the connection runs (BEGIN/COMMIT of `db.transaction` are not statements). */
function countStatements(sample: Statement, tally: Tally): () => void {
  const proto = Object.getPrototypeOf(sample) as Record<string, (...a: unknown[]) => unknown>;
  const saved = ['run', 'get', 'all', 'iterate'].map((name) => [name, proto[name]] as const);
  for (const [name, fn] of saved)
    proto[name] = function (this: Statement, ...args: unknown[]) {
      tally.statements.push(this.source.replace(/\s+/g, ' ').slice(0, 60));
      return fn.apply(this, args);
    };
  return () => saved.forEach(([name, fn]) => (proto[name] = fn));
}

describe('what one handled message costs the store on the way to the ledger', () => {
  let rt: TestRuntime;
  let restore: () => void;
  const tally: Tally = { calls: [], statements: [] };
  /** Statements on the ledger path; transactions (BEGIN/COMMIT) are shared with the group commit, counted apart. */
  const onLedgerPath = () =>
    tally.statements.filter((s) => !/\b(inbox|outbox|chat_log|proof_check)|^(BEGIN|COMMIT)/.test(s));

  beforeAll(async () => {
    rt = await testRuntime();
    await seedBranches(rt);
    await rt.say('u_a', 'g_home', '报到 张三 广东广州');
    await rt.say('u_sec', 'g_home', '发布任务 写心得\n截止：2026-12-07 18:00\n分值：5\n证明：文字\n字数：50');
    await rt.say('u_a', 'g_home', '积分');
    // The proof's checks run off the request path (their own cost): left out of the count.
    await rt.proofChecks.stop();
    countCalls(rt.services.store, tally);
    // Every connection's statements share one prototype: a throwaway connection hands it over.
    const probe = new Database(':memory:');
    restore = countStatements(probe.prepare('SELECT 1'), tally);
    probe.close();
  });
  afterAll(async () => {
    restore();
    await rt.stop();
    cleanupTempDirs();
  });

  const handle = async (text: string) => {
    tally.calls.length = 0;
    tally.statements.length = 0;
    const texts = (await rt.say('u_a', 'g_home', text)).texts;

    return texts;
  };

  test('积分: the member in one read with their identity, the sums in one more', async () => {
    expect((await handle('积分'))[0]).toContain('张三的积分：累计 0 分');
    // The total, its 奉献 part, this week and this month in one read; then the branch and its board.
    expect(tally.calls).toEqual([
      'chats.upsertSeen',
      'members.findByIdentity',
      'ledger.memberSummary',
      'branches.get',
      'ledger.standing',
    ]);
    expect(onLedgerPath()).toHaveLength(5);
  });

  test('a written proof: recorded and booked without reading back what was just written', async () => {
    expect((await handle(`#1 ${NOTE}`))[0]).toContain('+5 分');
    expect(tally.calls).toEqual([
      'chats.upsertSeen',
      'members.findByIdentity',
      'tasks.get',
      'submissions.find',
      'submissions.upsert',
      'ledger.settle',
    ]);
    // The submission's and the entry's own rows were read again after each write, and the settlement read twice.
    expect(onLedgerPath().filter((sql) => /^SELECT \* FROM (ledger|submissions) WHERE id = /.test(sql))).toEqual([]);
    expect(onLedgerPath()).toHaveLength(10);
  });
});
