import type { Platform } from '../bot/incoming-message';

type PlatformSettings = Partial<
  Record<
    | 'WECOM_BOT_ID'
    | 'WECOM_BOT_SECRET'
    | 'WECOM_BOT_TOKEN'
    | 'WECOM_BOT_AES_KEY'
    | 'WECOM_CORP_ID'
    | 'WECOM_AGENT_ID'
    | 'WECOM_APP_SECRET'
    | 'WECOM_APP_TOKEN'
    | 'WECOM_APP_AES_KEY'
    | 'DINGTALK_CLIENT_ID'
    | 'DINGTALK_CLIENT_SECRET',
    string
  >
>;

/**
 * The real platforms whose credentials are set — the same pairs that switch their channels on (wecomParts,
 * createChannels). Decides whether the simulator may run by default and whether `sim:u_admin` may be an admin.
 */
export function realPlatforms(c: PlatformSettings): Platform[] {
  const wecom =
    (c.WECOM_BOT_ID && c.WECOM_BOT_SECRET) ||
    (c.WECOM_BOT_TOKEN && c.WECOM_BOT_AES_KEY) ||
    (c.WECOM_CORP_ID && c.WECOM_AGENT_ID && c.WECOM_APP_SECRET) ||
    (c.WECOM_CORP_ID && c.WECOM_APP_TOKEN && c.WECOM_APP_AES_KEY);
  const dingtalk = c.DINGTALK_CLIENT_ID && c.DINGTALK_CLIENT_SECRET;
  return [...(wecom ? ['wecom' as const] : []), ...(dingtalk ? ['dingtalk' as const] : [])];
}
