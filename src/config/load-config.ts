import path from 'node:path';
import { z } from 'zod';
import { ZhibuError } from '../core/errors';

const optionalString = z.string().trim().min(1).optional();
const url = (example: string) => z.string().trim().url({ message: `应为完整网址，例如 ${example}` }).optional();

/** Every setting the bot reads, with the form it expects. Parsed once at start-up. */
const schema = z.object({
  PORT: z.coerce.number({ message: '应为 1–65535 的整数，例如 PORT=3000' }).int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  ZHIBU_ADMINS: z.string().default('').refine(
    (v) => v.split(',').map((s) => s.trim()).filter(Boolean).every((s) => /^(sim|wecom|dingtalk):[^\s:]+$/.test(s)),
    { message: '应为 平台:用户ID 的逗号分隔列表，平台为 sim|wecom|dingtalk，例如 ZHIBU_ADMINS=sim:u_admin,wecom:zhangsan' },
  ),
  BOT_TIMEZONE: z.string().default('Asia/Shanghai').refine((tz) => {
    try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; }
  }, { message: '应为 IANA 时区名，例如 BOT_TIMEZONE=Asia/Shanghai' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: '应为 fatal|error|warn|info|debug|trace|silent 之一' }).default('info'),
  SIM_ENABLED: z.enum(['true', 'false', '1', '0'], { message: '应为 true 或 false' }).default('true').transform((v) => v === 'true' || v === '1'),
  PROOF_HOLD_MINUTES: z.coerce.number({ message: '应为 1–120 的整数（分钟）' }).int().min(1).max(120).default(10),
  PUBLIC_BASE_URL: url('https://zhibu.example.gov.cn'),
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  WECOM_WS_URL: z.string().trim().regex(/^wss?:\/\//, { message: '应为 ws:// 或 wss:// 开头的地址' }).optional(),
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_AES_KEY: z.string().trim().regex(/^[A-Za-z0-9]{43}$/, { message: '应为 43 位字母数字（企业微信后台的 EncodingAESKey）' }).optional(),
  WECOM_CORP_ID: optionalString,
  WECOM_APP_TOKEN: optionalString,
  WECOM_APP_AES_KEY: z.string().trim().regex(/^[A-Za-z0-9]{43}$/, { message: '应为 43 位字母数字（企业微信后台的 EncodingAESKey）' }).optional(),
  WECOM_AGENT_ID: z.string().trim().regex(/^\d+$/, { message: '应为数字，例如 WECOM_AGENT_ID=1000002' }).optional(),
  WECOM_APP_SECRET: optionalString,
  WECOM_API_BASE: url('https://qyapi.weixin.qq.com').default('https://qyapi.weixin.qq.com'),
  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_MODE: z.enum(['stream', 'http'], { message: '应为 stream 或 http' }).default('stream'),
  DINGTALK_API_BASE: url('https://api.dingtalk.com').default('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: url('https://oapi.dingtalk.com').default('https://oapi.dingtalk.com'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url('https://api.deepseek.com/v1'),
  OPENAI_MODEL: optionalString,
  MONGODB_URI: z.string().trim().regex(/^mongodb(\+srv)?:\/\//, { message: '应以 mongodb:// 或 mongodb+srv:// 开头' }).optional(),
});

/** The simulator admin used when ZHIBU_ADMINS is empty and the simulator is on. */
export const DEFAULT_SIM_ADMIN = 'sim:u_admin';

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  dataDir: string;
  admins: Set<string>;
}

/** Empty strings count as unset, so `FOO=` in an env file does not trip a format check. */
function clean(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
}

/** Parses the environment; a bad value throws one message naming the variable and the expected form. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? '?');
    const value = env[name];
    throw new ZhibuError('CONFIG_INVALID', `配置错误：${name}${value !== undefined ? `="${value}"` : ''} ${issue.message}。请修改环境变量 ${name} 后重新启动。`);
  }
  const raw = parsed.data;
  const admins = new Set(raw.ZHIBU_ADMINS.split(',').map((s) => s.trim()).filter(Boolean));
  // A newcomer running `npm start` must be able to bind a chat in the simulator; real deployments set ZHIBU_ADMINS.
  if (admins.size === 0 && raw.SIM_ENABLED) admins.add(DEFAULT_SIM_ADMIN);
  return { ...raw, dataDir: path.resolve(raw.DATA_DIR), admins };
}
