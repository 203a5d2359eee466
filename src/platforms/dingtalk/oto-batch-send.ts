import type { DingtalkApi } from './dingtalk-api';

/** batchSend takes at most 20 users per call for text (KB 0714; its error table says 100 — the lower figure is safe). */
export const OTO_BATCH_SIZE = 20;

export interface OtoOutcome {
  sent: string[];
  /** Not (or no longer) in the org: retrying will not help. */
  invalid: string[];
  /** Throttled for now: worth another try later. */
  throttled: string[];
}

interface BatchSendAnswer {
  processQueryKey?: string;
  invalidStaffIdList?: string[];
  flowControlledStaffIdList?: string[];
}

/**
 * The same text 1:1 to many users through `robot/oToMessages/batchSend`, 20 per call. The call succeeds even when
 * some users were not reached, so both lists in the answer are read for every chunk.
 */
export async function otoBatchSend(
  api: DingtalkApi,
  robotCode: string,
  userIds: string[],
  content: string,
): Promise<OtoOutcome> {
  const out: OtoOutcome = { sent: [], invalid: [], throttled: [] };
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += OTO_BATCH_SIZE) {
    const chunk = unique.slice(i, i + OTO_BATCH_SIZE);
    const answer = await api.post<BatchSendAnswer>('/v1.0/robot/oToMessages/batchSend', {
      robotCode,
      userIds: chunk,
      msgKey: 'sampleText',
      msgParam: JSON.stringify({ content }),
    });
    const invalid = new Set(answer.invalidStaffIdList ?? []);
    const throttled = new Set(answer.flowControlledStaffIdList ?? []);
    for (const id of chunk) {
      if (invalid.has(id)) out.invalid.push(id);
      else if (throttled.has(id)) out.throttled.push(id);
      else out.sent.push(id);
    }
  }
  return out;
}
