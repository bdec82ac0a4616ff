// mc explorer: factor controls, runs of the engine in a Web Worker at a small
// N refined while idle (doubling N), the baseline drawn beside the current run.
"use strict";
(function () {
  const { fmt, criteria, options, drawView, rankingChart } = window.mcCharts;
  const N0 = 64, NMAX = 4096; // the first chart at a small N, refined while idle
  const $ = (id) => document.getElementById(id);
  const state = { measures: [], presets: [], name: "", text: "", controls: [], held: {}, baseline: null, current: null, gen: 0, scenario: "" };
  window.mcState = state; // read by the tests

  // ---- the worker ------------------------------------------------------------
  // Started by boot.js as the page starts (see there).
  const boot = window.mcBoot || { t0: 0, early: [] };
  const worker = boot.worker || new Worker("worker.js");
  let nextId = 0, ready;
  const pending = new Map();
  const readyP = new Promise((r) => (ready = r));
  // state.times: when each step of the start happened, in ms after the page
  // started (the worker's and the page's; read by the tests).
  const since = (abs) => abs - performance.timeOrigin;
  state.times = { appStart: performance.now() };
  worker.onmessage = (e) => {
    const m = e.data;
    if (m.times) {
      for (const [k, v] of Object.entries(m.times)) state.times[k] = since(v);
      return;
    }
    if (m.ready) return ready();
    if (m.fatal) { $("status").textContent = m.fatal; $("missing").hidden = false; return; }
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.out.error) p.reject(new Error(m.out.error)); else p.resolve(m.out.ok);
  };
  for (const e of boot.early) worker.onmessage(e);
  function call(fn, ...args) {
    return readyP.then(() => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, fn, args });
    }));
  }

  // ---- settings → scenario → run -------------------------------------------
  // The page computes the bands of the chosen criterion's outputs only (its
  // total, components, phases and intensities: start.json's or mcChart's
  // criteria, from the model's metadata); a run of a subset of the outputs
  // samples the same values, so that those bands are those of a run of all
  // of them. A model that says nothing of its outputs gets all of them.
  // state.runs[key] is the latest run of the current settings for the
  // criterion whose total is key ("*": all outputs), state.bases[key] that
  // of the baseline (the preset as loaded).
  const settings = (n, outs, held) => JSON.stringify({ held, samples: n, bands: outs || state.chart.outputs });
  const holding = () => Object.keys(state.held).length > 0;
  function chosen() {
    const crits = (state.chart && state.chart.criteria) || [];
    const c = crits.find((c) => c.total === $("criterion").value) || crits[0];
    return c ? { key: c.total, outs: c.outputs } : { key: "*", outs: null };
  }
  // runAt runs at N = n the bands of outs (null: all) with the factors of
  // held held; pre, when given, is the first run of start.json (its text).
  async function runAt(n, outs, held, pre, withCriteria) {
    const ta = performance.now();
    const text = pre ? pre.text : await call("mcApply", state.name, state.text, settings(n, outs, held));
    const applyMs = performance.now() - ta;
    const t0 = performance.now();
    const res = await call("mcRun", state.name, text, withCriteria);
    res.ms = performance.now() - t0;
    res.applyMs = applyMs;
    res.scenario = text;
    return res;
  }
  // show draws the runs of criterion key.
  function show(key) {
    state.current = state.runs[key];
    state.baseline = state.bases[key] || state.current;
    state.scenario = state.current.scenario;
    draw();
  }
  // refine computes the chosen criterion at N0 (settingsChanged: the runs of
  // other settings are dropped), then doubles N while nothing changes; with
  // held factors, the baseline of the criterion is refined alongside when
  // it is not yet. Then it ranks the levers.
  async function refine(settingsChanged) {
    const gen = ++state.gen;
    if (settingsChanged) state.runs = {};
    const { key, outs } = chosen();
    const held = holding();
    if (!held && !state.runs[key] && state.bases[key]) state.runs[key] = state.bases[key];
    const have = state.runs[key];
    if (have) show(key);
    for (let n = have && !have.native ? have.n * 2 : N0; n <= NMAX; n *= 2) {
      let res;
      try {
        const b = state.bases[key];
        if (held && (!b || b.n < n || b.native)) {
          const r = await runAt(n, outs, {}, null, !b);
          if (gen !== state.gen) return;
          if (b) r.criteria = b.criteria;
          state.bases[key] = r;
        }
        const prev = state.runs[key];
        const pre = n === N0 && !held && state.first && state.first.key === key ? state.first : null;
        res = await runAt(n, outs, state.held, pre, !(prev && prev.criteria));
        if (gen !== state.gen) return; // settings changed: a newer refine runs
        if (prev && !res.criteria) res.criteria = prev.criteria;
        if (pre && prev && prev.native) state.firstPair = { native: prev, wasm: res };
      } catch (e) {
        $("status").textContent = "error: " + e.message;
        return;
      }
      (state.steps = state.steps || []).push({ n: res.n, ms: res.ms, goMs: res.seconds * 1000, applyMs: res.applyMs, key });
      state.runs[key] = res;
      if (!held) state.bases[key] = res;
      show(key);
      $("nstat").textContent = `N = ${res.n} (${res.ms.toFixed(0)} ms, ${Math.round(res.n / (res.ms / 1000)).toLocaleString()} samples/s)` + (n * 2 <= NMAX ? ", refining…" : "");
      if (state.times.engineChart == null) state.times.engineChart = performance.now();
      if (state.firstChartMs == null) state.firstChartMs = state.times.firstChart = state.times.engineChart;
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
        res = await call("mcRun", state.name, text, false);
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
    const svg = rankingChart(r.rows, 760);
    const cap = Object.assign(document.createElement("p"), { className: "caption",
      textContent: `Lever ranking of ${r.output} over the years, N = ${r.n}: bars ST (total index) with its 95 % interval (grey: interval includes 0, noise), dark ticks S1 (first order).` });
    $("ranking").replaceChildren(svg, cap);
  }

  // ---- controls --------------------------------------------------------------
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
        refine(true);
      });
      val.addEventListener("dblclick", () => { delete state.held[c.name]; val.textContent = "uncertain"; row.classList.remove("held"); refine(true); });
      row.append(name, slider, val);
      box.append(row);
    }
  }
  // showHeld shows on a factor's row that it is held at v (slider at the
  // nearest of its 1–99 % quantiles), or uncertain (v undefined).
  function showHeld(name, v) {
    const row = document.querySelector(`.factor[data-factor="${name}"]`);
    const c = state.controls.find((c) => c.name === name);
    if (!row || !c) return;
    row.classList.toggle("held", v !== undefined);
    row.querySelector(".val").textContent = v === undefined ? (c.fixed ? fmt(c.value) : "uncertain") : fmt(v);
    if (v !== undefined && c.q && c.q.length === 99) {
      let best = 0;
      c.q.forEach((q, i) => { if (Math.abs(q - v) < Math.abs(c.q[best] - v)) best = i; });
      row.querySelector("input").value = best + 1;
    }
  }
  // A measure variant holds its levers (those of this scenario) at the
  // variant's values; the baseline (the preset as loaded) stays drawn.
  function applyMeasure(name) {
    for (const f of Object.keys(state.held)) showHeld(f, undefined);
    state.held = {};
    state.measure = name || null;
    const m = state.measures.find((m) => m.name === name);
    if (m) {
      for (const [f, v] of Object.entries(m.levers)) {
        // Levers fixed in the preset too (ai-global-base holds them at their
        // no-measure end): the preset and the measure is then the variant itself.
        if (state.controls.some((c) => c.name === f)) { state.held[f] = v; showHeld(f, v); }
      }
      if (!Object.keys(state.held).length) $("status").textContent = `measure ${name}: none of its levers is in ${state.name}`;
    }
    refine(true);
  }
  // load starts from a scenario; pre, when given, is start.json: its
  // controls, chart outputs and criteria, and its first chart, computed
  // natively with the same engine, N and seed as the page's first run,
  // drawn at once and replaced by the page's own run when that is done.
  async function load(name, text, pre) {
    state.gen++; // stops the runs of the previous scenario
    Object.assign(state, { name, text, held: {}, baseline: null, current: null, measure: null, runs: {}, bases: {}, ranking: null, first: null });
    $("measure").value = "";
    drawRanking();
    state.controls = pre ? pre.controls : await call("mcControls", name, text);
    state.chart = pre ? { outputs: pre.outputs, criteria: pre.criteria } : await call("mcChart", name, text);
    state.chart.criteria = state.chart.criteria || [];
    options($("criterion"), state.chart.criteria.map((c) => [c.total, c.key]));
    const { key } = chosen();
    if (pre && pre.first && pre.first.result && key === state.chart.criteria[0].total) {
      state.first = { n: pre.first.n, text: pre.first.text, key };
      const r = Object.assign(pre.first.result, { scenario: pre.first.text, ms: 0 });
      state.runs[key] = state.bases[key] = r;
      show(key);
      $("nstat").textContent = `N = ${r.n} (computed by mc web; the engine of the page is starting…)`;
      if (state.firstChartMs == null) state.firstChartMs = state.times.firstChart = performance.now();
    }
    drawControls();
    if (!state.times.controls) state.times.controls = performance.now();
    await refine(true);
  }

  // ---- charts ----------------------------------------------------------------
  // The live explorer's view (charts.js): the current run beside the baseline.
  const live = () => state.current && ({
    cur: state.current, base: state.baseline, name: state.name,
    crits: state.chart.criteria.length ? state.chart.criteria : criteria(state.current),
    el: { criterion: $("criterion"), component: $("component"), year: $("year"), intensity: $("intensity"), fan: $("fan") },
  });
  const draw = (v = live()) => drawView(v);

  // ---- buttons -----------------------------------------------------------------
  // A new criterion is computed (its outputs only), unless it was already.
  $("criterion").addEventListener("change", () => { $("component").value = "total"; refine(false); });
  for (const id of ["component", "year", "intensity", "absolute"]) $(id).addEventListener("change", () => draw());
  $("reset").addEventListener("click", () => load(state.name, state.text));
  $("measure").addEventListener("change", () => applyMeasure($("measure").value));
  $("preset").addEventListener("change", () => {
    const p = state.presets.find((p) => p.name === $("preset").value);
    load(p.name, p.text);
  });
  $("download").addEventListener("click", () => {
    const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([state.scenario], { type: "text/yaml" })), download: "scenario.yaml" });
    document.body.append(a); a.click(); a.remove();
  });
  // Result folders (opened.js) are read by this page's engine.
  mcOpened(call);

  // ---- start ------------------------------------------------------------------
  // start.json (made natively by mc web) holds the presets, the measure
  // variants and the initial scenario's controls: they are drawn while the
  // engine compiles, and the engine's first call is the first run.
  (async () => {
    const st = await (boot.start || fetch("start.json").then((r) => r.json()));
    state.times.start = performance.now();
    state.presets = st.presets || [];
    state.measures = st.measures || [];
    if (!state.presets.some((p) => p.name === st.name)) state.presets.push({ name: st.name, text: st.text });
    $("preset").replaceChildren(...state.presets.map((p) => Object.assign(document.createElement("option"), { value: p.name, textContent: p.name })));
    $("measure").append(...state.measures.map((m) => Object.assign(document.createElement("option"), { value: m.name, textContent: m.name })));
    $("preset").value = st.name;
    $("status").textContent = "running…";
    await load(st.name, st.text, st);
  })();
})();
