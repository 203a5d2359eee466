import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo, type Connection } from 'mongoose';
import type { BlobRepo } from '../store';
import { isDuplicateKey } from './mongo-util';

const SAFE_EXT = /^[a-z0-9]{1,8}$/;
const SHA = /^[0-9a-f]{64}$/;
const SETTLE_POLLS = 150;
const STALE_UPLOAD_MS = 60_000;

interface MediaFile { _id: mongo.ObjectId; filename: string; length: number; metadata?: { ext?: string } }

/**
 * Proof media in GridFS (bucket `media`), content-addressed like the file store: the filename is the SHA-256 and the
 * file id is derived from it, so two instances storing the same photo at once collide on the unique chunk index
 * instead of storing it twice. The id uses the first 96 bits of the hash; a file is only ever served when its full
 * hash (the filename) matches, so a prefix collision fails loudly instead of returning other bytes.
 */
export function mongoBlobs(conn: Connection): BlobRepo {
  const bucket = new mongo.GridFSBucket(conn.db!, { bucketName: 'media' });
  const files = conn.db!.collection<MediaFile>('media.files');
  const chunks = conn.db!.collection<{ _id: mongo.ObjectId; files_id: mongo.ObjectId }>('media.chunks');
  const find = (sha256: string) => (SHA.test(sha256) ? files.findOne({ filename: sha256 }) : Promise.resolve(null));
  const idOf = (sha256: string) => new mongo.ObjectId(sha256.slice(0, 24));

  const upload = (sha256: string, bytes: Buffer, ext: string) =>
    pipeline(Readable.from([bytes]), bucket.openUploadStreamWithId(idOf(sha256), sha256, { metadata: { ext } }));

  /**
   * The same bytes are already being written (another instance) or an upload died half-way (chunks, no files
   * document). Waits for the other upload to finish; clears chunks nobody has added to for a minute. Null = store again.
   */
  const settle = async (sha256: string): Promise<MediaFile | null> => {
    for (let i = 0; i < SETTLE_POLLS; i++) {
      const file = await find(sha256);
      if (file) return file;
      const newest = await chunks.find({ files_id: idOf(sha256) }).sort({ _id: -1 }).limit(1).next();
      if (!newest) return null;
      if (Date.now() - newest._id.getTimestamp().getTime() > STALE_UPLOAD_MS) {
        await chunks.deleteMany({ files_id: idOf(sha256) });
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`media ${sha256} is still being stored by another instance: send it again in a minute`);
  };

  return {
    async put(bytes, ext) {
      const safeExt = SAFE_EXT.test(ext.toLowerCase()) ? ext.toLowerCase() : 'bin';
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = await find(sha256);
      if (existing) return { sha256, size: bytes.length, ext: existing.metadata?.ext ?? 'bin' };
      for (let attempt = 0; ; attempt++) {
        try {
          await upload(sha256, bytes, safeExt);
          return { sha256, size: bytes.length, ext: safeExt };
        } catch (err) {
          if (!isDuplicateKey(err) || attempt > 0) throw err;
          const winner = await settle(sha256);
          if (winner) return { sha256, size: bytes.length, ext: winner.metadata?.ext ?? safeExt };
        }
      }
    },
    async get(sha256) {
      const file = await find(sha256);
      if (!file) return undefined;
      const parts: Buffer[] = [];
      for await (const chunk of bucket.openDownloadStream(file._id)) parts.push(chunk as Buffer);
      const bytes = Buffer.concat(parts);
      // Served only when the bytes still hash to their name, as the file store does.
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) return undefined;
      return { bytes, ext: file.metadata?.ext ?? 'bin' };
    },
    async has(sha256) { return (await find(sha256)) !== null; },
  };
}

/**
 * GridFS's own indexes, created at start-up rather than on the first upload: the unique chunk index is what makes
 * two instances storing the same photo at once collide instead of interleaving chunks.
 */
export async function ensureBlobIndexes(conn: Connection): Promise<void> {
  await conn.db!.collection('media.files').createIndex({ filename: 1, uploadDate: 1 });
  await conn.db!.collection('media.chunks').createIndex({ files_id: 1, n: 1 }, { unique: true });
}

/** Every stored hash, for `zhibu migrate`. */
export async function* mongoBlobHashes(conn: Connection): AsyncGenerator<string> {
  for await (const file of conn.db!.collection<MediaFile>('media.files').find({}, { projection: { filename: 1 } }).sort({ filename: 1 })) {
    yield file.filename;
  }
}
