import { memberTargets } from '../src/help-cases/help-case-people';
import { reviewCode, type Review } from '../src/reviews/review';
import { isReviewOpen } from '../src/reviews/review-branch';
import { reviewInvitation } from '../src/reviews/review-invitation';
import { reviewMembers } from '../src/reviews/review-members';
import { JobSender } from '../src/scheduler/job-sender';
import type { Job, JobDeps } from '../src/scheduler/job';
import { localDate } from '../src/time/zoned-time';

const NAME = 'review-reminders';
/** Members are left alone on the day a review opens (they were just invited). */
const QUIET_AFTER_OPENING_MS = 20 * 3_600_000;

/** Reminds, 1:1, each member of one review who has not answered; one reminder per member and local day. */
async function remind(deps: JobDeps, sender: JobSender, review: Review, now: Date): Promise<number> {
  const { store, settings, reviewLinks } = deps.services;
  const voted = new Set(await store.reviews.voterIds(review.id));
  const waiting = (await reviewMembers(store, review)).filter((m) => !voted.has(m.id)).map((m) => m.id);
  const day = localDate(now, settings.timezone);
  for (const { memberId, target } of await memberTargets(store, waiting))
    await sender.send(
      target,
      reviewInvitation(review, memberId, settings.timezone, reviewLinks, true),
      `job:${NAME}:${reviewCode(review.id)}:${memberId}:${day}`,
    );
  return waiting.length;
}

/**
 * Every morning while a review is open: a 1:1 reminder to each member who has not answered yet. Keyed by review,
 * member and day, so a re-run or a second instance sends nothing twice. Only members are told: nobody else learns
 * who has answered.
 */
export const reviewReminders: Job = {
  name: NAME,
  schedule: '0 10 * * *',
  catchUpMs: 3 * 3_600_000,
  describe: '每天 10:00：满意度测评进行中时，私信提醒还没作答的党员',
  async run(deps, now) {
    const sender = new JobSender(deps.services, deps.dryRun);
    const open = (await deps.services.store.reviews.list()).filter(
      (r) => isReviewOpen(r, now) && now.getTime() - Date.parse(r.createdAt) >= QUIET_AFTER_OPENING_MS,
    );
    if (open.length === 0) return sender.result('没有需要提醒的满意度测评');
    let waiting = 0;
    for (const review of open) waiting += await remind(deps, sender, review, now);
    return sender.result(`${open.length} 个测评进行中，${waiting} 人未作答，提醒 ${sender.sent} 条`);
  },
};
