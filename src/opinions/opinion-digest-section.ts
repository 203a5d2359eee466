import { adminTargets } from '../help-cases/help-case-people';
import { secretaryTargets } from '../members/members';
import { opinionLine, senderLabel } from './format-opinion';
import { OPEN_STATUSES, type Opinion } from './opinion';
import type { JobDeps } from '../scheduler/job';
import { optionsOf } from '../scheduler/job-options';
import type { JobSender } from '../scheduler/job-sender';
import type { OpinionStage } from '../store/opinion-repo';
import { splitMessage } from '../text/split-message';

const DAY = 86_400_000;
/**
 * An item listed in a weekly digest and still open at a later digest goes to the county admins. Six days, not seven:
 * a digest fired late (catch-up) must not push the next one out by a week.
 */
export const ADMIN_AFTER_DAYS = 6;

/** Items whose stage this run takes: marked once (a dry run only looks), so each item reaches each stage once. */
async function take(deps: JobDeps, items: Opinion[], stage: OpinionStage, now: Date): Promise<Opinion[]> {
  const taken: Opinion[] = [];
  for (const o of items)
    if (deps.dryRun || (await deps.services.store.opinions.markStage(o.id, stage, now))) taken.push(o);
  return taken;
}

async function lines(deps: JobDeps, items: Opinion[], now: Date, withBranch: boolean): Promise<string[]> {
  const { store, settings } = deps.services;
  const out: string[] = [];
  for (const o of items) {
    const days = Math.floor((now.getTime() - new Date(o.createdAt).getTime()) / DAY);
    const branch = withBranch ? `〔${(await store.branches.get(o.branchId))?.name ?? ''}〕` : '';
    out.push(`· ${branch}${opinionLine(o, settings.timezone, await senderLabel(store, o))}（已 ${days} 天）`);
  }
  return out;
}

async function toSecretaries(
  deps: JobDeps,
  sender: JobSender,
  items: Opinion[],
  now: Date,
  days: number,
): Promise<void> {
  const { store } = deps.services;
  for (const branchId of new Set(items.map((o) => o.branchId))) {
    const mine = items.filter((o) => o.branchId === branchId);
    const name = (await store.branches.get(branchId))?.name ?? '';
    const text = [
      `📮「${name}」意见建议超过 ${days} 天未销号（${mine.length} 件）：`,
      ...(await lines(deps, mine, now, false)),
      '请尽快办理：答复 / 销号 / 上报 Y<编号> …；下周仍未办结将报县级管理员。',
    ].join('\n');
    for (const { memberId, target } of await secretaryTargets(store, branchId))
      for (const [i, part] of splitMessage(text).entries())
        await sender.send(
          target,
          part,
          `job:opinion-digest:${now.toISOString()}:b${branchId}:m${memberId}${i ? `:p${i}` : ''}`,
        );
  }
}

async function toAdmins(deps: JobDeps, sender: JobSender, items: Opinion[], now: Date, days: number): Promise<void> {
  const { store, settings } = deps.services;
  const text = [
    `⏰ 意见建议超过 ${days} 天未销号、周报提醒后仍未办结（${items.length} 件），请督办：`,
    ...(await lines(deps, items, now, true)),
  ].join('\n');
  for (const target of await adminTargets(store, settings.admins))
    for (const [i, part] of splitMessage(text).entries())
      await sender.send(
        target,
        part,
        `job:opinion-digest:${now.toISOString()}:admin:${target.platform}:${target.chatId}${i ? `:p${i}` : ''}`,
      );
}

/**
 * The weekly digest's opinion section: open opinions older than OPINION_DAYS go 1:1 to their branch's secretaries,
 * and those already listed a week before go to the county admins — each item once per stage. Returns a summary
 * fragment for the digest's result ('' when nothing was due).
 */
export async function opinionDigestSection(deps: JobDeps, sender: JobSender, now: Date): Promise<string> {
  const days = optionsOf(deps).opinionDays;
  const overdue = await deps.services.store.opinions.list({
    statuses: OPEN_STATUSES,
    before: new Date(now.getTime() - days * DAY),
  });
  const listed = await take(
    deps,
    overdue.filter((o) => !o.digestedAt),
    'digestedAt',
    now,
  );
  const staleBefore = now.getTime() - ADMIN_AFTER_DAYS * DAY;
  const stale = overdue.filter(
    (o) => o.digestedAt && !o.adminNotifiedAt && new Date(o.digestedAt).getTime() <= staleBefore,
  );
  const raised = await take(deps, stale, 'adminNotifiedAt', now);
  if (listed.length) await toSecretaries(deps, sender, listed, now, days);
  if (raised.length) await toAdmins(deps, sender, raised, now, days);
  if (!listed.length && !raised.length) return '';
  return `；意见建议超期：${listed.length} 件提醒书记，${raised.length} 件报管理员`;
}
