import type Router from '@koa/router';
import type { Context } from 'koa';
import { attachmentHeader } from '../../excel/workbook';
import { thumbnailOf } from '../../media/thumbnails';
import type { Store } from '../../store/store';
import type { DashboardDeps } from './dashboard-deps';
import { notFound, page } from './page';
import type { Viewer } from './viewer';
import { visibleTask } from './visible-tasks';

/** Only these are shown inline; anything else (HTML, SVG, documents) is a download, so proof can never run script here. */
const INLINE: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
};
const NOT_YOURS = '没有这个文件，或不属于你管理的支部。';
// Content-addressed: the bytes behind a hash never change, so the browser may keep them (privately).
const KEEP = 'private, max-age=86400';

/** Whether the media belongs to a submission of a task in the viewer's scope. */
async function mayView(store: Store, viewer: Viewer, sha: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(sha)) return false;
  for (const s of await store.submissions.findByMediaHash(sha)) {
    if (await visibleTask(store, viewer, String(s.taskId))) return true;
  }
  return false;
}

/**
 * Proof media by hash, behind the same authorization: served only if it belongs to a submission of a task in scope.
 * Galleries show `/thumb` (a cached 320 px WebP); the original opens on click.
 */
export function mediaRoute(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/media/:sha',
    page(deps, async (ctx, viewer) => {
      const { store } = deps.services;
      const sha = ctx.params.sha;
      const blob = (await mayView(store, viewer, sha)) ? await store.blobs.get(sha) : undefined;
      if (!blob) return notFound(ctx, viewer, NOT_YOURS);
      sendBlob(ctx, sha, blob);
    }),
  );
  router.get(
    '/admin/media/:sha/thumb',
    page(deps, async (ctx, viewer) => {
      const { store } = deps.services;
      const sha = ctx.params.sha;
      if (!(await mayView(store, viewer, sha))) return notFound(ctx, viewer, NOT_YOURS);
      const thumb = await thumbnailOf(store.blobs, sha);
      // Not an image sharp reads (or gone): the original's own route decides what to do with it.
      if (!thumb) return ctx.redirect(`/admin/media/${sha}`);
      ctx.type = 'image/webp';
      ctx.set('Cache-Control', KEEP);
      ctx.body = thumb.bytes;
    }),
  );
}

/** Writes proof bytes: images and video inline, anything else as a download. */
export function sendBlob(ctx: Context, sha: string, blob: { bytes: Buffer; ext: string }): void {
  const inline = INLINE[blob.ext];
  ctx.type = inline ?? 'application/octet-stream';
  if (!inline) ctx.set('Content-Disposition', attachmentHeader(`proof-${sha.slice(0, 12)}.${blob.ext}`));
  ctx.set('Cache-Control', KEEP);
  ctx.body = blob.bytes;
}
