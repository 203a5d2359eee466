import type { Job } from '../../src/scheduler/job';
import type { FireOutcome } from '../../src/scheduler/job-runner';
import type { FireTrigger } from '../../src/store/jobs-repo';
import type { Store } from '../../src/store/store';
import { seedBranches, type TestRuntime } from '../helpers/test-runtime';

/** Local time in Asia/Shanghai written the way operators write it. */
export const cst = (local: string) => new Date(`${local}+08:00`);

export function job(rt: TestRuntime, name: string): Job {
  const found = rt.scheduler.job(name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

export function fire(
  rt: TestRuntime,
  name: string,
  local: string,
  trigger: FireTrigger = 'manual',
): Promise<FireOutcome> {
  return rt.scheduler.runner.fire(job(rt, name), cst(local), trigger);
}

/** One persisted outbox message, flattened for assertions. */
export interface OutboxRow {
  id: number;
  chatId: string;
  chatType: 'group' | 'single';
  text: string;
  mentions?: string[];
  idemKey?: string;
}

/** Every outbox row, straight from the SQLite file (the test checks what was persisted, not what a mock saw). */
export function outboxRows(store: Store): OutboxRow[] {
  const db = (store as Store & { db: { prepare(sql: string): { all(): unknown[] } } }).db;
  return db
    .prepare(
      'SELECT id, chat_id AS chatId, chat_type AS chatType, text, mentions, idem_key AS idemKey FROM outbox ORDER BY id',
    )
    .all()
    .map((r) => {
      const row = r as Omit<OutboxRow, 'mentions'> & { mentions: string | null };
      return { ...row, mentions: row.mentions ? (JSON.parse(row.mentions) as string[]) : undefined };
    });
}

/** Rows a job enqueued (idempotency keys start with `job:<name>:`). */
export function jobRows(store: Store, name: string): OutboxRow[] {
  return outboxRows(store).filter((r) => r.idemKey?.startsWith(`job:${name}:`));
}

/**
 * The common branch for job tests: 青山村党支部 (home) bound to two group chats g_home and g_home2, 广州流动党支部
 * (host) bound to g_host, 王书记 (u_sec) secretary of the home branch, and members 张三 u_a, 李四 u_b, 赵五 u_c.
 */
export async function seedJobBranch(rt: TestRuntime): Promise<void> {
  await seedBranches(rt);
  await rt.say('u_admin', 'g_home2', '绑定支部 青山村党支部 流出');
  await rt.say('u_a', 'g_home', '报到 张三 广东广州');
  await rt.say('u_b', 'g_home', '报到 李四 广东佛山');
  await rt.say('u_c', 'g_home', '报到 赵五 广东深圳');
}

export async function homeBranchId(rt: TestRuntime): Promise<number> {
  return (await rt.services.store.branches.findByName('青山村党支部'))!.id;
}

export const BANK_ENTRY =
  '入库 学习党章第二章\n内容：阅读党章第二章，写学习心得\n期限：7天\n分值：10\n证明：图片/文字\n字数：30';
