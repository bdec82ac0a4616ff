// mc report: draws the document in #mc-data with Observable Plot.
// Every figure is an SVG drawn by Plot (legends included, in the SVG), in a
// <figure data-fig="KIND" data-output="OUTPUT"> with SVG and PNG buttons.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("mc-data").textContent);
  const app = document.getElementById("app");
  const W2 = 464, W1 = 948; // half and full width of a figure, px
  const palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
  const critColor = {};
  (D.criteria || []).forEach((c, i) => (critColor[c.key] = palette[i % palette.length]));

  // ---- small helpers -------------------------------------------------------
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  }
  const fmtR = d3.format(",.3~r"), fmtE = d3.format(".3~e");
  // fmt writes 3 significant digits without exponents between 1e-4 and 1e12.
  function fmt(v) {
    if (v == null || Number.isNaN(v)) return "–";
    const a = Math.abs(v);
    return a !== 0 && (a >= 1e12 || a < 1e-4) ? fmtE(v) : fmtR(v);
  }
  const fmtG = fmt;
  const yearFmt = d3.format("d");
  const pts = (f) => f.pts.filter((p) => p.year != null);
  function slug(s) { return String(s).replace(/[^A-Za-z0-9_.-]+/g, "_"); }

  // ---- legends drawn inside the SVG (so that downloads keep them) ---------
  const charW = 6.6, lineH = 16;
  function legendLayout(items, width) {
    let x = 0, y = 0;
    const pos = items.map((it) => {
      const w = 22 + charW * it.label.length + 12;
      if (x > 0 && x + w > width - 10) { x = 0; y += lineH; }
      const p = { x, y };
      x += w;
      return p;
    });
    return { pos, height: items.length ? y + lineH : 0 };
  }
  function addLegend(svg, items, layout, left, top) {
    if (!items.length) return;
    const ns = "http://www.w3.org/2000/svg";
    const g = document.createElementNS(ns, "g");
    g.setAttribute("aria-label", "legend");
    g.setAttribute("font-size", "11");
    g.setAttribute("font-family", "system-ui, sans-serif");
    g.setAttribute("text-anchor", "start");
    items.forEach((it, i) => {
      const p = layout.pos[i];
      const s = document.createElementNS(ns, "g");
      s.setAttribute("class", "swatch");
      s.setAttribute("transform", `translate(${left + p.x},${top + p.y})`);
      let m;
      if (it.kind === "line" || it.kind === "dash") {
        m = document.createElementNS(ns, "line");
        m.setAttribute("x1", 0); m.setAttribute("x2", 16); m.setAttribute("y1", 6); m.setAttribute("y2", 6);
        m.setAttribute("stroke", it.color); m.setAttribute("stroke-width", 2.5);
        if (it.kind === "dash") m.setAttribute("stroke-dasharray", "4 2");
      } else {
        m = document.createElementNS(ns, "rect");
        m.setAttribute("width", 16); m.setAttribute("height", 10); m.setAttribute("y", 1);
        m.setAttribute("fill", it.color);
        if (it.opacity) m.setAttribute("fill-opacity", it.opacity);
      }
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", 21); t.setAttribute("y", 10); t.setAttribute("fill", "currentColor");
      t.textContent = it.label;
      s.append(m, t);
      g.append(s);
    });
    svg.append(g);
  }
  // plot draws with Plot, leaving room at the top for the legend items.
  function plot(opts, items) {
    items = items || [];
    const layout = legendLayout(items, opts.width - (opts.marginLeft || 50));
    const o = Object.assign({ style: { fontSize: "11px", background: "white" } }, opts);
    o.marginTop = opts.marginTop || 26;
    const bottom = opts.marginBottom || 30;
    o.marginBottom = bottom + (layout.height ? layout.height + 6 : 0);
    o.height = opts.height + o.marginBottom - bottom;
    const svg = Plot.plot(o);
    addLegend(svg, items, layout, opts.marginLeft || 50, o.height - layout.height - 4);
    return svg;
  }

  // ---- figures with download buttons ---------------------------------------
  function figure(kind, output, title, sub, wide) {
    const body = el("div", { class: "body" });
    const svgBtn = el("button", { type: "button", class: "svg", text: "SVG", title: "download this figure as SVG" });
    const pngBtn = el("button", { type: "button", class: "png", text: "PNG", title: "download this figure as PNG (2×)" });
    const cap = el("figcaption", {}, el("span", {}, title, sub ? el("span", { class: "sub", text: " — " + sub }) : null), el("span", { class: "dl" }, svgBtn, pngBtn));
    const fig = el("figure", { class: "fig" + (wide ? " wide" : ""), "data-fig": kind, "data-output": output || "" }, cap, body);
    const name = () => slug(`${kind}-${output || "figure"}${fig.dataset.year ? "-" + fig.dataset.year : ""}`);
    svgBtn.addEventListener("click", () => download(name() + ".svg", new Blob([svgText(fig)], { type: "image/svg+xml" })));
    pngBtn.addEventListener("click", () => pngOf(fig).then((b) => download(name() + ".png", b)));
    fig.draw = (svg) => { body.replaceChildren(svg); return fig; };
    return fig;
  }
  function svgText(fig) {
    const svg = fig.querySelector(".body svg").cloneNode(true);
    svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    svg.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
    svg.setAttribute("font-family", "system-ui, sans-serif");
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  }
  function pngOf(fig) {
    const svg = fig.querySelector(".body svg");
    const w = +svg.getAttribute("width"), h = +svg.getAttribute("height"), k = 2;
    const url = URL.createObjectURL(new Blob([svgText(fig)], { type: "image/svg+xml" }));
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => {
        const c = document.createElement("canvas");
        c.width = w * k; c.height = h * k;
        const ctx = c.getContext("2d");
        ctx.fillStyle = "white"; ctx.fillRect(0, 0, c.width, c.height);
        ctx.drawImage(img, 0, 0, c.width, c.height);
        URL.revokeObjectURL(url);
        c.toBlob(resolve, "image/png");
      };
      img.onerror = reject;
      img.src = url;
    });
  }
  function download(name, blob) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  function select(label, options, value, onchange) {
    if (options.length < 2) return null; // nothing to choose
    const s = el("select", {});
    for (const [v, t] of options) s.append(el("option", { value: v, text: t }));
    s.value = value;
    s.addEventListener("change", () => onchange(s.value));
    return el("label", { class: "controls" }, label + " ", s);
  }

  // ---- chart kinds ---------------------------------------------------------
  // fanChart: median line, 50 % and 90 % bands, reference values as intervals.
  function fanChart(f, color, width, extra) {
    const p = pts(f);
    const refs = (f.refs || []).filter((r) => r.year);
    const items = [
      { label: "median", color, kind: "line" },
      { label: "50 % band", color, opacity: 0.45 },
      { label: "90 % band", color, opacity: 0.18 },
    ];
    if (refs.length) items.push({ label: "published value", color: "#111", kind: "line" });
    const marks = [
      Plot.areaY(p, { x: "year", y1: "q5", y2: "q95", fill: color, fillOpacity: 0.18 }),
      Plot.areaY(p, { x: "year", y1: "q25", y2: "q75", fill: color, fillOpacity: 0.45 }),
      Plot.lineY(p, { x: "year", y: "q50", stroke: color, strokeWidth: 2 }),
      Plot.ruleY([0], { stroke: "#999" }),
    ];
    if (refs.length) {
      marks.push(Plot.ruleX(refs, { x: "year", y1: "min", y2: "max", stroke: "#111", strokeWidth: 3 }));
      marks.push(Plot.dot(refs, { x: "year", y: (r) => (r.min + r.max) / 2, r: 3.5, fill: "#111", title: (r) => `${r.source}: ${fmt(r.min)}–${fmt(r.max)} ${f.unit}` }));
    }
    return plot({ width: width || W2, height: 250, marginLeft: 56, marginRight: 14,
      x: { label: null, tickFormat: yearFmt }, y: { label: "↑ " + (f.unit || "value"), grid: true }, marks: marks.concat(extra || []) }, items);
  }
  function stackChart(st, width) {
    const colors = st.parts.map((_, i) => palette[i % palette.length]);
    const items = st.parts.map((p, i) => ({ label: p, color: colors[i] }));
    return plot({ width: width || W2, height: 250, marginLeft: 56, marginRight: 14,
      x: { label: null, tickFormat: yearFmt }, y: { label: "↑ " + st.unit + " (stacked medians)", grid: true },
      color: { domain: st.parts, range: colors },
      marks: [Plot.areaY(st.rows, { x: "year", y: "q50", z: "part", fill: "part", order: st.parts }), Plot.ruleY([0])] }, items);
  }
  // trendChart: medians divided by their value in the reference year.
  function trendChart(c, width) {
    const series = [c.total].concat(c.intensities);
    const ref = pts(c.total).some((p) => p.year === 2024) ? 2024 : pts(c.total)[0].year;
    const rows = [];
    series.forEach((f) => {
      const base = pts(f).find((p) => p.year === ref);
      if (!base || !base.q50) return;
      pts(f).forEach((p) => rows.push({ output: f.output, year: p.year, v: p.q50 / base.q50 }));
    });
    const names = series.map((f) => f.output);
    const colors = names.map((_, i) => (i === 0 ? critColor[c.key] : palette[(i + 4) % palette.length]));
    return plot({ width: width || W2, height: 250, marginLeft: 56, marginRight: 14,
      x: { label: null, tickFormat: yearFmt }, y: { label: `↑ median relative to ${ref} (log scale)`, type: "log", nice: true, grid: true, tickFormat: d3.format("~g") },
      color: { domain: names, range: colors },
      marks: [Plot.ruleY([1], { stroke: "#999" }), Plot.lineY(rows, { x: "year", y: "v", stroke: "output", strokeWidth: 2 })] },
      names.map((n, i) => ({ label: n, color: colors[i], kind: "line" })));
  }
  // indexBars: S1 and ST with their intervals; noise when the interval includes 0.
  function indexBars(xs, width) {
    const order = xs.slice().sort((a, b) => b.ST - a.ST).map((x) => x.name);
    const rows = [];
    for (const x of xs) {
      rows.push({ name: x.name, which: "S1", v: x.S1, lo: x.S1_lo, hi: x.S1_hi, noise: !(x.S1_lo > 0) });
      rows.push({ name: x.name, which: "ST", v: x.ST, lo: x.ST_lo, hi: x.ST_hi, noise: !(x.ST_lo > 0) });
    }
    const cls = (d) => (d.noise ? "noise (interval includes 0)" : d.which);
    const dom = ["S1", "ST", "noise (interval includes 0)"], rng = ["#4e79a7", "#f28e2b", "#d0d3d8"];
    const longest = d3.max(order, (n) => n.length) || 4;
    return plot({ width: width || W2, height: 40 + 30 * order.length, marginLeft: Math.min(180, 12 + charW * longest), marginRight: 14,
      x: { label: "index →", grid: true, domain: [Math.min(0, d3.min(rows, (d) => d.lo)), Math.max(1, d3.max(rows, (d) => d.hi))] },
      y: { axis: null, domain: ["S1", "ST"] }, fy: { label: null, domain: order },
      color: { domain: dom, range: rng },
      marks: [
        Plot.barX(rows, { fy: "name", y: "which", x: "v", fill: cls, title: (d) => `${d.name} ${d.which} = ${fmt(d.v)} [${fmt(d.lo)}, ${fmt(d.hi)}]` }),
        Plot.ruleY(rows, { fy: "name", y: "which", x1: "lo", x2: "hi", stroke: "#222", strokeWidth: 1.3 }),
        Plot.ruleX([0], { stroke: "#555" }),
      ] }, dom.map((d, i) => ({ label: d, color: rng[i] })));
  }
  function lineBand(rows, names, xopts, ylabel, width) {
    const colors = names.map((_, i) => palette[i % palette.length]);
    return plot({ width: width || W2, height: 260, marginLeft: 50, marginRight: 24,
      x: xopts, y: { label: ylabel, grid: true }, color: { domain: names, range: colors },
      marks: [
        Plot.areaY(rows, { x: "x", y1: "lo", y2: "hi", fill: "name", fillOpacity: 0.15 }),
        Plot.lineY(rows, { x: "x", y: "ST", stroke: "name", strokeWidth: 2 }),
        Plot.ruleY([0], { stroke: "#999" }),
      ] }, names.map((n, i) => ({ label: n, color: colors[i], kind: "line" })));
  }
  function morrisChart(m, xs, width) {
    return plot({ width: width || W2, height: 300, marginLeft: 56, marginRight: 30,
      x: { label: `μ*${m.unit ? ` (${m.unit})` : ""} →`, grid: true, zero: true }, y: { label: `↑ σ${m.unit ? ` (${m.unit})` : ""}`, grid: true, zero: true },
      marks: [
        Plot.ruleY(xs, { y: "sigma", x1: "lo", x2: "hi", stroke: "#4e79a7", strokeWidth: 1.5 }),
        Plot.dot(xs, { x: "mu_star", y: "sigma", r: 4, fill: "#4e79a7", title: (d) => `${d.name}: μ* ${fmt(d.mu_star)} [${fmt(d.lo)}, ${fmt(d.hi)}], σ ${fmt(d.sigma)}` }),
        Plot.text(xs, { x: "mu_star", y: "sigma", text: "name", dx: 6, dy: -7, textAnchor: "start", fontSize: 10 }),
      ] }, [{ label: "μ* with its 95 % interval", color: "#4e79a7", kind: "line" }]);
  }

  // ---- sections --------------------------------------------------------------
  const nav = el("nav", {});
  function section(id, title, lead) {
    const s = el("section", { id }, el("h2", { text: title }));
    if (lead) s.append(el("p", { class: "lead", text: lead }));
    nav.append(el("a", { href: "#" + id, text: title }));
    return s;
  }

  function header() {
    const dl = el("dl", { class: "meta" });
    for (const kv of D.meta) dl.append(el("dt", { text: kv.k }), el("dd", { text: kv.v }));
    app.append(el("h1", { text: D.title }), el("p", { class: "lead", text: "Report written by mc: every figure can be saved as SVG or PNG." }), nav, dl);
    for (const n of D.notes || []) app.append(el("p", { class: "note", text: "Note: " + n }));
  }

  function criteria() {
    if (!(D.criteria || []).length) return;
    const s = section("criteria", "Impacts over the years",
      "Each criterion's total: median, 50 % and 90 % bands; its components and phases as stacked medians; intensity (per unit of service) beside the absolute total.");
    for (const c of D.criteria) {
      const g = el("div", { class: "grid" });
      const color = critColor[c.key];
      g.append(figure("fan", c.total.output, c.total.output, c.total.unit).draw(fanChart(c.total, color)));
      if (c.components) g.append(figure("stack", c.total.output + ":components", `${c.key} by component`, c.components.unit).draw(stackChart(c.components)));
      if (c.phases) g.append(figure("stack", c.total.output + ":phases", `${c.key} by phase`, c.phases.unit).draw(stackChart(c.phases)));
      for (const f of c.intensities || []) g.append(figure("fan", f.output, f.output, `intensity, ${f.unit}`).draw(fanChart(f, palette[6])));
      if ((c.intensities || []).length) g.append(figure("trend", c.total.output + ":trend", `${c.key}: intensity versus absolute`, "medians, relative").draw(trendChart(c)));
      s.append(el("h3", { text: `${c.key} — ${c.total.output} (${c.total.unit})` }), g);
    }
    app.append(s);
  }

  function references() {
    if (!(D.references || []).length) return;
    const s = section("references", "Reference values", "Published figures listed in the scenario (references:), against the median and the 90 % band of the results.");
    const t = el("table", {});
    t.append(el("tr", {}, ...["output", "year", "published", "source", "median", "90 % band", "median in range", "band overlaps"].map((h) => el("th", { text: h }))));
    for (const r of D.references) {
      const yes = (b) => el("td", { class: b ? "ok" : "no", text: r.found ? (b ? "yes" : "no") : "output not in results" });
      t.append(el("tr", {}, el("td", { text: r.output }), el("td", { class: "num", text: r.year || "" }),
        el("td", { class: "num", text: `${fmt(r.min)}–${fmt(r.max)} ${r.unit}` }), el("td", { class: "src", text: r.source }),
        el("td", { class: "num", text: r.found ? `${fmt(r.q50)} ${r.unit}` : "–" }),
        el("td", { class: "num", text: r.found ? `${fmt(r.q5)}–${fmt(r.q95)}` : "–" }), yes(r.median_meets), yes(r.band_meets)));
    }
    s.append(t);
    // A fan chart of each referenced output that is not a criterion total.
    const shown = new Set((D.criteria || []).map((c) => c.total.output));
    const g = el("div", { class: "grid" });
    for (const f of D.outputs || []) if ((f.refs || []).length && !shown.has(f.output)) g.append(figure("fan", f.output, f.output, f.unit).draw(fanChart(f, palette[0])));
    s.append(g);
    app.append(s);
  }

  function explorer() {
    if (!(D.outputs || []).length && !(D.scalars || []).length) return;
    const s = section("outputs", "Every output", "Any output of the model, with its median and bands.");
    if ((D.outputs || []).length) {
      const fig = figure("explore", "", "", "", true);
      const draw = (name) => {
        const f = D.outputs.find((o) => o.output === name);
        fig.dataset.output = name;
        fig.querySelector("figcaption > span").firstChild.textContent = name;
        fig.draw(fanChart(f, palette[0], W1));
      };
      const first = (D.criteria && D.criteria[0] && D.criteria[0].total.output) || D.outputs[0].output;
      s.append(select("output", D.outputs.map((o) => [o.output, `${o.output} (${o.unit || "–"})`]), first, draw), fig);
      draw(first);
    }
    if ((D.scalars || []).length) {
      const g = el("div", { class: "grid" });
      for (const f of D.scalars) {
        const p = f.pts[0];
        g.append(figure("interval", f.output, f.output, f.unit).draw(plot({ width: W2, height: 110, marginLeft: 20, marginRight: 20,
          x: { label: `${f.unit || "value"} →`, grid: true }, y: { axis: null },
          marks: [Plot.ruleY([p], { x1: "q5", x2: "q95", y: 0, stroke: palette[0], strokeWidth: 2 }),
            Plot.barX([p], { x1: "q25", x2: "q75", y: 0, fill: palette[0], fillOpacity: 0.45, insetTop: 0, insetBottom: 0 }),
            Plot.dot([p], { x: "q50", y: 0, r: 5, fill: "#111" })] },
          [{ label: "median", color: "#111" }, { label: "50 % band", color: palette[0], opacity: 0.45 }, { label: "90 % band", color: palette[0], kind: "line" }])));
      }
      s.append(g);
    }
    app.append(s);
  }

  function sobol() {
    if (!(D.sobol || []).length) return;
    const what = D.by === "group" ? "levers (groups of factors)" : "factors";
    const s = section("sobol", "Lever ranking (Sobol' indices)",
      `First-order (S1) and total (ST) indices of the ${what}, with 95 % intervals; grey bars are estimates whose interval includes 0 (noise at this N). "over the years" aggregates the trajectory (Gamboa et al. 2014).`);
    for (const o of D.sobol) {
      s.append(el("h3", { text: o.output }));
      const g = el("div", { class: "grid" });
      const yearsOf = Object.keys(o.by_year || {}).sort();
      const opts = (o.aggregate && o.aggregate.length ? [["aggregate", "over the years"]] : []).concat(yearsOf.map((y) => [y, y || "value"]));
      if (opts.length) {
        const fig = figure("bars", o.output, `S1 and ST of ${o.output}`, "");
        const draw = (k) => {
          fig.dataset.year = k;
          fig.querySelector(".sub").textContent = k === "aggregate" ? " — over the years" : k ? " — " + k : "";
          fig.draw(indexBars(k === "aggregate" ? o.aggregate : o.by_year[k]));
        };
        fig.querySelector("figcaption > span").append(el("span", { class: "sub" }));
        const wrap = el("div", {}, select("year", opts, opts[0][0], draw), fig);
        draw(opts[0][0]);
        g.append(wrap);
      }
      if ((o.ribbons || []).length) {
        g.append(figure("ribbons", o.output, `ST(t) of the top ${o.top.length}`, "with 95 % intervals")
          .draw(lineBand(o.ribbons, o.top, { label: null, tickFormat: yearFmt }, "↑ ST")));
      }
      const cy = Object.keys(o.conv || {}).sort();
      if (cy.length) {
        const fig = figure("conv", o.output, `Convergence of ST with N`, "");
        const draw = (k) => {
          fig.dataset.year = k;
          fig.querySelector(".sub").textContent = k ? " — " + k : "";
          fig.draw(lineBand(o.conv[k], o.top, { label: "N (base rows) →", type: "log", base: 2, tickFormat: d3.format(",d") }, "↑ ST"));
        };
        fig.querySelector("figcaption > span").append(el("span", { class: "sub" }));
        const def = cy.includes("2030") ? "2030" : cy[cy.length - 1];
        g.append(el("div", {}, select("year", cy.map((y) => [y, y || "value"]), def, draw), fig));
        draw(def);
      }
      s.append(g);
    }
    app.append(s);
  }

  function morris() {
    if (!(D.morris || []).length) return;
    const s = section("morris", "Morris screening", "μ* (mean absolute elementary effect, with its 95 % interval) against σ (spread: non-linearity and interactions).");
    const g = el("div", { class: "grid" });
    for (const m of D.morris) {
      const ys = Object.keys(m.by_year).sort();
      const fig = figure("morris", m.output, `μ*–σ of ${m.output}`, "");
      fig.querySelector("figcaption > span").append(el("span", { class: "sub" }));
      const draw = (k) => {
        fig.dataset.year = k;
        fig.querySelector(".sub").textContent = k ? " — " + k : "";
        fig.draw(morrisChart(m, m.by_year[k]));
      };
      const def = ys.includes("2030") ? "2030" : ys[ys.length - 1];
      g.append(el("div", {}, select("year", ys.map((y) => [y, y || "value"]), def, draw), fig));
      draw(def);
    }
    s.append(g);
    app.append(s);
  }

  // relFans: the relative change of every measure over the years, as small
  // multiples of fans sharing one y axis, with 0 and −threshold drawn.
  function relFans(o, measures, thr) {
    const cols = Math.min(4, measures.length), rows = Math.ceil(measures.length / cols);
    const at = new Map(measures.map((m, i) => [m, { fx: i % cols, fy: Math.floor(i / cols) }]));
    const p = o.rel.filter((d) => d.year != null).map((d) => Object.assign({}, d, at.get(d.measure)));
    const labels = measures.map((m) => Object.assign({ measure: m }, at.get(m)));
    const color = palette[0];
    const ys = [...new Set(p.map((d) => d.year))].sort((a, b) => a - b);
    // Ticks inside the range only: the first and last years of neighbouring
    // panels would run into each other.
    let ticks = ys.filter((y) => y % 10 === 0 && y > ys[0] && y < ys[ys.length - 1]);
    if (ticks.length < 2) ticks = ys.length > 2 ? [ys[Math.floor(ys.length / 2)]] : ys;
    return plot({ width: W1, height: 40 + 150 * rows, marginLeft: 56, marginRight: 14, marginTop: 10,
      fx: { axis: null, padding: 0.12 }, fy: { axis: null, padding: 0.18 },
      x: { label: null, tickFormat: yearFmt, ticks }, y: { label: "↑ relative change (%)", grid: true },
      marks: [
        Plot.frame({ stroke: "#ddd" }),
        Plot.areaY(p, { fx: "fx", fy: "fy", x: "year", y1: "q5", y2: "q95", fill: color, fillOpacity: 0.18 }),
        Plot.areaY(p, { fx: "fx", fy: "fy", x: "year", y1: "q25", y2: "q75", fill: color, fillOpacity: 0.45 }),
        Plot.lineY(p, { fx: "fx", fy: "fy", x: "year", y: "q50", stroke: color, strokeWidth: 2 }),
        Plot.ruleY(labels, { fx: "fx", fy: "fy", y: 0, stroke: "#888" }),
        Plot.ruleY(labels, { fx: "fx", fy: "fy", y: -thr, stroke: "#c0392b", strokeDasharray: "4 3" }),
        Plot.text(labels, { fx: "fx", fy: "fy", text: "measure", frameAnchor: "top-left", dx: 5, dy: 5, fontSize: 11, fontWeight: "bold" }),
      ] },
      [{ label: "median", color, kind: "line" }, { label: "50 % band", color, opacity: 0.45 }, { label: "90 % band", color, opacity: 0.18 },
        { label: "no change", color: "#888", kind: "line" }, { label: `reduction of ${fmt(thr)} %`, color: "#c0392b", kind: "dash" }]);
  }
  // relForest: a scalar output's relative change per measure (median, 50 % and 90 % bands).
  function relForest(o, measures, thr) {
    const p = o.rel.filter((d) => d.q50 != null);
    const longest = d3.max(measures, (n) => n.length) || 4;
    const color = palette[0];
    return plot({ width: W2, height: 40 + 24 * measures.length, marginLeft: Math.min(200, 12 + charW * longest), marginRight: 14,
      x: { label: "relative change (%) →", grid: true }, y: { label: null, domain: measures },
      marks: [
        Plot.ruleY(p, { y: "measure", x1: "q5", x2: "q95", stroke: color, strokeWidth: 1.5 }),
        Plot.barX(p, { y: "measure", x1: "q25", x2: "q75", fill: color, fillOpacity: 0.45 }),
        Plot.dot(p, { y: "measure", x: "q50", r: 4, fill: "#111", title: (d) => `${d.measure}: median ${fmt(d.q50)} % [${fmt(d.q5)}, ${fmt(d.q95)}]` }),
        Plot.ruleX([0], { stroke: "#888" }),
        Plot.ruleX([-thr], { stroke: "#c0392b", strokeDasharray: "4 3" }),
      ] },
      [{ label: "median", color: "#111" }, { label: "50 % band", color, opacity: 0.45 }, { label: "90 % band", color, kind: "line" }]);
  }
  // pHeat: P(reduction > threshold) per measure (rows) and year (columns).
  const pClasses = [10, 25, 50, 75, 90];
  const pColors = ["#eeeeee", "#d0e1f2", "#94c4df", "#4a98c9", "#1764ab", "#08306b"];
  const pLabels = ["< 10 %", "10–25 %", "25–50 %", "50–75 %", "75–90 %", "≥ 90 %"];
  function pHeat(o, measures) {
    const p = o.rel.filter((d) => d.year != null && d.p != null);
    const ys = [...new Set(p.map((d) => d.year))].sort((a, b) => a - b);
    const longest = d3.max(measures, (n) => n.length) || 4;
    return plot({ width: W1, height: 60 + 22 * measures.length, marginLeft: Math.min(200, 12 + charW * longest), marginRight: 14,
      x: { type: "band", label: null, domain: ys, ticks: ys.filter((y) => y % 5 === 0), tickFormat: yearFmt, padding: 0.04 },
      y: { label: null, domain: measures, padding: 0.06 },
      color: { type: "threshold", domain: pClasses, range: pColors },
      marks: [Plot.cell(p, { x: "year", y: "measure", fill: "p", title: (d) => `${d.measure} in ${d.year}: P = ${fmt(d.p)} %` })] },
      pLabels.map((l, i) => ({ label: l, color: pColors[i] })));
  }
  function rankTable(o, r, thr) {
    const t = el("table", { class: "ranking", "data-output": o.output, "data-year": r.year == null ? "" : String(r.year) });
    const when = r.year == null ? "" : ` in ${r.year}`;
    t.append(el("caption", { text: `${o.output}${when}: base median ${fmt(r.base_q50)} ${o.unit}` }));
    t.append(el("tr", {}, ...["rank", "measure", "median", "90 % band", "mean", `P(reduction > ${fmt(thr)} %)`].map((h) => el("th", { text: h }))));
    const pc = (v) => (v == null ? "–" : (v > 0 ? "+" : "") + d3.format(".1f")(v) + " %");
    r.rows.forEach((x, i) => t.append(el("tr", {}, el("td", { class: "num", text: String(i + 1) }), el("td", { text: x.measure + (x.flag ? " ⚠" : ""), title: x.flag || "" }),
      el("td", { class: "num", text: pc(x.q50) }), el("td", { class: "num", text: `[${pc(x.q5)}, ${pc(x.q95)}]` }),
      el("td", { class: "num", text: pc(x.mean) }), el("td", { class: "num", text: fmt(x.p) + " %" }))));
    return t;
  }

  function compare() {
    const c = D.compare;
    if (!c) return;
    const k = c.measures.length;
    const s = section("compare", k > 1 ? `${k} measures versus the base` : "Variant versus base",
      `Relative change (measure − base)/|base| of each measure on common random numbers (median, 50 % and 90 % bands), the probability that it reduces the output by more than ${fmt(c.threshold)} %, and the measures ranked by median relative change.`);
    for (const o of c.outputs) {
      s.append(el("h3", { text: o.output }));
      const traj = o.rel.some((d) => d.year != null);
      if (traj) {
        s.append(figure("relfan", o.output, `${o.output}: relative change by measure`, "(measure − base)/|base|, %", true).draw(relFans(o, c.measures, c.threshold)));
        s.append(figure("preduction", o.output, `${o.output}: P(reduction > ${fmt(c.threshold)} %)`, "by measure and year", true).draw(pHeat(o, c.measures)));
      } else {
        s.append(el("div", { class: "grid" }, figure("relforest", o.output, `${o.output}: relative change by measure`, "%").draw(relForest(o, c.measures, c.threshold))));
      }
      for (const r of o.ranks || []) s.append(el("div", { class: "tablewrap rankwrap" }, rankTable(o, r, c.threshold)));
    }
    app.append(s);
  }

  function factors() {
    if (!(D.factors || []).length) return;
    const s = section("factors", "Factors", "Every factor of the scenario: its distribution, 5/50/95 % quantiles, unit, group (lever), source and description.");
    const t = el("table", {});
    t.append(el("tr", {}, ...["factor", "distribution", "5 %", "50 %", "95 %", "unit", "group", "description", "source"].map((h) => el("th", { text: h }))));
    for (const f of D.factors) {
      t.append(el("tr", {}, el("td", { text: f.name }), el("td", { text: f.dist }), el("td", { class: "num", text: fmt(f.p5) }),
        el("td", { class: "num", text: fmt(f.p50) }), el("td", { class: "num", text: fmt(f.p95) }), el("td", { text: f.unit }),
        el("td", { text: f.group }), el("td", { class: "src", text: f.description }), el("td", { class: "src", text: f.source })));
    }
    s.append(el("div", { class: "tablewrap" }, t));
    app.append(s);
  }

  app.replaceChildren();
  header();
  criteria();
  references();
  compare();
  sobol();
  morris();
  explorer();
  factors();
  document.body.dataset.ready = "true";
})();
