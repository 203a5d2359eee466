import type { ProofCheckRepo, ProofCheckRun } from '../proof-check-repo';
import type { MongoModels } from './mongo-models';
import { Mixed, num, optStr, schema, str } from './mongo-schema';
import { isDuplicateOn } from './mongo-util';
import { mongoNoteSignatures, noteSignatureSchemas } from './mongo-note-signatures';

/** A proof check run; the unique (submissionId, sourceKey) index queues a revision once. */
export type ProofCheckDoc = ProofCheckRun & { _id?: unknown };

export const proofCheckSchemas = {
  proofChecks: schema<ProofCheckDoc>(
    'proofChecks',
    {
      submissionId: num,
      sourceKey: str,
      status: str,
      doubts: Mixed,
      facts: Mixed,
      createdAt: str,
      finishedAt: optStr,
    },
    [[{ submissionId: 1, sourceKey: 1 }, { unique: true }], [{ status: 1, createdAt: 1 }]],
  ),
  ...noteSignatureSchemas,
};

function toRun(doc: ProofCheckDoc | null): ProofCheckRun | undefined {
  if (!doc) return undefined;
  const { _id, ...run } = doc;
  void _id;
  return { ...run, doubts: run.doubts ?? [], facts: run.facts ?? {} };
}

export function mongoProofChecks(m: MongoModels): ProofCheckRepo {
  return {
    ...mongoNoteSignatures(m),
    async enqueue(input, now) {
      const doc = {
        ...input,
        status: 'pending' as const,
        facts: {},
        createdAt: now.toISOString(),
      };
      try {
        await m.proofChecks.create(doc);
      } catch (err) {
        if (!isDuplicateOn(err, 'submissionId', 'sourceKey')) throw err;
      }
    },
    async listPending(limit) {
      const docs = await m.proofChecks
        .find({ status: 'pending' })
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit)
        .lean<ProofCheckDoc[]>();
      return docs.map((d) => toRun(d)!);
    },
    async finish(submissionId, sourceKey, result, now) {
      await m.proofChecks.updateOne(
        { submissionId, sourceKey },
        { $set: { ...result, finishedAt: now.toISOString() } },
      );
    },
    async get(submissionId, sourceKey) {
      return toRun(await m.proofChecks.findOne({ submissionId, sourceKey }).lean<ProofCheckDoc>());
    },
  };
}
