import crypto from 'node:crypto';
import { ZhibuError } from '../../errors';

/** A 43-character EncodingAESKey or a base64 per-file aeskey, both 32 bytes once decoded. */
export function aesKeyBytes(key: string): Buffer {
  const trimmed = key.trim();
  const bytes = Buffer.from(trimmed.length === 43 ? `${trimmed}=` : trimmed, 'base64');
  if (bytes.length !== 32)
    throw new ZhibuError('MEDIA_FETCH_FAILED', `media aeskey decodes to ${bytes.length} bytes, expected 32`);
  return bytes;
}

/**
 * AI-bot images and files are served encrypted: AES-256-CBC, IV = key[0..16], PKCS#7 padded to 32-byte blocks, with
 * no random/length framing (so not `@wecom/crypto.decrypt`). The key is the message's own `aeskey` on the long
 * connection and the bot's EncodingAESKey in HTTP callback mode.
 */
export function decryptMedia(encrypted: Buffer, key: string): Buffer {
  const k = aesKeyBytes(key);
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) {
    throw new ZhibuError('MEDIA_FETCH_FAILED', `encrypted media has ${encrypted.length} bytes, not a multiple of 16`);
  }
  const decipher = crypto.createDecipheriv('aes-256-cbc', k, k.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  const pad = plain[plain.length - 1];
  const badPad = pad < 1 || pad > 32 || pad > plain.length || plain.subarray(plain.length - pad).some((b) => b !== pad);
  if (badPad)
    throw new ZhibuError(
      'MEDIA_FETCH_FAILED',
      'media decrypt failed (bad padding): wrong aeskey or corrupted download',
    );
  return plain.subarray(0, plain.length - pad);
}
