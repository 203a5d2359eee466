import { ASSET_VERSION } from './assets';
import { html, type HtmlPart, type SafeHtml } from './html';
import type { Viewer } from './viewer';

export interface PageOptions {
  title: string;
  /** Nav key of the current page. */
  active: string;
  body: HtmlPart;
  /** Page scripts under /admin/assets/ (echarts first when a page draws charts). */
  scripts?: string[];
}

const NAV: Array<[key: string, href: string, label: string]> = [
  ['overview', '/admin', '概览'],
  ['members', '/admin/members', '党员'],
  ['tasks', '/admin/tasks', '任务'],
  ['review', '/admin/review', '审核'],
  ['points', '/admin/points', '积分'],
  ['service', '/admin/service', '奉献'],
  ['help', '/admin/help-cases', '求助'],
  ['meetings', '/admin/meetings', '会议'],
  ['contacts', '/admin/contacts', '谈话走访'],
  ['satisfaction', '/admin/satisfaction', '群众满意度'],
  ['reviews', '/admin/reviews', '测评'],
  ['import', '/admin/import', '导入'],
];

const asset = (name: string) => `/admin/assets/${name}?v=${ASSET_VERSION}`;

function head(title: string): SafeHtml {
  return html`<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 支部机器人管理后台</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${asset('dashboard.css')}">`;
}

/** The page shell: top bar with the nav (scrolls sideways on a phone), the viewer, and sign-out. */
export function layout(viewer: Viewer, opts: PageOptions): SafeHtml {
  const scope = viewer.admin ? '管理员（全部支部）' : `支部书记（${viewer.scope.branchIds.size} 个支部）`;
  return html`<html lang="zh-CN"><head>${head(opts.title)}</head>
<body data-csrf="${viewer.csrf}">
<header class="top">
  <div class="brand">支部机器人 · 管理后台</div>
  <nav>${NAV.map(([key, href, label]) => html`<a href="${href}"${key === opts.active ? html` class="on" aria-current="page"` : ''}>${label}</a>`)}</nav>
  <div class="who"><span title="${viewer.identity}">${viewer.name}</span> <small>${scope}</small>
    <form method="post" action="/admin/logout"><input type="hidden" name="_csrf" value="${viewer.csrf}"><button class="link">退出</button></form></div>
</header>
<main><h1>${opts.title}</h1>${opts.body}</main>
${['tables.js', ...(opts.scripts ?? [])].map((s) => html`<script src="${asset(s)}"></script>`)}
</body></html>`;
}

/** Pages shown without a session (login, refusals). */
export function bareLayout(title: string, body: HtmlPart): SafeHtml {
  return html`<html lang="zh-CN"><head>${head(title)}</head><body><main class="bare"><section class="card">${body}</section></main></body></html>`;
}
