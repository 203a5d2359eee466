import ExcelJS from 'exceljs';
import { FULL_SCOPE, type AccessScope } from '../../src/access/access-scope';
import { exportMembers } from '../../src/excel/export-members';
import { formatRosterReport, importRoster } from '../../src/excel/roster-import';
import { RosterFileError } from '../../src/excel/roster-file-error';
import { rosterTemplate } from '../../src/excel/roster-template';
import { workbookBuffer } from '../../src/excel/workbook';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { HEADERS, manyRows, rosterCsv, rosterXlsx } from './roster-files';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const TZ = 'Asia/Shanghai';
const opts = (scope: AccessScope = FULL_SCOPE, dryRun = false) => ({ scope, actor: 'test', now: NOW, tz: TZ, dryRun });

describe('roster import (.xlsx / .csv)', () => {
  let store: Store;
  let home: number;
  beforeEach(async () => {
    store = sqliteStore(tempDir('zhibu-roster-'));
    home = (await store.branches.create({ name: '青山村党支部', kind: 'home' }, NOW)).id;
    await store.branches.create({ name: '广州流动党支部', kind: 'host' }, NOW);
    await store.branches.create({ name: '白水村党支部', kind: 'home' }, NOW);
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(cleanupTempDirs);

  test('dry run lists every bad row and column in Chinese and writes nothing', async () => {
    const file = await rosterXlsx(
      [
        {
          姓名: '张三',
          性别: '男',
          出生年月: '1990-05',
          手机号码: 13800138000,
          流入地: '广东广州',
          流出地支部: '青山村党支部',
          流入地支部: '广州流动党支部',
        },
        { 姓名: '李四', 性别: '公', 出生年月: '1990-13', 手机号码: '1380013', 流出地支部: '青山村党支部' },
        { 姓名: '', 流出地支部: '不存在支部' },
        { 姓名: '赵五', 流出地支部: '广州流动党支部' },
      ],
      HEADERS,
      { title: '青山村流动党员花名册' },
    );
    const r = await importRoster(store, file, '名单.xlsx', opts(FULL_SCOPE, true));
    expect(r).toMatchObject({ rows: 4, created: 1, updated: 0, badRows: 3, dryRun: true });
    expect(formatRosterReport(r)).toEqual([
      '「名单.xlsx」共 4 行：可导入 1 行（新增 1，更新 0），有问题 3 行。',
      '第 4 行「性别」：填 男 或 女（填写的是「公」）',
      '第 4 行「出生年月」：应为 年-月，例如 2020-03（填写的是「1990-13」）',
      '第 4 行「手机号码」：应为 11 位手机号或带区号的固定电话，例如 13800138000（填写的是「1380013」）',
      '第 5 行「姓名」：必填，不能为空',
      '第 5 行「流出地支部」：系统中没有这个支部（请核对名称，或先在群里「绑定支部」）（填写的是「不存在支部」）',
      '第 6 行「流出地支部」：这是流入地支部，请填到「流入地支部」列（填写的是「广州流动党支部」）',
    ]);
    expect(await store.members.list()).toEqual([]);
  });

  test('import creates the good rows; phone numbers stay text; a second import updates instead of duplicating', async () => {
    const rows = [
      {
        姓名: '张三',
        性别: '男',
        出生年月: new Date(Date.UTC(1990, 4, 1)),
        学历: '本科',
        手机号码: 13800138000,
        外出时间: '2025年3月',
        流入地: '广东省广州市',
        流出地支部: '青山村党支部',
        活动证: '有',
      },
      {
        姓名: '李四',
        手机号码: '0731-8888888',
        流出地支部: '青山村党支部',
        流入地支部: '广州流动党支部',
        状态: '失联',
      },
    ];
    const first = await importRoster(store, await rosterXlsx(rows), 'a.xlsx', opts());
    expect(first).toMatchObject({ created: 2, updated: 0, badRows: 0 });
    const [zhang, li] = await store.members.list();
    expect(zhang).toMatchObject({
      name: '张三',
      gender: '男',
      birthMonth: '1990-05',
      education: '大学本科',
      phone: '13800138000',
      departureMonth: '2025-03',
      destProvince: '广东',
      destCity: '广州',
      certificateStatus: 'valid',
      homeBranchId: home,
    });
    expect(li).toMatchObject({ phone: '07318888888', status: 'lost' });
    const again = await importRoster(
      store,
      await rosterXlsx([{ 姓名: '张三', 职业: '电工', 流出地支部: '青山村党支部' }], ['姓名', '职业', '流出地支部']),
      'b.xlsx',
      opts(),
    );
    expect(again).toMatchObject({ created: 0, updated: 1 });
    expect(await store.members.list()).toHaveLength(2);
    expect(await store.members.get(zhang.id)).toMatchObject({ occupation: '电工', phone: '13800138000', gender: '男' });
    expect((await store.audit.list(5)).map((a) => a.action)).toEqual(['members.import', 'members.import']);
  });

  test('CSV from Excel on Chinese Windows (GB18030) and UTF-8 with BOM both read', async () => {
    const csv = rosterCsv(
      [{ 姓名: '王芳', 性别: '女', 手机号码: '13912345678', 流入地: '湖南长沙', 流出地支部: '青山村党支部' }],
      ['姓名', '性别', '手机号码', '流入地', '流出地支部'],
    );
    // The same text as Excel on a Chinese Windows saves it: GB18030, no BOM (bytes made with iconv -t GB18030).
    const gbk = Buffer.from(
      'd0d5c3fb2cd0d4b1f02ccad6bbfabac5c2eb2cc1f7c8ebb5d82cc1f7b3f6b5d8d6a7b2bf0d0acdf5b7bc2cc5ae2c31333931323334353637382cbafec4cfb3a4c9b32cc7e0c9bdb4e5b5b3d6a7b2bf',
      'hex',
    );
    expect(new TextDecoder('gb18030').decode(gbk)).toBe(csv);
    expect(await importRoster(store, gbk, 'gbk.csv', opts(FULL_SCOPE, true))).toMatchObject({ created: 1, badRows: 0 });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]);
    const r = await importRoster(store, bom, 'utf8.csv', opts());
    expect(r).toMatchObject({ created: 1, badRows: 0 });
    expect((await store.members.list())[0]).toMatchObject({ name: '王芳', destCity: '长沙', phone: '13912345678' });
  });

  test('a secretary imports only into their own branches', async () => {
    const scope: AccessScope = { all: false, branchIds: new Set([home]) };
    const r = await importRoster(
      store,
      await rosterXlsx([
        { 姓名: '张三', 流出地支部: '青山村党支部' },
        { 姓名: '李四', 流出地支部: '白水村党支部' },
      ]),
      'x.xlsx',
      opts(scope),
    );
    expect(r).toMatchObject({ created: 1, badRows: 1 });
    expect(r.errors).toEqual([
      { row: 3, column: '流出地支部', value: '白水村党支部', message: '你没有这个支部的管理权限' },
    ]);
  });

  test('same name twice in a branch needs 编号; duplicates within the file are reported', async () => {
    await store.members.create({ name: '张三', homeBranchId: home }, NOW);
    await store.members.create({ name: '张三', homeBranchId: home }, NOW);
    const r = await importRoster(
      store,
      await rosterXlsx([
        { 姓名: '张三', 流出地支部: '青山村党支部' },
        { 姓名: '李四', 流出地支部: '青山村党支部' },
        { 姓名: '李四', 流出地支部: '青山村党支部' },
      ]),
      'x.xlsx',
      opts(FULL_SCOPE, true),
    );
    expect(r.errors.map((e) => `${e.row}:${e.column}:${e.message}`)).toEqual([
      '2:姓名:本支部有 2 位党员叫「张三」，请在「编号」列填写要更新的是哪一位（编号见导出的名单）',
      '4:姓名:与第 3 行是同一名党员，请合并为一行',
    ]);
  });

  test('an exported member list imports back unchanged (export columns are the import columns)', async () => {
    await importRoster(store, await rosterXlsx(manyRows(30, '青山村党支部')), 'a.xlsx', opts());
    const before = await store.members.list();
    const exported = await workbookBuffer(exportMembers(before, await store.branches.list(), NOW, TZ));
    const r = await importRoster(store, exported, '党员名单.xlsx', opts());
    expect(r).toMatchObject({ rows: 30, created: 0, updated: 30, badRows: 0, ignoredColumns: [] });
    const after = await store.members.list();
    expect(after.map(({ updatedAt: _u, ...m }) => m)).toEqual(before.map(({ updatedAt: _u, ...m }) => m));
  });

  test("a secretary's own export re-imports unchanged, 双报 members registered in another secretary's branch included", async () => {
    const host = (await store.branches.list()).find((b) => b.name === '广州流动党支部')!.id;
    await store.members.create({ name: '张三', homeBranchId: home, hostBranchId: host, phone: '13800138000' }, NOW);
    await store.members.create({ name: '李四', homeBranchId: home }, NOW);
    const scope: AccessScope = { all: false, branchIds: new Set([home]) };
    const before = await store.members.list();
    const exported = await workbookBuffer(exportMembers(before, await store.branches.list(), NOW, TZ));
    const r = await importRoster(store, exported, '党员名单.xlsx', opts(scope));
    expect(r).toMatchObject({ rows: 2, created: 0, updated: 2, badRows: 0, errors: [] });
    const after = await store.members.list();
    expect(after.map(({ updatedAt: _u, ...m }) => m)).toEqual(before.map(({ updatedAt: _u, ...m }) => m));
  });

  test('the same secretary still cannot move a member into or out of a branch they do not run', async () => {
    const host = (await store.branches.list()).find((b) => b.name === '广州流动党支部')!.id;
    const zhang = await store.members.create({ name: '张三', homeBranchId: home }, NOW);
    const scope: AccessScope = { all: false, branchIds: new Set([home]) };
    const r = await importRoster(
      store,
      await rosterXlsx(
        [
          { 编号: String(zhang.id), 姓名: '张三', 流出地支部: '青山村党支部', 流入地支部: '广州流动党支部' },
          { 姓名: '王六', 流出地支部: '青山村党支部', 流入地支部: '广州流动党支部' },
        ],
        ['编号', ...HEADERS],
      ),
      'x.xlsx',
      opts(scope),
    );
    expect(r.errors.map((e) => `${e.row}:${e.column}:${e.message}`)).toEqual([
      '2:流入地支部:你没有这个支部的管理权限',
      '3:流入地支部:你没有这个支部的管理权限',
    ]);
    expect((await store.members.get(zhang.id))!.hostBranchId).toBeUndefined();
    expect(host).toBeGreaterThan(0);
    expect(await store.members.findByName('王六')).toEqual([]);
  });

  test('the downloadable template is accepted as is (header only)', async () => {
    const template = await workbookBuffer(rosterTemplate(NOW));
    expect(await importRoster(store, template, 'template.xlsx', opts(FULL_SCOPE, true))).toMatchObject({
      rows: 0,
      badRows: 0,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员名单', '填写说明']);
    expect(wb.worksheets[0].getColumn(6).numFmt).toBe('@');
  });

  test('unreadable files get a clear answer', async () => {
    await expect(importRoster(store, Buffer.from('x'), 'old.xls', opts())).rejects.toThrow('不支持旧版 .xls 文件');
    await expect(importRoster(store, Buffer.from('x'), 'a.pdf', opts())).rejects.toThrow(RosterFileError);
    await expect(importRoster(store, Buffer.from('PK\u0003\u0004broken'), 'a.xlsx', opts())).rejects.toThrow(
      '无法读取这个 .xlsx 文件',
    );
    await expect(importRoster(store, Buffer.from('名字,电话\n张三,1'), 'a.csv', opts())).rejects.toThrow(
      '包含「姓名」列',
    );
    await expect(importRoster(store, Buffer.from('姓名,电话\n张三,1'), 'a.csv', opts())).rejects.toThrow(
      '缺少「流出地支部」或「流入地支部」列',
    );
  });

  test('2,000 rows with 3 bad rows: exactly those 3 are reported and the other 1,997 imported', async () => {
    const rows = manyRows(2000, '青山村党支部');
    rows[100] = { ...rows[100], 手机号码: '12345' };
    rows[1000] = { ...rows[1000], 出生年月: '2030-01', 性别: '未知' };
    rows[1999] = { ...rows[1999], 流出地支部: '没有这个支部' };
    const r = await importRoster(store, await rosterXlsx(rows), '全县名单.xlsx', opts());
    expect(r).toMatchObject({ rows: 2000, created: 1997, updated: 0, badRows: 3 });
    expect([...new Set(r.errors.map((e) => e.row))]).toEqual([102, 1002, 2001]);
    expect(r.errors.map((e) => e.column)).toEqual(['手机号码', '性别', '出生年月', '流出地支部']);
    expect(await store.members.list()).toHaveLength(1997);
    expect(new Set((await store.members.list()).map((m) => m.name)).size).toBe(1997);
  });
});
