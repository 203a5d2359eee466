import { certificateNumber, reminderDate, type Certificate } from '../src/certificates/certificate';
import { secretaryTargets } from '../src/members/members';
import { JobSender } from '../src/scheduler/job-sender';
import type { Job, JobDeps } from '../src/scheduler/job';
import { localDate } from '../src/time/zoned-time';

const NAME = 'certificate-reminders';

/** Certificates due a reminder today: the member's latest one (a renewal replaces it), in its last month. */
function dueToday(certificates: Certificate[], today: string): Certificate[] {
  const latest = new Map<number, Certificate>();
  for (const c of certificates) if ((latest.get(c.memberId)?.id ?? 0) < c.id) latest.set(c.memberId, c);
  return [...latest.values()].filter((c) => reminderDate(c.validUntil) <= today && today <= c.validUntil);
}

async function remind(deps: JobDeps, sender: JobSender, c: Certificate): Promise<number> {
  const { store } = deps.services;
  const member = await store.members.get(c.memberId);
  if (!member || member.status !== 'active') return 0;
  const text = `📄 ${member.name}的《流动党员证明》（编号 ${certificateNumber(c)}）将于 ${c.validUntil} 到期。如仍在外且未满 6 个月，请发送「开具证明 ${member.name}」重新开具；外出已满 6 个月的，请办理组织关系转接。`;
  const targets = await secretaryTargets(store, c.branchId);
  // Keyed by certificate and secretary, not by day: each secretary hears about a certificate once.
  for (const { memberId, target } of targets) await sender.send(target, text, `job:${NAME}:c${c.id}:m${memberId}`);
  return targets.length;
}

/** Daily: a month before a 流动党员证明 runs out, its issuing branch's secretaries are told once (1:1). */
export const certificateReminders: Job = {
  name: NAME,
  schedule: '0 9 * * *',
  catchUpMs: 86_400_000,
  describe: '每天 09:00 私信开具支部书记：一个月内到期的流动党员证明（每张只提醒一次）',
  async run(deps, now) {
    const sender = new JobSender(deps.services, deps.dryRun);
    const due = dueToday(
      await deps.services.store.certificates.list(),
      localDate(now, deps.services.settings.timezone),
    );
    let reached = 0;
    for (const c of due) reached += await remind(deps, sender, c);
    return sender.result(`${due.length} 张证明一个月内到期，提醒 ${reached} 位书记；共 ${sender.sent} 条消息`);
  },
};
