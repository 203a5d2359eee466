import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { main } from '../../src/cli/main';
import { loadConfig } from '../../src/config/load-config';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { createRuntime } from '../../src/runtime/create-runtime';
import { createLogger } from '../../src/observability/logger';
import { rosterXlsx } from './roster-files';

/** Runs `zhibu …` in-process with the given environment, capturing what it prints. */
async function zhibu(
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a) => {
    out.push(a.join(' '));
  });
  const error = jest.spyOn(console, 'error').mockImplementation((...a) => {
    err.push(a.join(' '));
  });
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('zhibu admin-link and zhibu import members', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = tempDir('zhibu-cli7-');
    env = {
      DATA_DIR: dir,
      ZHIBU_ADMINS: 'wecom:zhangsan',
      LOG_LEVEL: 'silent',
      PUBLIC_BASE_URL: 'https://zhibu.example.gov.cn',
    };
    const store = sqliteStore(dir);
    await store.branches.create({ name: '青山村党支部', kind: 'home' }, new Date());
    await store.close();
  });
  afterAll(cleanupTempDirs);

  test('admin-link prints a link that a running bot on the same DATA_DIR accepts', async () => {
    const r = await zhibu(env, 'admin-link', 'wecom:zhangsan');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^https:\/\/zhibu\.example\.gov\.cn\/admin\/login\?t=[\w-]+\.[\w-]+$/);
    expect(fs.statSync(path.join(dir, 'dashboard-secret')).mode & 0o777).toBe(0o600);
    const rt = await createRuntime(loadConfig({ ...env, SIM_ENABLED: 'false' }), { log: createLogger('silent') });
    const res = await request(rt.app.callback())
      .post('/admin/login')
      .type('form')
      .send({ t: new URL(r.out).searchParams.get('t') });
    expect(res.status).toBe(303);
    await rt.stop();
  });

  test('admin-link refuses a malformed identity and one without any role', async () => {
    expect((await zhibu(env, 'admin-link', 'zhangsan')).code).toBe(2);
    const r = await zhibu(env, 'admin-link', 'wecom:lisi');
    expect(r.code).toBe(1);
    expect(r.err).toContain('wecom:lisi 不是管理员或支部书记');
    expect(r.out).toBe('');
  });

  test('import members: --dry-run checks only; the import reports bad rows and exits 1', async () => {
    const file = path.join(dir, '名单.xlsx');
    fs.writeFileSync(
      file,
      await rosterXlsx([
        { 姓名: '张三', 手机号码: 13800138000, 流出地支部: '青山村党支部' },
        { 姓名: '李四', 性别: 'x', 流出地支部: '青山村党支部' },
      ]),
    );
    const dry = await zhibu(env, 'import', 'members', file, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('「名单.xlsx」共 2 行：可导入 1 行（新增 1，更新 0），有问题 1 行。');
    expect(dry.out).toContain('第 3 行「性别」：填 男 或 女（填写的是「x」）');
    let store = sqliteStore(dir);
    expect(await store.members.list()).toEqual([]);
    await store.close();
    const real = await zhibu(env, 'import', 'members', file);
    expect(real.out).toContain('已导入 1 行');
    store = sqliteStore(dir);
    expect((await store.members.list()).map((m) => [m.name, m.phone])).toEqual([['张三', '13800138000']]);
    await store.close();
  });

  test('import members: usage and unreadable files exit 2 with a reason', async () => {
    expect((await zhibu(env, 'import', 'tasks', 'x.xlsx')).code).toBe(2);
    expect((await zhibu(env, 'import', 'members', path.join(dir, 'none.xlsx'))).err).toContain('找不到文件');
    const bad = path.join(dir, 'old.xls');
    fs.writeFileSync(bad, 'x');
    const r = await zhibu(env, 'import', 'members', bad);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toContain('不支持旧版 .xls 文件');
  });
});
