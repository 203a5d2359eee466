import { formatDeadline } from '../time/parse-deadline-text';
import { reviewCode, type Review } from './review';
import type { ReviewLinks } from './review-links';
import { reviewSteps } from './review-questions';

/** The 1:1 message that asks a member to answer (on opening, and again as a reminder). */
export function reviewInvitation(
  review: Review,
  memberId: number,
  tz: string,
  links: ReviewLinks | undefined,
  reminder = false,
): string {
  const head = reminder ? '⏰ 提醒：你还没有参加满意度测评' : '📋 满意度测评';
  const link = links ? `，或打开链接填写：\n${links.issue(memberId, review)}` : '。';
  return `${head} ${reviewCode(review.id)}「${review.name}」，截止 ${formatDeadline(new Date(review.closesAt), tz)}。
共 ${reviewSteps(review).length} 题，匿名作答：支部书记看不到谁答了什么，每人只答一次。
在这里回复「测评」开始答题${link}`;
}
