import type { Job } from '../../scheduler/job';
import { loadConfig } from '../../config/load-config';
import { formatLocal } from '../../time/zoned-time';
import { nextFire } from '../../scheduler/cron-times';
import { jobCliContext, type JobCliContext } from '../job-cli-services';
import type { FireOutcome } from '../../scheduler/job-runner';
import type { JobRun } from '../../store/jobs-repo';
import type { CliCommand } from '../cli-command';

const USAGE = 'zhibu jobs list | zhibu jobs run <名称> [--at <ISO 时间>] [--dry-run]';
const EXAMPLE = 'zhibu jobs run weekly-push --at 2026-12-07T09:00:00+08:00 --dry-run';

function runLine(run: JobRun | undefined, tz: string): string {
  if (!run) return '从未运行';
  const at = formatLocal(new Date(run.fireAt), tz, true);
  if (run.status === 'running') return `⏳ ${at} 运行中（第 ${run.attempts} 次，${run.owner}）`;
  if (run.status === 'failed') return `❌ ${at} 失败（第 ${run.attempts} 次）：${run.error ?? ''}`;
  return `✅ ${at} ${run.summary ?? ''}`;
}

async function list(ctx: JobCliContext): Promise<number> {
  const { services, scheduler } = ctx;
  const tz = services.settings.timezone;
  const now = services.clock.now();
  console.log(`定时任务（时区 ${tz}，现在 ${formatLocal(now, tz, true)}）`);
  for (const job of scheduler.jobs) {
    const tick = nextFire(job.schedule, now, tz);
    const next = await job.nextRun?.({ services, dryRun: true, options: scheduler.runner.opts.options }, now);
    const last = await services.store.jobs.runs.latest(job.name);
    const lastSent = await services.store.jobs.runs.latest(job.name, { sentOnly: true });
    console.log(`\n${job.name}`);
    console.log(`  计划：${job.schedule}${job.describe ? `（${job.describe}）` : ''}`);
    const nextText = job.nextRun
      ? next
        ? formatLocal(next, tz, true)
        : '暂无（没有待推送或待提醒的内容）'
      : tick
        ? formatLocal(tick, tz, true)
        : '—';
    console.log(`  下次运行：${nextText}${job.nextRun && tick ? `；下次检查 ${formatLocal(tick, tz, true)}` : ''}`);
    console.log(`  上次结果：${runLine(last, tz)}`);
    if (lastSent && lastSent.fireAt !== last?.fireAt) console.log(`  最近一次发送：${runLine(lastSent, tz)}`);
  }
  const calendar = scheduler.runner.opts.options.calendar;
  const years = [...calendar.years.values()]
    .map((y) => `${y.year}（${y.status === 'official' ? '正式' : '暂定'}）`)
    .join('、');
  console.log(`\n节假日日历：${years || '无'}`);
  const year = Number(formatLocal(now, tz, true).slice(0, 4));
  for (const warning of calendar.warnings([year, year + 1])) console.log(`⚠️ ${warning}`);
  return 0;
}

interface RunArgs {
  name: string;
  at?: Date;
  dryRun: boolean;
}

function parseRunArgs(args: string[]): RunArgs | string {
  let name: string | undefined;
  let at: Date | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--at' || arg.startsWith('--at=')) {
      const value = arg === '--at' ? args[++i] : arg.slice(5);
      at = value ? new Date(value) : undefined;
      if (!at || Number.isNaN(at.getTime())) return `--at 应为 ISO 时间（带时区），你写的是「${value ?? ''}」`;
    } else if (arg.startsWith('--')) return `不认识的选项 ${arg}`;
    else if (name) return `多余的参数 ${arg}`;
    else name = arg;
  }
  return name ? { name, at, dryRun } : '缺少任务名称';
}

function printOutcome(job: Job, o: FireOutcome, tz: string): number {
  const when = formatLocal(o.fireAt, tz, true);
  if (o.status === 'ran') {
    console.log(`✅ ${job.name} @ ${when}：${o.result?.summary ?? ''}`);
    if (o.result?.sent) console.log('消息已写入发件箱，由运行中的机器人发送（机器人未运行时，下次启动后发送）。');
    return 0;
  }
  if (o.status === 'done-before') {
    console.log(`ℹ️ ${job.name} 在 ${when} 的这次运行已经完成过（${o.run?.summary ?? ''}），不会重复发送。`);
    return 0;
  }
  if (o.status === 'busy') console.error(`另一个进程正在运行 ${job.name}，请稍后再试。`);
  else console.error(`❌ ${job.name} @ ${when} 运行失败：${o.error ?? o.run?.error ?? ''}`);
  return 1;
}

async function run(ctx: JobCliContext, args: string[]): Promise<number> {
  const parsed = parseRunArgs(args);
  const names = ctx.scheduler.jobs.map((j) => j.name).join('、');
  if (typeof parsed === 'string') {
    console.error(`格式不对：${parsed}\n正确格式：${USAGE}\n例如：${EXAMPLE}\n可用任务：${names}`);
    return 2;
  }
  const job = ctx.scheduler.job(parsed.name);
  if (!job) {
    console.error(`没有名为「${parsed.name}」的定时任务。可用任务：${names}`);
    return 2;
  }
  const tz = ctx.services.settings.timezone;
  if (parsed.dryRun) {
    const at = parsed.at ?? ctx.services.clock.now();
    const result = await ctx.scheduler.runner.dryRun(job, at);
    console.log(`[dry-run] ${job.name} @ ${formatLocal(at, tz, true)}：${result.summary}`);
    for (const m of result.preview ?? []) {
      const mentions = m.mentions?.length ? `（@ ${m.mentions.join(', ')}）` : '';
      console.log(
        `\n—— ${m.platform ?? ''} ${m.chatType === 'single' ? '私聊' : '群'} ${m.chatId}${mentions} ——\n${m.text}`,
      );
    }
    console.log(`\n未发送任何消息（--dry-run），共 ${result.sent} 条待发。`);
    return 0;
  }
  // Without --at, the fire is this minute: running the same minute twice is one fire.
  const fireAt = parsed.at ?? new Date(Math.floor(ctx.services.clock.now().getTime() / 60_000) * 60_000);
  return printOutcome(job, await ctx.scheduler.runner.fire(job, fireAt, 'manual'), tz);
}

export const jobsCommand: CliCommand = {
  name: 'jobs',
  usage: USAGE,
  summary: '查看定时任务（名称、计划、下次运行、上次结果）；手动运行一次，--dry-run 只打印不发送',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'list' && sub !== 'run') {
      console.error(`格式不对：需要 list 或 run\n正确格式：${USAGE}\n例如：${EXAMPLE}`);
      return 2;
    }
    const ctx = await jobCliContext(loadConfig());
    try {
      return sub === 'list' ? await list(ctx) : await run(ctx, rest);
    } finally {
      await ctx.close();
    }
  },
};
