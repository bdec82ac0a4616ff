// Starts the engine's Web Worker as the page starts, before the charting
// library is parsed, so that fetching and compiling the 30 MB WebAssembly
// engine overlaps everything else, and fetches start.json (the controls and
// the first chart) meanwhile. Messages that arrive before app.js takes over
// are kept.
"use strict";
window.mcBoot = { t0: performance.now(), early: [] };
try {
  window.mcBoot.worker = new Worker("worker.js");
  window.mcBoot.worker.onmessage = (e) => window.mcBoot.early.push(e);
} catch (e) {
  window.mcBoot.error = e;
}
window.mcBoot.start = fetch("start.json").then((r) => r.json());
