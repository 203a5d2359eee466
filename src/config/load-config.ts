import { parseHomecomingWindows } from '../time/homecoming-window';
import path from 'node:path';
import { z } from 'zod';
import { ZhibuError } from '../errors';
import type { Platform } from '../bot/incoming-message';
import { realPlatforms } from './real-platforms';
import { FAULT_POINT_FORMAT } from '../bot/fault-points';

const optionalString = z.string().trim().min(1).optional();
const url = (example: string) =>
  z
    .string()
    .trim()
    .url({ message: `应为完整网址，例如 ${example}` })
    .optional();

/** Every setting the bot reads, with the form it expects. Parsed once at start-up. */
const schema = z.object({
  PORT: z.coerce.number({ message: '应为 1–65535 的整数，例如 PORT=3000' }).int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  ZHIBU_ADMINS: z
    .string()
    .default('')
    .refine(
      (v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .every((s) => /^(sim|wecom|dingtalk):[^\s:]+$/.test(s)),
      {
        message:
          '应为 平台:用户ID 的逗号分隔列表，平台为 sim|wecom|dingtalk，例如 ZHIBU_ADMINS=sim:u_admin,wecom:zhangsan',
      },
    ),
  BOT_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { message: '应为 IANA 时区名，例如 BOT_TIMEZONE=Asia/Shanghai' },
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: '应为 fatal|error|warn|info|debug|trace|silent 之一',
    })
    .default('info'),
  // Unset: on only when no real platform is configured (see resolveSimulator below).
  SIM_ENABLED: z
    .enum(['true', 'false', '1', '0'], { message: '应为 true 或 false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  // Every simulator request must carry it (Authorization: Bearer …) when set; required beside real platforms.
  SIM_TOKEN: z
    .string()
    .trim()
    .min(16, { message: '太短（至少 16 个字符），可用 openssl rand -hex 16 生成' })
    .optional(),
  PROOF_HOLD_MINUTES: z.coerce.number({ message: '应为 1–120 的整数（分钟）' }).int().min(1).max(120).default(10),
  // Proof checks run beside the request path in this many workers (0: queued here, run by another instance).
  PROOF_CHECK_WORKERS: z.coerce.number({ message: '应为 0–16 的整数' }).int().min(0).max(16).default(2),
  // The tesseract binary for screenshot OCR; without it (and its chi_sim data) that check is skipped.
  OCR_TESSERACT_PATH: z.string().trim().min(1).default('tesseract'),
  // Scheduled jobs: reminder hours before a deadline, out-of-contact weeks, and whether this instance schedules.
  REMINDER_HOURS: z
    .string()
    .default('24,2')
    .refine((v) => v.split(',').every((h) => /^\s*\d{1,3}\s*$/.test(h) && Number(h) >= 1 && Number(h) <= 168), {
      message: '应为逗号分隔的小时数（1–168），例如 REMINDER_HOURS=24,2',
    })
    .transform((v) => [...new Set(v.split(',').map(Number))].sort((a, b) => b - a)),
  OUT_OF_CONTACT_WEEKS: z.coerce
    .number({ message: '应为 1–52 的整数（周），例如 OUT_OF_CONTACT_WEEKS=4' })
    .int()
    .min(1)
    .max(52)
    .default(4),
  // Talks and visits: a member no secretary has talked to or visited for this many weeks is listed in the digest.
  CONTACT_WEEKS: z.coerce
    .number({ message: '应为 1–52 的整数（周），例如 CONTACT_WEEKS=8' })
    .int()
    .min(1)
    .max(52)
    .default(8),
  // 返乡报到 windows replacing the built-in 腊月十五–正月十五 table.
  HOMECOMING_WINDOWS: z
    .string()
    .trim()
    .refine((v) => parseHomecomingWindows(v) !== undefined, {
      message: '应为 起..止 日期段，逗号分隔，例如 HOMECOMING_WINDOWS=2027-01-22..2027-02-20',
    })
    .transform((v) => parseHomecomingWindows(v)!)
    .optional(),
  // An opinion still open after this many days goes into the weekly digest (and a week later to the admins).
  OPINION_DAYS: z.coerce
    .number({ message: '应为 1–365 的整数（天），例如 OPINION_DAYS=15' })
    .int()
    .min(1)
    .max(365)
    .default(15),
  JOBS_ENABLED: z
    .enum(['true', 'false', '1', '0'], { message: '应为 true 或 false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  // Every member's own rank by 1:1 message after each ranking post; a free DingTalk org may turn it off to save quota.
  RANKING_PRIVATE_MESSAGES: z
    .enum(['true', 'false', '1', '0'], { message: '应为 true 或 false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  PUBLIC_BASE_URL: url('https://zhibu.example.gov.cn'),
  // Behind a reverse proxy that sets X-Forwarded-Proto/For; unset, those headers are ignored (anyone can send them).
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { message: '应为 true 或 false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  // Checked (length) in src/config/dashboard-secret.ts, whose message never repeats the value.
  DASHBOARD_SECRET: optionalString,
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  WECOM_WS_URL: z
    .string()
    .trim()
    .regex(/^wss?:\/\//, { message: '应为 ws:// 或 wss:// 开头的地址' })
    .optional(),
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_AES_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{43}$/, { message: '应为 43 位字母数字（企业微信后台的 EncodingAESKey）' })
    .optional(),
  WECOM_CORP_ID: optionalString,
  WECOM_APP_TOKEN: optionalString,
  WECOM_APP_AES_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{43}$/, { message: '应为 43 位字母数字（企业微信后台的 EncodingAESKey）' })
    .optional(),
  WECOM_AGENT_ID: z.string().trim().regex(/^\d+$/, { message: '应为数字，例如 WECOM_AGENT_ID=1000002' }).optional(),
  WECOM_APP_SECRET: optionalString,
  WECOM_API_BASE: url('https://qyapi.weixin.qq.com').default('https://qyapi.weixin.qq.com'),
  WECOM_REPLY_WAIT_MS: z.coerce
    .number({ message: '应为 0–900 的整数（毫秒），例如 WECOM_REPLY_WAIT_MS=500' })
    .int()
    .min(0)
    .max(900)
    .default(500),
  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  // HTTP mode: when set, a callback whose chatbotCorpId names another organization is refused.
  DINGTALK_CORP_ID: optionalString,
  DINGTALK_MODE: z.enum(['stream', 'http'], { message: '应为 stream 或 http' }).default('stream'),
  DINGTALK_API_BASE: url('https://api.dingtalk.com').default('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: url('https://oapi.dingtalk.com').default('https://oapi.dingtalk.com'),
  // Free (standard) DingTalk orgs get 3,000 webhook+stream and 5,000 paid-API calls a natural month (KB 1431).
  DINGTALK_MONTHLY_QUOTA: z.coerce
    .number({ message: '应为正整数（每月 Webhook+Stream 调用额度），例如 3000' })
    .int()
    .min(1)
    .default(3000),
  DINGTALK_MONTHLY_API_QUOTA: z.coerce
    .number({ message: '应为正整数（每月付费 API 调用额度），例如 5000' })
    .int()
    .min(1)
    .default(5000),
  DINGTALK_QUOTA_WARN_PERCENT: z.coerce
    .number({ message: '应为 1–100 的整数（百分比），例如 80' })
    .int()
    .min(1)
    .max(100)
    .default(80),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url('https://api.deepseek.com/v1'),
  OPENAI_MODEL: optionalString,
  // Answers: the knowledge-base folder (default: kb/ of the project, see src/answers/create-answerer.ts) and
  // how long a model answer may take before the retrieval answer is sent instead.
  KB_DIR: optionalString,
  OPENAI_TIMEOUT_MS: z.coerce
    .number({ message: '应为 100–60000 的整数（毫秒），例如 OPENAI_TIMEOUT_MS=4000' })
    .int()
    .min(100)
    .max(60000)
    .default(4000),
  // Crash testing only (src/bot/fault-points.ts): the process kills itself mid-command. Never set in production.
  ZHIBU_FAULT_POINT: z
    .string()
    .trim()
    .regex(FAULT_POINT_FORMAT, {
      message: '应为 <命令>:<第几次写入>，例如 发布任务:2（仅用于崩溃测试，生产环境不要设置）',
    })
    .optional(),
  MONGODB_URI: z
    .string()
    .trim()
    .regex(/^mongodb(\+srv)?:\/\//, { message: '应以 mongodb:// 或 mongodb+srv:// 开头' })
    .optional(),
});

/** The simulator admin used when ZHIBU_ADMINS is empty and the simulator is the only channel. */
export const DEFAULT_SIM_ADMIN = 'sim:u_admin';

export type RawConfig = z.infer<typeof schema>;

export interface Config extends Omit<RawConfig, 'SIM_ENABLED'> {
  /** Whether /sim runs: SIM_ENABLED when set, else only when no real platform is configured. */
  SIM_ENABLED: boolean;
  dataDir: string;
  admins: Set<string>;
  /** Real platforms whose credentials are set. */
  platforms: Platform[];
}

/**
 * The simulator trusts whatever user id it is sent, so it runs by default only where it is the only channel; beside
 * real platforms it needs SIM_ENABLED=true and a SIM_TOKEN that every simulator request carries.
 */
function resolveSimulator(raw: RawConfig, platforms: Platform[]): boolean {
  const enabled = raw.SIM_ENABLED ?? platforms.length === 0;
  if (enabled && platforms.length > 0 && !raw.SIM_TOKEN) {
    throw new ZhibuError(
      'CONFIG_INVALID',
      '配置错误：已配置企业微信/钉钉时，开启模拟器（SIM_ENABLED=true）必须同时设置 SIM_TOKEN（至少 16 个字符），否则任何人都能冒充任何用户。正式部署请删除 SIM_ENABLED 或设为 false。',
    );
  }
  return enabled;
}

/** Empty strings count as unset, so `FOO=` in an env file does not trip a format check. */
function clean(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''),
  );
}

/** Parses the environment; a bad value throws one message naming the variable and the expected form. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? '?');
    const value = env[name];
    throw new ZhibuError(
      'CONFIG_INVALID',
      `配置错误：${name}${value !== undefined ? `="${value}"` : ''} ${issue.message}。请修改环境变量 ${name} 后重新启动。`,
    );
  }
  const raw = parsed.data;
  const platforms = realPlatforms(raw);
  const simEnabled = resolveSimulator(raw, platforms);
  const admins = new Set(
    raw.ZHIBU_ADMINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  // A newcomer running `npm start` must be able to bind a chat in the simulator; beside a real platform nobody is
  // an admin until ZHIBU_ADMINS names them.
  if (admins.size === 0 && simEnabled && platforms.length === 0) admins.add(DEFAULT_SIM_ADMIN);
  return { ...raw, SIM_ENABLED: simEnabled, dataDir: path.resolve(raw.DATA_DIR), admins, platforms };
}
