// mc explorer: factor controls, runs of the engine in a Web Worker at a small
// N refined while idle (doubling N), the baseline drawn beside the current run.
"use strict";
(function () {
  const N0 = 256, NMAX = 4096;
  const $ = (id) => document.getElementById(id);
  const state = { presets: [], name: "", text: "", controls: [], held: {}, baseline: null, current: null, gen: 0, scenario: "" };
  window.mcState = state; // read by the tests

  // ---- the worker ------------------------------------------------------------
  const worker = new Worker("worker.js");
  let nextId = 0, ready;
  const pending = new Map();
  const readyP = new Promise((r) => (ready = r));
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.ready) return ready();
    if (m.fatal) { $("status").textContent = m.fatal; $("missing").hidden = false; return; }
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.out.error) p.reject(new Error(m.out.error)); else p.resolve(m.out.ok);
  };
  function call(fn, ...args) {
    return readyP.then(() => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, fn, args });
    }));
  }

  // ---- settings → scenario → run -------------------------------------------
  const settings = (n) => JSON.stringify({ held: state.held, samples: n, bands: ["*_total", "*_per_*"] });
  async function runAt(n) {
    const text = await call("mcApply", state.name, state.text, settings(n));
    const t0 = performance.now();
    const res = await call("mcRun", state.name, text);
    res.ms = performance.now() - t0;
    res.scenario = text;
    return res;
  }
  // refresh recomputes at N0, then doubles N while nothing changes.
  async function refresh() {
    const gen = ++state.gen;
    for (let n = N0; n <= NMAX; n *= 2) {
      let res;
      try {
        res = await runAt(n);
      } catch (e) {
        $("status").textContent = "error: " + e.message;
        return;
      }
      if (gen !== state.gen) return; // settings changed: a newer refresh runs
      (state.steps = state.steps || []).push({ n: res.n, ms: res.ms });
      if (!state.baseline) state.baseline = res;
      if (state.firstChartMs == null) state.firstChartMs = performance.now();
      state.current = res;
      state.scenario = res.scenario;
      $("nstat").textContent = `N = ${res.n} (${res.ms.toFixed(0)} ms, ${Math.round(res.n / (res.ms / 1000)).toLocaleString()} samples/s)` + (n * 2 <= NMAX ? ", refining…" : "");
      draw();
      await new Promise((r) => setTimeout(r, 0));
    }
    state.idle = gen;
    await rank(gen);
  }
  // rank computes the lever ranking (Sobol' indices by group of the chosen
  // criterion, over the years) in the background, doubling N while idle.
  async function rank(gen) {
    const o = $("criterion").value;
    for (let n = 256; n <= 1024; n *= 2) {
      $("status").textContent = `ranking the levers of ${o} (N = ${n})…`;
      let res;
      try {
        const text = await call("mcApply", state.name, state.text, JSON.stringify({ held: state.held, samples: n, bands: [o], method: "sobol", indices: [o] }));
        res = await call("mcRun", state.name, text);
      } catch (e) {
        $("status").textContent = "ranking: " + e.message;
        return;
      }
      if (gen !== state.gen || o !== $("criterion").value) return;
      state.ranking = { output: o, n: res.n, rows: res.ranking || [] };
      drawRanking();
    }
    $("status").textContent = "ready";
    state.ranked = gen;
  }
  function drawRanking() {
    const r = state.ranking;
    if (!r || !r.rows.length) { $("ranking").replaceChildren(); return; }
    const rows = r.rows.slice().sort((a, b) => b.ST - a.ST);
    const noise = (lo) => !(lo > 0);
    const svg = Plot.plot({
      width: 760, height: 40 + 22 * rows.length, marginLeft: 130, style: { background: "white", fontSize: "12px" },
      x: { label: "Sobol' index →", grid: true, domain: [Math.min(0, d3.min(rows, (d) => d.STLo)), Math.max(1, d3.max(rows, (d) => d.STHi))] },
      y: { label: null, domain: rows.map((d) => d.Name) },
      marks: [
        Plot.barX(rows, { y: "Name", x: "ST", fill: (d) => (noise(d.STLo) ? "#d0d3d8" : "#f28e2b"), insetTop: 3, insetBottom: 3 }),
        Plot.ruleY(rows, { y: "Name", x1: "STLo", x2: "STHi", stroke: "#222" }),
        Plot.tickX(rows, { y: "Name", x: "S1", stroke: "#1f3b63", strokeWidth: 3 }),
        Plot.ruleX([0]),
      ],
    });
    const cap = Object.assign(document.createElement("p"), { className: "caption",
      textContent: `Lever ranking of ${r.output} over the years, N = ${r.n}: bars ST (total index) with its 95 % interval (grey: interval includes 0, noise), dark ticks S1 (first order).` });
    $("ranking").replaceChildren(svg, cap);
  }

  // ---- controls --------------------------------------------------------------
  const fmt = (v) => { const a = Math.abs(v); return a !== 0 && (a >= 1e6 || a < 1e-3) ? d3.format(".3~e")(v) : d3.format(",.4~r")(v); };
  // The slider holds a factor at its p % quantile, p = 1 … 99.
  const quantileValue = (c, pct) => (c.q && c.q.length === 99 ? c.q[pct - 1] : c.p50);
  function drawControls() {
    const box = $("factors");
    box.replaceChildren();
    let group = null;
    for (const c of state.controls) {
      if (c.group !== group) {
        group = c.group;
        box.append(Object.assign(document.createElement("h3"), { textContent: group || "other factors" }));
      }
      const row = document.createElement("div");
      row.className = "factor";
      row.dataset.factor = c.name;
      row.title = `${c.description || ""}\n${c.dist} ${c.unit || ""}`;
      const name = Object.assign(document.createElement("span"), { className: "name", textContent: c.name });
      const slider = Object.assign(document.createElement("input"), { type: "range", min: 1, max: 99, step: 1, value: 50, disabled: c.fixed });
      const val = Object.assign(document.createElement("span"), { className: "val", textContent: c.fixed ? fmt(c.value) : "uncertain", title: "double-click: uncertain again" });
      slider.addEventListener("input", () => {
        const v = quantileValue(c, +slider.value);
        state.held[c.name] = v;
        val.textContent = fmt(v);
        row.classList.add("held");
        refresh();
      });
      val.addEventListener("dblclick", () => { delete state.held[c.name]; val.textContent = "uncertain"; row.classList.remove("held"); refresh(); });
      row.append(name, slider, val);
      box.append(row);
    }
  }
  async function load(name, text) {
    state.name = name; state.text = text; state.held = {}; state.baseline = null; state.current = null;
    state.controls = await call("mcControls", name, text);
    drawControls();
    await refresh();
  }

  // ---- charts ----------------------------------------------------------------
  function series(res, output, k) {
    return res.bands.filter((b) => b.Output === output && b.Year != null)
      .map((b) => ({ year: b.Year, q5: b.Q5 * k, q25: b.Q25 * k, q50: b.Q50 * k, q75: b.Q75 * k, q95: b.Q95 * k }));
  }
  // fan draws output o of the current run beside the baseline, in the baseline's unit.
  function fan(o, width, height) {
    const cur = state.current, base = state.baseline;
    const sc = base.scales[o] || cur.scales[o];
    const c = series(cur, o, sc.factor), b = series(base, o, sc.factor);
    return Plot.plot({
      width, height, marginLeft: 60, style: { background: "white", fontSize: "12px" },
      x: { label: null, tickFormat: "d" }, y: { label: `↑ ${o} (${sc.unit})`, grid: true },
      marks: [
        Plot.areaY(b, { x: "year", y1: "q5", y2: "q95", fill: "#999", fillOpacity: 0.15 }),
        Plot.lineY(b, { x: "year", y: "q50", stroke: "#555", strokeDasharray: "5 3", strokeWidth: 1.5 }),
        Plot.areaY(c, { x: "year", y1: "q5", y2: "q95", fill: "#4e79a7", fillOpacity: 0.2 }),
        Plot.areaY(c, { x: "year", y1: "q25", y2: "q75", fill: "#4e79a7", fillOpacity: 0.4 }),
        Plot.lineY(c, { x: "year", y: "q50", stroke: "#4e79a7", strokeWidth: 2 }),
        Plot.ruleY([0]),
      ],
    });
  }
  // draw shows the chosen criterion total and, beside it, its intensities
  // (outputs X_…_per_…): the energy per unit of service can fall while the total rises.
  function draw() {
    const cur = state.current;
    if (!cur) return;
    const all = [...new Set(cur.bands.map((b) => b.Output))];
    const totals = all.filter((o) => o.endsWith("_total"));
    const outs = totals.length ? totals : all;
    const sel = $("criterion");
    if (sel.options.length !== outs.length) {
      const keep = sel.value;
      sel.replaceChildren(...outs.map((o) => Object.assign(document.createElement("option"), { value: o, textContent: o })));
      if (outs.includes(keep)) sel.value = keep;
    }
    const o = sel.value || outs[0];
    const key = o.replace(/_total$/, "");
    const intens = all.filter((x) => x !== o && x.startsWith(key + "_") && x.includes("_per_"));
    const main = Object.assign(document.createElement("div"), { className: "main" });
    main.append(fan(o, intens.length ? 430 : 760, 360));
    const row = Object.assign(document.createElement("div"), { className: "fans" });
    row.append(main);
    for (const x of intens) {
      const d = Object.assign(document.createElement("div"), { className: "intensity" });
      d.append(fan(x, 360, 360));
      row.append(d);
    }
    const cap = Object.assign(document.createElement("p"), { className: "caption",
      textContent: `blue: the current settings (median, 50 % and 90 % bands); grey: the baseline ${state.name} (dashed median, 90 % band)` +
        (intens.length ? "; right: intensity (per unit) beside the absolute total" : "") });
    $("fan").replaceChildren(row, cap);
  }

  // ---- buttons -----------------------------------------------------------------
  $("criterion").addEventListener("change", () => { draw(); if (state.idle === state.gen) rank(state.gen); });
  $("reset").addEventListener("click", () => load(state.name, state.text));
  $("preset").addEventListener("change", () => {
    const p = state.presets.find((p) => p.name === $("preset").value);
    load(p.name, p.text);
  });
  $("download").addEventListener("click", () => {
    const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([state.scenario], { type: "text/yaml" })), download: "scenario.yaml" });
    document.body.append(a); a.click(); a.remove();
  });
  const openResults = async (e) => {
    const f = [...e.target.files].find((f) => f.name === "bands.parquet");
    if (!f) { $("status").textContent = "no bands.parquet in the chosen folder"; return; }
    $("status").textContent = "reading " + f.name + "…";
    let doc;
    try {
      doc = await call("mcOpenBands", new Uint8Array(await f.arrayBuffer()));
    } catch (err) {
      $("status").textContent = "could not read " + f.name + ": " + err.message;
      return;
    }
    $("status").textContent = "opened " + (f.webkitRelativePath || f.name);
    const box = $("opened");
    box.replaceChildren(Object.assign(document.createElement("h3"), { textContent: `${f.webkitRelativePath || f.name}: ${doc.title}` }));
    for (const c of doc.criteria || []) {
      const p = c.total.pts.filter((p) => p.year != null);
      box.append(Plot.plot({ width: 370, height: 220, marginLeft: 50, style: { background: "white" }, x: { label: null, tickFormat: "d" },
        y: { label: `↑ ${c.total.output} (${c.total.unit})`, grid: true },
        marks: [Plot.areaY(p, { x: "year", y1: "q5", y2: "q95", fill: "#59a14f", fillOpacity: 0.2 }), Plot.areaY(p, { x: "year", y1: "q25", y2: "q75", fill: "#59a14f", fillOpacity: 0.4 }),
          Plot.lineY(p, { x: "year", y: "q50", stroke: "#59a14f", strokeWidth: 2 })] }));
    }
  };
  $("open").addEventListener("change", openResults);
  $("openfile").addEventListener("change", openResults);

  // ---- start -------------------------------------------------------------------
  (async () => {
    state.presets = await call("mcPresets");
    $("preset").replaceChildren(...state.presets.map((p) => Object.assign(document.createElement("option"), { value: p.name, textContent: p.name })));
    // The default scenario of mc run (ai-global), else the first preset.
    const def = state.presets.find((p) => p.name === "ai-global" || p.name === "ai-global.yaml") || state.presets[0];
    let name = def.name, text = def.text;
    const init = await fetch("initial.yaml").catch(() => null);
    if (init && init.ok) {
      text = await init.text();
      name = (await (await fetch("initial.name")).text()) || "initial.yaml";
      $("preset").append(Object.assign(document.createElement("option"), { value: name, textContent: name }));
      state.presets.push({ name, text });
    }
    $("preset").value = name;
    $("status").textContent = "running…";
    await load(name, text);
  })();
})();
