import { optionsOf } from '../src/scheduler/job-options';
import { privateTarget } from '../src/members/members';
import type { Member } from '../src/model';
import { formatSplit } from '../src/points/categories';
import { PERIOD_NAMES } from '../src/points/periods';
import { groupChats } from '../src/tasks/task-bank';
import { nextFire } from '../src/scheduler/cron-times';
import { JobSender } from '../src/scheduler/job-sender';
import {
  countyBoard,
  formatAverage,
  rankingPeriods,
  type BranchBoard,
  type CountyBoard,
} from '../src/points/ranking-boards';
import { splitMessage } from '../src/text/split-message';
import type { Job, JobDeps } from '../src/scheduler/job';

const NAME = 'ranking-posts';
const SCHEDULE = '0 20 * * *';
const TOP = 10;
const FLAG_BOARD = 3;

/**
 * A branch's public board: its top 10 among members who scored (a zero never appears, so a short list is never a
 * list of the lowest scorers), its 人均, and the county's leading branches by 人均 with this branch's place.
 */
function branchPost(board: CountyBoard, mine: BranchBoard): string {
  const top = mine.ranked.filter((r) => r.score > 0 && r.rank <= TOP);
  const lines = [`🏆「${mine.branch.name}」${board.label}积分榜`];
  lines.push(
    ...(top.length
      ? top.map((r) => `${r.rank}. ${r.item.name} ${r.score} 分${formatSplit(mine.split.get(r.item.id))}`)
      : [`${PERIOD_NAMES[board.period]}还没有党员获得积分，完成任务即可得分。`]),
  );
  lines.push(`支部人均：${formatAverage(mine.average)} 分（${mine.members} 人）`);
  const flags = board.byAverage.filter((r) => r.score > 0 && r.rank <= FLAG_BOARD);
  if (flags.length) {
    lines.push(`🚩 流动红旗（全县各支部人均积分前 ${FLAG_BOARD}）：`);
    lines.push(
      ...flags.map(
        (r) => `${r.rank === 1 ? '🥇' : `${r.rank}.`} ${r.item.branch.name} 人均 ${formatAverage(r.item.average)} 分`,
      ),
    );
  }
  const place = board.byAverage.find((r) => r.item.branch.id === mine.branch.id);
  if (place && board.byAverage.length > 1)
    lines.push(`本支部人均列全县第 ${place.rank} 位（共 ${board.byAverage.length} 个支部）。`);
  lines.push('发送「积分」查看自己的积分和排名。');
  return lines.join('\n');
}

/** A member's own standing, sent 1:1 only. */
function memberLine(board: CountyBoard, mine: BranchBoard, member: Member): string {
  const r = mine.ranked.find((x) => x.item.id === member.id)!;
  if (r.score === 0)
    return `${PERIOD_NAMES[board.period]}你在「${mine.branch.name}」还没有积分，发送「任务」查看进行中的任务，完成即可得分。`;
  return `${PERIOD_NAMES[board.period]}你在「${mine.branch.name}」得 ${r.score} 分，排第 ${r.rank} 名（共 ${mine.members} 人），支部人均 ${formatAverage(mine.average)} 分。`;
}

async function postToGroups(deps: JobDeps, sender: JobSender, boards: CountyBoard[], key: string): Promise<number> {
  let branches = 0;
  for (const mine of boards[0].branches) {
    if (mine.members === 0) continue;
    const text = boards
      .map((b) =>
        branchPost(
          b,
          b.branches.find((x) => x.branch.id === mine.branch.id)!,
        ),
      )
      .join('\n\n');
    const chats = groupChats(await deps.services.store.chats.listByBranch(mine.branch.id));
    for (const chat of chats) {
      const parts = splitMessage(text);
      for (const [i, part] of parts.entries()) {
        await sender.send(
          { platform: chat.platform, chatId: chat.chatId, chatType: 'group' },
          part,
          `${key}:${chat.platform}:${chat.chatId}${i ? `:p${i}` : ''}`,
        );
      }
    }
    if (chats.length) branches++;
  }
  return branches;
}

async function tellMembers(deps: JobDeps, sender: JobSender, boards: CountyBoard[], key: string): Promise<number> {
  const lines = new Map<number, { member: Member; lines: string[] }>();
  for (const board of boards) {
    for (const mine of board.branches) {
      for (const r of mine.ranked) {
        const entry = lines.get(r.item.id) ?? { member: r.item, lines: [] };
        entry.lines.push(memberLine(board, mine, r.item));
        lines.set(r.item.id, entry);
      }
    }
  }
  let told = 0;
  for (const { member, lines: text } of lines.values()) {
    const target = await privateTarget(deps.services.store, member.id);
    if (!target) continue;
    await sender.send(target, `📊 ${member.name}同志，积分排名：\n${text.join('\n')}`, `${key}:m${member.id}`);
    told++;
  }
  return told;
}

/**
 * Weekly (Sunday 20:00) and monthly (last day, 20:00) ranking posts: each branch's top 10 and 人均 in its group
 * chats, the county's 流动红旗 board by 人均, and every member's own rank by 1:1 message.
 */
export const rankingPosts: Job = {
  name: NAME,
  schedule: SCHEDULE,
  catchUpMs: 16 * 3_600_000,
  describe: '每周日 20:00 周榜；每月最后一天 20:00 月榜（其余日子的 20:00 检查后不发送）',
  async nextRun(deps, now) {
    const tz = deps.services.settings.timezone;
    let t = nextFire(SCHEDULE, now, tz);
    for (let i = 0; t && i < 40 && rankingPeriods(t, tz).length === 0; i++) t = nextFire(SCHEDULE, t, tz);
    return t;
  },
  async run(deps, now) {
    const { store, settings } = deps.services;
    const sender = new JobSender(deps.services, deps.dryRun);
    const periods = rankingPeriods(now, settings.timezone);
    if (periods.length === 0) return sender.result('今天不是周日或月末，不发排名');
    const boards = [];
    for (const period of periods) boards.push(await countyBoard(store, period, now, settings.timezone));
    const key = `job:${NAME}:${now.toISOString()}`;
    const branches = await postToGroups(deps, sender, boards, key);
    const members = optionsOf(deps).privateRanks ? await tellMembers(deps, sender, boards, key) : 0;
    const names = periods.map((p) => (p === 'week' ? '周榜' : '月榜')).join('和');
    return sender.result(`${names}：${branches} 个支部群，${members} 位党员私信；共 ${sender.sent} 条消息`);
  },
};
