import type { Branch, Member } from '../../model';
import {
  KIND_LABELS,
  OPINION_CATEGORY_LABELS,
  OPINION_STATUS_LABELS,
  opinionCode,
  type Opinion,
  type OpinionStatus,
} from '../../opinions/opinion';
import { ANONYMOUS_LABEL } from '../../opinions/format-opinion';
import type { OpinionMonthFigures } from '../../reports/opinion-report';
import type { BranchSatisfaction } from '../../reports/satisfaction-report';
import { formatLocal } from '../../time/zoned-time';
import { html, type SafeHtml } from './html';

const STATUS_TAG: Record<OpinionStatus, string> = {
  received: 'tag',
  answered: 'tag gray',
  closed: 'tag ok',
  referred: 'tag gray',
};

const pct = (n: number | undefined) => (n === undefined ? '—' : `${n}%`);
const days = (n: number | undefined) => (n === undefined ? '—' : `${n} 天`);

/** Per branch: help cases closed and rated, opinions closed (the members' view of their branch). */
export function satisfactionTable(rows: BranchSatisfaction[]): SafeHtml {
  return html`<div class="table-wrap"><table id="satisfaction"><thead><tr><th>支部</th><th class="num">求助</th><th class="num">已结案</th>
<th class="num">已评价</th><th class="num">满意</th><th class="num hide-sm">满意率</th><th class="num">意见建议</th><th class="num">已销号</th>
<th class="num">销号率</th><th class="num hide-sm">党员确认</th><th class="num hide-sm">退回重办</th><th class="num hide-sm">已上报</th></tr></thead>
<tbody>${rows.map(
    (
      r,
    ) => html`<tr data-branch="${r.branch.id}"><td>${r.branch.name}</td><td class="num">${r.helpCases}</td><td class="num">${r.helpClosed}</td>
<td class="num">${r.helpRated}</td><td class="num">${r.helpSatisfied}</td><td class="num hide-sm">${pct(r.helpSatisfiedRate)}</td>
<td class="num">${r.opinions}</td><td class="num">${r.opinionsClosed}</td><td class="num closure-rate">${pct(r.closureRate)}</td>
<td class="num hide-sm">${r.confirmed}</td><td class="num hide-sm">${r.disputed}</td><td class="num hide-sm">${r.referred}</td></tr>`,
  )}</tbody></table></div>`;
}

/** 销号率 and median days to close per branch and month. */
export function monthTable(rows: OpinionMonthFigures[], branches: Map<number, Branch>): SafeHtml {
  return html`<div class="table-wrap"><table id="opinion-months"><thead><tr><th>月份</th><th>支部</th><th class="num">收到</th>
<th class="num">已销号</th><th class="num">销号率</th><th class="num">销号用时（中位）</th><th class="num hide-sm">已上报</th><th class="num hide-sm">未办结</th></tr></thead>
<tbody>${rows.map(
    (
      r,
    ) => html`<tr data-branch="${r.branchId}" data-month="${r.month}"><td>${r.month}</td><td>${branches.get(r.branchId)?.name ?? ''}</td>
<td class="num">${r.received}</td><td class="num">${r.closed}</td><td class="num closure-rate">${pct(r.closureRate)}</td>
<td class="num">${days(r.medianDaysToClose)}</td><td class="num hide-sm">${r.referred}</td><td class="num hide-sm">${r.open}</td></tr>`,
  )}</tbody></table></div>`;
}

/** The sender's name for named opinions only; an anonymous one has no member id to look up. */
function who(o: Opinion, members: Map<number, Member>): string {
  return o.anonymous || o.memberId === undefined ? ANONYMOUS_LABEL : (members.get(o.memberId)?.name ?? '');
}

export function opinionRows(
  opinions: Opinion[],
  members: Map<number, Member>,
  branches: Map<number, Branch>,
  tz: string,
): SafeHtml {
  return html`<div class="table-wrap"><table id="opinions"><thead><tr><th>编号</th><th>时间</th><th>类型</th><th>提出人</th>
<th class="hide-sm">责任支部</th><th class="hide-sm">分类</th><th>状态</th><th>内容</th><th class="hide-sm">办理结果</th></tr></thead>
<tbody>${opinions.map(
    (
      o,
    ) => html`<tr><td>${opinionCode(o.id)}</td><td>${formatLocal(new Date(o.createdAt), tz, true)}</td><td>${KIND_LABELS[o.kind]}</td>
<td>${who(o, members)}</td><td class="hide-sm">${branches.get(o.branchId)?.name ?? ''}</td><td class="hide-sm">${OPINION_CATEGORY_LABELS[o.category]}</td>
<td><span class="${STATUS_TAG[o.status]}">${OPINION_STATUS_LABELS[o.status]}</span>${o.disputes ? html` <span class="tag">退回${o.disputes}次</span>` : ''}</td>
<td class="wrap">${o.content}</td><td class="wrap hide-sm">${o.result ?? o.referReason ?? ''}</td></tr>`,
  )}</tbody></table></div>`;
}
