import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BlobRepo } from './store';

const SAFE_EXT = /^[a-z0-9]{1,8}$/;

/**
 * Content-addressed files under `<dir>/<aa>/<sha256>.<ext>`: the same bytes are stored once, and proof survives the
 * platforms' 3-day media expiry. Writes go to a temp file first so a crash never leaves half a blob under its hash.
 */
export function fsBlobs(dir: string): BlobRepo {
  const fileFor = (sha: string, ext: string) => path.join(dir, sha.slice(0, 2), `${sha}.${ext}`);
  const find = async (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) return undefined;
    const names = await fs.readdir(path.join(dir, sha.slice(0, 2))).catch(() => [] as string[]);
    const name = names.find((n) => n.startsWith(`${sha}.`));
    return name ? { file: path.join(dir, sha.slice(0, 2), name), ext: name.slice(65) } : undefined;
  };
  return {
    async put(bytes, ext) {
      const safeExt = SAFE_EXT.test(ext.toLowerCase()) ? ext.toLowerCase() : 'bin';
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = await find(sha256);
      if (existing) return { sha256, size: bytes.length, ext: existing.ext };
      const file = fileFor(sha256, safeExt);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
      return { sha256, size: bytes.length, ext: safeExt };
    },
    async get(sha256) {
      const found = await find(sha256);
      return found ? { bytes: await fs.readFile(found.file), ext: found.ext } : undefined;
    },
    async has(sha256) { return (await find(sha256)) !== undefined; },
  };
}
