import type Router from '@koa/router';
import type { Context } from 'koa';
import { attachmentHeader } from '../../excel/workbook';
import type { DashboardDeps } from './dashboard-deps';
import { notFound, page } from './page';
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

/** Proof media by hash, behind the same authorization: served only if it belongs to a submission of a task in scope. */
export function mediaRoute(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/media/:sha',
    page(deps, async (ctx, viewer) => {
      const { store } = deps.services;
      const sha = ctx.params.sha;
      let allowed = false;
      if (/^[0-9a-f]{64}$/.test(sha)) {
        for (const s of await store.submissions.findByMediaHash(sha)) {
          if (await visibleTask(store, viewer, String(s.taskId))) {
            allowed = true;
            break;
          }
        }
      }
      const blob = allowed ? await store.blobs.get(sha) : undefined;
      if (!blob) return notFound(ctx, viewer, '没有这个文件，或不属于你管理的支部。');
      sendBlob(ctx, sha, blob);
    }),
  );
}

/** Writes proof bytes: images and video inline, anything else as a download. */
export function sendBlob(ctx: Context, sha: string, blob: { bytes: Buffer; ext: string }): void {
  const inline = INLINE[blob.ext];
  ctx.type = inline ?? 'application/octet-stream';
  if (!inline) ctx.set('Content-Disposition', attachmentHeader(`proof-${sha.slice(0, 12)}.${blob.ext}`));
  // Content-addressed: the bytes behind a hash never change, so the browser may keep them (privately).
  ctx.set('Cache-Control', 'private, max-age=86400');
  ctx.body = blob.bytes;
}
