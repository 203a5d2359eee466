import { loadConfig } from '../../src/config/load-config';
import { createLogger } from '../../src/observability/logger';
import { compose } from '../../src/runtime/compose';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime } from '../helpers/test-runtime';

const post = { target: { platform: 'sim' as const, chatId: 'g', chatType: 'group' as const }, text: '📌 本周任务' };

describe('one composition root for serve, the CLI and tests', () => {
  afterAll(cleanupTempDirs);

  test('the CLI composition (deliver: false) only persists what is enqueued; nothing is sent or claimed', async () => {
    const config = loadConfig({ DATA_DIR: tempDir('zhibu-compose-'), LOG_LEVEL: 'silent' });
    const cli = await compose(config, { deliver: false, log: createLogger('silent'), router: async () => undefined });
    try {
      expect(cli.services.outbox).not.toBe(cli.outbox);
      const item = await cli.services.outbox.enqueue(post);
      await new Promise((r) => setTimeout(r, 20));
      expect(await cli.store.outbox.get(item.id)).toMatchObject({ status: 'pending', attempts: 0 });
    } finally {
      await cli.store.close();
    }
  });

  test('services are complete when built: login links and binding codes are there before any channel exists', async () => {
    const config = loadConfig({ DATA_DIR: tempDir('zhibu-compose-'), LOG_LEVEL: 'silent' });
    const composed = await compose(config, { log: createLogger('silent'), router: async () => undefined });
    try {
      expect(composed.services.loginLinks).toBe(composed.loginLinks);
      expect(composed.services.bindingCodes).toBeDefined();
      expect(composed.services.outbox).toBe(composed.outbox);
    } finally {
      await composed.store.close();
    }
  });

  test("push-target parsers belong to a runtime's own channels, not to whatever was built earlier in the process", async () => {
    const dingtalk = await testRuntime({
      DINGTALK_CLIENT_ID: 'dingclient',
      DINGTALK_CLIENT_SECRET: 'dingsecret',
      DINGTALK_MODE: 'http',
    });
    const simOnly = await testRuntime();
    try {
      expect(dingtalk.services.pushTargets.get('dingtalk')).toBeDefined();
      expect(simOnly.services.pushTargets.get('dingtalk')).toBeUndefined();
    } finally {
      await Promise.all([dingtalk.stop(), simOnly.stop()]);
    }
  });
});
