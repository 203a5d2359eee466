import { createHmac } from 'node:crypto';

/** The DingTalk Client Secret the bench bot is started with, so one attack can carry a valid (captured) sign. */
export const DINGTALK_SECRET = 'bench-dingtalk-secret';
export const SIM_TOKEN = 'bench-sim-token-0123456';
const KB256 = '<xml>'.repeat((256 * 1024) / 5);

export interface Attack {
  label: string;
  path: string;
  type: string;
  body: () => string;
  headers?: () => Record<string, string>;
}

const signed = () => {
  const timestamp = String(Date.now());
  return {
    timestamp,
    sign: createHmac('sha256', DINGTALK_SECRET).update(`${timestamp}\n${DINGTALK_SECRET}`).digest('base64'),
  };
};

/** One hostile request per callback route, none with valid credentials except where a real attacker could have them. */
export const ATTACKS: Attack[] = [
  {
    label: 'POST /wecom/app, 256 KB of <xml>',
    path: '/wecom/app?msg_signature=x&timestamp=1&nonce=1',
    type: 'text/xml',
    body: () => KB256,
  },
  {
    label: 'POST /wecom/app, 63 KB of <xml> (under the cap, parsed)',
    path: '/wecom/app?msg_signature=x&timestamp=1&nonce=1',
    type: 'text/xml',
    body: () => `<xml>${'<xml>'.repeat(12_800)}</xml>`,
  },
  {
    label: 'POST /wecom/bot, 256 KB of <xml>',
    path: '/wecom/bot?msg_signature=x&timestamp=1&nonce=1',
    type: 'application/json',
    body: () => KB256,
  },
  {
    label: 'POST /wecom/bot, 256 KB encrypt field (signature computed)',
    path: '/wecom/bot?msg_signature=x&timestamp=1&nonce=1',
    type: 'application/json',
    body: () => JSON.stringify({ encrypt: 'A'.repeat(256 * 1024 - 20) }),
  },
  {
    label: 'POST /dingtalk/callback, 256 KB, forged sign',
    path: '/dingtalk/callback',
    type: 'application/json',
    body: () => KB256,
    headers: () => ({ timestamp: String(Date.now()), sign: 'forged' }),
  },
  {
    label: 'POST /dingtalk/callback, 256 KB, valid sign (captured headers)',
    path: '/dingtalk/callback',
    type: 'application/json',
    body: () => KB256,
    headers: signed,
  },
  {
    label: 'POST /sim/api/messages, 256 KB of <xml>',
    path: '/sim/api/messages',
    type: 'application/json',
    body: () => KB256,
    headers: () => ({ authorization: `Bearer ${SIM_TOKEN}` }),
  },
];

/** One attacker: the same hostile request again and again until `until`; answers counted by status (or the socket closing). */
export async function attacker(base: string, a: Attack, until: number, seen: Map<string, number>): Promise<void> {
  while (Date.now() < until) {
    let key: string;
    try {
      const res = await fetch(base + a.path, {
        method: 'POST',
        headers: { 'content-type': a.type, ...a.headers?.() },
        body: a.body(),
      });
      await res.arrayBuffer();
      key = String(res.status);
    } catch {
      key = 'closed';
    }
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
}
