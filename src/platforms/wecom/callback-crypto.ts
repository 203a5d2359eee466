import * as wecomCrypto from '@wecom/crypto';
import { ZhibuError } from '../../errors';
import { constantTimeEqual } from '../../access/constant-time-equal';

/** Which settings a callback uses, so every error can name the variable to fix. */
export interface CallbackSettings {
  token: string;
  aesKey: string;
  /** Self-built app: the CorpID. AI bot: "" (docs 101033). */
  receiveId: string;
  names: { token: string; aesKey: string; receiveId?: string };
}

export interface SealedReply {
  encrypt: string;
  signature: string;
  timestamp: string;
  nonce: string;
}

/**
 * The WXBizMsgCrypt scheme (reference/wecom.md §1) around `@wecom/crypto`, which checks nothing itself: the signature
 * is compared here in constant time and must pass before anything is decrypted; the receiveid is compared after.
 * WeCom documents no timestamp window (its official vectors are from 2014), so old timestamps are not rejected —
 * replay protection is the durable message-id dedupe in the inbox.
 */
export class CallbackCrypto {
  constructor(private readonly settings: CallbackSettings) {}

  signature(timestamp: string, nonce: string, encrypt: string): string {
    return wecomCrypto.getSignature(this.settings.token, timestamp, nonce, encrypt);
  }

  isValidSignature(
    signature: string | undefined,
    timestamp: string | undefined,
    nonce: string | undefined,
    encrypt: string | undefined,
  ): boolean {
    if (!signature || timestamp === undefined || nonce === undefined || !encrypt) return false;
    return constantTimeEqual(signature, this.signature(timestamp, nonce, encrypt));
  }

  /** Throws SIGNATURE_MISMATCH (→ 401) naming the token setting. */
  verifySignature(
    signature: string | undefined,
    timestamp: string | undefined,
    nonce: string | undefined,
    encrypt: string | undefined,
  ): void {
    if (this.isValidSignature(signature, timestamp, nonce, encrypt)) return;
    throw new ZhibuError('SIGNATURE_MISMATCH', 'signature mismatch', { fix: `check ${this.settings.names.token}` });
  }

  /** Decrypts after the signature passed; throws DECRYPT_FAILED (→ 400) on a bad key, bad framing or wrong receiveid. */
  decrypt(encrypt: string): string {
    let out: { message: string; id: string };
    try {
      out = wecomCrypto.decrypt(this.settings.aesKey, encrypt);
    } catch (cause) {
      throw new ZhibuError('DECRYPT_FAILED', 'decrypt failed', { fix: `check ${this.settings.names.aesKey}`, cause });
    }
    if (out.id !== this.settings.receiveId) {
      const which = this.settings.names.receiveId ?? this.settings.names.aesKey;
      throw new ZhibuError('DECRYPT_FAILED', 'receiveid mismatch (-40005)', { fix: `check ${which}` });
    }
    return out.message;
  }

  encrypt(message: string, random?: Buffer): string {
    return wecomCrypto.encrypt(this.settings.aesKey, message, this.settings.receiveId, random);
  }

  /**
   * Encrypts and signs a passive reply with the callback request's own `timestamp` and `nonce`: the AI bot requires
   * the nonce from the callback URL (docs 101033, 加密与被动回复) and refuses a reply signed with another one.
   */
  seal(message: string, request: { timestamp: string; nonce: string }): SealedReply {
    const encrypt = this.encrypt(message);
    const { timestamp, nonce } = request;
    return { encrypt, signature: this.signature(timestamp, nonce, encrypt), timestamp, nonce };
  }
}
