import { createHmac } from 'node:crypto';
import { deriveKey } from '../access/signed-token';

export const BINDING_CODE_MINUTES = 10;
/** No 0/O, 1/I/L: the code is read on one phone and typed on another. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/**
 * One-time binding codes. A code is derived from the message that asked for it (HMAC of its dedupe key), so handling
 * that message again after a crash gives the same code and stores nothing new; only a keyed hash is stored, so a copy
 * of the database cannot be used to bind an account.
 */
export class BindingCodes {
  readonly #codeKey: Buffer;
  readonly #hashKey: Buffer;

  constructor(secret: Buffer) {
    this.#codeKey = deriveKey(secret, 'binding-code');
    this.#hashKey = deriveKey(secret, 'binding-code-hash');
  }

  /** `ABCD-EFGH` for the message with this dedupe key. */
  codeFor(sourceKey: string): string {
    const bytes = createHmac('sha256', this.#codeKey).update(sourceKey).digest();
    const chars = Array.from(bytes.subarray(0, LENGTH), (b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  }

  /** What a person typed, in the stored form: case, spaces and dashes do not matter. Undefined when it cannot be a code. */
  normalize(typed: string): string | undefined {
    const code = typed.toUpperCase().replace(/[\s\-－—_]/g, '');
    return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : undefined;
  }

  hash(code: string): string {
    return createHmac('sha256', this.#hashKey).update(code.replace(/-/g, '')).digest('hex');
  }
}
