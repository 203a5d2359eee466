import { formatRate } from '../../reports/review-figures';
import { latestReviewSummary } from '../../reviews/latest-review-summary';
import type { Branch } from '../../model';
import type { Store } from '../../store/store';
import { html, type SafeHtml } from './html';

const HIDDEN_TEXT = { open: '测评进行中，截止后显示', few: '答卷不足 5 份，不显示分项' } as const;

const rate = (value: number | undefined, meets: boolean | undefined) =>
  html`<span class="${meets ? 'line-ok' : 'line-miss'}">${formatRate(value)}</span>`;

/** Each branch's latest satisfaction review on the 群众满意度 page: the same figures, and the same withholding, as /admin/reviews. */
export async function latestReviewSection(store: Store, branches: Branch[], now: Date): Promise<SafeHtml> {
  const rows: SafeHtml[] = [];
  for (const b of branches) {
    const s = await latestReviewSummary(store, b.id, now);
    if (!s) continue;
    const f = s.figures;
    const head = html`<td>${b.name}</td><td><a href="/admin/reviews?review=${s.reviewId}">${s.name}</a></td><td class="num">${f.answers}/${f.eligible}</td><td class="num">${formatRate(f.responseRate)}</td>`;
    rows.push(
      f.hidden
        ? html`<tr data-branch="${b.id}">${head}<td colspan="2" class="muted">${HIDDEN_TEXT[f.hidden]}</td></tr>`
        : html`<tr data-branch="${b.id}">${head}<td class="num know-rate">${rate(f.knowRate, f.meetsKnowLine)}</td><td class="num approval-rate">${rate(f.approvalRate, f.meetsApprovalLine)}</td></tr>`,
    );
  }
  const table = rows.length
    ? html`<div class="table-wrap"><table><thead><tr><th>支部</th><th>测评</th><th>已答/应答</th><th>参评率</th><th>认识率（100%）</th><th>认可率（98%）</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p class="muted">还没有覆盖这些支部的满意度测评。县委管理员发「发起测评 …」即可开始。</p>`;
  return html`<section class="card"><h2>最近一次满意度测评</h2>${table}</section>`;
}
