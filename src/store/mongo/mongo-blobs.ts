import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo, type Connection } from 'mongoose';
import type { BlobRepo } from '../store';
import { isDuplicateOn } from './mongo-util';

const SAFE_EXT = /^[a-z0-9]{1,8}$/;
const SHA = /^[0-9a-f]{64}$/;

interface MediaFile {
  _id: mongo.ObjectId;
  filename: string;
  length: number;
  metadata?: { ext?: string };
}
/** Something made from a blob (a thumbnail), `_id` = `<variant>:<sha256>`. */
interface MediaVariant {
  _id: string;
  ext: string;
  bytes: mongo.Binary;
}
/** The content address: which complete upload serves this hash. */
interface MediaAddress {
  _id: string;
  fileId: mongo.ObjectId;
}

/**
 * Proof media in GridFS (bucket `media`), content-addressed like the file store. Every upload gets its own file id,
 * so two instances storing the same photo at once never fight over chunks; the address (`media.addresses`, keyed by
 * the SHA-256) is written only after an upload completed, and of two complete uploads the one whose address insert
 * lost is deleted again. A file is only ever served under its full hash (the filename).
 */
export function mongoBlobs(conn: Connection): BlobRepo {
  const bucket = new mongo.GridFSBucket(conn.db!, { bucketName: 'media' });
  const files = conn.db!.collection<MediaFile>('media.files');
  const addresses = conn.db!.collection<MediaAddress>('media.addresses');
  const variants = conn.db!.collection<MediaVariant>('media.variants');

  /** By address; else any complete upload of the hash (stored before addresses existed, or whose writer died before addressing it). */
  const find = async (sha256: string): Promise<MediaFile | null> => {
    if (!SHA.test(sha256)) return null;
    const address = await addresses.findOne({ _id: sha256 });
    const addressed = address && (await files.findOne({ _id: address.fileId, filename: sha256 }));
    return addressed || files.findOne({ filename: sha256 }, { sort: { uploadDate: 1 } });
  };

  const upload = async (sha256: string, bytes: Buffer, ext: string) => {
    const id = new mongo.ObjectId();
    await pipeline(Readable.from([bytes]), bucket.openUploadStreamWithId(id, sha256, { metadata: { ext } }));
    return id;
  };

  return {
    async put(bytes, ext) {
      const safeExt = SAFE_EXT.test(ext.toLowerCase()) ? ext.toLowerCase() : 'bin';
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = await find(sha256);
      if (existing) return { sha256, size: bytes.length, ext: existing.metadata?.ext ?? 'bin' };
      const id = await upload(sha256, bytes, safeExt);
      try {
        await addresses.insertOne({ _id: sha256, fileId: id });
        return { sha256, size: bytes.length, ext: safeExt };
      } catch (err) {
        if (!isDuplicateOn(err, '_id')) throw err;
        // Another instance addressed the same bytes first: one blob stays, this copy goes.
        await bucket.delete(id);
        const winner = await find(sha256);
        return { sha256, size: bytes.length, ext: winner?.metadata?.ext ?? safeExt };
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
    async has(sha256) {
      return (await find(sha256)) !== null;
    },
    // Variants (thumbnails) are small: one document each, keyed by variant and original hash, not GridFS.
    async putVariant(sha256, variant, bytes, ext) {
      if (!SHA.test(sha256) || !SAFE_EXT.test(ext)) throw new Error(`not a blob variant: ${variant}.${ext}`);
      await variants.replaceOne(
        { _id: `${variant}:${sha256}` },
        { ext, bytes: new mongo.Binary(bytes) },
        { upsert: true },
      );
    },
    async getVariant(sha256, variant) {
      const doc = SHA.test(sha256) ? await variants.findOne({ _id: `${variant}:${sha256}` }) : null;
      return doc ? { bytes: Buffer.from(doc.bytes.buffer), ext: doc.ext } : undefined;
    },
  };
}

/**
 * GridFS's own indexes, built at start-up when missing (a start that finds them builds nothing): the unique chunk
 * index keeps one upload's chunks from being written twice.
 */
export async function ensureBlobIndexes(conn: Connection): Promise<void> {
  const wanted: Array<[string, Record<string, 1>, { unique?: boolean }]> = [
    ['media.files', { filename: 1, uploadDate: 1 }, {}],
    ['media.chunks', { files_id: 1, n: 1 }, { unique: true }],
  ];
  for (const [name, key, opts] of wanted) {
    const coll = conn.db!.collection(name);
    const existing = await coll
      .listIndexes()
      .toArray()
      .catch(() => []);
    if (!existing.some((i) => JSON.stringify(i.key) === JSON.stringify(key))) await coll.createIndex(key, opts);
  }
}

/** Every stored hash once, for `zhibu migrate`. */
export async function* mongoBlobHashes(conn: Connection): AsyncGenerator<string> {
  let last: string | undefined;
  for await (const file of conn
    .db!.collection<MediaFile>('media.files')
    .find({}, { projection: { filename: 1 } })
    .sort({ filename: 1 })) {
    if (file.filename !== last) yield file.filename;
    last = file.filename;
  }
}
