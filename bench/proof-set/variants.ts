import sharp from 'sharp';
import { seededRng } from './scene';

/** How a proof photo gets copied in practice: each function takes the original's bytes and returns the copy's. */
export const VARIANTS: Record<string, (bytes: Buffer, seed: number) => Promise<Buffer>> = {
  /** Re-saved at a lower JPEG quality (what forwarding through a chat app does). */
  requality: (bytes) => sharp(bytes).jpeg({ quality: 55 }).toBuffer(),
  /** Half the width and height. */
  half: async (bytes) => {
    const { width } = await sharp(bytes).metadata();
    return sharp(bytes)
      .resize(Math.round(width / 2))
      .jpeg({ quality: 85 })
      .toBuffer();
  },
  /** 10 % of the width and of the height cut away, split unevenly between the sides. */
  crop10: async (bytes, seed) => {
    const { width, height } = await sharp(bytes).metadata();
    const rng = seededRng(seed ^ 0x51ed270b);
    const [cutW, cutH] = [Math.round(width * 0.1), Math.round(height * 0.1)];
    const left = Math.round(cutW * rng());
    const top = Math.round(cutH * rng());
    return sharp(bytes)
      .extract({ left, top, width: width - cutW, height: height - cutH })
      .jpeg({ quality: 88 })
      .toBuffer();
  },
  /** Converted to PNG. */
  png: (bytes) => sharp(bytes).png().toBuffer(),
  /** A small date stamp written over a corner (what a "打卡" camera app adds). */
  overlay: async (bytes, seed) => {
    const { width, height } = await sharp(bytes).metadata();
    const day = 1 + (seed % 28);
    const stamp = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" rx="6" fill="#000" fill-opacity="0.55"/><text x="10" y="27" font-size="18" fill="#fff" font-family="Noto Sans CJK SC">打卡 2026-12-${String(day).padStart(2, '0')} 20:15</text></svg>`;
    return sharp(bytes)
      .composite([{ input: Buffer.from(stamp), left: width - 215, top: height - 55 }])
      .jpeg({ quality: 88 })
      .toBuffer();
  },
};

export const VARIANT_NAMES = Object.keys(VARIANTS);
