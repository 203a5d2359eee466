import type Router from '@koa/router';
import type { Member } from '../../model';
import { opinionMonths, visibleOpinions } from '../../reports/opinion-report';
import { branchSatisfaction } from '../../reports/satisfaction-report';
import type { DashboardDeps } from './dashboard-deps';
import { branchChoice, branchSelect } from './branch-filter';
import { html, query } from './html';
import { latestReviewSection } from './latest-review-section';
import { layout } from './layout';
import { monthTable, opinionRows, satisfactionTable } from './opinion-tables';
import { page, sendHtml } from './page';

const SHOWN = 200;

/**
 * 群众满意度: per branch in scope, help cases closed and rated and opinions closed (销号率), the 销号 figures per
 * month, and the opinions themselves — anonymous ones as 匿名党员.
 */
export function satisfactionPage(router: Router, deps: DashboardDeps): void {
  router.get(
    '/admin/satisfaction',
    page(deps, async (ctx, viewer) => {
      const { store, settings, clock } = deps.services;
      const choice = await branchChoice(store, viewer, ctx.query.branch);
      const inView = choice.selected ? [choice.selected] : choice.branches;
      const byId = new Map(choice.branches.map((b) => [b.id, b]));
      const opinions = await visibleOpinions(store, viewer.scope, choice.selected?.id);
      const members = new Map<number, Member>();
      for (const id of new Set(opinions.slice(0, SHOWN).map((o) => o.memberId))) {
        const m = id === undefined ? undefined : await store.members.get(id);
        if (m) members.set(m.id, m);
      }
      const body = html`<form class="filters card" method="get" action="/admin/satisfaction">${branchSelect(choice)}<button>筛选</button>
<a class="button secondary" id="export-opinions" href="/admin/export/opinions.xlsx${query({ branch: choice.selected?.id })}">导出意见建议 Excel</a></form>
<section class="card"><h2>各支部：求助办结与评价、意见建议销号</h2>${satisfactionTable(await branchSatisfaction(store, inView))}
<p class="muted">销号率 = 已销号 ÷ 收到的意见建议；上报乡镇党委的不算销号。</p></section>
${await latestReviewSection(store, inView, clock.now())}
<section class="card"><h2>意见建议销号率（按月）</h2>${monthTable(opinionMonths(opinions, settings.timezone), byId)}</section>
<section class="card"><h2>意见建议（${opinions.length}${opinions.length > SHOWN ? `，显示最近 ${SHOWN} 条` : ''}）</h2>
${opinionRows(opinions.slice(0, SHOWN), members, byId, settings.timezone)}
${opinions.length ? '' : html`<p class="muted">还没有意见建议。党员发「意见 …」或「建议 …」即会登记（可匿名）。</p>`}</section>`;
      sendHtml(ctx, 200, layout(viewer, { title: '群众满意度', active: 'satisfaction', body }));
    }),
  );
}
