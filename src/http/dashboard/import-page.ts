import type Router from '@koa/router';
import { importRoster } from '../../excel/roster-import';
import { RosterFileError } from '../../excel/roster-file-error';
import { rosterTemplate } from '../../excel/roster-template';
import { attachmentHeader, workbookBuffer, XLSX_TYPE } from '../../excel/workbook';
import type { DashboardDeps } from './dashboard-deps';
import { html } from './html';
import { layout } from './layout';
import { page, sendHtml } from './page';
import { BodyTooLargeError, readRawBody } from '../raw-body';

const MAX_UPLOAD = 10 * 1024 * 1024;

/**
 * Roster import: download the template, upload a file for a dry run (every bad row and column listed in Chinese),
 * then import. import.js sends the file's bytes as the request body with the name in the query string.
 */
export function importPage(router: Router, deps: DashboardDeps): void {
  const { services } = deps;
  router.get(
    '/admin/import',
    page(deps, async (ctx, viewer) => {
      const body = html`<section class="card"><h2>第一步：下载模板</h2>
<p>按模板填写党员名单（每行一人，「姓名」必填，「流出地支部」「流入地支部」至少填一个）。也可以上传从本后台导出的党员名单：修改后再导入即可更新。</p>
<p><a class="button secondary" href="/admin/import/template.xlsx" id="template">下载导入模板（.xlsx）</a></p></section>
<section class="card"><h2>第二步：检查并导入</h2>
<p>支持 .xlsx 和 .csv 文件。先「检查」：列出每一个有问题的行和列；确认后「导入」：导入没有问题的行，有问题的行不导入。空白单元格不会清空已有信息。</p>
<form id="import-form" class="actions"><input type="file" id="roster-file" accept=".xlsx,.csv" required>
<button type="button" id="check">检查</button><button type="button" id="commit" class="secondary" disabled>导入</button></form>
<div id="import-result" aria-live="polite"></div></section>`;
      sendHtml(ctx, 200, layout(viewer, { title: '导入党员名单', active: 'import', body, scripts: ['import.js'] }));
    }),
  );

  router.get(
    '/admin/import/template.xlsx',
    page(deps, async (ctx) => {
      ctx.type = XLSX_TYPE;
      ctx.set('Content-Disposition', attachmentHeader('党员名单导入模板.xlsx'));
      ctx.body = await workbookBuffer(rosterTemplate(services.clock.now()));
    }),
  );

  router.post(
    '/admin/import/members',
    page(deps, async (ctx, viewer) => {
      const name = typeof ctx.query.name === 'string' && ctx.query.name ? ctx.query.name.slice(0, 200) : 'roster.xlsx';
      const dryRun = ctx.query.commit !== '1';
      try {
        const bytes = await readRawBody(ctx.req, MAX_UPLOAD);
        if (!bytes.length) throw new RosterFileError('没有收到文件，请先选择文件');
        const report = await importRoster(services.store, bytes, name, {
          scope: viewer.scope,
          actor: viewer.identity,
          now: services.clock.now(),
          tz: services.settings.timezone,
          dryRun,
        });
        ctx.body = report;
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          ctx.status = 413;
          ctx.body = { error: '文件太大（上限 10 MB）' };
          return;
        }
        if (!(err instanceof RosterFileError)) throw err;
        ctx.status = 400;
        ctx.body = { error: err.message };
      }
    }),
  );
}
