/** WeCom text is capped at 2048 bytes; staying under this leaves room for platform framing. */
export const MAX_MESSAGE_BYTES = 1800;

/** Splits a long text at line breaks into parts of at most `maxBytes` UTF-8 bytes (a longer single line is cut). */
export function splitMessage(text: string, maxBytes = MAX_MESSAGE_BYTES): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (const piece of cutLine(line, maxBytes)) {
      const candidate = current ? `${current}\n${piece}` : piece;
      if (Buffer.byteLength(candidate) <= maxBytes) {
        current = candidate;
      } else {
        if (current) parts.push(current);
        current = piece;
      }
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

function cutLine(line: string, maxBytes: number): string[] {
  if (Buffer.byteLength(line) <= maxBytes) return [line];
  const out: string[] = [];
  let piece = '';
  for (const ch of line) {
    if (Buffer.byteLength(piece + ch) > maxBytes) {
      out.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) out.push(piece);
  return out;
}
