// The engine's Web Worker: loads Go's wasm_exec.js and engine.wasm, then runs
// the calls the page posts, one at a time ({id, fn, args} → {id, out, ms}).
// The engine is compiled while it streams in (compileStreaming; the server
// sends it gzip-compressed with Content-Encoding: gzip, which the browser
// decompresses natively), and the times of each step are posted for the page
// (timeOrigin-based, comparable with the page's).
"use strict";
const at = () => performance.timeOrigin + performance.now();
const times = { workerStart: at() };
try {
  importScripts("wasm_exec.js");
  const go = new Go();
  times.fetchStart = at();
  WebAssembly.compileStreaming(fetch("engine.wasm"))
    .then((mod) => {
      times.compiled = at();
      return WebAssembly.instantiate(mod, go.importObject);
    })
    .then((inst) => {
      times.instantiated = at();
      go.run(inst); // main registers the functions, posts {ready}, then waits
      times.ready = at();
      postMessage({ times });
    })
    .catch((e) => postMessage({ fatal: "could not load engine.wasm: " + e }));
} catch (e) {
  postMessage({ fatal: "could not load the engine (wasm_exec.js): " + e });
}
onmessage = (e) => {
  const { id, fn, args } = e.data;
  const t0 = performance.now();
  let out;
  try {
    out = JSON.parse(self[fn](...args));
  } catch (err) {
    out = { error: String(err) };
  }
  postMessage({ id, out, ms: performance.now() - t0 });
};
