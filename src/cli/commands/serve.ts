import { loadConfig } from '../../config/load-config';
import { createRuntime } from '../../runtime/create-runtime';
import type { CliCommand } from '../cli-command';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'zhibu serve',
  summary: '启动机器人（HTTP、模拟器、已配置的平台通道、发件箱）',
  async run() {
    const runtime = await createRuntime(loadConfig());
    await runtime.start();
    const shutdown = async (signal: string) => {
      runtime.services.log.info({ signal }, 'shutting down');
      await runtime.stop().catch(() => undefined);
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
    return new Promise<number>(() => undefined);
  },
};
