/* Roster import: send the chosen file's bytes for a dry run, show every problem, then import on confirmation. */
(function () {
  'use strict';
  var csrf = document.body.getAttribute('data-csrf');
  var input = document.getElementById('roster-file');
  var checkBtn = document.getElementById('check');
  var commitBtn = document.getElementById('commit');
  var out = document.getElementById('import-result');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function summary(r) {
    var verb = r.dryRun ? '可导入' : '已导入';
    return (
      '「' +
      r.fileName +
      '」共 ' +
      r.rows +
      ' 行：' +
      verb +
      ' ' +
      (r.created + r.updated) +
      ' 行（新增 ' +
      r.created +
      '，更新 ' +
      r.updated +
      '），有问题 ' +
      r.badRows +
      ' 行' +
      (r.badRows && !r.dryRun ? '（未导入）' : '') +
      '。'
    );
  }

  function show(r) {
    out.textContent = '';
    out.appendChild(el('p', summary(r), r.badRows ? 'notice bad' : 'notice'));
    out.setAttribute('data-state', r.dryRun ? 'checked' : 'imported');
    if (r.ignoredColumns.length)
      out.appendChild(el('p', '未识别的列（已忽略）：' + r.ignoredColumns.join('、'), 'muted'));
    if (!r.errors.length) return;
    var wrap = el('div', undefined, 'table-wrap');
    var table = el('table');
    table.id = 'import-errors';
    var head = el('tr');
    ['行', '列', '填写内容', '问题'].forEach(function (h) {
      head.appendChild(el('th', h));
    });
    table.appendChild(head);
    r.errors.forEach(function (e) {
      var tr = el('tr');
      tr.appendChild(el('td', '第 ' + e.row + ' 行'));
      tr.appendChild(el('td', e.column));
      tr.appendChild(el('td', e.value));
      tr.appendChild(el('td', e.message, 'wrap'));
      table.appendChild(tr);
    });
    wrap.appendChild(table);
    out.appendChild(wrap);
  }

  function send(commit) {
    var file = input.files && input.files[0];
    if (!file) {
      out.textContent = '请先选择文件。';
      return;
    }
    checkBtn.disabled = true;
    commitBtn.disabled = true;
    out.textContent = commit ? '正在导入…' : '正在检查…';
    fetch('/admin/import/members?name=' + encodeURIComponent(file.name) + (commit ? '&commit=1' : ''), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' },
      body: file,
    })
      .then(function (res) {
        return res.json().then(function (body) {
          return { ok: res.ok, body: body };
        });
      })
      .then(function (r) {
        if (!r.ok) {
          out.textContent = '';
          out.appendChild(el('p', r.body.error || '出错了，请重试', 'notice bad'));
          return;
        }
        show(r.body);
        commitBtn.disabled = !r.body.dryRun || r.body.created + r.body.updated === 0;
      })
      .catch(function () {
        out.textContent = '网络错误，请重试。';
      })
      .then(function () {
        checkBtn.disabled = false;
      });
  }

  input.addEventListener('change', function () {
    commitBtn.disabled = true;
    out.textContent = '';
  });
  checkBtn.addEventListener('click', function () {
    send(false);
  });
  commitBtn.addEventListener('click', function () {
    send(true);
  });
})();
