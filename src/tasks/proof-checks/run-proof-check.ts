import type { Logger } from 'pino';
import type { Submission, Task } from '../../model';
import type { OutboxPort } from '../../outbox/outbox-port';
import type { ProofCheckRef } from '../../store/proof-check-repo';
import type { Store } from '../../store/store';
import type { Clock } from '../../time/clock';
import { privateTarget } from '../../members/members';
import { settleSubmission } from '../../points/ledger';
import type { ProofCheck, ProofCheckInput, ProofDoubt, ProofImage } from './proof-check';
import type { ImageFactsReader } from './image-facts';
import { heldNotice } from './held-notice';

export interface ProofCheckDeps {
  store: Store;
  checks: ProofCheck[];
  reader: ImageFactsReader;
  outbox: OutboxPort;
  log: Logger;
  clock: Clock;
}

const SHOWN_TEXT = 300;

async function loadImages(store: Store, submission: Submission): Promise<ProofImage[]> {
  const images: ProofImage[] = [];
  for (const m of submission.media.filter((x) => x.kind === 'image')) {
    const blob = await store.blobs.get(m.sha256);
    if (blob) images.push({ sha256: m.sha256, ext: blob.ext, bytes: blob.bytes });
  }
  return images;
}

/** One failing check (a broken image, OCR crashing) costs only its own verdict, never the others'. */
async function safely(deps: ProofCheckDeps, check: ProofCheck, input: ProofCheckInput): Promise<ProofDoubt[]> {
  try {
    return await check.check(input);
  } catch (err) {
    deps.log.warn({ err, check: check.name, submissionId: input.submission.id }, 'a proof check failed; skipped');
    return [];
  }
}

/** The date taken and the text read, for the reviewer (read once, shared with the checks). */
async function readFacts(deps: ProofCheckDeps, images: ProofImage[]): Promise<Record<string, string>> {
  const facts: Record<string, string> = {};
  for (const image of images) {
    const f = await deps.reader.read(image).catch(() => undefined);
    if (f?.exifTakenAt) facts.exifTakenAt ??= f.exifTakenAt;
    if (f?.shownDates.length) facts.shownDates = [facts.shownDates, ...f.shownDates].filter(Boolean).join('、');
    if (f?.text) facts.text = [facts.text, f.text].filter(Boolean).join('\n').slice(0, SHOWN_TEXT);
  }
  return facts;
}

/** Holds proof a check doubted: flagged, its points settled (keyed, once), the member told why, an audit line. */
async function hold(deps: ProofCheckDeps, submission: Submission, task: Task, doubts: ProofDoubt[]): Promise<void> {
  const { store } = deps;
  const now = deps.clock.now();
  const key = `proof-held:${submission.id}:${submission.sourceKey}`;
  await store.submissions.setStatus(submission.id, 'flagged', undefined, now);
  const delta = await settleSubmission(store, submission.id, {
    actor: 'system',
    reason: `任务#${task.id} 自动检查存疑，待审核（更正）`,
    now,
  });
  const detail = { codes: doubts.map((d) => d.code).join(','), sourceKey: submission.sourceKey };
  await store.audit.record(
    { actor: 'system', action: 'submission.hold', subject: `submission:${submission.id}`, detail },
    now,
    key,
  );
  const target = await privateTarget(store, submission.memberId);
  if (target) await deps.outbox.enqueue({ target, text: heldNotice(task, submission, doubts, delta), idemKey: key });
}

/**
 * Runs every check on one revision of a submission. Safe to run again after a crash: holding, settling, the
 * notice and the audit line are all keyed by the revision, and the run is marked done last.
 */
export async function runProofCheck(deps: ProofCheckDeps, run: ProofCheckRef): Promise<void> {
  const { store, clock } = deps;
  // A message handled again hands in its run again: a run already finished is never checked (or held) twice.
  if ((await store.proofChecks.get(run.submissionId, run.sourceKey))?.status !== 'pending') return;
  const submission = await store.submissions.get(run.submissionId);
  const task = submission && (await store.tasks.get(submission.taskId));
  if (!submission || !task || submission.sourceKey !== run.sourceKey) {
    const result = { status: 'superseded' as const, doubts: run.doubts, facts: {} };
    return store.proofChecks.finish(run.submissionId, run.sourceKey, result, clock.now());
  }
  const images = await loadImages(store, submission);
  const input: ProofCheckInput = { submission, task, images, store, now: clock.now() };
  const doubts = [...run.doubts];
  for (const check of deps.checks) doubts.push(...(await safely(deps, check, input)));
  const facts = await readFacts(deps, images);
  const found = doubts.slice(run.doubts.length);
  const current = await store.submissions.get(submission.id);
  // Only proof that is still this revision and counted as it was submitted is held: proof held on the request
  // path and now accepted was approved by a secretary, whose decision is never undone.
  const untouched = run.doubts.length === 0 && current?.status === 'accepted' && !current.reviewNote;
  if (found.length && untouched && current.sourceKey === run.sourceKey) await hold(deps, current, task, found);
  await store.proofChecks.finish(run.submissionId, run.sourceKey, { status: 'done', doubts, facts }, clock.now());
}
