/**
 * Parses `字段：值` pairs out of a command's text. A key is a run of Chinese characters followed by a colon at the
 * start of the text, a line or after a space; its value runs to the next key or line end. Unknown keys are
 * reported, not ignored, so a typo like `戴止：` gets an answer instead of silently dropping the deadline.
 */
export interface ParsedFields {
  /** Text before the first key (e.g. a task title or `<姓名> <流入地>`). */
  head: string;
  fields: Map<string, string>;
  unknown: string[];
}

// Full-width colons are accepted so the fields can be read from the verbatim text.
const KEY = /(^|[\s\n])([\u4e00-\u9fff]{1,6})\s*[:：]/g;

export function parseFields(
  text: string,
  known: readonly string[],
  aliases: Record<string, string> = {},
): ParsedFields {
  const hits: Array<{ key: string; start: number; valueStart: number }> = [];
  for (const m of text.matchAll(KEY)) {
    const start = (m.index ?? 0) + m[1].length;
    hits.push({ key: m[2], start, valueStart: (m.index ?? 0) + m[0].length });
  }
  const fields = new Map<string, string>();
  const unknown: string[] = [];
  hits.forEach((hit, i) => {
    const end = i + 1 < hits.length ? hits[i + 1].start : text.length;
    const value = text.slice(hit.valueStart, end).trim();
    const key = aliases[hit.key] ?? hit.key;
    if (known.includes(key)) fields.set(key, value);
    else unknown.push(hit.key);
  });
  const head = (hits.length ? text.slice(0, hits[0].start) : text).trim();
  return { head, fields, unknown };
}
