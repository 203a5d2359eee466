import type { CounterRepo } from '../../store/counter-repo';

/** Per simulator user and day; anyone who can reach /sim can pick a user id, so a day's total is capped as well. */
export const SIM_UPLOAD_LIMITS = { filesPerUser: 60, bytesPerUser: 50 * 1024 * 1024, filesPerDay: 1000 } as const;

/**
 * Reserves room for a simulator message's attachments before any is stored; refuses (and gives the room back) when a
 * limit would be passed. Counted in the store, so restarts and several instances share the limits.
 */
export async function reserveSimUploads(
  counters: CounterRepo,
  userId: string,
  sizes: number[],
  now: Date,
): Promise<string | undefined> {
  if (sizes.length === 0) return undefined;
  const day = now.toISOString().slice(0, 10);
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const steps: Array<[string, number, number, string]> = [
    [
      `sim-upload-files:${day}:${userId}`,
      sizes.length,
      SIM_UPLOAD_LIMITS.filesPerUser,
      `每个用户每天最多上传 ${SIM_UPLOAD_LIMITS.filesPerUser} 个附件`,
    ],
    [
      `sim-upload-bytes:${day}:${userId}`,
      bytes,
      SIM_UPLOAD_LIMITS.bytesPerUser,
      `每个用户每天最多上传 ${SIM_UPLOAD_LIMITS.bytesPerUser / 1024 / 1024} MB`,
    ],
    [
      `sim-upload-files:${day}`,
      sizes.length,
      SIM_UPLOAD_LIMITS.filesPerDay,
      `模拟器今天的附件总数已达上限（${SIM_UPLOAD_LIMITS.filesPerDay} 个）`,
    ],
  ];
  const taken: Array<[string, number]> = [];
  for (const [key, by, limit, refusal] of steps) {
    const total = await counters.add(key, by, now);
    taken.push([key, by]);
    if (total > limit) {
      for (const [k, n] of taken) await counters.add(k, -n, now);
      return refusal;
    }
  }
  return undefined;
}
