// mc explorer: a result folder opened in the page. mcOpened(call) wires the
// "open a result folder" inputs; call runs a function of the page's engine.
"use strict";
function mcOpened(call) {
  const { criteria, drawView, rankingChart } = window.mcCharts;
  const $ = (id) => document.getElementById(id);
  const state = window.mcState;

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
  // rankings of its outputs that have indices (else a note naming the outputs
  // that have them).
  function drawOpened() {
    const d = state.opened;
    if (!d) return;
    const v = opened();
    if (!v.crits.length) { $("o-fan").textContent = "no trajectory output in these results"; return; }
    drawView(v);
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
}
