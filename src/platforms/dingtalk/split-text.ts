/** Robot text stays well under DingTalk's limits (webhook body ≈20,000 bytes, OpenAPI msgParam 15,000 bytes). */
export const MAX_TEXT_BYTES = 12_000;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Splits a long text into pieces of at most `max` UTF-8 bytes, at line breaks where possible. */
export function splitText(text: string, max = MAX_TEXT_BYTES): string[] {
  if (bytes(text) <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  const push = () => { if (current) pieces.push(current); current = ''; };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (bytes(candidate) <= max) { current = candidate; continue; }
    push();
    let rest = line;
    // A single line longer than the limit is cut by characters (never inside a UTF-8 sequence).
    while (bytes(rest) > max) {
      let cut = '';
      for (const ch of rest) { if (bytes(cut + ch) > max) break; cut += ch; }
      pieces.push(cut);
      rest = rest.slice(cut.length);
    }
    current = rest;
  }
  push();
  return pieces;
}
