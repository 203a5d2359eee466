/** Platforms cap messages in UTF-8 bytes, and a CJK character is 3 of them. */
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts one over-long line into pieces of at most `max` bytes without splitting a character. */
function cutLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const ch of line) {
    if (bytes(current) + bytes(ch) > max) {
      pieces.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Splits a message into parts of at most `max` UTF-8 bytes, breaking between lines so a ranking or a task list is
 * never cut mid-line; only a single line longer than the limit is cut, at a character boundary.
 */
export function splitByBytes(text: string, max: number): string[] {
  if (bytes(text) <= max) return [text];
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of text.split('\n')) {
    for (const piece of bytes(line) > max ? cutLine(line, max) : [line]) {
      const added = bytes(piece) + (current.length ? 1 : 0);
      if (current.length && size + added > max) {
        parts.push(current.join('\n'));
        current = [];
        size = 0;
      }
      size += bytes(piece) + (current.length ? 1 : 0);
      current.push(piece);
    }
  }
  if (current.length) parts.push(current.join('\n'));
  return parts.filter((p) => p.trim() !== '');
}
