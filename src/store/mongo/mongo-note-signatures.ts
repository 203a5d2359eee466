import type { ProofCheckRepo } from '../proof-check-repo';
import type { MongoModels } from './mongo-models';
import { num, schema, str } from './mongo-schema';

/** One note's MinHash signature, keyed by its submission; the multikey index on bands finds a task's candidates. */
export interface NoteSignatureDoc {
  _id: number;
  taskId: number;
  sourceKey: string;
  minima: number[];
  bands: number[];
}

export const noteSignatureSchemas = {
  noteSignatures: schema<NoteSignatureDoc>(
    'note_signatures',
    { _id: Number, taskId: num, sourceKey: str, minima: [Number], bands: [Number] },
    [[{ taskId: 1, bands: 1 }]],
  ),
};

type Key = { _id: number; sourceKey: string };
type Run = { submissionId: number; sourceKey: string };
type NoteSignatureMethods = Pick<ProofCheckRepo, 'putNoteSignatures' | 'unsignedNotes' | 'findNoteCandidates'>;

export function mongoNoteSignatures(m: MongoModels): NoteSignatureMethods {
  return {
    async putNoteSignatures(signatures) {
      for (const s of signatures) {
        const doc = { taskId: s.taskId, sourceKey: s.sourceKey, minima: [...s.minima], bands: s.bands };
        await m.noteSignatures.replaceOne({ _id: s.submissionId }, doc, { upsert: true });
      }
    },
    async unsignedNotes(taskId, options) {
      const filter: Record<string, unknown> = { taskId };
      if (options?.pendingOnly) {
        const runs = await m.proofChecks.find({ status: 'pending' }, { submissionId: 1, sourceKey: 1 }).lean<Run[]>();
        const pending = new Set(runs.map((r) => `${r.submissionId}:${r.sourceKey}`));
        const ids = [...new Set(runs.map((r) => r.submissionId))];
        const subs = await m.submissions.find({ _id: { $in: ids }, taskId }, { sourceKey: 1 }).lean<Key[]>();
        filter._id = { $in: subs.filter((s) => pending.has(`${s._id}:${s.sourceKey}`)).map((s) => s._id) };
      }
      const subs = await m.submissions.find(filter, { sourceKey: 1 }).sort({ _id: 1 }).lean<Key[]>();
      const signed = await m.noteSignatures
        .find({ _id: { $in: subs.map((s) => s._id) } }, { sourceKey: 1 })
        .lean<Key[]>();
      const current = new Map(signed.map((d) => [d._id, d.sourceKey]));
      return subs.filter((s) => current.get(s._id) !== s.sourceKey).map((s) => s._id);
    },
    async findNoteCandidates(taskId, bands) {
      if (bands.length === 0) return [];
      const docs = await m.noteSignatures
        .find({ taskId, bands: { $in: bands } }, { minima: 1 })
        .sort({ _id: 1 })
        .lean<{ _id: number; minima: number[] }[]>();
      return docs.map((d) => ({ submissionId: d._id, minima: Uint32Array.from(d.minima) }));
    },
  };
}
