import { loadConfig } from '../../src/config/load-config';
import { isZhibuError } from '../../src/errors';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(isZhibuError(err, 'CONFIG_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
}

describe('loadConfig', () => {
  test('defaults: port 3000, ./data, Asia/Shanghai, simulator on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, BOT_TIMEZONE: 'Asia/Shanghai', SIM_ENABLED: true, DINGTALK_MODE: 'stream' });
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect([...c.admins]).toEqual(['sim:u_admin']);
    expect(loadConfig({ SIM_ENABLED: 'false' }).admins.size).toBe(0);
  });
  test('ZHIBU_ADMINS bootstraps admins', () => {
    expect([...loadConfig({ ZHIBU_ADMINS: 'sim:u_admin, wecom:zhangsan' }).admins]).toEqual([
      'sim:u_admin',
      'wecom:zhangsan',
    ]);
  });
  test('a bad value names the variable and the expected form', () => {
    expect(errorOf({ PORT: 'abc' })).toContain('PORT="abc" 应为 1–65535 的整数，例如 PORT=3000');
    expect(errorOf({ PORT: '70000' })).toContain('PORT="70000"');
    expect(errorOf({ ZHIBU_ADMINS: 'zhangsan' })).toContain('ZHIBU_ADMINS="zhangsan" 应为 平台:用户ID 的逗号分隔列表');
    expect(errorOf({ BOT_TIMEZONE: 'Mars/Base' })).toContain('BOT_TIMEZONE');
    expect(errorOf({ WECOM_BOT_AES_KEY: 'short' })).toContain('WECOM_BOT_AES_KEY="short" 应为 43 位字母数字');
    expect(errorOf({ DINGTALK_MODE: 'poll' })).toContain('DINGTALK_MODE="poll" 应为 stream 或 http');
    expect(errorOf({ MONGODB_URI: 'postgres://x' })).toContain('MONGODB_URI');
  });
  test('empty strings count as unset', () => {
    expect(loadConfig({ PORT: '', WECOM_BOT_AES_KEY: ' ' }).PORT).toBe(3000);
  });
});
