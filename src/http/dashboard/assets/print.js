// The print button of a printable page (scripts come from files: the page's CSP allows no inline script).
document.querySelectorAll('[data-print]').forEach((button) => button.addEventListener('click', () => window.print()));
