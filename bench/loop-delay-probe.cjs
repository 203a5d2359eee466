'use strict';
// Preloaded into the bot process by the ingest bench (NODE_OPTIONS=--require): on SIGUSR2 it starts a window, on the
// next SIGUSR2 it writes what held the event loop during that window — the event-loop delay histogram and the GC
// pauses — as JSON to ZB_LOOP_PROBE_OUT. Measuring inside the bot separates loop stalls from network queueing.
const fs = require('node:fs');
const { createHistogram, monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

const out = process.env.ZB_LOOP_PROBE_OUT;
if (out) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let gc = { count: 0, totalMs: 0, maxMs: 0, over10: 0 };
  // Pauses by kind (perf_hooks constants: 1 minor/scavenge, 4 major/mark-compact, 8 incremental, 16 weak callbacks).
  let kinds = {};
  let open = false;
  new PerformanceObserver((list) => {
    if (!open) return;
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      if (e.duration > 10) gc.over10++;
      const k = (kinds[e.detail?.kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      k.count++;
      k.totalMs += e.duration;
      k.maxMs = Math.max(k.maxMs, e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  // How long each HTTP request took inside the bot, from its parsed headers to the last byte of the answer handed to
  // the kernel: the client's figure minus the time in socket queues and in the client itself.
  const served = createHistogram();
  const emit = require('node:http').Server.prototype.emit;
  require('node:http').Server.prototype.emit = function (event, req, res) {
    if (event === 'request' && open) {
      const t = process.hrtime.bigint();
      res.once('finish', () => served.record(Math.max(1, Number((process.hrtime.bigint() - t) / 1000n))));
    }
    return emit.apply(this, arguments);
  };
  // ZB_LOOP_PROBE_PROF=<file>: also a V8 CPU profile of the window alone (the drain after it would swamp --cpu-prof).
  const profOut = process.env.ZB_LOOP_PROBE_PROF;
  // ZB_LOOP_PROBE_HEAP=<file>: a sampling heap profile of the window (what was allocated, by function).
  const heapOut = process.env.ZB_LOOP_PROBE_HEAP;
  let session;
  if (profOut || heapOut) {
    session = new (require('node:inspector').Session)();
    session.connect();
    if (profOut) session.post('Profiler.enable');
  }
  process.on('SIGUSR2', () => {
    if (!open) {
      if (profOut) session.post('Profiler.start');
      if (heapOut)
        session.post('HeapProfiler.startSampling', {
          samplingInterval: 8192,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        });
      h.reset();
      h.enable();
      served.reset();
      gc = { count: 0, totalMs: 0, maxMs: 0, over10: 0 };
      kinds = {};
      open = true;
      return;
    }
    h.disable();
    open = false;
    if (heapOut) {
      session.post('HeapProfiler.stopSampling', (err, res) => {
        if (!err) fs.writeFileSync(heapOut, JSON.stringify(res.profile));
      });
    }
    if (profOut) {
      session.post('Profiler.stop', (err, res) => {
        if (!err) fs.writeFileSync(profOut, JSON.stringify(res.profile));
      });
    }
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const loop = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean) };
    const us = (n) => Math.round(n / 10) / 100;
    const request = { p50: us(served.percentile(50)), p99: us(served.percentile(99)), max: us(served.max) };
    fs.writeFileSync(
      out,
      JSON.stringify({
        loop,
        request,
        gc: { ...gc, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs) },
        kinds,
      }),
    );
  });
}
