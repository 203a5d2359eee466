import type { Submission } from '../../model';
import type { Store } from '../../store/store';
import type { ProofDoubt } from './proof-check';

/** The byte-identical image rule (sha256), decided on the request path and kept with the other doubts. */
export async function exactDuplicateDoubt(store: Store, earlier: Submission): Promise<ProofDoubt> {
  const member = await store.members.get(earlier.memberId);
  return {
    code: 'exact-duplicate',
    reason: `图片与 S${earlier.id}（${member?.name ?? '?'}，任务 #${earlier.taskId}）的图片完全相同`,
    relatedSubmissionIds: [earlier.id],
  };
}
