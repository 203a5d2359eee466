import fs from 'node:fs';
import path from 'node:path';
import { ZhibuError } from '../errors';

/** Members' phones, family notes and the push secrets live here: only the bot's own user may read them. */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** Narrows a file's or folder's mode when it is looser; a file that does not exist (yet) is fine. */
export function restrict(file: string, mode: number): void {
  try {
    if ((fs.statSync(file).mode & 0o777 & ~mode) !== 0) fs.chmodSync(file, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Creates DATA_DIR (0700) or narrows an existing one, and proves it takes a file — root ignores permission bits,
 * so only a real write shows a read-only mount, an immutable folder or a path through a file. A failure is one
 * line naming the path and the fix, never a stack trace from deep inside SQLite.
 */
export function prepareDataDir(dir: string): void {
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    restrict(dir, PRIVATE_DIR);
    fs.writeFileSync(probe, '', { mode: PRIVATE_FILE });
    fs.unlinkSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ZhibuError('STORE_UNAVAILABLE', `数据目录不可写：${dir}（${code}）`, {
      fix: '请把 DATA_DIR 设为本用户可写的目录（不存在时会自动创建），或修复该目录的挂载与权限后重新启动',
    });
  }
}
