import { caseCode, type HelpCase } from '../src/help-cases/help-case';
import { caseCard } from '../src/help-cases/format-help-case';
import {
  adminTargets,
  caseSecretaries,
  describeAsker,
  memberTargets,
  uniqueTargets,
} from '../src/help-cases/help-case-people';
import type { SendTarget } from '../src/outbox/outbox-types';
import type { Store } from '../src/store/store';
import { JobSender } from '../src/scheduler/job-sender';
import type { Job, JobDeps } from '../src/scheduler/job';

const NAME = 'help-escalation';
/** A case open this long without any reply goes up to the admins (three days). */
export const ESCALATE_AFTER_DAYS = 3;

/** Everyone told about one overdue case: the admins and the home branch's secretaries (who may know the member best). */
async function recipients(store: Store, admins: SendTarget[], helpCase: HelpCase): Promise<SendTarget[]> {
  const home =
    helpCase.homeBranchId === undefined
      ? []
      : await caseSecretaries(store, { ...helpCase, hostBranchId: undefined }, [helpCase.memberId]);
  return uniqueTargets([...admins, ...(await memberTargets(store, home)).map((x) => x.target)]);
}

async function escalate(
  deps: JobDeps,
  sender: JobSender,
  admins: SendTarget[],
  helpCase: HelpCase,
  now: Date,
): Promise<boolean> {
  const { store, settings } = deps.services;
  // The atomic mark decides which instance (or run) escalates; a dry run only looks.
  if (!deps.dryRun && !(await store.helpCases.markEscalated(helpCase.id, now))) return false;
  const code = caseCode(helpCase.id);
  const asker = await describeAsker(store, helpCase);
  const assignee = helpCase.assigneeId === undefined ? undefined : await store.members.get(helpCase.assigneeId);
  const headline = `⏰ 求助超过 ${ESCALATE_AFTER_DAYS} 天没有答复（跟进人：${assignee?.name ?? '无'}），请关注`;
  const card = caseCard(headline, helpCase, asker, settings.timezone);
  for (const target of await recipients(store, admins, helpCase)) {
    await sender.send(target, card, `job:${NAME}:${code}:${target.platform}:${target.chatId}`);
  }
  const [reach] =
    helpCase.assigneeId === undefined ? [] : await memberTargets(store, [helpCase.assigneeId], helpCase.platform);
  if (reach)
    await sender.send(
      reach.target,
      `⏰ 你负责的求助 ${code} 已超过 ${ESCALATE_AFTER_DAYS} 天没有答复，已上报管理员。请尽快处理：回复 ${code} <答复>`,
      `job:${NAME}:${code}:assignee`,
    );
  if (!deps.dryRun)
    await store.helpCases.addEvent(
      { caseId: helpCase.id, kind: 'escalate', actor: `job:${NAME}`, idemKey: `${code}#escalate` },
      now,
    );
  return true;
}

/**
 * Cases left 待回复 for three days go to the township/county admins (1:1) and the home branch's secretaries, and the
 * assignee is told. Each case is escalated once; a re-run or a second instance sends nothing new.
 */
export const helpCaseEscalation: Job = {
  name: NAME,
  schedule: '0 9-18 * * *',
  catchUpMs: 3_600_000,
  describe: `每天 9–18 点整点检查：求助超过 ${ESCALATE_AFTER_DAYS} 天无人答复，私信上报管理员和流出地支部书记`,
  async run(deps, now) {
    const sender = new JobSender(deps.services, deps.dryRun);
    const overdue = await deps.services.store.helpCases.listUnanswered(
      new Date(now.getTime() - ESCALATE_AFTER_DAYS * 86_400_000),
    );
    if (overdue.length === 0) return sender.result('没有超时未答复的求助');
    const admins = await adminTargets(deps.services.store, deps.services.settings.admins);
    let escalated = 0;
    for (const helpCase of overdue) if (await escalate(deps, sender, admins, helpCase, now)) escalated++;
    return sender.result(`${escalated} 件求助超过 ${ESCALATE_AFTER_DAYS} 天未答复，已上报；共 ${sender.sent} 条消息`);
  },
};
