import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { callHttp, downloadHttp, jsonObjectOf } from '../../src/platforms/http-client';

const FILE = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256));

/** A local endpoint that counts the connections it is given and answers by path. */
async function endpoint(): Promise<{ base: string; connections: () => number; stop: () => Promise<void> }> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/silent') return; // never answers: the caller's timeout must end the wait
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/file' });
        return res.end();
      }
      if (req.url === '/file' || req.url === '/chunked') {
        // A photo's bytes; /chunked sends them without a length, as a stream of chunks.
        if (req.url === '/file') res.writeHead(200, { 'content-type': 'image/png', 'content-length': FILE.length });
        for (let i = 0; i < FILE.length; i += 1000) res.write(FILE.subarray(i, i + 1000));
        return res.end();
      }
      if (req.url === '/stalls' || req.url === '/cut') {
        // Headers and half an answer, then nothing more (or the connection dropped).
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"errcode":');
        if (req.url === '/cut') setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'] ?? null, body }));
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    connections: () => connections,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('callHttp: the platforms’ JSON calls', () => {
  test('POSTs the body with its headers, GETs without one, and hands back status and text', async () => {
    const ep = await endpoint();
    try {
      const post = await callHttp(`${ep.base}/send`, {
        headers: { 'content-type': 'application/json' },
        body: '{"a":"中文"}',
        timeoutMs: 5_000,
      });
      expect(post.status).toBe(200);
      expect(JSON.parse(post.text)).toEqual({ method: 'POST', type: 'application/json', body: '{"a":"中文"}' });
      const get = await callHttp(`${ep.base}/token`, { timeoutMs: 5_000 });
      expect(JSON.parse(get.text)).toMatchObject({ method: 'GET', body: '' });
    } finally {
      await ep.stop();
    }
  });

  test('an HTTP error status resolves for the caller to judge, with its reason phrase', async () => {
    const ep = await endpoint();
    try {
      const res = await callHttp(`${ep.base}/down`, { body: '{}', timeoutMs: 5_000 });
      expect([res.status, res.statusText]).toEqual([503, 'Service Unavailable']);
    } finally {
      await ep.stop();
    }
  });

  test('calls in a row reuse kept-alive connections instead of opening one each', async () => {
    const ep = await endpoint();
    try {
      for (let i = 0; i < 20; i++) await callHttp(`${ep.base}/send`, { body: String(i), timeoutMs: 5_000 });
      // The pool may open a second connection while the first is being handed back; never one per call.
      expect(ep.connections()).toBeLessThanOrEqual(2);
    } finally {
      await ep.stop();
    }
  });

  test('a refused connection and an endpoint that never answers both reject', async () => {
    const ep = await endpoint();
    const closed = await endpoint();
    const closedBase = closed.base;
    await closed.stop();
    try {
      await expect(callHttp(`${closedBase}/send`, { body: '{}', timeoutMs: 5_000 })).rejects.toThrow(/ECONNREFUSED/);
      await expect(callHttp(`${ep.base}/silent`, { body: '{}', timeoutMs: 200 })).rejects.toThrow(/timeout/i);
    } finally {
      await ep.stop();
    }
  });

  test('an answer that stalls or is cut off half-way rejects, and the next call still goes through', async () => {
    const ep = await endpoint();
    try {
      await expect(callHttp(`${ep.base}/stalls`, { body: '{}', timeoutMs: 200 })).rejects.toThrow(/timeout/i);
      await expect(callHttp(`${ep.base}/cut`, { body: '{}', timeoutMs: 5_000 })).rejects.toThrow();
      expect((await callHttp(`${ep.base}/send`, { body: '{}', timeoutMs: 5_000 })).status).toBe(200);
    } finally {
      await ep.stop();
    }
  });

  test('a download follows a redirect, keeps the bytes exact, and stops at its size bound', async () => {
    const ep = await endpoint();
    try {
      const got = await downloadHttp(`${ep.base}/moved`, { timeoutMs: 5_000 });
      expect([got.status, got.headers['content-type'], got.bytes.equals(FILE)]).toEqual([200, 'image/png', true]);
      // Declared too long, and too long as it arrives with no length declared.
      await expect(downloadHttp(`${ep.base}/file`, { timeoutMs: 5_000, maxBytes: 4999 })).rejects.toThrow(/larger/);
      await expect(downloadHttp(`${ep.base}/chunked`, { timeoutMs: 5_000, maxBytes: 4999 })).rejects.toThrow(/larger/);
      expect((await downloadHttp(`${ep.base}/chunked`, { timeoutMs: 5_000, maxBytes: 5000 })).bytes).toEqual(FILE);
      expect((await downloadHttp(`${ep.base}/moved`, { timeoutMs: 5_000, redirects: 0 })).status).toBe(302);
    } finally {
      await ep.stop();
    }
  });

  test('a body that is not a JSON object reads as an empty object', () => {
    expect(jsonObjectOf('<html>banned</html>')).toEqual({});
    expect(jsonObjectOf('null')).toEqual({});
    expect(jsonObjectOf('')).toEqual({});
    expect(jsonObjectOf('{"errcode":0}')).toEqual({ errcode: 0 });
  });
});
