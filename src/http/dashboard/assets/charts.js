/* Shared chart drawing for dashboard pages: ECharts (served from /admin/assets), no animation, canvas renderer. */
(function () {
  'use strict';
  var COLORS = ['#b3121f', '#e0585f', '#f29e8e', '#d9a441', '#5b7083', '#8c6d62', '#9aa5b1', '#3f8f6b', '#c9ced6'];
  var FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

  function empty(spec) {
    return (
      !spec.data.length ||
      spec.data.every(function (d) {
        return !d.value;
      })
    );
  }

  function base() {
    return { color: COLORS, animation: false, textStyle: { fontFamily: FONT }, tooltip: { trigger: 'item' } };
  }

  function pie(spec) {
    return Object.assign(base(), {
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '45%'],
          data: spec.data.filter(function (d) {
            return d.value > 0;
          }),
          label: { formatter: '{b}\n{c}' + (spec.unit || '人') + ' ({d}%)' },
        },
      ],
    });
  }

  function bar(spec) {
    return Object.assign(base(), {
      grid: { left: 40, right: 16, top: 24, bottom: 40 },
      xAxis: {
        type: 'category',
        data: spec.data.map(function (d) {
          return d.name;
        }),
        axisLabel: { interval: 0, rotate: spec.data.length > 5 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: spec.data.map(function (d) {
            return d.value;
          }),
          label: { show: true, position: 'top' },
          barMaxWidth: 40,
        },
      ],
    });
  }

  function hbar(spec) {
    var data = spec.data.slice().reverse();
    return Object.assign(base(), {
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      yAxis: {
        type: 'category',
        data: data.map(function (d) {
          return d.name;
        }),
      },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: data.map(function (d) {
            return d.value;
          }),
          label: { show: true, position: 'right' },
          barMaxWidth: 24,
        },
      ],
    });
  }

  function line(spec) {
    return Object.assign(base(), {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 40 },
      xAxis: {
        type: 'category',
        data: spec.data.map(function (d) {
          return d.name;
        }),
      },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'line',
          smooth: true,
          areaStyle: { opacity: 0.15 },
          data: spec.data.map(function (d) {
            return d.value;
          }),
          label: { show: true },
        },
      ],
    });
  }

  var KINDS = { pie: pie, bar: bar, hbar: hbar, line: line };

  function draw(el, spec, onFinished) {
    if (spec.kind === 'hbar') el.style.height = Math.max(240, spec.data.length * 30 + 40) + 'px';
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    // Before setOption: without animation the first render may finish within the call.
    if (onFinished) chart.on('finished', onFinished);
    chart.setOption(
      empty(spec)
        ? Object.assign(base(), {
            title: { text: '暂无数据', left: 'center', top: 'middle', textStyle: { color: '#999', fontSize: 14 } },
          })
        : KINDS[spec.kind](spec),
    );
    return chart;
  }

  /** Draws every spec into #chart-<id>; marks <html data-charts-ready> once all have rendered (tests and benchmarks wait for it). */
  function drawAll(specs) {
    var left = specs.length;
    var charts = specs.map(function (spec) {
      var seen = false;
      return draw(document.getElementById('chart-' + spec.id), spec, function () {
        if (seen) return;
        seen = true;
        left -= 1;
        if (left === 0)
          document.documentElement.setAttribute('data-charts-ready', String(Math.round(performance.now())));
      });
    });
    window.addEventListener('resize', function () {
      charts.forEach(function (c) {
        c.resize();
      });
    });
    return charts;
  }

  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  window.zhibuCharts = { draw: draw, drawAll: drawAll, data: data };
})();
