import type { Branch } from '../model';
import { behindOn, quarterAt, quarterReport } from '../reports/meeting-quarters';
import type { Store } from '../store/store';

/**
 * The weekly digest's 三会一课 lines for one branch: the meeting types it is behind on this quarter (held and
 * scheduled together fewer than due by now), or undefined when it is on track.
 */
export async function meetingsDigestSection(
  store: Store,
  branch: Branch,
  now: Date,
  tz: string,
): Promise<string | undefined> {
  // A branch that has never scheduled a meeting here keeps its records elsewhere: no figures, no warning.
  if (!(await store.meetings.list({ branchIds: [branch.id] })).length) return undefined;
  const report = await quarterReport(store, branch, quarterAt(now, tz), now, tz);
  const behind = behindOn(report.types);
  if (!behind.length) return undefined;
  const lines = behind.map(
    (t) =>
      `· ${t.name}：已开 ${t.held} 次${t.scheduled ? `、已安排 ${t.scheduled} 次` : ''}，到目前应开 ${t.dueByNow} 次（本季度应开 ${t.required} 次）`,
  );
  return [`四、三会一课进度落后（${report.quarter.label}）：`, ...lines, '请发送「安排会议 <标题>」安排会议。'].join(
    '\n',
  );
}
