import request from 'supertest';
import type Koa from 'koa';
import { APP, BOT } from './wecom-env';
import { refDecrypt, refEncrypt, refSign, signedQuery } from './reference-cipher';
import type { WireJson } from '../../../helpers/wire-json';

/** POSTs an AI-bot callback encrypted and signed by the independent reference implementation (receiveid ""). */
export function postBot(app: Koa, payload: object, opts: { token?: string; aesKey?: string; nonce?: string } = {}) {
  const encrypt = refEncrypt(opts.aesKey ?? BOT.aesKey, JSON.stringify(payload), '');
  return request(app.callback())
    .post(`/wecom/bot?${signedQuery(opts.token ?? BOT.token, encrypt, undefined, opts.nonce)}`)
    .set('content-type', 'application/json')
    .send(JSON.stringify({ encrypt }));
}

/** POSTs an app callback: XML envelope with the encrypted XML message (receiveid = CorpID). */
export function postApp(app: Koa, xml: string, opts: { token?: string; corpId?: string } = {}) {
  const encrypt = refEncrypt(APP.aesKey, xml, opts.corpId ?? APP.corpId);
  const body = `<xml><ToUserName><![CDATA[${APP.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${APP.agentId}]]></AgentID></xml>`;
  return request(app.callback())
    .post(`/wecom/app?${signedQuery(opts.token ?? APP.token, encrypt)}`)
    .set('content-type', 'text/xml')
    .send(body);
}

/** Verifies and decrypts the bot's JSON passive reply with the reference implementation. */
export function openBotReply(body: {
  encrypt: string;
  msgsignature: string;
  timestamp: string;
  nonce: string;
}): WireJson {
  expect(refSign(BOT.token, body.timestamp, body.nonce, body.encrypt)).toBe(body.msgsignature);
  const { message, receiveId } = refDecrypt(BOT.aesKey, body.encrypt);
  expect(receiveId).toBe('');
  return JSON.parse(message);
}

/** Verifies and decrypts the app's XML passive reply with the reference implementation. */
export function openAppReply(xml: string): string {
  const field = (name: string) =>
    new RegExp(`<${name}>(?:<!\\[CDATA\\[(.*?)\\]\\]>|([^<]*))</${name}>`, 's').exec(xml)!;
  const pick = (name: string) => {
    const m = field(name);
    return m[1] ?? m[2];
  };
  expect(refSign(APP.token, pick('TimeStamp'), pick('Nonce'), pick('Encrypt'))).toBe(pick('MsgSignature'));
  const { message, receiveId } = refDecrypt(APP.aesKey, pick('Encrypt'));
  expect(receiveId).toBe(APP.corpId);
  return message;
}
