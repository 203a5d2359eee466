import { loadConfig } from '../../config/load-config';
import { boundChats, combinePushChecks, formatPushCheck } from '../../outbox/push-check';
import { jobCliContext } from '../job-cli-services';
import type { CliCommand } from '../cli-command';

/**
 * `zhibu doctor [--send-test]`: for every configured platform channel and every bound group, which route scheduled
 * posts will use, whether it is ready (credentials accepted by a fresh token fetch, webhook key set, AI-bot session
 * active, quota left) and the one thing to do if not. It talks to the platforms' own endpoints (the configurable
 * base URLs) and sends nothing unless --send-test. Exit code 0 when everything is ready, 1 otherwise.
 */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--send-test]',
  summary: '检查每个平台和已绑定的群：定时推送走哪条线路、能否发出、不能发时怎么办',
  async run(args) {
    const config = loadConfig(process.env);
    const ctx = await jobCliContext(config);
    try {
      const channels = await ctx.channels();
      const check = combinePushChecks(channels.flatMap((c) => (c.checkPush ? [c.checkPush] : [])));
      if (!check) {
        console.log('❌ 没有配置任何可推送的平台（企业微信 WECOM_… 或钉钉 DINGTALK_…），定时推送发不出去。');
        return 1;
      }
      const lines = await check({
        chats: await boundChats(ctx.services.store),
        sendTest: args.includes('--send-test'),
      });
      for (const line of lines) console.log(formatPushCheck(line));
      const bad = lines.filter((l) => !l.ready).length;
      console.log(bad ? `共 ${lines.length} 项，${bad} 项未就绪。` : `共 ${lines.length} 项，全部就绪。`);
      return bad ? 1 : 0;
    } finally {
      await ctx.close();
    }
  },
};
