import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { TestRuntime } from '../helpers/test-runtime';

export interface Session {
  cookie: string;
  csrf: string;
  get(path: string): request.Test;
  post(path: string): request.Test;
}

/** The link the bot sent to `userId` in their 1:1 chat after `后台`. */
export async function requestLink(rt: TestRuntime, userId: string, chatId = userId): Promise<string | undefined> {
  const r = await rt.say(userId, chatId, '后台');
  const text = r.replies.find((x) => x.chatId === userId && x.text.includes('/admin/login'))?.text;
  return text?.match(/https?:\/\/\S+/)?.[0];
}

/** Signs in the way a secretary does: 后台 in chat → open the link → press the button. */
export async function signIn(rt: TestRuntime, userId: string, chatId = userId): Promise<Session> {
  const server = rt.app.callback();
  const link = await requestLink(rt, userId, chatId);
  if (!link) throw new Error(`no login link for ${userId}`);
  const token = new URL(link).searchParams.get('t')!;
  const res = await request(server).post('/admin/login').type('form').send({ t: token });
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.text}`);
  const cookie = (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  const home = await request(server).get('/admin').set('Cookie', cookie);
  const csrf = /data-csrf="([^"]+)"/.exec(home.text)?.[1] ?? '';
  return {
    cookie,
    csrf,
    get: (path) => request(server).get(path).set('Cookie', cookie),
    post: (path) => request(server).post(path).set('Cookie', cookie),
  };
}

/** Binary response body for supertest (xlsx downloads). */
export function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

export async function download(
  s: Session,
  path: string,
): Promise<{ status: number; body: Buffer; headers: Record<string, string> }> {
  const res = await s
    .get(path)
    .buffer(true)
    .parse(binary as never);
  return { status: res.status, body: res.body as Buffer, headers: res.headers as Record<string, string> };
}

/**
 * Two home branches with their own secretaries and members, one host branch: the scoping tests' world.
 * 青山村 (g_a, secretary u_sa) · 白水村 (g_b, secretary u_sb) · 广州流动党支部 (g_host).
 */
export async function seedTwoBranches(rt: TestRuntime): Promise<void> {
  await rt.say('u_admin', 'g_a', '绑定支部 青山村党支部 流出');
  await rt.say('u_admin', 'g_b', '绑定支部 白水村党支部 流出');
  await rt.say('u_admin', 'g_host', '绑定支部 广州流动党支部 流入');
  await rt.say('u_sa', 'g_a', '报到 青书记 广东广州');
  await rt.say('u_admin', 'g_a', '设为书记 青书记');
  await rt.say('u_sb', 'g_b', '报到 白书记 广东深圳');
  await rt.say('u_admin', 'g_b', '设为书记 白书记');
  await rt.say('u_a1', 'g_a', '报到 张三 广东广州 性别：男 出生：1990-05 电话：13800138000 外出：2025-03');
  await rt.say('u_a2', 'g_a', '报到 李四 湖南长沙 性别：女 出生：1985-01 外出：2026-10');
  await rt.say('u_b1', 'g_b', '报到 王五 上海 性别：男 电话：13900139000 外出：2024-01');
}

/** The same sign-in in a real browser: the chat link opened against `origin`, then the button. */
export async function browserSignIn(
  rt: TestRuntime,
  context: BrowserContext,
  origin: string,
  userId = 'u_sa',
): Promise<Page> {
  const link = new URL((await requestLink(rt, userId))!);
  const page = await context.newPage();
  await page.goto(`${origin}${link.pathname}${link.search}`);
  await page.click('#enter');
  await page.waitForURL(`${origin}/admin`);
  return page;
}
