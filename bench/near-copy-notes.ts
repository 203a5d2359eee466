import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Submission } from '../src/model';
import { sqliteStore } from '../src/store/sqlite/sqlite-store';
import { nearCopyNoteCheck as makeCheck } from '../src/tasks/proof-checks/near-copy-note-check';
import type { BenchCase } from './bench-case';

const NOTES = Number(process.env.BENCH_NOTES ?? 2000);
const NEW_NOTES = 100;
const T0 = new Date('2026-12-01T02:00:00Z');
const PHRASES = (
  '学习 贯彻 全会 精神 公报 深刻 领会 坚定 信念 理想 初心 使命 担当 作为 服务 群众 基层 支部 组织 生活 党员 ' +
  '先锋 模范 作用 发挥 结合 实际 工作 岗位 流动 外出 务工 家乡 返乡 创业 乡村 振兴 发展 新时代 奋斗 实干 ' +
  '自觉 提高 政治 站位 思想 认识 理论 武装 头脑 指导 实践 推动 落实 责任 纪律 规矩 廉洁 自律 作风 建设'
).split(' ');
/** The sentence of the material that honest notes quote. */
const QUOTE = '深入学习贯彻党的二十届四中全会精神，坚定不移推动高质量发展';

/** A deterministic note of 60–140 characters: phrases drawn at random, one in four quoting the material. */
function note(seed: number): string {
  let x = seed * 2654435761;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % PHRASES.length;
  const parts: string[] = seed % 4 === 0 ? [QUOTE] : [];
  for (let len = 0, goal = 60 + (seed % 80); len < goal; len += parts[parts.length - 1].length)
    parts.push(PHRASES[next()]);
  return parts.join(seed % 3 === 0 ? '，' : '');
}

async function seed(dir: string) {
  const store = sqliteStore(dir);
  const branchId = (await store.branches.create({ name: '支部', kind: 'home' }, T0)).id;
  const task = await store.tasks.create(
    {
      branchId,
      title: '学习四中全会公报',
      content: '',
      deadline: '2026-12-07T10:00:00.000Z',
      points: 8,
      proofKinds: ['text'],
      minChars: 50,
      lateRule: 'half',
      createdBy: 'sim:sec',
    },
    T0,
  );
  const add = async (i: number, text: string) => {
    const memberId = (await store.members.create({ name: `党员${i}`, homeBranchId: branchId }, T0)).id;
    const at = new Date(T0.getTime() + i * 1000);
    const fields = { taskId: task.id, memberId, links: [], media: [], late: false, status: 'accepted' as const };
    return (await store.submissions.upsert({ ...fields, note: text, sourceKey: `sim:n${i}` }, at)).submission;
  };
  return { store, task, add };
}

/** Checks one new note after another on a task that already has NOTES notes; every fifth new note is a copy. */
async function measure(): Promise<string[]> {
  const nearCopyNoteCheck = makeCheck();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-near-copy-'));
  try {
    const { store, task, add } = await seed(dir);
    const earlier: Submission[] = [];
    for (let i = 0; i < NOTES; i++) earlier.push(await add(i, note(i)));
    // Every earlier note is checked once, as the bot does when it comes in; only the new notes are timed.
    for (const s of earlier.slice(-NEW_NOTES))
      await nearCopyNoteCheck.check({ submission: s, task, images: [], store, now: T0 });
    let held = 0;
    let cpu = 0;
    for (let i = 0; i < NEW_NOTES; i++) {
      const copy = i % 5 === 0;
      const s = await add(NOTES + i, copy ? `${note(i * 7)}（转发）` : note(NOTES + i));
      const c = process.cpuUsage();
      const doubts = await nearCopyNoteCheck.check({ submission: s, task, images: [], store, now: T0 });
      const u = process.cpuUsage(c);
      cpu += u.user + u.system;
      if (doubts.length) held++;
    }
    await store.close();
    return [
      `near-copy check on a task of ${NOTES} notes: ${(cpu / NEW_NOTES).toFixed(0)} µs CPU per new note ` +
        `(${NEW_NOTES} new notes, ${held} held as copies, load ${os.loadavg()[0].toFixed(2)})`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const nearCopyNotes: BenchCase = { name: 'near-copy-notes', run: measure };
