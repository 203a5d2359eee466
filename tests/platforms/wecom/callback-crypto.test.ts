import { CallbackCrypto } from '../../../src/platforms/wecom/callback-crypto';
import { isZhibuError } from '../../../src/errors';
import { A, B, C } from './helpers/official-vectors';
import { refDecrypt, refEncrypt, refSign } from './helpers/reference-cipher';

const cipherFor = (v: { token: string; aesKey: string; corpId: string }) =>
  new CallbackCrypto({
    token: v.token,
    aesKey: v.aesKey,
    receiveId: v.corpId,
    names: { token: 'WECOM_APP_TOKEN', aesKey: 'WECOM_APP_AES_KEY', receiveId: 'WECOM_CORP_ID' },
  });

describe('WeCom callback crypto: official vectors', () => {
  test.each([
    ['A', A],
    ['B', B],
  ] as const)('vector %s: GET and POST signatures match and verify', (_, v) => {
    const c = cipherFor(v);
    expect(c.signature(v.get.ts, v.get.nonce, v.get.echostr)).toBe(v.get.sig);
    expect(c.signature(v.post.ts, v.post.nonce, v.post.encrypt)).toBe(v.post.sig);
    expect(c.isValidSignature(v.get.sig, v.get.ts, v.get.nonce, v.get.echostr)).toBe(true);
    expect(() => c.verifySignature(v.post.sig, v.post.ts, v.post.nonce, v.post.encrypt)).not.toThrow();
  });

  test.each([
    ['A', A],
    ['B', B],
  ] as const)('vector %s: echostr and message decrypt to the official plaintexts', (_, v) => {
    const c = cipherFor(v);
    expect(c.decrypt(v.get.echostr)).toBe(v.get.plain);
    expect(c.decrypt(v.post.encrypt)).toBe(v.post.plain);
  });

  test('vector A: re-encrypting with the official random prefix is byte-identical', () => {
    const c = cipherFor(A);
    expect(c.encrypt(A.get.plain, Buffer.from(A.get.random))).toBe(A.get.echostr);
    expect(c.encrypt(A.post.plain, Buffer.from(A.post.random))).toBe(A.post.encrypt);
  });

  test('vector C (JSON sample): signature matches and the ciphertext decrypts for the CorpID', () => {
    const c = cipherFor(B);
    expect(c.signature(C.ts, C.nonce, C.encrypt)).toBe(C.sig);
    expect(c.decrypt(C.encrypt)).toContain('"MsgType": "text"');
  });

  test('the independent reference implementation agrees on every vector', () => {
    for (const v of [A, B]) {
      expect(refSign(v.token, v.post.ts, v.post.nonce, v.post.encrypt)).toBe(v.post.sig);
      expect(refDecrypt(v.aesKey, v.post.encrypt)).toEqual({ message: v.post.plain, receiveId: v.corpId });
    }
    expect(refEncrypt(A.aesKey, A.post.plain, A.corpId, Buffer.from(A.post.random))).toBe(A.post.encrypt);
  });
});

describe('WeCom callback crypto: refusals', () => {
  const c = cipherFor(A);

  test('a tampered signature, timestamp, nonce or ciphertext is invalid; verifySignature throws SIGNATURE_MISMATCH naming the token', () => {
    const { sig, ts, nonce, encrypt } = A.post;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    expect(c.isValidSignature(flipped, ts, nonce, encrypt)).toBe(false);
    expect(c.isValidSignature(sig, '1409659814', nonce, encrypt)).toBe(false);
    expect(c.isValidSignature(sig, ts, '1372623150', encrypt)).toBe(false);
    expect(c.isValidSignature(sig, ts, nonce, `${encrypt.slice(0, -4)}AAA=`)).toBe(false);
    expect(c.isValidSignature(sig.toUpperCase(), ts, nonce, encrypt)).toBe(false);
    expect(c.isValidSignature(sig.slice(0, 10), ts, nonce, encrypt)).toBe(false);
    expect(c.isValidSignature(undefined, ts, nonce, encrypt)).toBe(false);
    let thrown: unknown;
    try {
      c.verifySignature(flipped, ts, nonce, encrypt);
    } catch (err) {
      thrown = err;
    }
    expect(isZhibuError(thrown, 'SIGNATURE_MISMATCH')).toBe(true);
    expect((thrown as Error).message).toContain('check WECOM_APP_TOKEN');
  });

  test('old timestamps are not rejected: WeCom documents no window, replay protection is the msgid dedupe', () => {
    expect(c.isValidSignature(A.get.sig, A.get.ts, A.get.nonce, A.get.echostr)).toBe(true); // from 2014
  });

  test('a wrong receiveid or a wrong key fails with DECRYPT_FAILED naming the setting', () => {
    const wrongCorp = new CallbackCrypto({
      token: A.token,
      aesKey: A.aesKey,
      receiveId: 'wwOTHER',
      names: { token: 'T', aesKey: 'K', receiveId: 'WECOM_CORP_ID' },
    });
    expect(() => wrongCorp.decrypt(A.post.encrypt)).toThrow(/receiveid mismatch.*check WECOM_CORP_ID/);
    const wrongKey = new CallbackCrypto({
      token: A.token,
      aesKey: B.aesKey,
      receiveId: A.corpId,
      names: { token: 'T', aesKey: 'WECOM_APP_AES_KEY' },
    });
    expect(() => wrongKey.decrypt(A.post.encrypt)).toThrow(/check WECOM_APP_AES_KEY/);
    expect(() => c.decrypt('bm90IGEgY2lwaGVydGV4dA==')).toThrow(/decrypt failed/);
  });

  test("seal() signs with the request's timestamp and nonce; the reference implementation verifies and decrypts it", () => {
    const sealed = c.seal('收到 ✅ 你好👋', { timestamp: '1796090400', nonce: '1372623149' });
    expect(sealed.timestamp).toBe('1796090400');
    expect(sealed.nonce).toBe('1372623149');
    expect(refSign(A.token, '1796090400', '1372623149', sealed.encrypt)).toBe(sealed.signature);
    expect(refDecrypt(A.aesKey, sealed.encrypt)).toEqual({ message: '收到 ✅ 你好👋', receiveId: A.corpId });
  });
});
