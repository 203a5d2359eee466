import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ZhibuError } from '../errors';
import { prepareDataDir } from '../store/data-dir';
import type { Config } from './load-config';

const FILE = 'dashboard-secret';

/**
 * The key that signs dashboard login links and sessions: DASHBOARD_SECRET when set (several bot processes must
 * share it), else a random key kept in DATA_DIR so that links and sessions survive a restart.
 */
export function loadDashboardSecret(config: Pick<Config, 'dataDir'> & { DASHBOARD_SECRET?: string }): Buffer {
  if (config.DASHBOARD_SECRET) {
    if (config.DASHBOARD_SECRET.length < 32) {
      throw new ZhibuError(
        'CONFIG_INVALID',
        '配置错误：DASHBOARD_SECRET 太短（至少 32 个字符）。可用 openssl rand -hex 32 生成，修改后重新启动。',
      );
    }
    return Buffer.from(config.DASHBOARD_SECRET, 'utf8');
  }
  const file = path.join(config.dataDir, FILE);
  prepareDataDir(config.dataDir);
  try {
    // 'wx': when the bot and a CLI command start together, one creates the file and the other reads it.
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new ZhibuError(
      'CONFIG_INVALID',
      `${file} 已损坏：删除它（未用的登录链接和已登录的会话会失效）或设置 DASHBOARD_SECRET 后重新启动。`,
    );
  }
  return Buffer.from(hex, 'hex');
}

/** Where links point: PUBLIC_BASE_URL without a trailing slash, else this machine on PORT. */
export function dashboardBaseUrl(config: Pick<Config, 'PORT' | 'PUBLIC_BASE_URL'>): string {
  return (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}
