import crypto from 'node:crypto';
import http from 'node:http';
import * as wecomCrypto from '@wecom/crypto';

export interface BurstSpec {
  botUrl: string;
  token: string;
  aesKey: string;
  responseBase: string;
  connections: number;
}

interface Signed {
  path: string;
  body: string;
}

/** Encrypts and signs AI-bot 1:1 text callbacks up front (WeCom's side of the wire), so firing them costs no crypto. */
export function signCallbacks(
  spec: BurstSpec,
  ids: number[],
  userOf: (i: number) => string,
  textOf: (i: number) => string,
): Signed[] {
  return ids.map((i) => {
    const user = userOf(i);
    const payload = {
      msgid: `hb-${i}`,
      aibotid: 'AIBOTID',
      chatid: user,
      chattype: 'single',
      from: { userid: user },
      response_url: `${spec.responseBase}/aibot/response/${i}`,
      msgtype: 'text',
      text: { content: textOf(i) },
    };
    const encrypt = wecomCrypto.encrypt(spec.aesKey, JSON.stringify(payload), '');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(crypto.randomInt(1e9));
    const sig = wecomCrypto.getSignature(spec.token, timestamp, nonce, encrypt);
    return {
      path: `/wecom/bot?msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`,
      body: JSON.stringify({ encrypt }),
    };
  });
}

/**
 * Fires the callbacks over `connections` keep-alive connections as fast as the bot acknowledges them; returns each
 * one's acknowledgement time (ms, Date.now(), so it compares with the fake's arrival times) and the non-200 count.
 */
export async function fire(spec: BurstSpec, list: Signed[]): Promise<{ ackAt: number[]; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const url = new URL(spec.botUrl);
  const ackAt = new Array<number>(list.length).fill(NaN);
  let next = 0;
  let failed = 0;
  const one = (k: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: list[k].path,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            ackAt[k] = Date.now();
            if (res.statusCode !== 200) failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(list[k].body);
    });
  const worker = async () => {
    while (next < list.length) await one(next++);
  };
  await Promise.all(Array.from({ length: spec.connections }, worker));
  agent.destroy();
  return { ackAt, failed };
}
