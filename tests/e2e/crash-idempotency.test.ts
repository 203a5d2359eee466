/**
 * A real `zhibu serve` process is killed (SIGKILL, via ZHIBU_FAULT_POINT) after each store write of a command, then
 * the bot is started again on the same DATA_DIR with nothing else done — `createRuntime(loadConfig()).start()`, what
 * `zhibu serve` runs, in this process to keep the number of spawned processes down on a 2-core machine. Start-up
 * alone must finish the message, leaving exactly one object and one reply however far the first run got.
 */
import fs from 'node:fs';
import { loadConfig } from '../../src/config/load-config';
import { createLogger } from '../../src/observability/logger';
import { createRuntime } from '../../src/runtime/create-runtime';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { seedBranches, testRuntime } from '../helpers/test-runtime';

interface Case {
  command: string;
  userId: string;
  text: string;
  /** Where the reply to the sender lands, and a piece of its text. */
  replyChat: string;
  reply: string;
  /** The records the command creates (one of each), after any crash and restart. */
  objects(store: Store): Promise<unknown[]>;
  expected: number;
}

const branchId = async (store: Store) => (await store.branches.findByName('青山村党支部'))!.id;

const CASES: Case[] = [
  {
    command: '发布任务',
    userId: 'u_sec',
    text: '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10',
    replyChat: 'g_home',
    reply: '新任务 #',
    objects: async (store) => store.tasks.listByBranches([await branchId(store)]),
    expected: 1,
  },
  {
    command: '报到',
    userId: 'u_new',
    text: '报到 钱七 广东广州',
    replyChat: 'g_home',
    reply: '钱七 报到成功',
    objects: async (store) => {
      const members = await store.members.findByName('钱七');
      return [...members, ...(await Promise.all(members.map((m) => store.checkIns.listByMember(m.id)))).flat()];
    },
    expected: 2, // the member and its check-in
  },
  {
    command: '求助',
    userId: 'u_a',
    text: '求助 孩子明年在广州上小学，不知道要准备什么材料',
    replyChat: 'u_a',
    reply: '你的求助已登记',
    objects: (store) => store.helpCases.list(),
    expected: 1,
  },
  {
    command: '入库',
    userId: 'u_sec',
    text: '入库 学习党章第二章\n内容：阅读党章第二章\n期限：7天\n分值：10\n证明：文字\n字数：50',
    replyChat: 'g_home',
    reply: '已存入题库',
    objects: async (store) => store.jobs.bank.list(await branchId(store)),
    expected: 1,
  },
];

const ENV = { ZHIBU_ADMINS: 'sim:u_admin', JOBS_ENABLED: 'false' };

/** One seeded DATA_DIR (two bound groups, a secretary, a member), copied for every run. */
async function seedDataDir(): Promise<string> {
  const dir = tempDir('zhibu-crash-seed-');
  const rt = await testRuntime({ DATA_DIR: dir });
  await seedBranches(rt);
  await rt.say('u_a', 'g_home', '报到 张三 广东广州');
  await rt.stop();
  return dir;
}

function copyOf(seed: string): string {
  const dir = tempDir('zhibu-crash-');
  fs.cpSync(seed, dir, { recursive: true });
  return dir;
}

const exited = (bot: BotProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) => {
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) resolve(bot.child.signalCode);
    else bot.child.once('exit', (_code, signal) => resolve(signal));
  });

/** Waits (bounded) until the bot has delivered the reply. */
async function waitForReply(botTexts: () => Promise<string[]>, c: Case): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await botTexts()).some((t) => t.includes(c.reply)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
}

const overHttp = (bot: BotProcess, chatId: string) => async () =>
  ((await bot.get(`/sim/api/chats/${chatId}/messages`)).body.messages as Array<{ from: string; text: string }>)
    .filter((m) => m.from === 'bot')
    .map((m) => m.text);

/** Starts the bot the way `zhibu serve` does; it recovers what the killed process left, by itself. */
async function restartAndWait(dir: string, c: Case): Promise<void> {
  const runtime = await createRuntime(loadConfig({ ...ENV, DATA_DIR: dir }), { log: createLogger('silent') });
  await runtime.start(0);
  try {
    const { chatLog } = runtime.services.store;
    await waitForReply(
      async () => (await chatLog.list('sim', c.replyChat)).filter((m) => m.from === 'bot').map((m) => m.text),
      c,
    );
  } finally {
    await runtime.stop();
  }
}

/** After the bot stopped: the records, the replies queued (sent or not) and delivered, and messages left unhandled. */
async function outcome(dir: string, c: Case) {
  const store = sqliteStore(dir);
  try {
    const queued = store.db
      .prepare('SELECT COUNT(*) AS n FROM outbox WHERE chat_id = ? AND instr(text, ?) > 0')
      .get(c.replyChat, c.reply) as { n: number };
    const delivered = (await store.chatLog.list('sim', c.replyChat)).filter(
      (m) => m.from === 'bot' && m.text.includes(c.reply),
    );
    return {
      objects: (await c.objects(store)).length,
      repliesQueued: queued.n,
      repliesDelivered: delivered.length,
      unprocessed: (await store.inbox.listUnprocessed(10)).length,
    };
  } finally {
    await store.close();
  }
}

/** Kills the command after its nth write; false when the command finished with fewer writes (nothing left to kill). */
async function crashAndRestart(seed: string, c: Case, n: number): Promise<boolean> {
  const dir = copyOf(seed);
  const first = await startBotProcess({ ...ENV, DATA_DIR: dir, ZHIBU_FAULT_POINT: `${c.command}:${n}` });
  const message = { chatId: 'g_home', userId: c.userId, userName: c.userId, text: c.text, msgId: `crash-${n}` };
  const answered = await first.post('/sim/api/messages', message).then(
    () => true,
    () => false,
  );
  const one = { objects: c.expected, repliesQueued: 1, repliesDelivered: 1, unprocessed: 0 };
  if (answered) {
    await waitForReply(overHttp(first, c.replyChat), c);
    await first.kill('SIGTERM');
    expect(await outcome(dir, c)).toEqual(one);
    return false;
  }
  expect(await exited(first)).toBe('SIGKILL');
  await restartAndWait(dir, c);
  expect({ killedAfterWrite: n, ...(await outcome(dir, c)) }).toEqual({ killedAfterWrite: n, ...one });
  return true;
}

describe('a command killed at any write is finished once by start-up alone', () => {
  let seed: string;
  beforeAll(async () => {
    seed = await seedDataDir();
  });
  afterAll(cleanupTempDirs);

  test.each(CASES.map((c) => [c.command, c] as const))(
    '%s: SIGKILL after each write, restart: one object, one reply',
    async (_name, c) => {
      let killed = 0;
      while (await crashAndRestart(seed, c, killed + 1)) killed++;
      // The command really was cut at several points (at least its create, its reply and what lies between).
      expect(killed).toBeGreaterThanOrEqual(2);
    },
    600_000,
  );
});
