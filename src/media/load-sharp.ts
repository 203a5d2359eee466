import type Sharp from 'sharp';

let loaded: typeof Sharp | undefined;

/**
 * sharp, loaded on first use: requiring it maps libvips into the process (about 20 MB resident), and only photo
 * fingerprints and gallery thumbnails need it — a bot whose members send text never does.
 */
export function sharp(...args: Parameters<typeof Sharp>): ReturnType<typeof Sharp> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('sharp') as typeof Sharp;
  return loaded(...args);
}
