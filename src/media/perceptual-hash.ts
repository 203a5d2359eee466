import { sharp } from './load-sharp';
import { hashOfGrey, HASH_BITS } from './dct-hash';

/**
 * An image's fingerprint: a 256-bit DCT perceptual hash (pHash) of the whole image, and of nine crops that each keep
 * 90 % of the width and height (offsets 0, 5 and 10 % on each axis), so a later copy cut down by up to 10 % has a
 * chance to hash close to the crop of the original nearest its own offset. With this 9-crop grid the bench still
 * finds only a third of 10 % crops (a 25-crop grid did better in a small trial; not measured on the full set).
 *
 * Computed here on sharp's greyscale output rather than through `sharp-phash`: that package gives a 64-bit hash as
 * a string of '0'/'1' characters and no crops; at 64 bits, distinct photos of similar scenes (two documents on a
 * desk) came within 4–8 bits of each other on the generated set, closer than many re-saved copies.
 */
export interface Fingerprint {
  /** The whole image, 64 hex digits. */
  whole: string;
  /** The nine 90 % crops, same form. */
  crops: string[];
}

const WORK = 320;
const SIDE = 64;
const OFFSETS = [0, 0.05, 0.1];
const KEPT = 0.9;

/** The fingerprint of an image's bytes (any format sharp decodes); throws when they are not an image. */
export async function fingerprint(bytes: Buffer): Promise<Fingerprint> {
  const grey = await sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 })
    .rotate()
    .greyscale()
    .resize(WORK, WORK, { fit: 'fill' })
    .raw()
    .toBuffer();
  const crops: string[] = [];
  for (const top of OFFSETS) for (const left of OFFSETS) crops.push(hashRegion(grey, left, top, KEPT));
  return { whole: hashRegion(grey, 0, 0, 1), crops };
}

/** The hash of the square region (relative coordinates) of the WORK×WORK grey image, averaged down to SIDE×SIDE. */
function hashRegion(grey: Buffer, left: number, top: number, size: number): string {
  const cells = new Uint8Array(SIDE * SIDE);
  const span = (size * WORK) / SIDE;
  for (let row = 0; row < SIDE; row++) {
    const y0 = Math.floor(top * WORK + row * span);
    const y1 = Math.max(y0 + 1, Math.floor(top * WORK + (row + 1) * span));
    for (let col = 0; col < SIDE; col++) {
      const x0 = Math.floor(left * WORK + col * span);
      const x1 = Math.max(x0 + 1, Math.floor(left * WORK + (col + 1) * span));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += grey[y * WORK + x];
      cells[row * SIDE + col] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return hashOfGrey(cells, SIDE);
}

export { HASH_BITS };
