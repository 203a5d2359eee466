import type Router from '@koa/router';
import { canSeeBranch, canSeeMember } from '../../access/access-scope';
import { certificateNumber, type Certificate } from '../../certificates/certificate';
import type { Branch, Member } from '../../model';
import { localDate } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { html, SafeHtml } from './html';
import { layout } from './layout';
import { notFound, page, sendHtml } from './page';

/** One A4 sheet: the page chrome is hidden in print, the certificate fills the paper. */
const PRINT_CSS = `.certificate{max-width:720px;margin:0 auto;padding:32px 40px;background:#fff;color:#000;border:1px solid #999}
.certificate h2{text-align:center;font-size:26px;letter-spacing:6px;margin:8px 0 4px}.certificate .no{text-align:right;margin:0 0 16px}
.certificate table{width:100%;border-collapse:collapse}.certificate th,.certificate td{border:1px solid #000;padding:10px 8px;text-align:left;font-size:15px;white-space:normal}
.certificate th{width:22%;background:#f4f4f4}.certificate .blank{display:inline-block;min-width:8em;border-bottom:1px solid #000}
.certificate .sign{margin-top:36px;text-align:right;line-height:2.2}
@page{size:A4;margin:18mm}
@media print{header.top,.no-print,main>h1{display:none!important}body,main{background:#fff;margin:0;padding:0}.certificate{border:none;max-width:none;padding:0}}`;

/** A field the member record lacks: a line to write on by hand. */
const value = (v: string | undefined): SafeHtml | string => v || html`<span class="blank">&nbsp;</span>`;

function sheet(c: Certificate, member: Member, issuer: Branch | undefined, host: Branch | undefined): SafeHtml {
  const rows: Array<[string, SafeHtml | string]> = [
    ['姓名', member.name],
    ['性别', value(member.gender)],
    ['出生年月', value(member.birthMonth)],
    ['入党时间', value(member.joinedPartyMonth)],
    ['所在党支部', value(issuer?.name)],
    ['外出地点', value(c.destination)],
    ['外出时间', value(c.departureMonth)],
    ['流入地党组织', value(host?.name)],
    ['有效期', `${c.validFrom} 至 ${c.validUntil}`],
  ];
  return html`<article class="certificate" id="certificate"><h2>流动党员证明</h2><p class="no">证明编号：<b id="certificate-number">${certificateNumber(c)}</b></p>
<table><tbody>${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</tbody></table>
<p>兹证明${member.name}同志系我支部正式党员，现外出务工经商，请流入地党组织接纳其参加组织生活，并加强教育管理。</p>
<div class="sign"><div>开具支部：<span id="issuer">${issuer?.name ?? ''}</span>（盖章）</div><div>支部书记（签字）：<span class="blank">&nbsp;</span></div>
<div>日期：${c.validFrom}</div></div></article>`;
}

/** The printable 流动党员证明: only for viewers who may see the issuing branch or the member. */
export function certificatePage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/certificates/:id',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const c = /^\d+$/.test(ctx.params.id) ? await store.certificates.get(Number(ctx.params.id)) : undefined;
      const member = c && (await store.members.get(c.memberId));
      if (!c || !member || !(canSeeBranch(viewer.scope, c.branchId) || canSeeMember(viewer.scope, member)))
        return notFound(ctx, viewer, '没有这份证明，或不属于你管理的支部。');
      const issuer = await store.branches.get(c.branchId);
      const host = member.hostBranchId === undefined ? undefined : await store.branches.get(member.hostBranchId);
      const expired = c.validUntil < localDate(clock.now(), settings.timezone);
      const body = html`<style>${new SafeHtml(PRINT_CSS)}</style><p class="no-print"><a href="/admin/contacts">← 返回谈话走访</a>
<button type="button" id="print" data-print>打印</button>${expired ? html` <span class="tag">已过期</span>` : ''}</p>${sheet(c, member, issuer, host)}`;
      sendHtml(ctx, 200, layout(viewer, { title: '流动党员证明', active: 'contacts', body, scripts: ['print.js'] }));
    }),
  );
}
