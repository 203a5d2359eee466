import crypto from 'node:crypto';
import autocannon from 'autocannon';
import * as wecomCrypto from '@wecom/crypto';

/**
 * The load side of the WeCom ingest bench, run as a child process so the client does not share the servers' event
 * loop: it plays WeCom's servers — encrypts and signs distinct AI-bot text callbacks up front, then fires them with
 * autocannon. Input: the JSON in ZB_LOAD. Output: a line `{"ready":true}` once the payloads are built (the load
 * starts right after it), then one JSON line with the figures.
 */
export interface LoadSpec {
  url: string;
  token: string;
  aesKey: string;
  /** First msgid number, so every phase sends callbacks never seen before. */
  offset: number;
  count: number;
  members: number;
  tasks: number;
  chatId: string;
  responseBase: string;
  connections: number;
  durationS: number;
  /** Fixed number of requests instead of a duration (profiling). */
  amount?: number;
}

function callbacks(spec: LoadSpec): Array<{ path: string; body: string }> {
  const out: Array<{ path: string; body: string }> = [];
  for (let i = spec.offset; i < spec.offset + spec.count; i++) {
    const task = 1 + (Math.floor(i / spec.members) % spec.tasks);
    const payload = {
      msgid: `bench-${i}`,
      aibotid: 'AIBOTID',
      chatid: spec.chatId,
      chattype: 'group',
      from: { userid: `m${i % spec.members}` },
      response_url: `${spec.responseBase}/aibot/response/${i}`,
      msgtype: 'text',
      text: { content: `@支部机器人 #${task} 学习心得第${i}篇：认真学习了党章第一章，深刻理解了党员的义务。` },
    };
    const encrypt = wecomCrypto.encrypt(spec.aesKey, JSON.stringify(payload), '');
    const timestamp = String(1_796_090_400 + i);
    const nonce = String(crypto.randomInt(1e9));
    const sig = wecomCrypto.getSignature(spec.token, timestamp, nonce, encrypt);
    out.push({
      path: `/wecom/bot?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`,
      body: JSON.stringify({ encrypt }),
    });
  }
  return out;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.ZB_LOAD ?? '{}') as LoadSpec;
  const list = callbacks(spec);
  let next = 0;
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationS }),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const cb = list[next++ % list.length];
          return { ...req, method: 'POST', path: cb.path, body: cb.body };
        },
      },
    ],
  });
  const line = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    wrapped: next > list.length,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
