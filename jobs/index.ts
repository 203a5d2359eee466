import { deadlineReminders } from './deadline-reminders';
import { helpEscalation } from './help-escalation';
import type { Job } from './job';
import { membershipDigest } from './membership-digest';
import { rankingPosts } from './ranking-posts';
import { weeklyPush } from './weekly-push';

/** Every scheduled job, wired to node-cron in src/jobs/scheduler.ts and run by hand with `zhibu jobs run <name>`. */
export const allJobs: Job[] = [weeklyPush, deadlineReminders, rankingPosts, membershipDigest, helpEscalation];
