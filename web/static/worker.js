// The engine's Web Worker: loads Go's wasm_exec.js and engine.wasm, then runs
// the calls the page posts, one at a time ({id, fn, args} → {id, out, ms}).
"use strict";
try {
  importScripts("wasm_exec.js");
  const go = new Go();
  WebAssembly.instantiateStreaming(fetch("engine.wasm"), go.importObject)
    .then((r) => go.run(r.instance))
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
