import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireJson } from '../../../helpers/wire-json';

export interface SentFrame {
  cmd: string;
  reqId: string;
  body: WireJson;
  /** The test clock's time when the frame arrived. */
  at: number;
  /** Whether the server acknowledged it with errcode 0. */
  accepted: boolean;
}

/**
 * A local long-connection server speaking the frames of `@wecom/aibot-node-sdk` (aibot_subscribe, ping,
 * aibot_msg_callback / aibot_event_callback, aibot_respond_msg, aibot_respond_welcome_msg, aibot_send_msg), each
 * answered like WeCom: `{headers: {req_id}, errcode, errmsg}`. A reply's req_id is valid only on the connection
 * that delivered its callback, as on the real server after a reconnect.
 */
export class FakeAibotServer extends EventEmitter {
  readonly sent: SentFrame[] = [];
  auths = 0;
  pings = 0;
  connections = 0;
  secret = 'bot-secret';
  /** Cut the connection, unanswered, when the next frame with this cmd arrives (a drop mid-reply). */
  dropOnNext?: string;
  /** errcodes to answer the next aibot_send_msg frames with. */
  readonly sendErrors: number[] = [];
  /** Consulted for each aibot_send_msg frame first (see fake-aibot-sessions.ts). */
  refusePush?: (body: WireJson) => { errcode: number; errmsg: string } | undefined;
  private wss?: WebSocketServer;
  private current?: WebSocket;
  private readonly delivered = new WeakMap<WebSocket, Set<string>>();
  private seq = 0;
  url = '';

  constructor(private readonly now: () => number = () => Date.now()) {
    super();
  }

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.wss!.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
    this.wss.on('connection', (ws) => this.onConnection(ws));
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()) ?? resolve());
  }

  /** Pushes a callback frame to the authenticated connection; returns its req_id. */
  push(body: object, cmd = 'aibot_msg_callback'): string {
    if (!this.current) throw new Error('no authenticated connection');
    const reqId = `cb_${++this.seq}`;
    this.delivered.get(this.current)!.add(reqId);
    this.current.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  /** Cuts the connection the way a network drop does (no close frame). */
  drop(): void {
    this.current?.terminate();
    this.current = undefined;
  }

  /** Resolves when `predicate` holds, re-checked after every frame or connection event. */
  waitFor(predicate: () => boolean): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (predicate()) {
          this.off('change', check);
          resolve();
        }
      };
      this.on('change', check);
    });
  }

  private onConnection(ws: WebSocket): void {
    this.connections++;
    this.delivered.set(ws, new Set());
    ws.on('message', (data) => this.onFrame(ws, JSON.parse(data.toString())));
    ws.on('close', () => {
      if (this.current === ws) this.current = undefined;
      this.emit('change');
    });
    this.emit('change');
  }

  private onFrame(ws: WebSocket, frame: { cmd: string; headers: { req_id: string }; body?: WireJson }): void {
    const reqId = frame.headers.req_id;
    const answer = (errcode: number, errmsg = 'ok') =>
      ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
    if (frame.cmd === 'aibot_subscribe') {
      const ok = frame.body?.secret === this.secret;
      answer(ok ? 0 : 40058, ok ? 'ok' : 'invalid secret');
      if (ok) {
        this.auths++;
        this.current = ws;
      }
    } else if (frame.cmd === 'ping') {
      this.pings++;
      answer(0);
    } else if (frame.cmd === this.dropOnNext) {
      this.dropOnNext = undefined;
      ws.terminate();
    } else {
      const refusal = frame.cmd === 'aibot_send_msg' ? this.refusePush?.(frame.body) : undefined;
      const errcode =
        refusal?.errcode ??
        (frame.cmd === 'aibot_send_msg'
          ? (this.sendErrors.shift() ?? 0)
          : this.delivered.get(ws)?.has(reqId)
            ? 0
            : 846609);
      this.sent.push({ cmd: frame.cmd, reqId, body: frame.body, at: this.now(), accepted: errcode === 0 });
      answer(errcode, refusal?.errmsg ?? (errcode === 0 ? 'ok' : 'rejected'));
    }
    this.emit('change');
  }
}
