import path from 'node:path';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { FakeDingtalk } from '../platforms/dingtalk/fake-dingtalk';
import { FakeWecomApi } from '../platforms/wecom/helpers/fake-wecom-api';
import { APP } from '../platforms/wecom/helpers/wecom-env';
import { spawnChild } from '../helpers/child-processes';

jest.setTimeout(120_000);

const BIN = path.join(__dirname, '../../bin/zhibu.js');
const KEY = '693a91f6-7c3e-4bc4-97a0-0ec2e1f5aaa1';
const ROBOT = 'robottoken0123456789abcdef';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function zhibu(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(process.execPath, [BIN, 'doctor', ...args], {
      cwd: path.join(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('zhibu doctor against the local platform fakes', () => {
  let wecom: FakeWecomApi;
  let ding: FakeDingtalk;
  let rt: TestRuntime;
  let dir: string;
  let env: Record<string, string>;

  async function group(
    platform: 'wecom' | 'dingtalk',
    chatId: string,
    title: string,
    push?: Record<string, string>,
  ): Promise<void> {
    const { store } = rt.services;
    const branch =
      (await store.branches.findByName('青山村党支部')) ??
      (await store.branches.create({ name: '青山村党支部', kind: 'home' }, rt.clock.now()));
    await store.chats.upsertSeen({ platform, chatId, chatType: 'group', title }, rt.clock.now());
    await store.chats.bindBranch(platform, chatId, branch.id);
    if (push) await store.chats.setPush(platform, chatId, push);
  }

  beforeAll(async () => {
    wecom = await new FakeWecomApi().start();
    wecom.webhookKeys.add(KEY);
    ding = await new FakeDingtalk().start();
    ding.robots.set(ROBOT, undefined);
    dir = tempDir('zhibu-doctor-');
    rt = await testRuntime({ DATA_DIR: dir });
    await group('wecom', 'wrkHOOK', '一组', { webhookKey: KEY });
    await group('wecom', 'wrkQUIET', '二组');
    await group('dingtalk', 'cidCustom==', '三组', {
      webhook: `https://oapi.dingtalk.com/robot/send?access_token=${ROBOT}`,
    });
    await group('dingtalk', 'cidPlain==', '四组');
    env = {
      DATA_DIR: dir,
      SIM_ENABLED: 'false',
      WECOM_CORP_ID: APP.corpId,
      WECOM_AGENT_ID: APP.agentId,
      WECOM_APP_SECRET: APP.secret,
      WECOM_API_BASE: wecom.base,
      DINGTALK_CLIENT_ID: ding.clientId,
      DINGTALK_CLIENT_SECRET: ding.clientSecret,
      DINGTALK_API_BASE: ding.base,
      DINGTALK_OAPI_BASE: ding.base,
    };
  });
  afterAll(async () => {
    await rt.stop();
    await wecom.stop();
    await ding.stop();
    cleanupTempDirs();
  });

  test('one line per channel and chat; a group with no route is not ready, with its fix; exit code 1; nothing sent', async () => {
    const run = await zhibu(env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✅ 就绪｜wecom｜自建应用（私信）/);
    expect(run.stdout).toMatch(/✅ 就绪｜wecom｜群「一组」｜群机器人 webhook（key 693a…aaa1/);
    expect(run.stdout).toMatch(/❌ 未就绪｜wecom｜群「二组」｜无可用线路[^\n]*\n {3}➜ [^\n]*设置推送/);
    expect(run.stdout).toMatch(/✅ 就绪｜dingtalk｜企业内部应用机器人/);
    expect(run.stdout).toMatch(/✅ 就绪｜dingtalk｜群「三组」｜自定义机器人 robo…cdef/);
    expect(run.stdout).toMatch(/✅ 就绪｜dingtalk｜群「四组」｜企业机器人 groupMessages\/send/);
    expect(run.stdout).toMatch(/本月额度（Webhook 与 Stream）｜已用 0\/3000/);
    // Credentials were really asked for, and no message went anywhere.
    expect(wecom.calls('/cgi-bin/gettoken')).toHaveLength(1);
    expect(ding.callsTo('/v1.0/oauth2/accessToken')).toHaveLength(1);
    expect(wecom.calls('/cgi-bin/webhook/send')).toEqual([]);
    expect(ding.callsTo('/robot/send')).toEqual([]);
  });

  test('all ready → exit 0; --send-test sends one test message through each ready robot', async () => {
    await rt.services.store.chats.setPush('wecom', 'wrkQUIET', { webhookKey: KEY });
    const run = await zhibu(env, '--send-test');
    expect(run.stdout).not.toContain('未就绪｜');
    expect(run.code).toBe(0);
    expect(wecom.calls('/cgi-bin/webhook/send')).toHaveLength(2);
    expect(ding.callsTo('/robot/send').map((c) => c.body.text.content)).toEqual([expect.stringContaining('推送测试')]);
  });

  test('a wrong app secret: the credentials line is not ready and names the settings; exit code 1', async () => {
    const run = await zhibu({ ...env, WECOM_APP_SECRET: 'wrong', DINGTALK_CLIENT_SECRET: 'wrong' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/❌ 未就绪｜wecom｜自建应用（私信）[^\n]*\n {3}➜ [^\n]*WECOM_APP_SECRET/);
    expect(run.stdout).toMatch(/❌ 未就绪｜dingtalk｜群「四组」[^\n]*\n {3}➜ [^\n]*DINGTALK_CLIENT_SECRET/);
  });
});
