import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type Router from '@koa/router';

interface Asset {
  type: string;
  bytes: Buffer;
  gzip?: Buffer;
}

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Page scripts and styles beside this file, plus ECharts from its npm package (served here: no CDN). */
function loadAssets(): Map<string, Asset> {
  const dir = path.join(__dirname, 'assets');
  const files = new Map<string, string>(fs.readdirSync(dir).map((f) => [f, path.join(dir, f)]));
  // The "common" build has the bar, line and pie charts the dashboard draws, at two thirds of the full size.
  files.set('echarts.min.js', require.resolve('echarts/dist/echarts.common.min.js'));
  const out = new Map<string, Asset>();
  for (const [name, file] of files) {
    const type = TYPES[path.extname(name)];
    if (type) out.set(name, { type, bytes: fs.readFileSync(file) });
  }
  return out;
}

const ASSETS = loadAssets();

/** Changes whenever any asset changes, so pages can let browsers cache assets for a long time. */
export const ASSET_VERSION = createHash('sha256')
  .update(Buffer.concat([...ASSETS.values()].map((a) => a.bytes)))
  .digest('hex')
  .slice(0, 10);

export function assetRoutes(router: Router): void {
  router.get('/admin/assets/:name', async (ctx) => {
    const asset = ASSETS.get(ctx.params.name);
    if (!asset) {
      ctx.status = 404;
      return;
    }
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=604800, immutable');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.vary('Accept-Encoding');
    if (/\bgzip\b/.test(ctx.get('Accept-Encoding'))) {
      asset.gzip ??= gzipSync(asset.bytes, { level: 9 });
      ctx.set('Content-Encoding', 'gzip');
      ctx.body = asset.gzip;
    } else {
      ctx.body = asset.bytes;
    }
  });
}
