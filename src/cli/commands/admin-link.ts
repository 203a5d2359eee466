import { dashboardBaseUrl, loadDashboardSecret } from '../../config/dashboard-secret';
import { loadConfig } from '../../config/load-config';
import { systemClock } from '../../time/clock';
import { LOGIN_LINK_MINUTES, LoginLinks } from '../../access/login-links';
import { resolveRoles } from '../../members/roles';
import type { Platform } from '../../bot/incoming-message';
import { openStore } from '../../store/open-store';
import type { CliCommand } from '../cli-command';

const USAGE = 'zhibu admin-link <平台:用户ID>';

/** For bootstrap: a one-time dashboard login link printed on the terminal (same link as the chat command 后台). */
export const adminLinkCommand: CliCommand = {
  name: 'admin-link',
  usage: USAGE,
  summary: `打印一个管理后台的一次性登录链接（${LOGIN_LINK_MINUTES} 分钟内有效）`,
  async run(args) {
    const identity = args[0]?.trim() ?? '';
    const m = /^(sim|wecom|dingtalk):([^\s:]+)$/.exec(identity);
    if (!m || args.length !== 1) {
      console.error(
        `格式不对：需要一个 平台:用户ID，平台为 sim|wecom|dingtalk\n正确格式：${USAGE}\n例如：zhibu admin-link wecom:zhangsan`,
      );
      return 2;
    }
    const config = loadConfig();
    const store = await openStore(config);
    try {
      const bound = await store.identities.find(m[1] as Platform, m[2]);
      const member = bound && (await store.members.get(bound.memberId));
      const roles = await resolveRoles(store, config.admins, identity, member);
      if (!roles.admin && roles.secretaryOf.size === 0) {
        console.error(
          `${identity} 不是管理员或支部书记，登录后看不到任何内容。\n请先把它加入 ZHIBU_ADMINS（例如 ZHIBU_ADMINS=${identity}）并重启，或在群里用「设为书记」任命。`,
        );
        return 1;
      }
    } finally {
      await store.close();
    }
    const link = new LoginLinks(loadDashboardSecret(config), dashboardBaseUrl(config)).issue(
      identity,
      systemClock.now(),
    );
    console.log(link.url);
    console.error(
      `（${LOGIN_LINK_MINUTES} 分钟内有效，只能使用一次${config.PUBLIC_BASE_URL ? '' : '；未设置 PUBLIC_BASE_URL，链接指向本机'}）`,
    );
    return 0;
  },
};
