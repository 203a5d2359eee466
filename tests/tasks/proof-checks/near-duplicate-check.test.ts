import sharp from 'sharp';
import { renderScene } from '../../../bench/proof-set/scene';
import { VARIANTS } from '../../../bench/proof-set/variants';
import type { Member, Task } from '../../../src/model';
import { nearDuplicateCheck } from '../../../src/tasks/proof-checks/near-duplicate-check';
import type { ProofCheck } from '../../../src/tasks/proof-checks/proof-check';
import { sqliteStore } from '../../../src/store/sqlite/sqlite-store';
import type { Store } from '../../../src/store/store';
import { cleanupTempDirs, tempDir } from '../../helpers/temp-dir';

const T0 = new Date('2026-12-01T02:00:00.000Z');
let dataDir: string;
let store: Store;
let tasks: Task[];
let people: Record<'zhang' | 'li' | 'wang', Member>;

/** The photos, rendered once (rendering dominates the time these tests take on a busy machine). */
const scenes = new Map<number, Buffer>();
const scene = (seed: number) => scenes.get(seed)!;
beforeAll(async () => {
  for (const seed of [1, 2, 4, 5, 7, 10]) scenes.set(seed, await renderScene(seed));
}, 180_000);
jest.setTimeout(90_000);

beforeEach(async () => {
  dataDir = tempDir('zhibu-near-dup-');
  store = sqliteStore(dataDir);
  const branch = await store.branches.create({ name: '一支部', kind: 'home' }, T0);
  const member = (name: string) => store.members.create({ name, homeBranchId: branch.id }, T0);
  people = { zhang: await member('张三'), li: await member('李四'), wang: await member('王五') };
  const task = (title: string) =>
    store.tasks.create(
      {
        branchId: branch.id,
        title,
        content: '',
        deadline: '2026-12-20T10:00:00.000Z',
        points: 5,
        proofKinds: ['image'],
        minChars: 0,
        lateRule: 'half',
        createdBy: 'test',
      },
      T0,
    );
  tasks = [await task('主题党日'), await task('学习强国')];
});
afterEach(async () => {
  await store.close();
  cleanupTempDirs();
});

/** `bytes` with 10 % of the width and of the height cut away, `left` and `top` (fractions) of it before the kept part. */
async function offGridCrop(bytes: Buffer, left: number, top: number): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  return sharp(bytes)
    .extract({
      left: Math.round(width * left),
      top: Math.round(height * top),
      width: Math.round(width * 0.9),
      height: Math.round(height * 0.9),
    })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** Stores the photo as `who`'s proof for `task` and runs the check on it, as the pipeline would. */
async function submit(check: ProofCheck, who: Member, task: Task, bytes: Buffer, on: Store = store) {
  const blob = await on.blobs.put(bytes, 'jpg');
  const { submission } = await on.submissions.upsert(
    {
      taskId: task.id,
      memberId: who.id,
      note: '',
      links: [],
      media: [{ sha256: blob.sha256, kind: 'image' }],
      late: false,
      status: 'accepted',
      sourceKey: `sim:${who.id}:${task.id}`,
    },
    T0,
  );
  const doubts = await check.check({ submission, task, images: [{ ...blob, bytes }], store: on, now: T0 });
  return { submission, doubts };
}

