/* Pages with charts: draw every chart described in the server's JSON block (#chart-data). */
(function () {
  'use strict';
  window.zhibuCharts.drawAll(window.zhibuCharts.data('chart-data'));
})();
