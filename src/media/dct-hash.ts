/**
 * The DCT perceptual hash of a square grey image: a 2-D DCT, and each of the KEEP×KEEP lowest frequencies after
 * the DC row and column becomes a bit (above their median or not). Re-encoding, resizing and format changes barely
 * move those frequencies; crops and overlays move some.
 */
const KEEP = 16;
export const HASH_BITS = KEEP * KEEP;

const tables = new Map<number, Float64Array[]>();

/** cos((2x + 1) u π / 2N) for u = 1..KEEP, once per image side. */
function cosTable(side: number): Float64Array[] {
  let table = tables.get(side);
  if (!table) {
    table = Array.from({ length: KEEP }, (_, i) => {
      const row = new Float64Array(side);
      for (let x = 0; x < side; x++) row[x] = Math.cos(((2 * x + 1) * (i + 1) * Math.PI) / (2 * side));
      return row;
    });
    tables.set(side, table);
  }
  return table;
}

/** The hash of a side×side single-channel image, as HASH_BITS / 4 hex digits. */
export function hashOfGrey(pixels: Uint8Array, side: number): string {
  const coefficients = lowFrequencies(pixels, side);
  const median = coefficients.slice().sort()[coefficients.length / 2];
  let hex = '';
  for (let nibble = 0; nibble < HASH_BITS / 4; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | (coefficients[nibble * 4 + bit] > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** Rows of COS × pixels × COSᵀ, only the KEEP×KEEP block that becomes bits. */
function lowFrequencies(pixels: Uint8Array, side: number): Float64Array {
  const cos = cosTable(side);
  // Row by row, so the pixels are read in memory order; each sum still adds its terms in the same order.
  const partial = new Float64Array(KEEP * side);
  for (let u = 0; u < KEEP; u++) {
    const weights = cos[u];
    const at = u * side;
    for (let y = 0; y < side; y++) {
      const weight = weights[y];
      const row = y * side;
      for (let x = 0; x < side; x++) partial[at + x] += weight * pixels[row + x];
    }
  }
  const out = new Float64Array(KEEP * KEEP);
  for (let u = 0; u < KEEP; u++) {
    for (let v = 0; v < KEEP; v++) {
      let sum = 0;
      for (let x = 0; x < side; x++) sum += partial[u * side + x] * cos[v][x];
      out[u * KEEP + v] = sum;
    }
  }
  return out;
}
