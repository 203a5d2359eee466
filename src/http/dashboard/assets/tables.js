// On a phone a wide table is unreadable even when it scrolls inside its card: each row becomes a small card whose
// cells carry their column's name (the CSS in dashboard.css does the layout; this only copies the header labels).
(function () {
  function labelCells(table) {
    var heads = table.tHead
      ? Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
          return th.textContent.trim();
        })
      : [];
    if (!heads.length) return;
    table.classList.add('cards');
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (tr) {
        Array.prototype.forEach.call(tr.cells, function (td, i) {
          if (!td.hasAttribute('data-label')) td.setAttribute('data-label', heads[i] || '');
        });
      });
    });
  }
  window.zhibuLabelTable = labelCells;
  Array.prototype.forEach.call(document.querySelectorAll('main table'), labelCells);
  document.documentElement.setAttribute('data-tables-ready', '');
})();
