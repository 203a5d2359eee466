import Database from 'better-sqlite3';
import path from 'node:path';
import type { LedgerInput, SettleState } from '../../src/store/store';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

const AT = new Date('2026-12-06T10:00:00.000Z');

/** Books the task's points once, as the first revision of the submission. */
const firstBooking = (s: SettleState): LedgerInput | undefined =>
  s.booked.count > 0
    ? undefined
    : {
        memberId: s.submission.memberId,
        delta: s.task.points,
        kind: 'task',
        taskId: s.task.id,
        submissionId: s.submission.id,
        branchId: s.task.branchId,
        actor: 'system',
        reason: `完成任务#${s.task.id}`,
        idemKey: `submission:${s.submission.id}:rev:0`,
      };

describe('a proof’s writes share the group commit (SQLite)', () => {
  afterAll(cleanupTempDirs);

  test('proofs recorded and booked side by side share commits; each is committed when its caller resumes', async () => {
    const dir = tempDir('zhibu-proof-commit-');
    const store = sqliteStore(dir);
    const other = new Database(path.join(dir, 'zhibu.db'), { readonly: true });
    const branchId = (await store.branches.create({ name: '一支部', kind: 'home' }, AT)).id;
    const task = await store.tasks.create(
      {
        branchId,
        title: '学习',
        content: '读原文',
        deadline: '2026-12-07T10:00:00.000Z',
        points: 5,
        proofKinds: ['text'],
        minChars: 5,
        lateRule: 'half',
        createdBy: 'sim:sec',
      },
      AT,
    );
    const members: number[] = [];
    for (let i = 0; i < 40; i++) members.push((await store.members.create({ name: `党员${i}` }, AT)).id);
    const prove = async (memberId: number) => {
      const input = { taskId: task.id, memberId, note: '学习心得', links: [], media: [], sourceKey: `sim:${memberId}` };
      const { submission } = await store.submissions.upsert({ ...input, late: false, status: 'accepted' }, AT);
      expect(other.prepare('SELECT status FROM submissions WHERE id = ?').pluck().get(submission.id)).toBe('accepted');
      const step = await store.ledger.settle(submission.id, firstBooking, AT);
      expect(step).toMatchObject({ settled: true, entry: { delta: 5 } });
      expect(other.prepare('SELECT COUNT(*) FROM ledger WHERE submission_id = ?').pluck().get(submission.id)).toBe(1);
    };
    const walFrames = () => (store.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const id of members.slice(0, 20)) await prove(id);
    const oneByOne = walFrames();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    await Promise.all(members.slice(20).map(prove));
    const together = walFrames();
    expect(together).toBeLessThan(oneByOne / 3);
    expect([...(await store.ledger.totals(members)).values()]).toEqual(members.map(() => 5));
    other.close();
    await store.close();
  });
});
