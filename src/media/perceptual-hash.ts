import { sharp } from './load-sharp';
import { hashOfGrey, HASH_BITS } from './dct-hash';

/**
 * An image's fingerprint: a 256-bit DCT perceptual hash (pHash) of the whole image, and of 25 crops that each keep
 * 90 % of the width and height, at offsets 0, 2.5, 5, 7.5 and 10 % on each axis. A copy cut down by 10 % anywhere
 * is then at most 1.25 % of the side from one of the crops, close enough for its whole hash to come near that crop's
 * (with the former 0/5/10 % grid the offset could be 2.5 % off and only a third of 10 % crops were found). A crop
 * also leaves out the corners and edges where a camera app stamps a date, so crop against same crop finds stamped
 * copies that the whole hash misses. The figures behind these choices are in the README (near-duplicate photos).
 *
 * Computed here on sharp's greyscale output rather than through `sharp-phash`: that package gives a 64-bit hash as
 * a string of '0'/'1' characters and no crops; at 64 bits, distinct photos of similar scenes (two documents on a
 * desk) came within 4–8 bits of each other on the generated set, closer than many re-saved copies.
 */
export interface Fingerprint {
  /** The whole image, 64 hex digits. */
  whole: string;
  /** The crops, same form, in the order of `cropLayout(crops.length)`. */
  crops: string[];
  /**
   * Set when the image is one flat colour (a 1×1 pixel, a covered lens): its hash bits then come from rounding, so
   * two such images of any colours land within the threshold of each other and a comparison would mean nothing.
   */
  flat?: true;
}

/** Where a crop starts, as fractions of the width (left) and height (top); it keeps KEPT of each. */
export interface CropOffset {
  left: number;
  top: number;
}

const WORK = 320;
const SIDE = 64;
const KEPT = 0.9;
/** Grey levels (0–255): a standard deviation under this is one colour with noise, not a picture. */
const FLAT_SPREAD = 3;
const grid = (offsets: number[]): CropOffset[] => offsets.flatMap((top) => offsets.map((left) => ({ left, top })));
/** The crops a fingerprint is made of today. */
const CROPS = grid([0, 0.025, 0.05, 0.075, 0.1]);
/** The nine crops of fingerprints stored before the grid was made denser: still read, still compared. */
const EARLIER_CROPS = grid([0, 0.05, 0.1]);

/** Where the crops of a stored fingerprint with `count` crops start (undefined: a layout this code never wrote). */
export function cropLayout(count: number): readonly CropOffset[] | undefined {
  return [CROPS, EARLIER_CROPS].find((layout) => layout.length === count);
}

/** The fingerprint of an image's bytes (any format sharp decodes); throws when they are not an image. */
export async function fingerprint(bytes: Buffer): Promise<Fingerprint> {
  const grey = await sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 })
    .rotate()
    .greyscale()
    .resize(WORK, WORK, { fit: 'fill' })
    .raw()
    .toBuffer();
  const sums = summedArea(grey);
  return {
    whole: hashRegion(sums, 0, 0, 1),
    crops: CROPS.map(({ left, top }) => hashRegion(sums, left, top, KEPT)),
    ...(spread(grey) < FLAT_SPREAD ? { flat: true as const } : {}),
  };
}

/** The standard deviation of the grey levels. */
function spread(grey: Buffer): number {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < grey.length; i++) {
    sum += grey[i];
    squares += grey[i] * grey[i];
  }
  const mean = sum / grey.length;
  return Math.sqrt(Math.max(0, squares / grey.length - mean * mean));
}

/** sums[y][x] = the sum of grey over the rows above y and the columns left of x, (WORK+1)² entries. */
function summedArea(grey: Buffer): Float64Array {
  const stride = WORK + 1;
  const sums = new Float64Array(stride * stride);
  for (let y = 0; y < WORK; y++) {
    let row = 0;
    for (let x = 0; x < WORK; x++) {
      row += grey[y * WORK + x];
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
    }
  }
  return sums;
}

/** The hash of the square region (relative coordinates) of the WORK×WORK grey image, averaged down to SIDE×SIDE. */
function hashRegion(sums: Float64Array, left: number, top: number, size: number): string {
  const stride = WORK + 1;
  const cells = new Uint8Array(SIDE * SIDE);
  const span = (size * WORK) / SIDE;
  for (let row = 0; row < SIDE; row++) {
    const y0 = Math.floor(top * WORK + row * span);
    const y1 = Math.max(y0 + 1, Math.floor(top * WORK + (row + 1) * span));
    for (let col = 0; col < SIDE; col++) {
      const x0 = Math.floor(left * WORK + col * span);
      const x1 = Math.max(x0 + 1, Math.floor(left * WORK + (col + 1) * span));
      const sum = sums[y1 * stride + x1] - sums[y0 * stride + x1] - sums[y1 * stride + x0] + sums[y0 * stride + x0];
      cells[row * SIDE + col] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return hashOfGrey(cells, SIDE);
}

export { HASH_BITS };
