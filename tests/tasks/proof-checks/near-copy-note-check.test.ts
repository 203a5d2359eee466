import type { Member, Submission, Task } from '../../../src/model';
import { nearCopyNoteCheck, NEAR_COPY_SIMILARITY } from '../../../src/tasks/proof-checks/near-copy-note-check';
import { jaccard, shingles } from '../../../src/tasks/proof-checks/note-similarity';
import type { ProofCheck } from '../../../src/tasks/proof-checks/proof-check';
import { sqliteStore } from '../../../src/store/sqlite/sqlite-store';
import type { Store } from '../../../src/store/store';
import { cleanupTempDirs, tempDir } from '../../helpers/temp-dir';

const T0 = new Date('2026-12-01T02:00:00.000Z');
const ORIGINAL =
  '通过学习我深刻认识到，作为一名流动党员，我要在工作岗位上发挥先锋模范作用，按时参加支部组织生活，主动向支部汇报思想。';
const COPY = ORIGINAL.replace('我深刻认识到', '我深深体会到');
const OTHER =
  '今天在工地休息时读了公报原文，我会把学到的内容讲给身边的工友听，也会认真完成支部布置的任务，以后多参加志愿服务。';

let store: Store;
let task: Task;
let members: Member[];
let clock = 0;

beforeEach(async () => {
  store = sqliteStore(tempDir('zhibu-near-copy-'));
  const branch = await store.branches.create({ name: '一支部', kind: 'home' }, T0);
  members = [];
  for (const name of ['张三', '李四', '王五', '赵六'])
    members.push(await store.members.create({ name, homeBranchId: branch.id }, T0));
  task = await store.tasks.create(
    {
      branchId: branch.id,
      title: '学习四中全会公报',
      content: '',
      deadline: '2026-12-20T10:00:00.000Z',
      points: 8,
      proofKinds: ['text'],
      minChars: 20,
      lateRule: 'half',
      createdBy: 'test',
    },
    T0,
  );
});
afterEach(async () => {
  await store.close();
  cleanupTempDirs();
});

/** What the request path does: the submission (a new revision each time) and its queued check. */
async function submit(member: Member, note: string, queued = true): Promise<Submission> {
  const at = new Date(T0.getTime() + ++clock * 60_000);
  const sourceKey = `sim:m${clock}`;
  const fields = {
    taskId: task.id,
    memberId: member.id,
    links: [],
    media: [],
    late: false,
    status: 'accepted' as const,
  };
  const { submission } = await store.submissions.upsert({ ...fields, note, sourceKey }, at);
  if (queued) await store.proofChecks.enqueue({ submissionId: submission.id, sourceKey, doubts: [] }, at);
  return submission;
}

/** Runs the check and marks the run done, as the runner does. */
async function run(check: ProofCheck, submission: Submission) {
  const doubts = await check.check({ submission, task, images: [], store, now: T0 });
  await store.proofChecks.finish(submission.id, submission.sourceKey, { status: 'done', doubts, facts: {} }, T0);
  return doubts;
}

describe('near-copy notes found through stored signatures', () => {
  test('a copy is held naming the earlier note even when the earlier note’s check has not run yet', async () => {
    const check = nearCopyNoteCheck();
    await run(check, await submit(members[2], OTHER)); // the task is signed once, so only pending notes are read after
    const original = await submit(members[0], ORIGINAL);
    const copy = await submit(members[1], COPY);
    const doubts = await run(check, copy);
    expect(doubts).toEqual([expect.objectContaining({ code: 'near-copy-note', relatedSubmissionIds: [original.id] })]);
    expect(doubts[0].reason).toContain(`心得与 S${original.id}（张三）的心得几乎相同`);
    expect(await run(check, original)).toEqual([]);
  });

  test('notes written before signatures were kept (no signature, no queued check) are compared', async () => {
    const original = await submit(members[0], ORIGINAL, false);
    const copy = await submit(members[1], COPY);
    const doubts = await run(nearCopyNoteCheck(), copy);
    expect(doubts[0]).toMatchObject({ code: 'near-copy-note', relatedSubmissionIds: [original.id] });
  });

  test('a replaced note is compared by its new text, not by the signature of the text it replaced', async () => {
    const check = nearCopyNoteCheck();
    await run(check, await submit(members[0], ORIGINAL));
    await run(check, await submit(members[0], OTHER)); // 张三 replaced his note
    expect(await run(check, await submit(members[1], COPY))).toEqual([]);
    const copyOfNew = await submit(members[2], `${OTHER}谢谢`);
    const doubts = await run(check, copyOfNew);
    expect(doubts[0]?.relatedSubmissionIds).toEqual([(await store.submissions.find(task.id, members[0].id))!.id]);
  });

  test('a member’s own earlier note and short captions are never counted as copies', async () => {
    const check = nearCopyNoteCheck();
    await run(check, await submit(members[0], '照片见上，已学习'));
    await run(check, await submit(members[1], '照片见上，已学习'));
    await run(check, await submit(members[0], ORIGINAL));
    expect(await run(check, await submit(members[0], COPY))).toEqual([]);
  });
});

/** A deterministic note drawn from a small vocabulary, so unrelated notes share many shingles (the hard case). */
function generated(seed: number): string {
  const words =
    '学习 贯彻 全会 精神 深刻 领会 初心 使命 担当 服务 群众 支部 党员 先锋 模范 岗位 务工 返乡 乡村 振兴'.split(' ');
  let x = seed + 1;
  const parts = [];
  for (let i = 0; i < 20 + (seed % 15); i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    parts.push(words[(x >>> 8) % words.length]);
  }
  return parts.join('');
}

test('on a task of 300 notes with copies, the held notes and the notes named are those a full comparison finds', async () => {
  const check = nearCopyNoteCheck();
  const people: Member[] = [];
  for (let i = 0; i < 300; i++)
    people.push(await store.members.create({ name: `党员${i}`, homeBranchId: task.branchId }, T0));
  const all: Submission[] = [];
  const found: Record<number, number[]> = {};
  for (let i = 0; i < 300; i++) {
    const note = i % 6 === 5 ? `${generated(i - 5 - (i % 4))}${i % 3 === 0 ? '认真' : ''}` : generated(i);
    const s = await submit(people[i], note);
    found[s.id] = (await run(check, s))[0]?.relatedSubmissionIds ?? [];
    all.push(s);
  }
  const expected: Record<number, number[]> = {};
  for (const [i, s] of all.entries()) {
    const mine = shingles(s.note);
    const alike = all
      .slice(0, i)
      .map((o) => ({ o, j: jaccard(mine, shingles(o.note)) }))
      .filter((m) => m.j >= NEAR_COPY_SIMILARITY)
      .sort((a, b) => b.j - a.j || a.o.id - b.o.id);
    expected[s.id] = alike.slice(0, 3).map((m) => m.o.id);
  }
  expect(found).toEqual(expected);
  expect(Object.values(found).filter((ids) => ids.length).length).toBeGreaterThanOrEqual(20);
}, 120_000);
