import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import { reviewSubmission } from '../../tasks/review-submission';
import type { DashboardDeps } from './dashboard-deps';
import { html } from './html';
import { layout } from './layout';
import { notFound, page, sendHtml } from './page';
import { visibleTask } from './visible-tasks';

const formBody = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });

/** Approve or reject a flagged submission from the task page (points via src/tasks/proof.ts award/revoke). */
export function reviewRoutes(router: Router, deps: DashboardDeps): void {
  router.post(
    '/admin/submissions/:id/review',
    formBody,
    page(deps, async (ctx, viewer) => {
      const { store, clock, outbox } = deps.services;
      const body = (ctx.request.body ?? {}) as Record<string, string>;
      const submission = /^\d{1,9}$/.test(ctx.params.id)
        ? await store.submissions.get(Number(ctx.params.id))
        : undefined;
      const task = submission && (await visibleTask(store, viewer, String(submission.taskId)));
      if (!submission || !task) return notFound(ctx, viewer, '没有这条提交，或不属于你管理的支部。');
      const verdict = body.verdict === 'approve' || body.verdict === 'reject' ? body.verdict : undefined;
      const reason = String(body.reason ?? '')
        .trim()
        .slice(0, 100);
      if (!verdict || (verdict === 'reject' && !reason)) {
        const problem = verdict ? '驳回需要写明理由。' : '请选择「通过」或「驳回」。';
        return sendHtml(
          ctx,
          400,
          layout(viewer, {
            title: '无法处理',
            active: 'tasks',
            body: html`<section class="card"><p class="errors">${problem}</p><p><a href="/admin/tasks/${task.id}#review">返回任务</a></p></section>`,
          }),
        );
      }
      const now = clock.now();
      const { notice } = await reviewSubmission(store, {
        task,
        submission,
        verdict,
        reason,
        actor: viewer.identity,
        now,
        via: 'dashboard',
      });
      if (notice)
        await outbox.enqueue({ ...notice, idemKey: `dashboard-review:${submission.id}:${verdict}:${now.getTime()}` });
      ctx.status = 303;
      // From the queue, back to the same place in it: the next held proof now stands where this one stood.
      const pos = /^\d{1,4}$/.test(String(body.pos ?? '')) ? body.pos : '0';
      ctx.redirect(
        body.back === 'queue'
          ? `/admin/review?reviewed=${submission.id}&pos=${pos}`
          : `/admin/tasks/${task.id}?reviewed=${submission.id}#review`,
      );
    }),
  );
}
