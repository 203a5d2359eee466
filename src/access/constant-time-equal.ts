import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (signatures, MACs, CSRF tokens) in time that does not depend on where they differ.
 * timingSafeEqual needs equal lengths; a length mismatch compares `expected` with itself so the work is the same.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) return !timingSafeEqual(b, b);
  return timingSafeEqual(a, b);
}
