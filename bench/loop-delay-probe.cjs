'use strict';
// Preloaded into the bot process by the ingest bench (NODE_OPTIONS=--require): on SIGUSR2 it starts a window, on the
// next SIGUSR2 it writes what held the event loop during that window — the event-loop delay histogram and the GC
// pauses — as JSON to ZB_LOOP_PROBE_OUT. Measuring inside the bot separates loop stalls from network queueing.
const fs = require('node:fs');
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

const out = process.env.ZB_LOOP_PROBE_OUT;
if (out) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let gc = { count: 0, totalMs: 0, maxMs: 0, over10: 0 };
  let open = false;
  new PerformanceObserver((list) => {
    if (!open) return;
    for (const e of list.getEntries()) {
      gc.count++;
      gc.totalMs += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      if (e.duration > 10) gc.over10++;
    }
  }).observe({ entryTypes: ['gc'] });
  // ZB_LOOP_PROBE_PROF=<file>: also a V8 CPU profile of the window alone (the drain after it would swamp --cpu-prof).
  const profOut = process.env.ZB_LOOP_PROBE_PROF;
  let session;
  if (profOut) {
    session = new (require('node:inspector').Session)();
    session.connect();
    session.post('Profiler.enable');
  }
  process.on('SIGUSR2', () => {
    if (!open) {
      if (session) session.post('Profiler.start');
      h.reset();
      h.enable();
      gc = { count: 0, totalMs: 0, maxMs: 0, over10: 0 };
      open = true;
      return;
    }
    h.disable();
    open = false;
    if (session) {
      session.post('Profiler.stop', (err, res) => {
        if (!err) fs.writeFileSync(profOut, JSON.stringify(res.profile));
      });
    }
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    const loop = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean) };
    fs.writeFileSync(
      out,
      JSON.stringify({ loop, gc: { ...gc, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs) } }),
    );
  });
}
