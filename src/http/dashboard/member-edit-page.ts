import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import { canSeeBranch, canSeeMember } from '../../access/access-scope';
import { CERTIFICATE_NAMES, EDUCATION_LEVELS, STATUS_NAMES } from '../../members/member-fields';
import { contactSigns } from '../../contacts/contact-signs';
import { FLAG_NAMES, memberFlags } from '../../members/member-flags';
import type { Branch, Member } from '../../model';
import { formatPlace } from '../../members/places';
import type { DashboardDeps, DashboardContext } from './dashboard-deps';
import { KIND_NAMES } from './branch-filter';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import { readMemberForm, type FormErrors } from './member-form';
import { notFound, page, sendHtml } from './page';
import type { Viewer } from './viewer';

const formBody = bodyParser({ enableTypes: ['form'], formLimit: '32kb' });

function select(name: string, current: string | undefined, choices: Array<[string, string]>): SafeHtml {
  const known = choices.some(([v]) => v === current);
  return html`<select name="${name}"><option value="">（不修改）</option>${!known && current ? html`<option value="${current}" selected>${current}</option>` : ''}
${choices.map(([v, label]) => html`<option value="${v}"${v === current ? html` selected` : ''}>${label}</option>`)}</select>`;
}

function branchField(
  label: string,
  name: string,
  kind: Branch['kind'],
  current: number | undefined,
  branches: Branch[],
  viewer: Viewer,
  error?: string,
): SafeHtml {
  const cur = branches.find((b) => b.id === current);
  if (current !== undefined && !canSeeBranch(viewer.scope, current)) {
    return html`<label>${label}<input value="（其他支部，不能修改）" disabled>${error ? html`<span class="errors">${error}</span>` : ''}</label>`;
  }
  const choices = branches
    .filter((b) => b.kind === kind && canSeeBranch(viewer.scope, b.id))
    .map((b): [string, string] => [String(b.id), b.name]);
  return html`<label>${label}${select(name, cur ? String(cur.id) : undefined, choices)}${error ? html`<span class="errors">${error}</span>` : ''}</label>`;
}

function form(
  m: Member,
  branches: Branch[],
  viewer: Viewer,
  values: Record<string, string>,
  errors: FormErrors,
): SafeHtml {
  const text = (
    label: string,
    name: string,
    hint = '',
  ) => html`<label>${label}<input name="${name}" value="${values[name] ?? ''}" placeholder="${hint}">
${errors[name] ? html`<span class="errors">${errors[name]}</span>` : ''}</label>`;
  const pairs = (names: Record<string, string>) => Object.entries(names);
  return html`<form method="post" action="/admin/members/${m.id}" class="card" id="member-form"><input type="hidden" name="_csrf" value="${viewer.csrf}">
<div class="form-grid">
${text('姓名', 'name')}
<label>性别${select('gender', values.gender, [
    ['男', '男'],
    ['女', '女'],
  ])}</label>
${text('出生年月', 'birthMonth', '1990-05')}
<label>学历${select(
    'education',
    values.education,
    EDUCATION_LEVELS.map((l): [string, string] => [l, l]),
  )}</label>
${text('手机号码', 'phone', '13800138000')}
${text('入党时间', 'joinedPartyMonth', '2012-07')}
${text('职业', 'occupation')}${text('工作单位', 'employer')}
${text('外出时间', 'departureMonth', '2025-03')}
${text('流入地', 'destination', '广东广州')}
${branchField('流出地支部', 'homeBranchId', 'home', m.homeBranchId, branches, viewer, errors.homeBranchId)}
${branchField('流入地支部', 'hostBranchId', 'host', m.hostBranchId, branches, viewer, errors.hostBranchId)}
<label>活动证${select('certificateStatus', values.certificateStatus, pairs(CERTIFICATE_NAMES))}</label>
<label>状态${select('status', values.status, pairs(STATUS_NAMES))}</label>
</div>
<label class="field-block">家庭情况<textarea name="familyNote" rows="2">${values.familyNote ?? ''}</textarea>${errors.familyNote ? html`<span class="errors">${errors.familyNote}</span>` : ''}</label>
<p class="muted">留空的项目保持原样（不会删除已有信息）。</p>
<button>保存</button> <a href="/admin/members">返回名单</a></form>`;
}

