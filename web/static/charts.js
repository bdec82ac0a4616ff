// mc explorer: the charts of a view, drawn with Observable Plot. A view is
// what they draw: a run (cur: its bands, units and criteria), the baseline
// beside it (base; none for an opened result folder), its name, the criteria
// of the selector, and its elements (selectors, fan). The live explorer
// (app.js) and an opened result folder (opened.js) are two views.
"use strict";
window.mcCharts = (function () {
  // A value the engine could not give (NaN, ±Inf: null in JSON) is NaN:
  // a gap in a chart, "–" in a table.
  const scale = (v, k) => (v == null ? NaN : v * k);
  const fmt = (v) => { if (!Number.isFinite(v)) return "–"; const a = Math.abs(v); return a !== 0 && (a >= 1e6 || a < 1e-3) ? d3.format(".3~e")(v) : d3.format(",.4~r")(v); };
  function series(res, output, k) {
    return res.bands.filter((b) => b.Output === output && b.Year != null)
      .map((b) => ({ year: b.Year, q5: scale(b.Q5, k), q25: scale(b.Q25, k), q50: scale(b.Q50, k), q75: scale(b.Q75, k), q95: scale(b.Q95, k) }));
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
      return r && { part: label(c, p), run, q25: scale(r.Q25, sc.factor), q50: scale(r.Q50, sc.factor), q75: scale(r.Q75, sc.factor) };
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
      return r ? `${fmt(scale(r.Q50, k))} [${fmt(scale(r.Q5, k))} – ${fmt(scale(r.Q95, k))}]` : "–";
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
  // drawView draws a view's chosen criterion: absolute (its total, a component
  // or phase, or the stacked components or phases) or intensity (its
  // intensities, per unit of service), and the chosen year as bars and a table.
  function drawView(v) {
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
  return { fmt, criteria, options, drawView, rankingChart };
})();
