/**
 * Single-use values with an expiry, e.g. a signed callback header that must not be accepted twice. Kept in the
 * store so that every instance on the same store agrees, and expired entries are dropped as new ones come in.
 */
export interface NonceRepo {
  /**
   * Claims `key` until `expiresAt` for `fingerprint` (what it was used with). True when the key is new or expired,
   * and when the same fingerprint claims it again (a byte-identical redelivery); false when another fingerprint
   * holds it. Atomic across instances: of racing claims with different fingerprints exactly one wins.
   */
  claim(key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<boolean>;
}
