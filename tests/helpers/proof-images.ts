import sharp from 'sharp';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A phone screenshot with these lines of text (rendered with the CJK font the machine has), as base64 PNG. */
export async function screenshotPng(lines: string[]): Promise<string> {
  const text = lines
    .map((l, i) => `<text x="40" y="${90 + i * 90}" font-size="44" font-family="Noto Sans CJK SC">${escape(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="${140 + lines.length * 90}">
<rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

/** A camera photo (a coloured scene, no text) whose EXIF says when it was taken ("2026:12:01 09:30:00"), as base64 JPEG. */
export async function cameraJpeg(takenAt: string, colour = '#4a7'): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="100%" height="100%" fill="${colour}"/>
<circle cx="160" cy="120" r="70" fill="#fc3"/><rect x="20" y="170" width="280" height="50" fill="#335"/></svg>`;
  const jpeg = await sharp(Buffer.from(svg))
    .jpeg({ quality: 85 })
    .withExif({ IFD0: { DateTime: takenAt }, IFD2: { DateTimeOriginal: takenAt } })
    .toBuffer();
  return jpeg.toString('base64');
}
