/**
 * Model output becomes plain chat text that can do nothing but be read: no Markdown (a WeCom markdown message could
 * render a link or a `<@user>` mention), no @-mentions, no links that were not in the passages, no control
 * characters, no leading command word. It is sent as a reply and never routed, but a reply that looked like a
 * command could still mislead a reader who copies it.
 */
export const MAX_LLM_CHARS = 900;

const URL = /https?:\/\/[^\s<>"'）)】，。]+/g;

export function sanitizeLlmText(raw: string, allowedUrls: ReadonlySet<string> = new Set()): string {
  let text = raw
    // Control characters are exactly what this strips: a model's output must not move the cursor or hide text.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/```[a-z]*\n?/gi, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>\n]{0,200}>/g, '')
    .replace(URL, (url) => (allowedUrls.has(url) ? url : ''))
    .replace(/[@＠][^\s@＠，。,.;；:：!！?？]*/g, '')
    .replace(/\*\*|__|~~/g, '')
    .replace(/[ \t]{2,}/g, ' ');
  text = text
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}(#{1,6}|>+)\s*/, '')
        .replace(/^[/／]+/, '')
        .trimEnd(),
    )
    .join('\n');
  text = text.replace(/\n{3,}/g, '\n\n').trim();
  return truncate(text, MAX_LLM_CHARS);
}

/** Cuts at the last sentence end before `max` characters, so an answer never stops mid-word. */
function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join('');
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('\n'), head.lastIndexOf('；'));
  return `${cut > max / 2 ? head.slice(0, cut + 1) : head}…`;
}
