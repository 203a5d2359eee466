import type Router from '@koa/router';
import { canSeeMember } from '../../access/access-scope';
import { attachmentHeader } from '../../excel/workbook';
import type { DashboardDeps } from './dashboard-deps';
import { notFound, page } from './page';

const IMAGES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
};

/**
 * A photo of a talk or visit, by contact and position: served only when the viewer may see the member (their home
 * or host branch, or an admin), the same rule as the notes.
 */
export function contactMediaRoute(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/contacts/:id/photos/:n',
    page(deps, async (ctx, viewer) => {
      const { store } = deps.services;
      const contact = (await store.contacts.list()).find((c) => c.id === Number(ctx.params.id));
      const member = contact && (await store.members.get(contact.memberId));
      const ref = member && canSeeMember(viewer.scope, member) ? contact.media[Number(ctx.params.n)] : undefined;
      const blob = ref && (await store.blobs.get(ref.sha256));
      if (!blob) return notFound(ctx, viewer, '没有这张照片，或不属于你管理的支部。');
      const inline = IMAGES[blob.ext];
      ctx.type = inline ?? 'application/octet-stream';
      if (!inline) ctx.set('Content-Disposition', attachmentHeader(`contact-${contact!.id}.${blob.ext}`));
      ctx.set('Cache-Control', 'private, max-age=86400');
      ctx.body = blob.bytes;
    }),
  );
}
