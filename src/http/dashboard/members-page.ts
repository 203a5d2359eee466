import type Router from '@koa/router';
import { visibleMembers } from '../../access/access-scope';
import { CERTIFICATE_NAMES, STATUS_NAMES } from '../../members/member-fields';
import { contactSigns } from '../../contacts/contact-signs';
import { FLAG_NAMES, memberFlagger, monthsAway, type MemberFlag } from '../../members/member-flags';
import type { Branch, Member } from '../../model';
import { formatPlace } from '../../members/places';
import { localDate } from '../../time/zoned-time';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice, branchSelect } from './branch-filter';
import { html, query, type SafeHtml } from './html';
import { layout } from './layout';
import { filterMembers, readMemberFilter, type MemberFilter } from './member-filter';
import { page, sendHtml } from './page';

const PAGE_SIZE = 50;

function options<T extends string>(names: Record<T, string>, selected: T | undefined, all: string): SafeHtml {
  return html`<option value="">${all}</option>${(Object.keys(names) as T[]).map((k) => html`<option value="${k}"${k === selected ? html` selected` : ''}>${names[k]}</option>`)}`;
}

function filterForm(f: MemberFilter, branchSel: SafeHtml, exportHref: string): SafeHtml {
  return html`<form class="filters card" method="get" action="/admin/members" id="member-filter">
  <label>搜索<input type="search" name="q" value="${f.q ?? ''}" placeholder="姓名、电话、职业、城市、编号"></label>
  ${branchSel}
  <label>状态<select name="status">${options(STATUS_NAMES, f.status, '全部')}</select></label>
  <label>性别<select name="gender">${options({ 男: '男', 女: '女' }, f.gender as '男' | '女' | undefined, '全部')}</select></label>
  <label>提醒<select name="flag">${options(FLAG_NAMES, f.flag, '不限')}</select></label>
  <button>筛选</button> <a class="button secondary" href="${exportHref}" id="export-members">导出 Excel</a>
</form>`;
}

function row(m: Member, branches: Map<number, Branch>, now: Date, tz: string, flags: MemberFlag[]): SafeHtml {
  const away = monthsAway(m, now, tz);
  const branchNames = [m.homeBranchId, m.hostBranchId]
    .map((id) => (id === undefined ? undefined : branches.get(id)?.name))
    .filter(Boolean)
    .join(' / ');
  return html`<tr><td class="num">${m.id}</td><td><a href="/admin/members/${m.id}">${m.name}</a></td><td>${m.gender ?? ''}</td>
<td>${m.phone ?? ''}</td><td>${formatPlace({ province: m.destProvince, city: m.destCity })}</td><td class="hide-sm">${branchNames}</td>
<td class="num hide-sm">${away ?? ''}</td><td class="hide-sm">${CERTIFICATE_NAMES[m.certificateStatus]}</td><td>${STATUS_NAMES[m.status]}</td>
<td class="hide-sm">${m.lastSeenAt ? localDate(new Date(m.lastSeenAt), tz) : ''}</td>
<td>${flags.map((f) => html`<span class="tag">${FLAG_NAMES[f]}</span>`)}</td></tr>`;
}

/** Search, filter and page through the members in scope; every filter is also an Excel export. */
export function membersPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/members',
    page(deps, async (ctx, viewer) => {
      const { store, clock, settings } = deps.services;
      const now = clock.now();
      const tz = settings.timezone;
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const f = readMemberFilter(ctx.query);
      const visible = await visibleMembers(store, viewer.scope, choice.selected?.id);
      const signs = await contactSigns(store, visible, now, tz);
      const flagsOf = memberFlagger(now, tz, deps.flagRules, signs);
      const found = filterMembers(visible, f, now, tz, deps.flagRules, signs);
      const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
      const current = Math.min(pages, Math.max(1, Number(ctx.query.page) || 1));
      const shown = found.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
      const params = { q: f.q, branch: choice.selected?.id, status: f.status, gender: f.gender, flag: f.flag };
      const byId = new Map(choice.branches.map((b) => [b.id, b]));
      const body = html`${filterForm(f, branchSelect(choice), `/admin/export/members.xlsx${query(params)}`)}
<section class="card"><p class="muted" id="member-count">共 ${found.length} 人${pages > 1 ? `，第 ${current}/${pages} 页` : ''}</p>
<div class="table-wrap"><table id="members"><thead><tr><th class="num">编号</th><th>姓名</th><th>性别</th><th>电话</th><th>流入地</th>
<th class="hide-sm">支部</th><th class="num hide-sm">外出月数</th><th class="hide-sm">活动证</th><th>状态</th><th class="hide-sm">最近联系</th><th>提醒</th></tr></thead>
<tbody>${shown.map((m) => row(m, byId, now, tz, flagsOf(m)))}</tbody></table></div>
${
  pages > 1
    ? html`<div class="pager">${current > 1 ? html`<a href="/admin/members${query({ ...params, page: current - 1 })}">上一页</a>` : ''}
${current < pages ? html`<a href="/admin/members${query({ ...params, page: current + 1 })}">下一页</a>` : ''}</div>`
    : ''
}</section>`;
      sendHtml(ctx, 200, layout(viewer, { title: '党员', active: 'members', body }));
    }),
  );
}
