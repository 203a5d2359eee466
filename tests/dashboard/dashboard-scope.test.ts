import ExcelJS from 'exceljs';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { download, seedTwoBranches, signIn, type Session } from './dashboard-fixture';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function sheetNames(body: Buffer, sheet: string, col = 2): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const ws = wb.getWorksheet(sheet)!;
  const out: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push(String(row.getCell(col).value));
  });
  return out;
}

/** "Changing an id in a URL shows nothing from another branch." */
describe('dashboard scope: a secretary sees only their branches', () => {
  let rt: TestRuntime;
  let a: Session;
  let ids: { wang: number; taskB: number; subB: number; sha: string; branchB: number };

  beforeAll(async () => {
    rt = await testRuntime();
    await seedTwoBranches(rt);
    await rt.say('u_sb', 'g_b', '发布任务 学习党章\n截止：2026-12-07 18:00\n证明：图片/文字');
    await rt.say('u_sa', 'g_a', '发布任务 青山学习\n截止：2026-12-07 18:00\n证明：图片/文字');
    await rt.say('u_b1', 'g_b', '#1', { images: [PNG] });
    const store = rt.services.store;
    const wang = (await store.members.findByName('王五'))[0];
    const sub = (await store.submissions.listByTask(1))[0];
    ids = { wang: wang.id, taskB: 1, subB: sub.id, sha: sub.media[0].sha256, branchB: wang.homeBranchId! };
    a = await signIn(rt, 'u_sa');
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('lists and pages show only the own branch', async () => {
    const members = await a.get('/admin/members');
    expect(members.text).toContain('张三');
    expect(members.text).not.toContain('王五');
    expect(members.text).not.toContain('白水村');
    const overview = await a.get('/admin');
    expect(overview.text).toContain('青山村党支部');
    expect(overview.text).not.toContain('白水村党支部');
    const tasks = await a.get('/admin/tasks');
    expect(tasks.text).toContain('青山学习');
    expect(tasks.text).not.toContain('学习党章');
    expect((await a.get('/admin/points')).text).not.toContain('王五');
  });

  test('ids of another branch in a URL find nothing', async () => {
    for (const path of [`/admin/members/${ids.wang}`, `/admin/tasks/${ids.taskB}`, `/admin/media/${ids.sha}`]) {
      const res = await a.get(path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('王五');
    }
    for (const path of [
      `/admin/members?branch=${ids.branchB}`,
      `/admin?branch=${ids.branchB}`,
      `/admin/points?branch=${ids.branchB}`,
      `/admin/tasks?branch=${ids.branchB}`,
    ]) {
      const res = await a.get(path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('王五');
      expect(res.text).not.toContain('学习党章');
    }
  });

  test('writes to another branch are refused and change nothing', async () => {
    const edit = await a
      .post(`/admin/members/${ids.wang}`)
      .type('form')
      .send({ _csrf: a.csrf, name: '王五', occupation: '改掉' });
    expect(edit.status).toBe(404);
    expect((await rt.services.store.members.get(ids.wang))?.occupation).toBeUndefined();
    const review = await a
      .post(`/admin/submissions/${ids.subB}/review`)
      .type('form')
      .send({ _csrf: a.csrf, verdict: 'reject', reason: '越权' });
    expect(review.status).toBe(404);
    expect((await rt.services.store.submissions.get(ids.subB))?.status).toBe('accepted');
  });

  test('a secretary cannot move a member into a branch they do not run', async () => {
    const zhang = (await rt.services.store.members.findByName('张三'))[0];
    const res = await a
      .post(`/admin/members/${zhang.id}`)
      .type('form')
      .send({ _csrf: a.csrf, name: '张三', homeBranchId: String(ids.branchB) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('只能选择你管理的支部');
    expect((await rt.services.store.members.get(zhang.id))?.homeBranchId).not.toBe(ids.branchB);
  });

  test('exports are scoped the same way', async () => {
    const members = await download(a, `/admin/export/members.xlsx?branch=${ids.branchB}`);
    expect(members.status).toBe(200);
    const names = await sheetNames(members.body, '党员名单');
    expect(names.sort()).toEqual(['张三', '李四', '青书记']);
    const task = await download(a, `/admin/export/tasks.xlsx?task=${ids.taskB}`);
    expect(await sheetNames(task.body, '完成情况')).toEqual([]);
    expect(await sheetNames(task.body, '未提交名单', 4)).toEqual([]);
    const points = await download(a, '/admin/export/points.xlsx');
    expect(await sheetNames(points.body, '积分汇总', 3)).not.toContain('王五');
  });

  test('an admin sees every branch', async () => {
    const admin = await signIn(rt, 'u_admin');
    expect((await admin.get('/admin/members')).text).toContain('王五');
    expect((await admin.get(`/admin/members/${ids.wang}`)).status).toBe(200);
    const media = await admin.get(`/admin/media/${ids.sha}`);
    expect(media.status).toBe(200);
    expect(media.headers['content-type']).toBe('image/png');
    const b = await signIn(rt, 'u_sb');
    expect((await b.get(`/admin/media/${ids.sha}`)).status).toBe(200);
  });
});
