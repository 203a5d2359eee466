import crypto from 'node:crypto';

/**
 * An independent implementation of WeCom's WXBizMsgCrypt scheme, written from the documentation (docs 90968) with
 * node:crypto only — it shares no code with @wecom/crypto or src/platforms/wecom — so the bot is checked against
 * the scheme, not against itself.
 */
const key = (encodingAESKey: string) => Buffer.from(`${encodingAESKey}=`, 'base64');

function pad32(data: Buffer): Buffer {
  const n = 32 - (data.length % 32);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

export function refSign(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return crypto.createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export function refEncrypt(
  encodingAESKey: string,
  message: string,
  receiveId: string,
  random = crypto.randomBytes(16),
): string {
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const k = key(encodingAESKey);
  const cipher = crypto.createCipheriv('aes-256-cbc', k, k.subarray(0, 16)).setAutoPadding(false);
  const plain = pad32(Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')]));
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

export function refDecrypt(encodingAESKey: string, encrypt: string): { message: string; receiveId: string } {
  const k = key(encodingAESKey);
  const decipher = crypto.createDecipheriv('aes-256-cbc', k, k.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const body = plain.subarray(0, plain.length - plain[plain.length - 1]);
  const len = body.readUInt32BE(16);
  return { message: body.subarray(20, 20 + len).toString('utf8'), receiveId: body.subarray(20 + len).toString('utf8') };
}

/** AI-bot media: AES-256-CBC, IV = key[0..16], PKCS#7 to 32 bytes, no framing. `aesKey` is base64 (43 or 44 chars). */
export function refEncryptMedia(bytes: Buffer, aesKey: string): Buffer {
  const k = Buffer.from(aesKey.length === 43 ? `${aesKey}=` : aesKey, 'base64');
  const cipher = crypto.createCipheriv('aes-256-cbc', k, k.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(pad32(bytes)), cipher.final()]);
}

/** A signed callback query for a given encrypt (what WeCom's servers send). */
export function signedQuery(
  token: string,
  encrypt: string,
  timestamp = '1764554400',
  nonce = String(crypto.randomInt(1e9)),
): string {
  const sig = refSign(token, timestamp, nonce, encrypt);
  return `msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`;
}
