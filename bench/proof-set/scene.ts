import sharp from 'sharp';

/**
 * Deterministic "photos" of the scenes proofs show — meeting rooms, screens, documents — drawn as SVG, rendered by
 * sharp and roughened with sensor-like noise and uneven light, so that no two are alike yet all look like each other.
 * Nothing is downloaded: the same seed gives the same bytes on every machine.
 */
export const SCENE_WIDTH = 640;
export const SCENE_HEIGHT = 480;

export type Rng = () => number;

/** mulberry32: small, fast and good enough to vary drawings. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  '学习',
  '党章',
  '会议',
  '主题党日',
  '理论',
  '教育',
  '纪律',
  '思想',
  '支部',
  '流动党员',
  '组织生活',
  '心得',
  '体会',
  '强国',
  '积分',
  '答题',
  '讲话',
  '精神',
  '民主评议',
  '三会一课',
];
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const grey = (rng: Rng, lo: number, hi: number) => {
  const v = int(rng, lo, hi);
  return `rgb(${v + int(rng, -12, 12)},${v + int(rng, -12, 12)},${v + int(rng, -12, 12)})`;
};
const colour = (rng: Rng) => `hsl(${int(rng, 0, 359)},${int(rng, 20, 70)}%,${int(rng, 25, 70)}%)`;
const phrase = (rng: Rng, n: number) => Array.from({ length: n }, () => pick(rng, WORDS)).join('');

function textLines(rng: Rng, x: number, y: number, width: number, count: number, size: number, fill: string): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const len = Math.max(2, Math.floor((width / size / 2.2) * (0.6 + rng() * 0.4)));
    out += `<text x="${x}" y="${y + i * size * 1.6}" font-size="${size}" fill="${fill}" font-family="Noto Sans CJK SC">${phrase(rng, len)}</text>`;
  }
  return out;
}

function meetingRoom(rng: Rng): string {
  const horizon = int(rng, 200, 300);
  let s = `<rect width="640" height="${horizon}" fill="${grey(rng, 150, 230)}"/><rect y="${horizon}" width="640" height="${480 - horizon}" fill="${grey(rng, 60, 140)}"/>`;
  const sx = int(rng, 60, 380);
  const sw = int(rng, 160, 240);
  s += `<rect x="${sx}" y="${int(rng, 30, 70)}" width="${sw}" height="${int(rng, 90, 140)}" fill="${colour(rng)}"/>`;
  s += textLines(rng, sx + 10, 100, sw - 20, int(rng, 1, 3), int(rng, 12, 22), '#fff');
  s += `<ellipse cx="${int(rng, 220, 420)}" cy="${horizon + int(rng, 60, 120)}" rx="${int(rng, 150, 280)}" ry="${int(rng, 40, 90)}" fill="${colour(rng)}"/>`;
  for (let i = int(rng, 2, 9); i > 0; i--) {
    const px = int(rng, 20, 620);
    const py = horizon + int(rng, -40, 120);
    s += `<circle cx="${px}" cy="${py - 40}" r="${int(rng, 12, 22)}" fill="${grey(rng, 20, 90)}"/><rect x="${px - 25}" y="${py - 20}" width="50" height="${int(rng, 50, 90)}" rx="12" fill="${colour(rng)}"/>`;
  }
  return s;
}

function screen(rng: Rng): string {
  let s = `<rect width="640" height="480" fill="${grey(rng, 30, 110)}"/>`;
  const [x, y, w, h] = [int(rng, 10, 90), int(rng, 10, 70), int(rng, 440, 540), int(rng, 320, 380)];
  s += `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${grey(rng, 200, 250)}" stroke="#111" stroke-width="${int(rng, 6, 18)}"/>`;
  s += `<rect x="${x}" y="${y}" width="${w}" height="${int(rng, 30, 50)}" fill="${colour(rng)}"/>`;
  s += textLines(rng, x + 16, y + 80, w - 40, int(rng, 3, 8), int(rng, 13, 20), '#222');
  const bars = int(rng, 0, 7);
  for (let i = 0; i < bars; i++) {
    const bh = int(rng, 20, 120);
    s += `<rect x="${x + 30 + i * 45}" y="${y + h - 20 - bh}" width="30" height="${bh}" fill="${colour(rng)}"/>`;
  }
  s += `<text x="${x + w - 150}" y="${y + h - 30}" font-size="${int(rng, 24, 40)}" fill="#c00" font-family="Noto Sans CJK SC">${int(rng, 10, 99999)}</text>`;
  return s;
}

function documentPage(rng: Rng): string {
  const angle = int(rng, -12, 12);
  let s = `<rect width="640" height="480" fill="${grey(rng, 40, 160)}"/>`;
  s += `<g transform="rotate(${angle} 320 240) translate(${int(rng, -60, 60)} ${int(rng, -30, 30)})">`;
  s += `<rect x="140" y="10" width="${int(rng, 330, 380)}" height="470" fill="${grey(rng, 225, 252)}"/>`;
  s += `<text x="${int(rng, 170, 260)}" y="${int(rng, 50, 80)}" font-size="${int(rng, 18, 26)}" fill="#111" font-family="Noto Sans CJK SC">${phrase(rng, int(rng, 2, 4))}</text>`;
  s += textLines(rng, 165, int(rng, 100, 140), 310, int(rng, 6, 16), int(rng, 11, 16), '#333');
  if (rng() < 0.6)
    s += `<circle cx="${int(rng, 300, 440)}" cy="${int(rng, 300, 430)}" r="${int(rng, 30, 50)}" fill="none" stroke="#d22" stroke-width="5"/>`;
  return `${s}</g>`;
}

const KINDS = [meetingRoom, screen, documentPage];

/** The SVG of scene `seed` (kind by seed, details by the generator), with uneven light on top. */
export function sceneSvg(seed: number): string {
  const rng = seededRng(seed);
  const body = KINDS[seed % KINDS.length](rng);
  const light = `<radialGradient id="l" cx="${rng()}" cy="${rng()}" r="0.9"><stop offset="0" stop-color="#fff" stop-opacity="${(rng() * 0.3).toFixed(2)}"/><stop offset="1" stop-color="#000" stop-opacity="${(rng() * 0.35).toFixed(2)}"/></radialGradient>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SCENE_WIDTH}" height="${SCENE_HEIGHT}"><defs>${light}</defs>${body}<rect width="640" height="480" fill="url(#l)"/></svg>`;
}

/** Scene `seed` as a JPEG "photo" (quality 90), with per-pixel noise. */
export async function renderScene(seed: number): Promise<Buffer> {
  const { data, info } = await sharp(Buffer.from(sceneSvg(seed)))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rng = seededRng(seed ^ 0x9e3779b9);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] + Math.floor((rng() + rng() - 1) * 24);
    data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 90 })
    .toBuffer();
}
