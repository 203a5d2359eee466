// Keyboard review for a secretary going through many held proofs: j/k move, a approves, r rejects after a reason.
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll('.review-item'));
  var queue = document.getElementById('review-queue');
  if (!items.length || !queue) return;
  var current = Math.min(Number(queue.getAttribute('data-start')) || 0, items.length - 1);

  function select(i, keepFocus) {
    if (i < 0 || i >= items.length) return;
    items[current].classList.remove('current');
    current = i;
    items[current].classList.add('current');
    if (!keepFocus) items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: 'nearest' });
  }

  function button(kind) {
    return items[current].querySelector('button.' + kind);
  }

  items.forEach(function (item, i) {
    // A click marks the item current; a click on its form keeps the focus where the form put it (the reason box).
    item.addEventListener('click', function (e) {
      if (i !== current) select(i, Boolean(e.target.closest && e.target.closest('form')));
    });
    var reason = item.querySelector('input[name=reason]');
    // A rejection needs its reason: an empty one asks for it here instead of failing on the server.
    item.querySelector('button.reject').addEventListener('click', function (e) {
      if (reason.value.trim()) return;
      e.preventDefault();
      item.setAttribute('data-rejecting', '1');
      reason.focus();
    });
    // Enter in the reason box rejects once r was pressed; otherwise the browser's default (the first button) applies.
    reason.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && item.getAttribute('data-rejecting') === '1') {
        e.preventDefault();
        item.querySelector('button.reject').click();
      } else if (e.key === 'Escape') {
        item.removeAttribute('data-rejecting');
        reason.blur();
        item.focus();
      }
    });
  });

  document.addEventListener('keydown', function (e) {
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') select(current + 1);
    else if (e.key === 'k') select(current - 1);
    else if (e.key === 'a') button('approve').click();
    else if (e.key === 'r') {
      e.preventDefault();
      items[current].setAttribute('data-rejecting', '1');
      items[current].querySelector('input[name=reason]').focus();
    } else return;
  });

  select(current);
  document.documentElement.setAttribute('data-review-ready', '');
})();
