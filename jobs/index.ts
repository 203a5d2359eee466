import { deadlineReminders } from './deadline-reminders';
import { helpCaseEscalation } from './help-case-escalation';
import type { Job } from '../src/scheduler/job';
import { membershipDigest } from './membership-digest';
import { meetingReminders } from './meeting-reminders';
import { rankingPosts } from './ranking-posts';
import { reviewReminders } from './review-reminders';
import { weeklyPush } from './weekly-push';
import { certificateReminders } from './certificate-reminders';

/** Every scheduled job, wired to node-cron in src/scheduler/scheduler.ts and run by hand with `zhibu jobs run <name>`. */
export const allJobs: Job[] = [
  weeklyPush,
  deadlineReminders,
  rankingPosts,
  membershipDigest,
  helpCaseEscalation,
  meetingReminders,
  certificateReminders,
  reviewReminders,
];
