import type Router from '@koa/router';
import { certificateNumber } from '../../certificates/certificate';
import { CONTACT_WORDS, type Contact } from '../../contacts/contact';
import { outreachOf } from '../../contacts/outreach-settings';
import type { Member } from '../../model';
import { contactsReport, type ContactsReport, type MemberContactRow } from '../../reports/contacts-report';
import { formatLocal, localDate } from '../../time/zoned-time';
import { branchChoice, branchSelect } from './branch-filter';
import type { DashboardDeps } from './dashboard-deps';
import { html, jsonBlock, query, type SafeHtml } from './html';
import { layout } from './layout';
import type { ChartSpec } from './overview-page';
import { page, sendHtml } from './page';

const SHOWN = 200;
const day = (iso: string | undefined, tz: string) => (iso ? localDate(new Date(iso), tz) : '—');
const nameOf = (members: Map<number, Member>, id: number) => members.get(id)?.name ?? `党员${id}`;

function memberRows(rows: MemberContactRow[], tz: string): SafeHtml {
  return html`<div class="table-wrap"><table id="contact-members"><thead><tr><th>姓名</th><th>最近谈话/走访</th><th class="hide-sm">最近联系（含发言）</th>
<th class="num">谈话</th><th class="num">走访</th><th>提醒</th></tr></thead><tbody>${rows.slice(0, SHOWN).map(
    (
      r,
    ) => html`<tr><td>${r.member.name}</td><td>${r.lastTalk ? `${day(r.lastTalk.createdAt, tz)} ${CONTACT_WORDS[r.lastTalk.kind]}` : '从未'}</td>
<td class="hide-sm">${day(r.lastContact, tz)}</td><td class="num">${r.talks}</td><td class="num">${r.visits}</td><td>${r.overdue ? html`<span class="tag">未谈话走访</span>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

function contactRows(list: Contact[], members: Map<number, Member>, tz: string): SafeHtml {
  return html`<div class="table-wrap"><table id="contact-log"><thead><tr><th>时间</th><th>党员</th><th>方式</th><th>要点</th><th class="num hide-sm">照片</th></tr></thead>
<tbody>${list.slice(0, SHOWN).map(
    (
      c,
    ) => html`<tr><td>${formatLocal(new Date(c.createdAt), tz, true)}</td><td>${nameOf(members, c.memberId)}</td><td>${CONTACT_WORDS[c.kind]}</td>
<td class="wrap">${c.note}</td><td class="num hide-sm">${c.media.map((_m, i) => html`<a href="/admin/contacts/${c.id}/photos/${i}">${i + 1}</a> `)}</td></tr>`,
  )}</tbody></table></div>`;
}

function homeAndCertificates(r: ContactsReport, tz: string): SafeHtml {
  const season = r.season ? `${r.season.season}（${r.season.from} 至 ${r.season.to}）` : '';
  return html`<section class="card"><h2>春节返乡报到 ${season}（${r.homecomings.length} 人）</h2><div class="table-wrap"><table id="homecomings">
<thead><tr><th>姓名</th><th>报到日期</th><th>停留到</th></tr></thead><tbody>${r.homecomings.map(
    (h) =>
      html`<tr><td>${nameOf(r.members, h.memberId)}</td><td>${day(h.createdAt, tz)}</td><td>${h.stayUntil ?? '未说明'}</td></tr>`,
  )}</tbody></table></div></section>
<section class="card"><h2>流动党员证明（${r.certificates.length}）</h2><div class="table-wrap"><table id="certificates">
<thead><tr><th>证明编号</th><th>姓名</th><th>有效期</th><th>状态</th><th>打印</th></tr></thead><tbody>${r.certificates.map(
    (
      c,
    ) => html`<tr><td>${certificateNumber(c)}</td><td>${nameOf(r.members, c.memberId)}</td><td>${c.validFrom} 至 ${c.validUntil}</td>
<td>${c.valid ? html`<span class="tag ok">有效</span>` : html`<span class="tag gray">已过期</span>`}</td><td><a href="/admin/certificates/${c.id}">打印</a></td></tr>`,
  )}</tbody></table></div></section>`;
}

/** 谈话走访: each member's last contact, the counts per month, who is overdue, homecomings and certificates. */
export function contactsPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/contacts',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const tz = settings.timezone;
      const { contactWeeks, homecomingWindows } = outreachOf(settings);
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const r = await contactsReport(store, viewer.scope, {
        branchId: choice.selected?.id,
        now: clock.now(),
        tz,
        contactWeeks,
        windows: homecomingWindows,
      });
      const overdue = r.rows.filter((x) => x.overdue);
      const charts: ChartSpec[] = [
        {
          id: 'talks',
          title: '每月谈话次数',
          kind: 'bar',
          data: r.months.map((m) => ({ name: m.month, value: m.talks })),
        },
        {
          id: 'visits',
          title: '每月走访次数',
          kind: 'bar',
          data: r.months.map((m) => ({ name: m.month, value: m.visits })),
        },
      ];
      const branch = choice.selected?.id;
      const body = html`<form class="filters card" method="get" action="/admin/contacts">${branchSelect(choice)}<button>筛选</button>
<a class="button secondary" href="/admin/export/contacts.xlsx${query({ branch })}" id="export-contacts">导出谈话走访</a>
<a class="button secondary" href="/admin/export/certificates.xlsx${query({ branch })}" id="export-certificates">导出证明</a></form>
<div class="grid">${charts.map((c) => html`<section class="card"><h2>${c.title}</h2><div class="chart" id="chart-${c.id}" role="img" aria-label="${c.title}"></div></section>`)}</div>
<section class="card"><h2>${contactWeeks} 周内没有谈话或走访（${overdue.length} 人）</h2><p id="overdue-names">${overdue.map((x) => x.member.name).join('、') || '无'}</p></section>
<section class="card"><h2>每位党员最近联系（${r.rows.length}）</h2>${memberRows(r.rows, tz)}</section>
<section class="card"><h2>谈话走访记录（${r.contacts.length}）</h2><p class="muted">仅党员所在支部书记和管理员可见，请勿外传。</p>${contactRows(r.contacts, r.members, tz)}</section>
${homeAndCertificates(r, tz)}${jsonBlock('chart-data', charts)}`;
      sendHtml(
        ctx,
        200,
        layout(viewer, {
          title: '谈话走访',
          active: 'contacts',
          body,
          scripts: ['echarts.min.js', 'charts.js', 'page-charts.js'],
        }),
      );
    }),
  );
}
