import { openSqlite } from '../../src/store/sqlite/open-sqlite';
import { allRecords, fromRows } from '../../src/store/sqlite/row-mapping';

describe('SQLite rows to records', () => {
  test('read as arrays, rows become the records fromRows makes, and the shared statement still returns objects', () => {
    const db = openSqlite(':memory:');
    db.exec(`INSERT INTO branches (name, kind, created_at) VALUES ('甲','home','t');
      INSERT INTO members (name, home_branch_id, phone, certificate_status, status, created_at, updated_at)
      VALUES ('张三', 1, '13800000000', 'none', 'active', 't', 't'), ('李四', NULL, NULL, 'none', 'lost', 't', 't');`);
    const sql = 'SELECT * FROM members ORDER BY id';
    const records = allRecords<Record<string, unknown>>(db.prepare(sql));
    expect(records).toEqual(fromRows(db.prepare(sql).all()));
    expect(records[0]).toMatchObject({ name: '张三', homeBranchId: 1, certificateStatus: 'none' });
    expect(records[1]).not.toHaveProperty('homeBranchId');
    // The connection hands out one statement per SQL text, so the next caller must not get arrays.
    expect(db.prepare(sql).get()).toMatchObject({ name: '张三', home_branch_id: 1 });
    db.close();
  });
});
