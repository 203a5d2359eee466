import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one chat-completions request. */
export type FakeReply =
  | { content: string }
  | { status: number; message: string }
  /** Never answers (until the server closes): the client's timeout must fire. */
  | { hang: true };

export interface ChatRequest {
  path: string;
  authorization?: string;
  body: { model: string; messages: Array<{ role: string; content: string }>; [k: string]: unknown };
}

export interface FakeOpenAi {
  /** Base URL to put in OPENAI_BASE_URL (…/v1). */
  baseUrl: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * A local OpenAI-compatible server on 127.0.0.1:0 speaking the chat-completions wire format
 * (POST /v1/chat/completions → `{id, object: "chat.completion", choices: [{message: {role, content}}], usage}`).
 */
export async function fakeOpenAi(reply: (req: ChatRequest) => FakeReply | Promise<FakeReply>): Promise<FakeOpenAi> {
  const requests: ChatRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', async () => {
      const request: ChatRequest = {
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: JSON.parse(raw || '{}'),
      };
      requests.push(request);
      if (req.method !== 'POST' || !request.path.endsWith('/chat/completions'))
        return send(res, 404, { error: { message: 'not found' } });
      const r = await reply(request);
      if ('hang' in r) {
        hanging.add(res);
        return;
      }
      if ('status' in r) return send(res, r.status, { error: { message: r.message, type: 'server_error' } });
      send(res, 200, {
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        created: 1_764_554_400,
        model: request.body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: r.content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Polls until `check` holds (bounded): for background work with no completion hook, never a timing assertion. */
export async function eventually(check: () => boolean | Promise<boolean>, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}
