import path from 'node:path';
import { spawnChild } from '../helpers/child-processes';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { BANK_ENTRY, jobRows, seedJobBranch } from '../jobs/jobs-fixture';

jest.setTimeout(120_000);

const BIN = path.join(__dirname, '../../bin/zhibu.js');
const PUSH_AT = '2026-12-07T09:00:00+08:00';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process (`node bin/zhibu.js …`) on the test's DATA_DIR. */
function zhibu(dataDir: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(process.execPath, [BIN, ...args], {
      cwd: path.join(__dirname, '../..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        BOT_TIMEZONE: 'Asia/Shanghai',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The bot "runs" in this process (its runtime stays open on the DATA_DIR) while the CLI works beside it.
describe('zhibu jobs (CLI beside a running bot, same DATA_DIR)', () => {
  let rt: TestRuntime;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('zhibu-cli-');
    rt = await testRuntime({ DATA_DIR: dir });
    await seedJobBranch(rt);
    await rt.say('u_sec', 'g_home', BANK_ENTRY);
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('jobs list shows name, schedule, next run and last result of every job', async () => {
    const r = await zhibu(dir, 'jobs', 'list');
    expect(r.code).toBe(0);
    for (const name of ['weekly-push', 'deadline-reminders', 'ranking-posts', 'membership-digest'])
      expect(r.stdout).toContain(`\n${name}\n`);
    expect(r.stdout).toContain('计划：0 20 * * *（每周日 20:00 周榜');
    expect(r.stdout).toMatch(/weekly-push\n.*\n {2}下次运行：\d{4}-\d{2}-\d{2} 09:00；下次检查 /);
    expect(r.stdout).toContain('上次结果：从未运行');
    expect(r.stdout).toContain('节假日日历：2026（正式）、2027（暂定）');
  });

  test('jobs run --dry-run prints the messages and sends nothing', async () => {
    const r = await zhibu(dir, 'jobs', 'run', 'weekly-push', '--at', PUSH_AT, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[dry-run] weekly-push @ 2026-12-07 09:00：推送 1 个支部；共 2 条消息');
    expect(r.stdout).toContain('—— sim 群 g_home ——\n📌 新任务 #N《学习党章第二章》');
    expect(r.stdout).toContain('—— sim 群 g_home2 ——');
    expect(r.stdout).toContain('未发送任何消息（--dry-run），共 2 条待发。');
    expect(jobRows(rt.services.store, 'weekly-push')).toEqual([]);
    expect(await rt.services.store.jobs.runs.latest('weekly-push')).toBeUndefined();
  });

  test('jobs run weekly-push --at posts the next bank task to every chat of the branch; run twice, it posts once', async () => {
    const first = await zhibu(dir, 'jobs', 'run', 'weekly-push', '--at', PUSH_AT);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('✅ weekly-push @ 2026-12-07 09:00：推送 1 个支部；共 2 条消息');
    const second = await zhibu(dir, 'jobs', 'run', 'weekly-push', '--at', PUSH_AT);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('已经完成过');
    expect(
      jobRows(rt.services.store, 'weekly-push')
        .map((r) => r.chatId)
        .sort(),
    ).toEqual(['g_home', 'g_home2']);
    // The running bot's outbox sends what the CLI enqueued, at the wall-clock time the CLI stamped it with: the
    // bot's clock must have reached that moment (a fixed clock from an earlier date would leave it "not yet due").
    rt.clock.set(new Date());
    await rt.outbox.drainOnce();
    for (const chat of ['g_home', 'g_home2']) {
      expect(
        (await rt.transcript(chat)).filter((m) => m.from === 'bot' && m.text.includes('新任务 #1《学习党章第二章》')),
      ).toHaveLength(1);
    }
  });

  test('two CLI processes running the same fire at once send it once', async () => {
    const both = await Promise.all(
      [1, 2].map(() => zhibu(dir, 'jobs', 'run', 'ranking-posts', '--at', '2026-12-06T20:00:00+08:00')),
    );
    expect(both.filter((r) => r.stdout.includes('✅ ranking-posts'))).toHaveLength(1);
    expect(jobRows(rt.services.store, 'ranking-posts').filter((r) => r.chatId === 'g_home')).toHaveLength(1);
    expect(jobRows(rt.services.store, 'ranking-posts').filter((r) => r.chatId === 'u_a')).toHaveLength(1);
  });

  test('jobs list then shows the last result', async () => {
    const r = await zhibu(dir, 'jobs', 'list');
    expect(r.stdout).toMatch(/weekly-push\n(.*\n){2} {2}上次结果：✅ 2026-12-07 09:00 推送 1 个支部；共 2 条消息/);
  });

  test('bad arguments get a clear answer and exit code 2', async () => {
    const badAt = await zhibu(dir, 'jobs', 'run', 'weekly-push', '--at', 'next monday');
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toContain('--at 应为 ISO 时间（带时区），你写的是「next monday」');
    const unknown = await zhibu(dir, 'jobs', 'run', 'help-me');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有名为「help-me」的定时任务。可用任务：weekly-push、deadline-reminders');
  });
});
