const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Calendar dates (YYYY-MM-DD) written in a screenshot's text: 2026-11-02, 2026/11/2, 2026.11.02 or 2026年11月2日.
 * OCR puts spaces between Chinese characters, so spaces around the separators are ignored.
 */
export function datesInText(text: string): string[] {
  const out = new Set<string>();
  // Spaces are allowed only around the separators: a date and the time after it must stay apart (…-02 14:30).
  for (const m of text.matchAll(/(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/g)) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) out.add(`${year}-${pad(month)}-${pad(day)}`);
  }
  return [...out].sort();
}

/** An EXIF date ("2026:11:02 14:30:00") as YYYY-MM-DD HH:mm, the camera's wall clock (EXIF has no time zone). */
export function exifDate(value: unknown): string | undefined {
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2})/.exec(String(value ?? ''));
  return m && m[1] !== '0000' ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` : undefined;
}
