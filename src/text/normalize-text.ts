/**
 * Chat text arrives typed on phones with Chinese input methods: full-width colons, hashes, digits and spaces are as
 * common as half-width ones. Everything downstream parses the half-width form produced here.
 */
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

export function normalizeText(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0]/g, ' ')
    .replace(/[、，]/g, ',')
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/** Count of visible characters (CJK counts as one), for the minimum length of a written note. */
export function visibleLength(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

export function extractLinks(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"，。]+/g)].map((m) => m[0]);
}

/** Task codes written as `#12` (after normalization `＃12` is `#12` too). */
export function extractTaskCodes(text: string): number[] {
  return [...text.matchAll(/#\s?(\d{1,7})\b/g)].map((m) => Number(m[1]));
}
