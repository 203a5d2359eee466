import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

/** Two branches: 青山村 (home, g_home, secretary 王书记) and 广州流动 (host, g_host); members check in by name. */
export async function reviewRuntime(): Promise<TestRuntime> {
  const rt = await testRuntime({}, '2026-12-01T02:00:00.000Z');
  await rt.say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
  await rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入');
  await rt.say('u_sec', 'g_home', '报到 王书记 广东广州');
  await rt.say('u_admin', 'g_home', '设为书记 王书记');
  return rt;
}

export async function checkIn(rt: TestRuntime, userId: string, name: string, chat = 'g_home'): Promise<void> {
  const r = await rt.say(userId, chat, `报到 ${name} 广东广州`);
  if (!r.texts.join('').includes('报到成功')) throw new Error(`check-in of ${name} failed: ${r.texts.join(' | ')}`);
}

/** Says something in the member's 1:1 chat and returns the bot's answer text. */
export async function dm(rt: TestRuntime, userId: string, text: string): Promise<string> {
  return (await rt.say(userId, userId, text, { chatType: 'single' })).texts.join('\n');
}

export const OPEN_REVIEW = '发起测评 2026年度满意度测评\n截止：12月10日 18:00';
