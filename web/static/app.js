// mc explorer: factor controls, runs of the engine in a Web Worker at a small
// N refined while idle (doubling N), the baseline drawn beside the current run.
"use strict";
(function () {
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
  // A view is what the charts draw: a run (cur) with its bands, units and
  // criteria, the baseline beside it (base; none for an opened result
  // folder), the criteria of the selector, and its elements (selectors, fan).
  // The live explorer and an opened result folder are two views.
  const live = () => state.current && ({
    cur: state.current, base: state.baseline, name: state.name,
    crits: state.chart.criteria.length ? state.chart.criteria : criteria(state.current),
    el: { criterion: $("criterion"), component: $("component"), year: $("year"), intensity: $("intensity"), fan: $("fan") },
  });
  function series(res, output, k) {
    return res.bands.filter((b) => b.Output === output && b.Year != null)
      .map((b) => ({ year: b.Year, q5: b.Q5 * k, q25: b.Q25 * k, q50: b.Q50 * k, q75: b.Q75 * k, q95: b.Q95 * k }));
  }
  const scaleOf = (v, o) => (v.base && v.base.scales[o]) || v.cur.scales[o] || { factor: 1, unit: "" };
  const label = (c, o) => (o === c.total ? "total" : o.startsWith(c.key + "_") ? o.slice(c.key.length + 1).replace(/^manuf$/, "manufacturing") : o);
  // fan draws output o of the view's run beside its baseline, in the baseline's unit.
  function fan(v, o, width, height) {
    const sc = scaleOf(v, o);
    const c = series(v.cur, o, sc.factor), b = v.base ? series(v.base, o, sc.factor) : [];
    const marks = v.base ? [
      Plot.areaY(b, { x: "year", y1: "q5", y2: "q95", fill: "#999", fillOpacity: 0.15 }),
      Plot.lineY(b, { x: "year", y: "q50", stroke: "#555", strokeDasharray: "5 3", strokeWidth: 1.5 }),
    ] : [];
    return Plot.plot({
      width, height, marginLeft: 60, style: { background: "white", fontSize: "12px" },
      x: { label: null, tickFormat: "d", ticks: 6 }, y: { label: `↑ ${o} (${sc.unit})`, grid: true },
      marks: [
        ...marks,
        Plot.areaY(c, { x: "year", y1: "q5", y2: "q95", fill: "#4e79a7", fillOpacity: 0.2 }),
        Plot.areaY(c, { x: "year", y1: "q25", y2: "q75", fill: "#4e79a7", fillOpacity: 0.4 }),
        Plot.lineY(c, { x: "year", y: "q50", stroke: "#4e79a7", strokeWidth: 2 }),
        Plot.ruleY([0]),
      ],
    });
  }
  // stack draws the medians of the parts of the view's run stacked, in the
  // total's unit, with its median total (and the baseline's, dashed).
  function stack(v, c, parts, width, height) {
    const sc = scaleOf(v, c.total);
    const rows = parts.flatMap((p) => series(v.cur, p, sc.factor).map((r) => ({ part: label(c, p), year: r.year, q50: r.q50 })));
    const t = series(v.cur, c.total, sc.factor);
    return Plot.plot({
      width, height, marginLeft: 60, style: { background: "white", fontSize: "12px" },
      x: { label: null, tickFormat: "d", ticks: 6 }, y: { label: `↑ ${c.key}, medians stacked (${sc.unit})`, grid: true },
      color: { legend: true, domain: parts.map((p) => label(c, p)), scheme: "tableau10" },
      marks: [
        Plot.areaY(rows, { x: "year", y: "q50", fill: "part", fillOpacity: 0.85, order: parts.map((p) => label(c, p)) }),
        ...(v.base ? [Plot.lineY(series(v.base, c.total, sc.factor), { x: "year", y: "q50", stroke: "#555", strokeDasharray: "5 3", strokeWidth: 1.5 })] : []),
        Plot.lineY(t, { x: "year", y: "q50", stroke: "#1b1e23", strokeWidth: 1.5 }),
        Plot.ruleY([0]),
      ],
    });
  }
  // yearBars draws, in the chosen year, each part's median (bar) with its
  // 50 % band (the 90 % bands of a component dwarf the others' medians),
  // the view's run beside its baseline.
  function yearBars(v, c, parts, year, width) {
    const sc = scaleOf(v, c.total);
    const at = (res, run) => parts.map((p) => {
      const r = res.bands.find((b) => b.Output === p && b.Year === year);
      return r && { part: label(c, p), run, q25: r.Q25 * sc.factor, q50: r.Q50 * sc.factor, q75: r.Q75 * sc.factor };
    }).filter(Boolean);
    const runs = v.base ? ["baseline", "current"] : ["results"];
    const rows = [...(v.base ? at(v.base, "baseline") : []), ...at(v.cur, runs[runs.length - 1])];
    return Plot.plot({
      width, height: 70 + 18 * runs.length * parts.length, marginLeft: 90, marginBottom: 40, style: { background: "white", fontSize: "12px" },
      x: { label: `${c.key} in ${year} (${sc.unit}) →`, grid: true, ticks: 5 }, y: { axis: null, domain: runs },
      fy: { axis: "left", label: null, domain: parts.map((p) => label(c, p)), padding: 0.15 },
      color: { legend: v.base != null, domain: runs, range: v.base ? ["#aaa", "#4e79a7"] : ["#4e79a7"] },
      marks: [
        Plot.barX(rows, { fy: "part", y: "run", x: "q50", fill: "run" }),
        Plot.ruleY(rows, { fy: "part", y: "run", x1: "q25", x2: "q75", stroke: "#1f3b63" }),
        Plot.ruleX([0]),
      ],
    });
  }
  // yearTable tabulates the outputs in the chosen year: median and 90 % band
  // of the view's run and of its baseline, in the baseline's units.
  function yearTable(v, c, outs, year) {
    const t = document.createElement("table");
    t.className = "year";
    const f = (res, o) => {
      const r = res.bands.find((b) => b.Output === o && b.Year === year);
      const k = scaleOf(v, o).factor;
      return r ? `${fmt(r.Q50 * k)} [${fmt(r.Q5 * k)} – ${fmt(r.Q95 * k)}]` : "–";
    };
    t.innerHTML = `<caption>${year}: median [5 % – 95 %]</caption><thead><tr><th>output</th><th>unit</th><th>${v.base ? "current" : "value"}</th>${v.base ? "<th>baseline</th>" : ""}</tr></thead>`;
    const body = document.createElement("tbody");
    for (const o of outs) {
      const tr = document.createElement("tr");
      const cells = [label(c, o), scaleOf(v, o).unit, f(v.cur, o)];
      if (v.base) cells.push(f(v.base, o));
      for (const x of cells) tr.append(Object.assign(document.createElement("td"), { textContent: x }));
      body.append(tr);
    }
    t.append(body);
    return t;
  }
  // criteria are the run's criteria (from the model's metadata), else one
  // per X_total output.
  function criteria(res) {
    if (res.criteria && res.criteria.length) return res.criteria;
    const all = [...new Set(res.bands.map((b) => b.Output))];
    const totals = all.filter((o) => o.endsWith("_total"));
    return (totals.length ? totals : all).map((o) => {
      const key = o.replace(/_total$/, "");
      return { key, total: o, components: [], phases: [], intensities: all.filter((x) => x !== o && x.startsWith(key + "_") && x.includes("_per_")) };
    });
  }
  function options(sel, list) {
    const keep = sel.value, vals = list.map((x) => String(x[0]));
    if ([...sel.options].map((o) => o.value).join("|") !== vals.join("|")) {
      sel.replaceChildren(...list.map(([v, t]) => Object.assign(document.createElement("option"), { value: v, textContent: t })));
      if (vals.includes(keep)) sel.value = keep;
    }
  }
  // draw shows a view's chosen criterion: absolute (its total, a component
  // or phase, or the stacked components or phases) or intensity (its
  // intensities, per unit of service), and the chosen year as bars and a table.
  function draw(v = live()) {
    if (!v || !v.cur) return;
    const cur = v.cur, el = v.el;
    options(el.criterion, v.crits.map((c) => [c.total, c.key]));
    const total = el.criterion.value || v.crits[0].total;
    const c = criteria(cur).find((c) => c.total === total) || v.crits.find((c) => c.total === total && c.components) || criteria(cur)[0];
    const years = [...new Set(cur.bands.filter((b) => b.Year != null).map((b) => b.Year))];
    options(el.year, years.map((y) => [y, y]));
    if (!el.year.dataset.set && years.includes(2030)) { el.year.value = 2030; el.year.dataset.set = 1; }
    const year = +el.year.value;
    const comps = c.components || [], phases = c.phases || [], ints = c.intensities || [];
    const views = [["total", "total (fan)"]];
    if (comps.length) views.push(["components", "components, stacked medians"]);
    if (phases.length) views.push(["phases", "phases, stacked medians"]);
    for (const o of [...comps, ...phases]) views.push([o, label(c, o) + " (fan)"]);
    options(el.component, views);
    const intensity = el.intensity.checked && ints.length > 0;
    el.component.disabled = intensity;
    const row = Object.assign(document.createElement("div"), { className: "fans" });
    const main = Object.assign(document.createElement("div"), { className: "main" });
    row.append(main);
    const who = v.base ? "blue: the current settings" : `the results of ${v.name}`;
    const grey = v.base ? `; grey: the baseline ${v.name} (dashed median, 90 % band)` : "";
    let parts = [c.total], caption;
    if (intensity) {
      main.append(fan(v, ints[0], 400, 340));
      for (const x of ints.slice(1)) {
        const d = Object.assign(document.createElement("div"), { className: "intensity" });
        d.append(fan(v, x, 400, 340));
        row.append(d);
      }
      parts = ints;
      caption = `intensities of ${c.key} (per unit of service): ${who} (median, 50 % and 90 % bands)${grey}`;
    } else {
      const sel = el.component.value;
      if (sel === "components" || sel === "phases") {
        parts = sel === "components" ? comps : phases;
        main.append(stack(v, c, parts, 420, 360));
        caption = `${sel} of ${c.key}: medians stacked; lines: the median total` + (v.base ? ` of the current settings (solid) and of the baseline ${v.name} (dashed)` : "") + " — medians of parts need not add up to the median of the total";
      } else {
        const o = sel && sel !== "total" ? sel : c.total;
        main.append(fan(v, o, 420, 360));
        parts = comps.length ? comps : [c.total];
        caption = `${who} (median, 50 % and 90 % bands)${grey}`;
      }
      if (parts.length > 1) {
        caption += `; right: the parts in ${year}, median (bar) and 50 % band (line)` + (v.base ? ", baseline grey, current blue" : "");
        const d = Object.assign(document.createElement("div"), { className: "bars" });
        d.append(yearBars(v, c, parts, year, 320));
        row.append(d);
      }
    }
    const cap = Object.assign(document.createElement("p"), { className: "caption", textContent: caption });
    const outs = intensity ? ints : [c.total, ...parts.filter((p) => p !== c.total)];
    el.fan.replaceChildren(row, cap, yearTable(v, c, outs, year));
  }

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
  // rankingChart draws Sobol' indices (rows {Name, S1, ST, STLo, STHi}):
  // bars ST with their interval, grey when it includes 0 (noise), ticks S1.
  function rankingChart(rows, width) {
    rows = rows.slice().sort((a, b) => b.ST - a.ST);
    const noise = (lo) => !(lo > 0);
    return Plot.plot({
      width, height: 40 + 22 * rows.length, marginLeft: 210, style: { background: "white", fontSize: "12px" },
      x: { label: "Sobol' index →", grid: true, domain: [Math.min(0, d3.min(rows, (d) => d.STLo)), Math.max(1, d3.max(rows, (d) => d.STHi))] },
      y: { label: null, domain: rows.map((d) => d.Name) },
      marks: [
        Plot.barX(rows, { y: "Name", x: "ST", fill: (d) => (noise(d.STLo) ? "#d0d3d8" : "#f28e2b"), insetTop: 3, insetBottom: 3 }),
        Plot.ruleY(rows, { y: "Name", x1: "STLo", x2: "STHi", stroke: "#222" }),
        Plot.tickX(rows, { y: "Name", x: "S1", stroke: "#1f3b63", strokeWidth: 3 }),
        Plot.ruleX([0]),
      ],
    });
  }
  // openResults reads a result folder's bands.parquet and, when chosen too,
  // its sobol.parquet (with the engine's Go code, in WebAssembly), and shows
  // them with the charts and selectors of the explorer (without a baseline),
  // with the lever ranking of the chosen criterion's outputs.
  const openResults = async (e) => {
    const files = [...e.target.files];
    const f = files.find((f) => f.name === "bands.parquet");
    const fs = files.find((f) => f.name === "sobol.parquet");
    if (!f) { $("status").textContent = "no bands.parquet among the chosen files"; return; }
    $("status").textContent = "reading " + [f, fs].filter(Boolean).map((f) => f.name).join(" and ") + "…";
    let doc;
    try {
      doc = await call("mcOpenResults", new Uint8Array(await f.arrayBuffer()), fs ? new Uint8Array(await fs.arrayBuffer()) : null);
    } catch (err) {
      $("status").textContent = "could not read the results: " + err.message;
      return;
    }
    const where = (f.webkitRelativePath || f.name).replace(/\/?bands\.parquet$/, "") || "results";
    $("status").textContent = "opened " + where;
    state.opened = Object.assign(doc, { where });
    $("o-title").textContent = `${where}: ${doc.title || "results"}`;
    for (const k of ["criterion", "component", "year"]) $("o-" + k).replaceChildren();
    delete $("o-year").dataset.set;
    $("o-absolute").checked = true;
    $("opened").hidden = false;
    drawOpened();
  };
  const opened = () => {
    const d = state.opened;
    return { cur: d, base: null, name: d.where, crits: criteria(d),
      el: { criterion: $("o-criterion"), component: $("o-component"), year: $("o-year"), intensity: $("o-intensity"), fan: $("o-fan") } };
  };
  // drawOpened draws the opened folder's chosen criterion, and the lever
  // rankings of its outputs that have indices (else of every output that has).
  function drawOpened() {
    const d = state.opened;
    if (!d) return;
    const v = opened();
    if (!v.crits.length) { $("o-fan").textContent = "no trajectory output in these results"; return; }
    draw(v);
    const c = v.crits.find((c) => c.total === $("o-criterion").value) || v.crits[0];
    const mine = new Set([c.total, ...(c.components || []), ...(c.phases || []), ...(c.intensities || [])]);
    const so = (d.sobol || []).filter((s) => mine.has(s.output));
    const box = $("o-ranking");
    box.replaceChildren();
    if (!so.length && (d.sobol || []).length) {
      box.append(Object.assign(document.createElement("p"), { className: "caption",
        textContent: `No indices of ${c.key} in these results; indices of: ${d.sobol.map((s) => s.output).join(", ")}.` }));
    }
    for (const s of so) {
      const rows = s.aggregate.map((x) => ({ Name: x.name, S1: x.S1, ST: x.ST, STLo: x.ST_lo, STHi: x.ST_hi }));
      const div = Object.assign(document.createElement("div"), { className: "ranking" });
      div.append(rankingChart(rows, 760), Object.assign(document.createElement("p"), { className: "caption",
        textContent: `Lever ranking of ${s.output} over the years (${d.by || "group"}s): bars ST with its 95 % interval (grey: includes 0, noise), dark ticks S1.` }));
      box.append(div);
    }
  }
  $("o-criterion").addEventListener("change", () => { $("o-component").value = "total"; drawOpened(); });
  for (const id of ["o-component", "o-year", "o-intensity", "o-absolute"]) $(id).addEventListener("change", drawOpened);
  $("o-close").addEventListener("click", () => { state.opened = null; $("opened").hidden = true; });
  $("open").addEventListener("change", openResults);
  $("openfile").addEventListener("change", openResults);

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