describe('the near-duplicate check', () => {
  it("holds a re-saved and cropped copy of another member's photo, naming the original", async () => {
    const check = nearDuplicateCheck();
    const original = scene(1);
    const first = await submit(check, people.zhang, tasks[0], original);
    expect(first.doubts).toEqual([]);

    const copy = await VARIANTS.crop10(await VARIANTS.requality(original, 1), 1);
    expect(copy.equals(original)).toBe(false);
    const { doubts } = await submit(check, people.li, tasks[0], copy);
    expect(doubts).toHaveLength(1);
    expect(doubts[0]).toMatchObject({ code: 'near-duplicate', relatedSubmissionIds: [first.submission.id] });
    expect(doubts[0].reason).toContain(`S${first.submission.id}（张三，任务 #${tasks[0].id}）`);
  });

  it('finds a 10 % crop cut at an offset between the stored crops, and not a distinct photo of a like scene', async () => {
    const check = nearDuplicateCheck();
    const original = scene(10);
    const first = await submit(check, people.zhang, tasks[0], original);
    // 3 % off the left and 8 % off the top: between the stored crops' offsets on both axes.
    const copy = await offGridCrop(original, 0.03, 0.08);
    const { doubts } = await submit(check, people.li, tasks[1], copy);
    expect(doubts).toHaveLength(1);
    expect(doubts[0]).toMatchObject({ code: 'near-duplicate', relatedSubmissionIds: [first.submission.id] });
    expect(doubts[0].reason).toContain(`S${first.submission.id}（张三，任务 #${tasks[0].id}）`);
    // Scene 4 is drawn like scene 10 (same kind of room, other details): a different photo, accepted.
    expect((await submit(check, people.wang, tasks[0], scene(4))).doubts).toEqual([]);
  });

  it('finds the original sent after a cropped copy of it', async () => {
    const check = nearDuplicateCheck();
    const original = scene(10);
    const first = await submit(check, people.zhang, tasks[0], await offGridCrop(original, 0.08, 0.03));
    const { doubts } = await submit(check, people.li, tasks[0], original);
    expect(doubts[0]).toMatchObject({ code: 'near-duplicate', relatedSubmissionIds: [first.submission.id] });
  });

  it("the original's check running after its copy's does not hold the original", async () => {
    const check = nearDuplicateCheck();
    const original = scene(5);
    const blob = await store.blobs.put(original, 'jpg');
    const fields = { note: '', links: [], late: false, status: 'accepted' as const };
    const { submission } = await store.submissions.upsert(
      {
        ...fields,
        taskId: tasks[0].id,
        memberId: people.zhang.id,
        media: [{ sha256: blob.sha256, kind: 'image' }],
        sourceKey: 'sim:first',
      },
      T0,
    );
    // The copy is handed in after the original, but its check runs first.
    await submit(check, people.li, tasks[0], await sharp(original).jpeg({ quality: 70 }).toBuffer());
    const images = [{ ...blob, bytes: original }];
    expect(await check.check({ submission, task: tasks[0], images, store, now: T0 })).toEqual([]);
  });

  it("holds a copy whose check runs before the original's: the original's run is still pending", async () => {
    const check = nearDuplicateCheck();
    const original = scene(1);
    const blob = await store.blobs.put(original, 'jpg');
    const { submission } = await store.submissions.upsert(
      {
        note: '',
        links: [],
        late: false,
        status: 'accepted',
        taskId: tasks[0].id,
        memberId: people.zhang.id,
        media: [{ sha256: blob.sha256, kind: 'image' }],
        sourceKey: 'sim:original',
      },
      T0,
    );
    await store.proofChecks.enqueue({ submissionId: submission.id, sourceKey: 'sim:original', doubts: [] }, T0);
    const copy = await VARIANTS.crop10(await VARIANTS.requality(original, 1), 1);
    const { doubts } = await submit(check, people.li, tasks[0], copy);
    expect(doubts).toHaveLength(1);
    expect(doubts[0]).toMatchObject({ code: 'near-duplicate', relatedSubmissionIds: [submission.id] });
    expect(doubts[0].reason).toContain(`S${submission.id}（张三，任务 #${tasks[0].id}）`);
    // The original's own check, run after, neither holds it nor records it twice for the next proof.
    const images = [{ ...blob, bytes: original }];
    expect(await check.check({ submission, task: tasks[0], images, store, now: T0 })).toEqual([]);
    const third = await submit(check, people.wang, tasks[1], await VARIANTS.half(original, 1));
    expect(third.doubts[0].relatedSubmissionIds).toEqual(expect.arrayContaining([submission.id]));
  });

  it('a proof handed in after this one, or a revision since replaced, never holds it, checked or not', async () => {
    const check = nearDuplicateCheck();
    const photo = scene(2);
    const put = async (who: Member, sourceKey: string, bytes: Buffer, at: Date) => {
      const blob = await store.blobs.put(bytes, 'jpg');
      const fields = { note: '', links: [], late: false, status: 'accepted' as const, taskId: tasks[0].id };
      const media = [{ sha256: blob.sha256, kind: 'image' as const }];
      const { submission } = await store.submissions.upsert({ ...fields, memberId: who.id, media, sourceKey }, at);
      await store.proofChecks.enqueue({ submissionId: submission.id, sourceKey, doubts: [] }, at);
      return { submission, images: [{ ...blob, bytes }] };
    };
    const later = new Date(T0.getTime() + 60_000);
    // Li sent a copy first, then replaced it with a photo of his own; Wang's copy came a minute after Zhang's photo.
    await put(people.li, 'sim:li-old', await sharp(photo).jpeg({ quality: 70 }).toBuffer(), T0);
    await put(people.li, 'sim:li-new', scene(4), T0);
    const zhang = await put(people.zhang, 'sim:zhang', photo, T0);
    await put(people.wang, 'sim:wang', await sharp(photo).jpeg({ quality: 60 }).toBuffer(), later);
    expect(await check.check({ ...zhang, task: tasks[0], store, now: later })).toEqual([]);
  });

  it('accepts a genuinely different photo of the same kind of scene', async () => {
    const check = nearDuplicateCheck();
    await submit(check, people.zhang, tasks[0], scene(1));
    await submit(check, people.li, tasks[0], scene(4));
    expect((await submit(check, people.wang, tasks[0], scene(7))).doubts).toEqual([]);
  });

  it("a member's own earlier photo for the same task is no duplicate, nor is the check running again; for another task it is", async () => {
    const check = nearDuplicateCheck();
    const photo = scene(2);
    const first = await submit(check, people.zhang, tasks[0], photo);
    const resaved = await sharp(photo).jpeg({ quality: 60 }).toBuffer();
    expect((await submit(check, people.zhang, tasks[0], resaved)).doubts).toEqual([]);
    const again = await check.check({
      submission: first.submission,
      task: tasks[0],
      images: [{ sha256: 'x'.repeat(64), ext: 'jpg', bytes: photo }],
      store,
      now: T0,
    });
    expect(again).toEqual([]);
    const reused = await submit(check, people.zhang, tasks[1], resaved);
    expect(reused.doubts[0]?.relatedSubmissionIds).toEqual([first.submission.id]);
  });

  it('another instance on the same store finds a photo this one recorded', async () => {
    const original = scene(5);
    await submit(nearDuplicateCheck(), people.zhang, tasks[0], original);
    const other = sqliteStore(dataDir);
    try {
      const { doubts } = await submit(
        nearDuplicateCheck(),
        people.wang,
        tasks[1],
        await VARIANTS.half(original, 5),
        other,
      );
      expect(doubts.map((d) => d.code)).toEqual(['near-duplicate']);
    } finally {
      await other.close();
    }
  });

  it('two flat single-colour images are not duplicates of each other, and enter no index', async () => {
    const flat = (colour: string) =>
      sharp({ create: { width: 1, height: 1, channels: 3, background: colour } })
        .png()
        .toBuffer();
    const check = nearDuplicateCheck();
    expect((await submit(check, people.zhang, tasks[0], await flat('#e33'))).doubts).toEqual([]);
    expect((await submit(check, people.li, tasks[0], await flat('#2a4'))).doubts).toEqual([]);
    expect((await submit(check, people.wang, tasks[0], await flat('#e33'))).doubts).toEqual([]);
  });

  it('skips what is not an image without a doubt', async () => {
    const { doubts } = await submit(nearDuplicateCheck(), people.zhang, tasks[0], Buffer.from('not a photo'));
    expect(doubts).toEqual([]);
  });
});
