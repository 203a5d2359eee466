import request from 'supertest';
import { loadConfig, type Config } from '../../src/config/load-config';
import { realPlatforms } from '../../src/config/real-platforms';
import { fixedClock } from '../../src/time/clock';
import { createLogger } from '../../src/observability/logger';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime';
import { tempDir } from './temp-dir';

export interface TestRuntime extends Runtime {
  clock: ReturnType<typeof fixedClock>;
  /** Sends a simulator message over real HTTP (supertest against app.callback()) and returns the reply texts. */
  say(userId: string, chatId: string, text: string, extra?: Record<string, unknown>): Promise<SimReply>;
  transcript(chatId: string): Promise<Array<{ from: string; text: string; mentions?: string[] }>>;
}

export interface SimReply {
  status: number;
  texts: string[];
  replies: Array<{ chatId: string; text: string; mentions?: string[] }>;
  body: Record<string, unknown>;
}

export const TEST_SIM_TOKEN = 'test-sim-token-0123456789';

/** A runtime on a fresh DATA_DIR with a fixed clock and silent logs; env overrides go through the real config parser. */
export async function testRuntime(
  env: Record<string, string> = {},
  start = '2026-12-01T02:00:00.000Z',
  log = createLogger('silent'),
): Promise<TestRuntime> {
  const base: Record<string, string> = {
    DATA_DIR: tempDir('zhibu-rt-'),
    ZHIBU_ADMINS: 'sim:u_admin',
    LOG_LEVEL: 'silent',
    ...env,
  };
  // Tests drive real-platform runtimes through the simulator too: beside a platform that takes an explicit token.
  const sim =
    realPlatforms(base).length > 0 && base.SIM_ENABLED === undefined
      ? { SIM_ENABLED: 'true', SIM_TOKEN: TEST_SIM_TOKEN }
      : {};
  const config: Config = loadConfig({ ...base, ...sim });
  const clock = fixedClock(start);
  const runtime = await createRuntime(config, { clock, log });
  const server = runtime.app.callback();
  return {
    ...runtime,
    clock,
    async say(userId, chatId, text, extra = {}) {
      const res = await request(server)
        .post('/sim/api/messages')
        .set('authorization', `Bearer ${TEST_SIM_TOKEN}`)
        .send({ chatId, userId, userName: userId, text, ...extra });
      const replies = (res.body.replies ?? []) as SimReply['replies'];
      return { status: res.status, texts: replies.map((r) => r.text), replies, body: res.body };
    },
    async transcript(chatId) {
      const res = await request(server)
        .get(`/sim/api/chats/${encodeURIComponent(chatId)}/messages`)
        .set('authorization', `Bearer ${TEST_SIM_TOKEN}`);
      return res.body.messages;
    },
  };
}

/** Binds a home and a host group, names a secretary for each and checks members in: the common starting point. */
export async function seedBranches(rt: TestRuntime): Promise<void> {
  await rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
  await rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入');
  await rt.say('u_sec', 'g_home', '报到 王书记 广东广州');
  await rt.say('u_admin', 'g_home', '设为书记 王书记');
}
