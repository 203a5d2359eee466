import type Router from '@koa/router';
import { canSeeBranch } from '../../access/access-scope';
import { CLAIM_STATUS_NAMES } from '../../excel/export-service';
import { claimRows, type ClaimRow } from '../../reports/service-report';
import { SERVICE_NAMES, serviceCode, type ServiceItem } from '../../service/service-records';
import { formatLocal } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { sendBlob } from './media-route';
import { notFound, page, sendHtml } from './page';

const time = (iso: string | undefined, tz: string) => (iso ? formatLocal(new Date(iso), tz, true) : '');

function claimRow(item: ServiceItem, r: ClaimRow, names: Map<string, string>, tz: string): SafeHtml {
  const c = r.claim;
  const tag = c.status === 'confirmed' ? 'ok' : c.status === 'cancelled' ? 'gray' : '';
  const photos = c.media.filter((m) => m.kind === 'image');
  return html`<tr><td>${r.member ? html`<a href="/admin/members/${r.member.id}">${r.member.name}</a>` : c.memberId}</td>
<td><span class="tag ${tag}">${CLAIM_STATUS_NAMES[c.status]}</span></td><td class="hide-sm">${time(c.claimedAt, tz)}</td><td>${time(c.completedAt, tz)}</td>
<td>${c.confirmedAt ? html`${time(c.confirmedAt, tz)} ${names.get(c.confirmedBy ?? '') ?? c.confirmedBy ?? ''}` : ''}</td>
<td class="wrap">${c.note ?? ''}<div class="gallery">${photos.map((m) => html`<a href="/admin/service/${item.id}/media/${m.sha256}" target="_blank" rel="noopener"><img src="/admin/service/${item.id}/media/${m.sha256}" loading="lazy" alt="${r.member?.name ?? ''}的完成照片"></a>`)}</div></td></tr>`;
}

async function visibleItem(deps: DashboardDeps, scope: Parameters<typeof canSeeBranch>[0], raw: string) {
  const item = /^\d{1,9}$/.test(raw) ? await deps.services.store.service.get(Number(raw)) : undefined;
  return item && canSeeBranch(scope, item.branchId) ? item : undefined;
}

/** One 微心愿 or activity: what was asked, who claimed, completed (with photos) and was confirmed. */
export function serviceDetailPage(router: Router, deps: DashboardDeps): void {
  const { store, settings } = deps.services;
  const tz = settings.timezone;
  router.get(
    '/admin/service/:id',
    page(deps, async (ctx, viewer) => {
      const item = await visibleItem(deps, viewer.scope, ctx.params.id);
      if (!item) return notFound(ctx, viewer, '没有这个活动或心愿，或不属于你管理的支部。');
      const rows = await claimRows(store, item.id);
      const branch = await store.branches.get(item.branchId);
      const names = new Map<string, string>();
      for (const id of new Set(rows.map((r) => r.claim.confirmedBy).filter((x): x is string => !!x))) {
        const [platform, ...rest] = id.split(':');
        const identity = await store.identities.find(platform as never, rest.join(':'));
        const m = identity && (await store.members.get(identity.memberId));
        if (m) names.set(id, m.name);
      }
      const held = rows.filter((r) => r.claim.status !== 'cancelled').length;
      const body = html`<section class="card"><h2>${SERVICE_NAMES[item.kind]} ${serviceCode(item)}</h2><p class="wrap" id="service-content">${item.title}</p>
<p>支部：${branch?.name ?? ''}${item.time ? html`，时间：${item.time}` : ''}${item.place ? html`，地点：${item.place}` : ''}</p>
<p>名额：<span id="service-places">${held}/${item.places}</span>，分值：${item.points} 分（奉献），发布：${time(item.createdAt, tz)}</p>
<p><a href="/admin/service">← 返回列表</a></p></section>
<section class="card"><h2>认领和完成</h2><div class="table-wrap"><table id="claims"><thead><tr><th>党员</th><th>状态</th><th class="hide-sm">认领时间</th><th>完成时间</th><th>确认</th><th>说明和照片</th></tr></thead>
<tbody>${rows.map((r) => claimRow(item, r, names, tz))}</tbody></table></div>${rows.length ? '' : html`<p class="muted">还没有人认领。</p>`}</section>`;
      sendHtml(
        ctx,
        200,
        layout(viewer, { title: `${SERVICE_NAMES[item.kind]} ${serviceCode(item)}`, active: 'service', body }),
      );
    }),
  );
  router.get(
    '/admin/service/:id/media/:sha',
    page(deps, async (ctx, viewer) => {
      const item = await visibleItem(deps, viewer.scope, ctx.params.id);
      const sha = ctx.params.sha;
      const claims = item ? await store.service.listClaims(item.id) : [];
      const allowed = /^[0-9a-f]{64}$/.test(sha) && claims.some((c) => c.media.some((m) => m.sha256 === sha));
      const blob = allowed ? await store.blobs.get(sha) : undefined;
      if (!blob) return notFound(ctx, viewer, '没有这个文件，或不属于你管理的支部。');
      sendBlob(ctx, sha, blob);
    }),
  );
}
