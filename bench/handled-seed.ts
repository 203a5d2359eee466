import { sqliteStore } from '../src/store/sqlite/sqlite-store';

export const BRANCHES = 40;
export const MEMBERS = 2_000;
export const TASKS_PER_BRANCH = 5;
const T0 = new Date();

/** Member `i`'s WeCom user id (a 1:1 chat with the AI bot has the user's id as its chat id). */
export const userOf = (i: number) => `hm${i}`;

/**
 * 40 branches with 50 checked-in members each (a bound WeCom identity per member) and five open text tasks per
 * branch, written straight into the SQLite store the bot process will open. Returns each branch's task ids.
 */
export async function seedHandled(dataDir: string): Promise<number[][]> {
  const store = sqliteStore(dataDir);
  const tasks: number[][] = [];
  const deadline = new Date(T0.getTime() + 30 * 86_400_000).toISOString();
  for (let b = 0; b < BRANCHES; b++) {
    const branch = await store.branches.create({ name: `基准第${b}支部`, kind: b % 2 ? 'host' : 'home' }, T0);
    const list: number[] = [];
    for (let k = 0; k < TASKS_PER_BRANCH; k++) {
      const task = await store.tasks.create(
        {
          branchId: branch.id,
          title: `学习任务${k}`,
          content: '学习原文并谈体会',
          deadline,
          points: 10,
          proofKinds: ['text'],
          minChars: 10,
          lateRule: 'full',
          createdBy: 'bench',
        },
        T0,
      );
      list.push(task.id);
    }
    tasks.push(list);
    for (let i = b * (MEMBERS / BRANCHES); i < (b + 1) * (MEMBERS / BRANCHES); i++) {
      const m = await store.members.create(
        { name: `党员${i}`, destProvince: '广东', destCity: '广州', homeBranchId: branch.id },
        T0,
      );
      await store.identities.bind({ platform: 'wecom', userId: userOf(i), memberId: m.id, displayName: m.name });
    }
  }
  await store.close();
  return tasks;
}

/** Message `i` of the burst: even numbers ask 积分, odd ones hand in a written proof for one of the branch's tasks. */
export function burstText(i: number, tasks: number[][]): string {
  const member = i % MEMBERS;
  if (i % 2 === 0) return '积分';
  const branchTasks = tasks[Math.floor(member / (MEMBERS / BRANCHES))];
  const task = branchTasks[Math.floor(i / MEMBERS) % branchTasks.length];
  return `#${task} 学习心得第${i}篇：认真学习了党章第一章，深刻理解了党员的义务。`;
}
