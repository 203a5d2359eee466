import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireJson } from '../../helpers/wire-json';

/**
 * A local stand-in for DingTalk on 127.0.0.1 (port 0) speaking the documented wire formats: the OpenAPI
 * (oauth2/accessToken, robot/messageFiles/download + the temporary file URL, robot/groupMessages/send,
 * robot/oToMessages/batchSend), the oapi webhooks (sendBySession, custom robot robot/send with 加签 checked by an
 * independent implementation), and the Stream gateway (connections/open → a WebSocket speaking DP protocol.md frames).
 */
export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: WireJson;
  /** When the call arrived, by the fake's clock (`FakeDingtalk.now`, injectable so tests can measure pacing). */
  at: number;
}

type Answer = { status: number; body: unknown };

export class FakeDingtalk extends EventEmitter {
  readonly calls: FakeCall[] = [];
  /** Frames the bot sent over the socket (ACKs, ping answers), parsed. */
  readonly received: WireJson[] = [];
  readonly sockets: WebSocket[] = [];
  readonly files = new Map<string, { bytes: Buffer; type: string }>();
  readonly robots = new Map<string, string | undefined>();
  readonly expiredSessions = new Set<string>();
  /** The fake's clock: tests that drive the bot with a fixed clock point this at the same clock. */
  now: () => number = () => Date.now();
  clientId = 'ding-test-app';
  clientSecret = 'test-app-secret';
  tokenSeq = 0;
  /** Robot codes of this org's robots (the app's ClientId and the robot the recorded fixtures name). */
  readonly robotCodes = new Set<string>([this.clientId, 'dingzhiburobot01']);
  /** Access tokens handed out, with when each expires (by `now`): others are unknown, late ones expired. */
  readonly tokens = new Map<string, number>();
  private readonly limiter = new RobotRateLimit(() => this.now());
  /** Answers to give, in order, before the normal one (to script failures per path). */
  readonly scripted = new Map<string, Answer[]>();
  batchAnswer: (userIds: string[]) => { invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] } =
    () => ({});
  private server = http.createServer((req, res) => {
    void this.handle(req, res);
  });
  private wss = new WebSocketServer({ noServer: true });
  private tickets = new Set<string>();

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', this.base);
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.push(ws);
        ws.on('message', (data) => {
          this.received.push(JSON.parse(String(data)));
          this.emit('frame');
        });
        this.emit('connection', ws);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  script(path: string, ...answers: Answer[]): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...answers]);
  }

  callsTo(path: string): FakeCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  /** The socket the bot holds now (the newest open one). */
  get socket(): WebSocket | undefined {
    return [...this.sockets].reverse().find((ws) => ws.readyState === ws.OPEN);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.base);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep the raw text */
    }
    const call: FakeCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      at: this.now(),
    };
    this.calls.push(call);
    this.emit('call', call);
    const scripted = this.scripted.get(url.pathname)?.shift();
    const answer = scripted ?? this.refusal(call) ?? this.answer(call);
    if (Buffer.isBuffer(answer.body)) {
      res.writeHead(answer.status, {
        'content-type': this.files.get(url.pathname.slice('/files/'.length))?.type ?? 'application/octet-stream',
      });
      res.end(answer.body);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  private authorized(call: FakeCall): boolean {
    const expires = this.tokens.get(String(call.headers['x-acs-dingtalk-access-token'] ?? ''));
    return expires !== undefined && this.now() < expires;
  }

  /** Makes every token handed out so far expire now, as DingTalk does after 2 h. */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, this.now());
  }

  private answer(call: FakeCall): Answer {
    const b = call.body ?? {};
    switch (call.path) {
      case '/v1.0/oauth2/accessToken':
        if (b.appKey !== this.clientId || b.appSecret !== this.clientSecret)
          return { status: 400, body: { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' } };
        this.tokens.set(`tok-${++this.tokenSeq}`, this.now() + 7_200_000);
        return { status: 200, body: { accessToken: `tok-${this.tokenSeq}`, expireIn: 7200 } };
      case '/v1.0/gateway/connections/open': {
        if (b.clientId !== this.clientId || b.clientSecret !== this.clientSecret)
          return { status: 401, body: { code: 'invalidClient', message: 'bad client' } };
        const ticket = `ticket-${this.calls.length}`;
        this.tickets.add(ticket);
        return { status: 200, body: { endpoint: `${this.base.replace('http', 'ws')}/connect`, ticket } };
      }
      case '/v1.0/robot/messageFiles/download':
        if (!this.files.has(b.downloadCode))
          return {
            status: 400,
            body: { code: 'invalidParameter.robotCode.downloadCode', message: 'downloadCode 错误或已过期' },
          };
        return {
          status: 200,
          body: {
            downloadUrl: `${this.base}/files/${encodeURIComponent(b.downloadCode)}?Expires=1796094000&OSSAccessKeyId=fake`,
          },
        };
      case '/v1.0/robot/groupMessages/send':
        return { status: 200, body: { processQueryKey: `pqk-${this.calls.length}` } };
      case '/v1.0/robot/oToMessages/batchSend':
        if (!Array.isArray(b.userIds) || b.userIds.length > 20)
          return { status: 400, body: { code: 'invalidParameter.userIds', message: 'userIds 最多 20 个' } };
        return {
          status: 200,
          body: {
            processQueryKey: `pqk-${this.calls.length}`,
            invalidStaffIdList: [],
            flowControlledStaffIdList: [],
            ...this.batchAnswer(b.userIds),
          },
        };
      case '/robot/sendBySession':
        if (this.expiredSessions.has(call.query.session))
          return { status: 200, body: { errcode: 300001, errmsg: 'session 不存在' } };
        return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
      case '/robot/send':
        return { status: 200, body: this.customRobotAnswer(call) };
      default:
        if (call.path.startsWith('/files/')) {
          const file = this.files.get(decodeURIComponent(call.path.slice('/files/'.length)));
          return file ? { status: 200, body: file.bytes } : { status: 404, body: { message: 'no such file' } };
        }
        return { status: 404, body: { code: 'notFound', message: call.path } };
    }
  }

  /**
   * What DingTalk refuses before looking at the message (reference/dingtalk.md): unknown or expired tokens, a robot
   * of another org, a robot over 20 messages a minute (then muted 10 minutes), a custom robot's timestamp more than
   * an hour off, and OpenAPI msgParam over 15,000 bytes.
   */
  private refusal(call: FakeCall): Answer | undefined {
    const b = call.body ?? {};
    const openApiSend =
      call.path === '/v1.0/robot/groupMessages/send' || call.path === '/v1.0/robot/oToMessages/batchSend';
    if (openApiSend || call.path === '/v1.0/robot/messageFiles/download') {
      if (!this.authorized(call))
        return { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
      if (!this.robotCodes.has(b.robotCode))
        return { status: 400, body: { code: 'invalidParameter.robotCode', message: 'robotCode 不存在' } };
    }
    if (openApiSend) {
      if (Buffer.byteLength(String(b.msgParam ?? '')) > 15_000)
        return { status: 400, body: { code: 'invalidParameter.msgParam', message: 'msgParam 超过长度限制' } };
      if (!this.limiter.take(`robot:${b.robotCode}`))
        return { status: 403, body: { code: 'send.too.fast', message: '发送速度太快而限流' } };
    }
    if (call.path === '/robot/send' && this.robots.has(call.query.access_token)) {
      const secret = this.robots.get(call.query.access_token);
      if (secret !== undefined && !(Math.abs(this.now() - Number(call.query.timestamp)) <= 3_600_000)) {
        return { status: 200, body: { errcode: 310000, errmsg: 'invalid timestamp' } };
      }
      if (!this.limiter.take(`custom:${call.query.access_token}`))
        return { status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } };
    }
    return undefined;
  }

  /** 加签 as the Python sample in KB 0082 computes it: base64(HmacSHA256(secret, ts + "\n" + secret)), quote_plus'ed. */
  private customRobotAnswer(call: FakeCall): { errcode: number; errmsg: string } {
    const token = call.query.access_token;
    if (!this.robots.has(token)) return { errcode: 400101, errmsg: 'access_token not found' };
    const secret = this.robots.get(token);
    if (secret === undefined) return { errcode: 0, errmsg: 'ok' };
    const ts = call.query.timestamp ?? '';
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.from(`${ts}\n${secret}`, 'utf8'))
      .digest('base64');
    // URLSearchParams already decoded %2B/%3D; a sign sent without encoding would have turned '+' into ' ' here.
    if (call.query.sign !== expected) return { errcode: 310000, errmsg: 'sign not match' };
    return { errcode: 0, errmsg: 'ok' };
  }
}

/** DingTalk's per-robot cap: 20 messages in any minute; going over mutes the robot for 10 minutes. */
class RobotRateLimit {
  private readonly sent = new Map<string, number[]>();
  private readonly mutedUntil = new Map<string, number>();
  constructor(private readonly now: () => number) {}

  take(robot: string): boolean {
    const now = this.now();
    if ((this.mutedUntil.get(robot) ?? 0) > now) return false;
    const recent = (this.sent.get(robot) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= 20) {
      this.mutedUntil.set(robot, now + 10 * 60_000);
      return false;
    }
    this.sent.set(robot, [...recent, now]);
    return true;
  }
}

/** Polls until `check` holds (for background work the bot does after acknowledging). Bounded, never a fixed sleep. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what = 'condition',
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
