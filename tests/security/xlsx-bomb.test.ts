import { FULL_SCOPE } from '../../src/access/access-scope';
import { readTable } from '../../src/excel/read-table';
import { importRoster } from '../../src/excel/roster-import';
import { RosterFileError } from '../../src/excel/roster-file-error';
import { XLSX_LIMITS } from '../../src/excel/xlsx-limits';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { xlsxWithRows } from '../helpers/xlsx-bomb';

const opts = {
  scope: FULL_SCOPE,
  actor: 'test',
  now: new Date('2026-12-01T02:00:00Z'),
  tz: 'Asia/Shanghai',
  dryRun: false,
};

async function refusal(bytes: Buffer): Promise<RosterFileError> {
  const err = await readTable(bytes, '名单.xlsx').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RosterFileError);
  return err as RosterFileError;
}

describe('roster import refuses oversized workbooks before reading them', () => {
  afterAll(cleanupTempDirs);

  test('the generated workbook is a real one: three rows read back', async () => {
    const table = await readTable(await xlsxWithRows(3), '名单.xlsx');
    expect(table.headers).toEqual(['姓名', '流入地']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['张三', '广东广州'],
      ['张三', '广东广州'],
      ['张三', '广东广州'],
    ]);
  });

  test('a zip bomb (40 MB of text in a few dozen KB) is refused with a clear Chinese message; nothing is stored', async () => {
    const bomb = await xlsxWithRows(3, { fillerBytes: 40 * 1024 * 1024 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const err = await refusal(bomb);
    expect(err.message).toContain('解压后超过 30 MB');
    const store = sqliteStore(tempDir('zhibu-bomb-'));
    await expect(importRoster(store, bomb, '名单.xlsx', opts)).rejects.toBeInstanceOf(RosterFileError);
    expect(await store.members.list()).toEqual([]);
    expect(await store.audit.list(10)).toEqual([]);
    await store.close();
  });

  test('a bomb whose directory lies about its size is caught while inflating, at the declared size', async () => {
    const err = await refusal(await xlsxWithRows(3, { fillerBytes: 40 * 1024 * 1024, declaredSize: 1000 }));
    expect(err.message).toContain('解压后超过');
  });

  test('more rows than the stated limit (but small) is refused naming the limit', async () => {
    const err = await refusal(await xlsxWithRows(XLSX_LIMITS.rows + 10));
    expect(err.message).toContain(`上限 ${XLSX_LIMITS.rows} 行`);
  });
});