function currentValues(m: Member): Record<string, string> {
  return {
    name: m.name,
    gender: m.gender ?? '',
    birthMonth: m.birthMonth ?? '',
    education: m.education ?? '',
    phone: m.phone ?? '',
    joinedPartyMonth: m.joinedPartyMonth ?? '',
    occupation: m.occupation ?? '',
    employer: m.employer ?? '',
    departureMonth: m.departureMonth ?? '',
    destination: formatPlace({ province: m.destProvince, city: m.destCity }),
    certificateStatus: m.certificateStatus,
    status: m.status,
    familyNote: m.familyNote ?? '',
    homeBranchId: m.homeBranchId === undefined ? '' : String(m.homeBranchId),
    hostBranchId: m.hostBranchId === undefined ? '' : String(m.hostBranchId),
  };
}

async function render(
  ctx: DashboardContext,
  deps: DashboardDeps,
  viewer: Viewer,
  m: Member,
  values: Record<string, string>,
  errors: FormErrors,
  status = 200,
): Promise<void> {
  const { store, clock, settings } = deps.services;
  const branches = await store.branches.list();
  const ids = await store.identities.listByMember(m.id);
  const total = (await store.ledger.totals([m.id])).get(m.id) ?? 0;
  const now = clock.now();
  const signs = await contactSigns(store, [m], now, settings.timezone);
  const flags = memberFlags(m, now, settings.timezone, deps.flagRules, signs);
  const saved = ctx.query.saved === '1' && !Object.keys(errors).length;
  const body = html`${saved ? html`<p class="notice">已保存。</p>` : ''}${Object.keys(errors).length ? html`<p class="notice bad">有 ${Object.keys(errors).length} 项填写有误，请修改后再保存。</p>` : ''}
<section class="card"><p>编号 ${m.id} · 累计积分 ${total} · 聊天身份：${ids.length ? ids.map((i) => `${i.platform}:${i.userId}`).join('、') : '未报到'}
${flags.map((f) => html` <span class="tag">${FLAG_NAMES[f]}</span>`)}</p>
<p class="muted">支部：${[m.homeBranchId, m.hostBranchId]
    .map((id) => branches.find((b) => b.id === id))
    .filter((b): b is Branch => !!b)
    .map((b) => `${b.name}（${KIND_NAMES[b.kind]}）`)
    .join('、')}</p></section>
${form(m, branches, viewer, values, errors)}`;
  sendHtml(ctx, status, layout(viewer, { title: `党员 · ${m.name}`, active: 'members', body }));
}

/** One member: details and the edit form. A member outside the viewer's branches is "not found", whatever the id. */
export function memberEditPage(router: Router, deps: DashboardDeps): void {
  const { store, clock, settings } = deps.services;
  const load = async (raw: string, viewer: Viewer) => {
    const m = /^\d{1,9}$/.test(raw) ? await store.members.get(Number(raw)) : undefined;
    return m && canSeeMember(viewer.scope, m) ? m : undefined;
  };
  router.get(
    '/admin/members/:id',
    page(deps, async (ctx, viewer) => {
      const m = await load(ctx.params.id, viewer);
      if (!m) return notFound(ctx, viewer, '没有这名党员，或不在你管理的支部。');
      await render(ctx, deps, viewer, m, currentValues(m), {});
    }),
  );
  router.post(
    '/admin/members/:id',
    formBody,
    page(deps, async (ctx, viewer) => {
      const m = await load(ctx.params.id, viewer);
      if (!m) return notFound(ctx, viewer, '没有这名党员，或不在你管理的支部。');
      const body = (ctx.request.body ?? {}) as Record<string, string>;
      const now = clock.now();
      const branches = new Map((await store.branches.list()).map((b) => [b.id, b]));
      const { fields, errors } = readMemberForm(body, currentValues(m), viewer.scope, {
        now,
        tz: settings.timezone,
        branches,
        member: m,
      });
      if (Object.keys(errors).length)
        return render(ctx, deps, viewer, m, { ...currentValues(m), ...body }, errors, 400);
      await store.members.update(m.id, fields, now);
      await store.audit.record(
        {
          actor: viewer.identity,
          action: 'member.update',
          subject: `member:${m.id}`,
          detail: { fields: Object.keys(fields), via: 'dashboard' },
        },
        now,
      );
      ctx.status = 303;
      ctx.redirect(`/admin/members/${m.id}?saved=1`);
    }),
  );
}
