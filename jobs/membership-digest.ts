import { secretaryTargets } from '../src/members/members';
import type { Branch } from '../src/model';
import { formatPlace } from '../src/members/places';
import { formatLocal } from '../src/time/zoned-time';
import { JobSender } from '../src/scheduler/job-sender';
import { optionsOf } from '../src/scheduler/job-options';
import { membershipFindings, TRANSFER_MONTHS, type MembershipFindings } from '../src/members/membership-rules';
import { splitMessage } from '../src/text/split-message';
import type { Job, JobDeps } from '../src/scheduler/job';
import { meetingsDigestSection } from '../src/meetings/meetings-digest-section';
import { uncontactedSection } from '../src/contacts/uncontacted-section';
import { outreachOf } from '../src/contacts/outreach-settings';
import { opinionDigestSection } from '../src/opinions/opinion-digest-section';

const NAME = 'membership-digest';
const CERTIFICATE_NAMES = { none: '未办理活动证', expired: '活动证已过期', valid: '活动证有效' } as const;

const place = (m: { destProvince?: string; destCity?: string }) =>
  formatPlace({ province: m.destProvince, city: m.destCity }) || '流入地未登记';

/** The digest text; personal data stays out (no phone numbers or family notes), it goes 1:1 to secretaries only. */
export function formatDigest(
  branch: Branch,
  f: MembershipFindings,
  weeks: number,
  now: Date,
  tz: string,
  more: string[] = [],
): string {
  const lines = [`📋「${branch.name}」党员管理周报（${formatLocal(now, tz, true).slice(0, 10)}）`];
  if (f.transfer.length) {
    lines.push(`一、外出满 ${TRANSFER_MONTHS} 个月且地点固定，应办理组织关系转接（${f.transfer.length} 人）：`);
    lines.push(
      ...f.transfer.map(
        ({ member: m, months }) => `· ${m.name}：${m.departureMonth} 外出，${place(m)}，已 ${months} 个月`,
      ),
    );
  }
  if (f.certificate.length) {
    lines.push(
      `二、外出未满 ${TRANSFER_MONTHS} 个月或地点不固定，需持有效《流动党员活动证》（${f.certificate.length} 人）：`,
    );
    lines.push(
      ...f.certificate.map(
        (m) => `· ${m.name}：${CERTIFICATE_NAMES[m.certificateStatus]}（${m.departureMonth} 外出，${place(m)}）`,
      ),
    );
  }
  if (f.outOfContact.length) {
    lines.push(`三、失联预警：${weeks} 周内没有发言也没有提交任务（${f.outOfContact.length} 人）：`);
    lines.push(
      ...f.outOfContact.map(
        ({ member: m, lastContact }) =>
          `· ${m.name}：${lastContact ? `最后联系 ${formatLocal(new Date(lastContact), tz, true).slice(0, 10)}` : '报到后从未联系'}`,
      ),
    );
  }
  lines.push(...more, '请及时联系处理，做到党员不失联。');
  return lines.join('\n');
}

async function digestBranch(
  deps: JobDeps,
  sender: JobSender,
  branch: Branch,
  now: Date,
): Promise<'sent' | 'clear' | 'no-secretary'> {
  const { store, settings } = deps.services;
  const weeks = optionsOf(deps).outOfContactWeeks;
  const found = await membershipFindings(store, branch.id, now, settings.timezone, weeks);
  const meetings = await meetingsDigestSection(store, branch, now, settings.timezone);
  const talks = await uncontactedSection(store, branch.id, now, settings.timezone, outreachOf(settings).contactWeeks);
  const more = [...(meetings ? [meetings] : []), ...talks];
  if (!found.transfer.length && !found.certificate.length && !found.outOfContact.length && !more.length) return 'clear';
  const parts = splitMessage(formatDigest(branch, found, weeks, now, settings.timezone, more));
  let reached = 0;
  for (const { memberId, target } of await secretaryTargets(store, branch.id)) {
    for (const [i, part] of parts.entries())
      await sender.send(
        target,
        part,
        `job:${NAME}:${now.toISOString()}:b${branch.id}:m${memberId}${i ? `:p${i}` : ''}`,
      );
    reached++;
  }
  if (!reached)
    deps.services.log.warn(
      { branchId: branch.id },
      'membership digest has findings but the branch has no reachable secretary',
    );
  return reached ? 'sent' : 'no-secretary';
}

/**
 * Weekly digest to each home branch's secretaries (1:1): members who should transfer membership, members who need
 * a valid mobile-member certificate, and members out of contact for OUT_OF_CONTACT_WEEKS weeks (default 4).
 */
export const membershipDigest: Job = {
  name: NAME,
  schedule: '30 8 * * 1',
  catchUpMs: 3 * 86_400_000,
  describe: '每周一 08:30 私信流出地支部书记：应转接组织关系、缺有效活动证、失联预警',
  async run(deps, now) {
    const sender = new JobSender(deps.services, deps.dryRun);
    const counts = { sent: 0, clear: 0, 'no-secretary': 0 };
    for (const branch of await deps.services.store.branches.list()) {
      if (branch.kind === 'home') counts[await digestBranch(deps, sender, branch, now)]++;
    }
    const opinions = await opinionDigestSection(deps, sender, now);
    const extra = counts['no-secretary'] ? `；${counts['no-secretary']} 个支部有待办但没有可私信的书记` : '';
    return sender.result(
      `${counts.sent} 个支部发送周报，${counts.clear} 个支部无待办${extra}${opinions}；共 ${sender.sent} 条消息`,
    );
  },
};
