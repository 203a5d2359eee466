import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE, restrict } from './data-dir';
import type { BlobRepo } from './store';

const SAFE_EXT = /^[a-z0-9]{1,8}$/;
const SHA = /^[0-9a-f]{64}$/;
const SAFE_VARIANT = /^[a-z0-9-]{1,32}$/;
/** A temp file older than this belongs to a write that died (a blob is written in well under a second). */
const STALE_TEMP_MS = 10 * 60_000;

/** The file operations a blob write uses; tests pass one that fails half-way (disk full). */
export type BlobFs = Pick<typeof fsp, 'open' | 'rename' | 'readdir' | 'readFile' | 'mkdir' | 'unlink'>;

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Content-addressed files under `<dir>/<aa>/<sha256>.<ext>` (0600, folders 0700): the same bytes are stored once,
 * and proof survives the platforms' 3-day media expiry. A blob is written to `<dir>/.tmp/`, fsynced and renamed into
 * place, so its final name only ever holds complete bytes; reads check the hash anyway (a disk can still lie), and
 * a file that does not match is neither served nor counted as present, so the next upload replaces it.
 */
export function fsBlobs(dir: string, io: BlobFs = fsp): BlobRepo {
  const tmpDir = path.join(dir, '.tmp');
  const fileFor = (sha: string, ext: string) => path.join(dir, sha.slice(0, 2), `${sha}.${ext}`);
  /** Variants live in their own tree, `<dir>/variants/<variant>/<aa>/<sha256>.<ext>`, apart from the originals. */
  const variantFile = (sha: string, variant: string, ext: string) =>
    SHA.test(sha) && SAFE_VARIANT.test(variant) && SAFE_EXT.test(ext)
      ? path.join(dir, 'variants', variant, sha.slice(0, 2), `${sha}.${ext}`)
      : undefined;
  tightenLooseTree(dir);
  sweepStaleTemps(dir);

  const find = async (sha: string) => {
    if (!SHA.test(sha)) return undefined;
    const names = await io.readdir(path.join(dir, sha.slice(0, 2))).catch(() => [] as string[]);
    const name = names.find((n) => n.startsWith(`${sha}.`) && SAFE_EXT.test(n.slice(65)));
    return name ? { file: path.join(dir, sha.slice(0, 2), name), ext: name.slice(65) } : undefined;
  };
  /** The stored bytes when they still hash to their name. */
  const readVerified = async (sha: string) => {
    const found = await find(sha);
    if (!found) return undefined;
    const bytes = await io.readFile(found.file).catch(() => undefined);
    return bytes && sha256Of(bytes) === sha ? { bytes, ext: found.ext } : undefined;
  };

  async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
    await io.mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR });
    await io.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
    const tmp = path.join(tmpDir, `${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
    const handle = await io.open(tmp, 'wx', PRIVATE_FILE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      await io.unlink(tmp).catch(() => undefined);
      throw err;
    }
    await handle.close();
    await io.rename(tmp, file);
    await syncDir(path.dirname(file));
  }

  return {
    async put(bytes, ext) {
      const safeExt = SAFE_EXT.test(ext.toLowerCase()) ? ext.toLowerCase() : 'bin';
      const sha256 = sha256Of(bytes);
      const existing = await readVerified(sha256);
      if (existing) return { sha256, size: bytes.length, ext: existing.ext };
      const stale = await find(sha256);
      // A damaged copy under another extension would keep shadowing the good one: it goes first.
      if (stale && stale.ext !== safeExt) await io.unlink(stale.file).catch(() => undefined);
      await writeAtomically(fileFor(sha256, safeExt), bytes);
      return { sha256, size: bytes.length, ext: safeExt };
    },
    get: (sha256) => readVerified(sha256),
    async putVariant(sha256, variant, bytes, ext) {
      const file = variantFile(sha256, variant, ext);
      if (!file) throw new Error(`not a blob variant: ${variant}.${ext}`);
      await writeAtomically(file, bytes);
    },
    async getVariant(sha256, variant) {
      const folder = variantFile(sha256, variant, 'x');
      if (!folder) return undefined;
      const names = await io.readdir(path.dirname(folder)).catch(() => [] as string[]);
      const name = names.find((n) => n.startsWith(`${sha256}.`) && SAFE_EXT.test(n.slice(65)));
      if (!name) return undefined;
      const bytes = await io.readFile(path.join(path.dirname(folder), name)).catch(() => undefined);
      return bytes && { bytes, ext: name.slice(65) };
    },
    async has(sha256) {
      return (await readVerified(sha256)) !== undefined;
    },
  };
}

/** Makes a rename durable: the directory entry is flushed too (best effort where a folder cannot be opened). */
async function syncDir(folder: string): Promise<void> {
  const handle = await fsp.open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/**
 * At start: temp files of writes that died (a crash, a full disk) are removed — from `.tmp/`, and the
 * `<sha>.<ext>.<pid>.tmp` files earlier versions left beside the blobs. Recent ones may be another process's
 * write in progress on the same DATA_DIR and are left alone.
 */
function sweepStaleTemps(dir: string): void {
  const cutoff = Date.now() - STALE_TEMP_MS;
  const folders = [
    path.join(dir, '.tmp'),
    ...safeList(dir)
      .filter((n) => /^[0-9a-f]{2}$/.test(n))
      .map((n) => path.join(dir, n)),
  ];
  for (const folder of folders) {
    const temps = folder.endsWith('.tmp') ? safeList(folder) : safeList(folder).filter((n) => n.endsWith('.tmp'));
    for (const name of temps) {
      const file = path.join(folder, name);
      try {
        if (fsSync.statSync(file).mtimeMs < cutoff) fsSync.unlinkSync(file);
      } catch {
        /* gone already, or not ours to remove */
      }
    }
  }
}

/**
 * Earlier versions wrote media world-readable (0755 folders, 0644 files). When the media folder itself is loose,
 * the whole tree is narrowed once; after that the folder is 0700 and later starts skip the walk.
 */
function tightenLooseTree(dir: string): void {
  let loose: boolean;
  try {
    loose = (fsSync.statSync(dir).mode & 0o077) !== 0;
  } catch {
    return;
  }
  if (!loose) return;
  const walk = (folder: string): void => {
    restrict(folder, PRIVATE_DIR);
    for (const entry of fsSync.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else restrict(full, PRIVATE_FILE);
    }
  };
  walk(dir);
}

function safeList(folder: string): string[] {
  try {
    return fsSync.readdirSync(folder);
  } catch {
    return [];
  }
}
