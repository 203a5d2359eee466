import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireJson } from '../../../helpers/wire-json';

export interface Recorded {
  path: string;
  query: Record<string, string>;
  body: WireJson;
  /** The test clock's time when the request arrived. */
  at: number;
}

type Injected = { errcode: number; errmsg?: string } | { status: number } | 'drop';

/**
 * A local stand-in for qyapi.weixin.qq.com speaking the real wire format (reference/wecom.md §4): gettoken,
 * message/send, media/get, webhook/send, plus AI-bot media downloads and response_url endpoints. 127.0.0.1 only.
 */
export class FakeWecomApi {
  readonly requests: Recorded[] = [];
  readonly media = new Map<string, { bytes: Buffer; type: string; filename?: string }>();
  readonly webhookKeys = new Set<string>();
  private readonly injected = new Map<string, Injected[]>();
  private readonly usedResponseUrls = new Set<string>();
  private tokenSeq = 0;
  validToken = '';
  /** Every token handed out, and when it stops working (7200 s after it was issued, by `now`). */
  private readonly issued = new Map<string, number>();
  private readonly webhookSends = new Map<string, number[]>();
  corpSecret = 'app-secret';
  /** While true every request gets HTTP 503 (WeCom unreachable); each one is still counted in `downHits`. */
  down = false;
  readonly downHits: Recorded[] = [];
  private server?: http.Server;
  base = '';

  constructor(private readonly now: () => number = () => Date.now()) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `n` requests to `path` get this answer instead of the normal one. */
  inject(path: string, answer: Injected, n = 1): void {
    this.injected.set(path, [...(this.injected.get(path) ?? []), ...Array(n).fill(answer)]);
  }

  calls(path: string): Recorded[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Makes the current access token invalid, as WeCom does when it rotates one early. */
  expireToken(): void {
    this.validToken = 'rotated';
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const rec: Recorded = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: raw ? JSON.parse(raw) : undefined,
      at: this.now(),
    };
    if (this.down) {
      this.downHits.push(rec);
      res.writeHead(503).end('unavailable');
      return;
    }
    const injected = this.injected.get(url.pathname)?.shift();
    if (injected === 'drop') {
      req.socket.destroy();
      return;
    }
    if (injected && 'status' in injected) {
      res.writeHead(injected.status).end('error');
      return;
    }
    if (injected) {
      this.json(res, injected);
      return;
    }
    this.requests.push(rec);
    const refused = this.refusal(rec);
    if (refused) {
      this.json(res, refused);
      return;
    }
    this.route(rec, res);
  }

  private route(rec: Recorded, res: http.ServerResponse): void {
    if (rec.path === '/cgi-bin/gettoken') {
      if (rec.query.corpsecret !== this.corpSecret)
        return this.json(res, { errcode: 40001, errmsg: 'invalid credential' });
      this.validToken = `token-${++this.tokenSeq}`;
      this.issued.set(this.validToken, this.now() + 7_200_000);
      return this.json(res, { errcode: 0, errmsg: 'ok', access_token: this.validToken, expires_in: 7200 });
    }
    if (rec.path === '/cgi-bin/message/send')
      return this.json(res, { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: 'm1' });
    if (rec.path === '/cgi-bin/media/get') return this.file(res, this.media.get(rec.query.media_id));
    if (rec.path === '/cgi-bin/webhook/send') {
      return this.json(
        res,
        this.webhookKeys.has(rec.query.key)
          ? { errcode: 0, errmsg: 'ok' }
          : { errcode: 93000, errmsg: 'invalid webhook url' },
      );
    }
    if (rec.path.startsWith('/aibot/media/'))
      return this.file(res, this.media.get(rec.path.slice('/aibot/media/'.length)));
    if (rec.path.startsWith('/aibot/response/')) {
      const first = !this.usedResponseUrls.has(rec.path);
      this.usedResponseUrls.add(rec.path);
      return this.json(res, first ? { errcode: 0, errmsg: 'ok' } : { errcode: 301002, errmsg: 'response_url used' });
    }
    res.writeHead(404).end();
  }

  /**
   * What WeCom refuses before looking at the message (reference/wecom.md §4): a token it never issued (40014), one
   * rotated or past its 7200 s (42001), text over 2048 bytes or markdown over 4096 (40058), and a webhook robot's
   * 21st message within a minute (45009).
   */
  private refusal(rec: Recorded): { errcode: number; errmsg: string } | undefined {
    const needsToken = rec.path === '/cgi-bin/message/send' || rec.path === '/cgi-bin/media/get';
    if (needsToken) {
      const expires = this.issued.get(rec.query.access_token);
      if (expires === undefined) return { errcode: 40014, errmsg: 'invalid access_token' };
      if (rec.query.access_token !== this.validToken || this.now() >= expires)
        return { errcode: 42001, errmsg: 'access_token expired' };
    }
    if (rec.path === '/cgi-bin/message/send' || rec.path === '/cgi-bin/webhook/send') {
      const tooLong = oversize(rec.body);
      if (tooLong) return { errcode: 40058, errmsg: tooLong };
    }
    if (rec.path === '/cgi-bin/webhook/send' && this.webhookKeys.has(rec.query.key)) {
      const now = this.now();
      const recent = (this.webhookSends.get(rec.query.key) ?? []).filter((t) => t > now - 60_000);
      if (recent.length >= 20) return { errcode: 45009, errmsg: 'api freq out of limit' };
      this.webhookSends.set(rec.query.key, [...recent, now]);
    }
    return undefined;
  }

  private file(res: http.ServerResponse, file?: { bytes: Buffer; type: string; filename?: string }): void {
    if (!file) return this.json(res, { errcode: 40007, errmsg: 'invalid media_id' });
    const headers: Record<string, string> = { 'content-type': file.type };
    if (file.filename) headers['content-disposition'] = `attachment; filename="${file.filename}"`;
    res.writeHead(200, headers).end(file.bytes);
  }

  private json(res: http.ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** WeCom's documented content caps for text and markdown messages (bytes of UTF-8). */
const CONTENT_CAPS: Record<string, number> = { text: 2048, markdown: 4096, markdown_v2: 4096 };

function oversize(body: WireJson): string | undefined {
  const type = String(body?.msgtype ?? '');
  const cap = CONTENT_CAPS[type];
  const content = body?.[type]?.content;
  if (cap === undefined || typeof content !== 'string') return undefined;
  return Buffer.byteLength(content) > cap ? `${type}.content exceed max length ${cap}` : undefined;
}
