import type { ImageHashRecord, ImageHashRepo } from '../image-hash-repo';
import type { MongoModels } from './mongo-models';
import { schema, num, str } from './mongo-schema';
import type { MongoSequences } from './mongo-sequences';
import { isDuplicateOn } from './mongo-util';

export interface ImageHashDoc {
  _id: number;
  hash: string;
  sha256: string;
  submissionId: number;
  memberId: number;
  taskId: number;
  createdAt: string;
}

export const imageHashSchemas = {
  imageHashes: schema<ImageHashDoc>(
    'image_hashes',
    { _id: Number, hash: str, sha256: str, submissionId: num, memberId: num, taskId: num, createdAt: str },
    [[{ submissionId: 1, sha256: 1 }, { unique: true }]],
  ),
};

const toRecord = ({ _id, ...rest }: ImageHashDoc): ImageHashRecord => ({ id: _id, ...rest });

/**
 * Numbered by the gapless sequence: id n + 1 is only inserted once n exists, so a reader that has seen id n never
 * misses a smaller id that becomes visible later.
 */
export function mongoImageHashes(m: MongoModels, seq: MongoSequences): ImageHashRepo {
  const find = (submissionId: number, sha256: string) =>
    m.imageHashes.findOne({ submissionId, sha256: { $eq: sha256 } }).lean<ImageHashDoc>();
  return {
    async add(input, now) {
      const existing = await find(input.submissionId, input.sha256);
      if (existing) return toRecord(existing);
      try {
        return toRecord(await seq.insert('imageHashes', (id) => ({ _id: id, ...input, createdAt: now.toISOString() })));
      } catch (err) {
        if (!isDuplicateOn(err, 'submissionId', 'sha256')) throw err;
        return toRecord((await find(input.submissionId, input.sha256))!);
      }
    },
    async listSince(afterId, limit) {
      const docs = await m.imageHashes
        .find({ _id: { $gt: afterId } })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<ImageHashDoc[]>();
      return docs.map(toRecord);
    },
  };
}
