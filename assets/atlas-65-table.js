/*
 * The map in words: a text description that screen readers read (the
 * server's finding for the shown year, then the highest and lowest areas and
 * how many have no value) and the table twin behind
 * "Visa som tabell" (every area with value, unit, status and rank, where
 * areas can be selected with the keyboard).  Both follow the shown year in
 * the browser, from the values the map already has: a year step asks the
 * server for nothing.
 *
 * rows(), findingOf() and describe() are pure (node's tests require this file); the rest
 * draws them into the page.  Words come from the page element's data-
 * attributes (layouts/page.py widget_words), texts from data only ever
 * through textContent.
 */
(function (root) {
  "use strict";

  const OK = "o";

  function formatValue(meta, value, F) {
    const sign = meta.signed && value > 0 ? "+" : "";
    return sign + F.formatNumber(value, meta.decimals, meta.lang) + (meta.unit ? "\u00a0" + meta.unit : "");
  }

  /*
   * One row per area of `data` (the values file) in year `yearIndex`:
   * {id, name, value, text, status, rank, selected}, highest value first,
   * areas without a value last (by name).  Categories are ordered by class
   * and carry no rank.  `names` maps area ids to names; `C` and `F` are
   * atlas.classes and atlas.format.
   */
  function rows(meta, data, yearIndex, names, selected, C, F) {
    if (!meta || !data || yearIndex < 0) { return []; }
    const values = data.values[yearIndex];
    const status = data.status[yearIndex];
    const ranked = C.ranks(meta);
    // Ranked among the areas that have a value this year (a value beside another status is none).
    const order = ranked ? C.ranking(values.map((v, i) => (status.charAt(i) === OK ? v : null))) : null;
    const reasons = {s: meta.text.suppressed, m: meta.text.missing, b: meta.text.boundary, z: meta.text.noBase};
    // A change across SCB's 2025 edition: a split area's values are its former area's, an estimate says so.
    const marks = {p: meta.text.bridged, e: meta.text.estimated};
    const mark = (pos) => (data.bridged && marks[data.bridged.charAt(pos)]) || "";
    const out = data.ids.map((id, pos) => {
      const code = status.charAt(pos);
      const value = values[pos];
      const has = code === OK && value !== null && value !== undefined;
      const k = C.classAt(data.classes, yearIndex, pos);
      const label = has ? C.classLabel(meta, k) : null;
      const r = has && ranked ? C.rankIn(order, value) : null;
      return {id: id, name: names.get(id) || id, value: has ? value : null, k: k,
              text: has ? (label !== null ? label : formatValue(meta, value, F)) : "",
              status: has ? mark(pos) : (reasons[code] || meta.text.missing), rank: r ? r.rank : null,
              of: r ? r.of : null, selected: selected.has(id)};
    });
    const byName = (a, b) => a.name.localeCompare(b.name, meta.lang);
    out.sort((a, b) => {
      if ((a.value === null) !== (b.value === null)) { return a.value === null ? 1 : -1; }
      if (a.value === null) { return byName(a, b); }
      if (!ranked) { return a.k - b.k || byName(a, b); }
      return b.value - a.value || byName(a, b);
    });
    return out;
  }

  /*
   * The server's finding for the shown map (geodata/findings.py): change mode's payload has one
   * for its pair of years (`finding`), the others one per year (`findings`, keyed by the year as
   * text).  An empty string when the payload has none.
   */
  function findingOf(meta, year) {
    if (!meta) { return ""; }
    if (typeof meta.finding === "string") { return meta.finding; }
    const text = meta.findings && Object.prototype.hasOwnProperty.call(meta.findings, String(year))
      ? meta.findings[String(year)] : "";
    return typeof text === "string" ? text : "";
  }

  /*
   * A sentence or two on what the map shows in its year: for screen readers and the table's caption.
   * It opens with the payload's finding (findingOf), followed by the highest and lowest areas (or the
   * classes) and the areas without a value, as the browser reads them from the values it has.
   */
  function describe(meta, rowList, year, words, F, C) {
    const fill = F.fill;
    const indicator = meta ? meta.label : "";
    const withValue = rowList.filter((r) => r.value !== null);
    const hidden = rowList.length - withValue.length;
    let text;
    if (!withValue.length) {
      text = fill(words.describeNone || "", {indicator: indicator, year: year});
    } else if (!C.ranks(meta)) {
      const counts = new Map();
      withValue.forEach((r) => counts.set(r.text, (counts.get(r.text) || 0) + 1));
      const list = [...counts.entries()].map(([label, n]) => label + ": " + n).join(", ");
      text = fill(words.describeCategories || "", {indicator: indicator, year: year, counts: list});
    } else {
      const high = withValue[0], low = withValue[withValue.length - 1];
      text = fill(words.describeRange || "", {indicator: indicator, year: year, high: high.name,
                                              high_value: high.text, low: low.name, low_value: low.text});
    }
    if (hidden) {
      text += " " + fill(words.describeHidden || "", {count: hidden, total: rowList.length});
    }
    const finding = findingOf(meta, year);
    return finding ? finding + " " + text : text;
  }

  const table = {rows: rows, describe: describe, findingOf: findingOf};
  root.atlas = root.atlas || {};
  root.atlas.table = table;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = table;
    return;
  }

  /* ---- In the page ---- */
  const atlas = root.atlas;

  function words() {
    const page = document.getElementById(atlas.contract().ids.page);
    return page ? page.dataset : {};
  }

  function namesOf(state) {
    const names = new Map();
    state.layers.forEach((layer, id) => {
      const props = layer.feature && layer.feature.properties;
      if (props && typeof props.name === "string") { names.set(id, props.name); }
    });
    return names;
  }

  function cell(tag, text, attrs) {
    const el = document.createElement(tag);
    el.textContent = text;
    Object.entries(attrs || {}).forEach(([k, v]) => el.setAttribute(k, v));
    return el;
  }

  function choose(areaId) {
    const contract = atlas.contract();
    const state = atlas.maps[contract.maps[0].key];
    const next = atlas.view.toggleSelection(contract, [...state.selected], areaId, "areas");
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props(contract.ids.areaSearch, {value: next});
    }
  }

  function drawTable(box, list, meta, year, w) {
    const max = atlas.contract().maxAreas;
    const full = list.filter((r) => r.selected).length >= max;
    const tableEl = document.createElement("table");
    tableEl.className = "data-table map-table";
    tableEl.appendChild(cell("caption", atlas.format.fill(w.tableCaption || "", {indicator: meta.label, year: year})));
    const head = document.createElement("tr");
    [w.tableSelect, w.tableArea, w.tableValue, w.tableStatus].concat(atlas.classes.ranks(meta) ? [w.tableRank] : [])
      .forEach((h) => head.appendChild(cell("th", h || "", {scope: "col"})));
    const thead = document.createElement("thead");
    thead.appendChild(head);
    tableEl.appendChild(thead);
    const body = document.createElement("tbody");
    list.forEach((r) => {
      const tr = document.createElement("tr");
      if (r.selected) { tr.className = "selected"; }
      const box_ = document.createElement("input");
      box_.type = "checkbox";
      box_.checked = r.selected;
      box_.disabled = full && !r.selected;
      box_.setAttribute("aria-label", atlas.format.fill(w.tableSelectArea || "{area}", {area: r.name}));
      box_.onchange = () => choose(r.id);
      const td = document.createElement("td");
      td.appendChild(box_);
      tr.appendChild(td);
      tr.appendChild(cell("th", r.name, {scope: "row"}));
      tr.appendChild(cell("td", r.text));
      tr.appendChild(cell("td", r.status));
      if (atlas.classes.ranks(meta)) { tr.appendChild(cell("td", r.rank ? r.rank + " / " + r.of : "")); }
      body.appendChild(tr);
    });
    tableEl.appendChild(body);
    box.replaceChildren(tableEl);
  }

  /* Describe the main map, and fill its table when shown, for the year it shows. */
  function refresh() {
    let contract;
    try { contract = atlas.contract(); } catch (err) { return; }
    const spec = contract.maps[0];
    const state = atlas.maps && atlas.maps[spec.key];
    if (!state || !state.meta || !state.data || state.yearIndex < 0) { return; }
    const w = words();
    const year = state.data.years[state.yearIndex];
    const list = rows(state.meta, state.data, state.yearIndex, namesOf(state), state.selected,
                      atlas.classes, atlas.format);
    const description = document.getElementById(spec.description);
    const text = describe(state.meta, list, year, w, atlas.format, atlas.classes);
    if (description && description.textContent !== text) { description.textContent = text; }
    const box = document.getElementById(spec.table);
    if (box && !box.closest("[hidden]")) { drawTable(box, list, state.meta, year, w); }
  }

  let queued = false;
  function soon() {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(() => { queued = false; refresh(); });
  }
  document.addEventListener("atlas:painted", soon);
  atlas.table.refresh = soon;

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.atlas = window.dash_clientside.atlas || {};
  /* "Visa som tabell": show or hide the table twin; it is drawn as soon as it shows. */
  window.dash_clientside.atlas.toggle_table = function (nClicks) {
    const shown = Boolean(nClicks && nClicks % 2 === 1);
    if (shown) { setTimeout(soon, 0); }
    return [!shown, shown ? "true" : "false"];
  };
})(typeof window !== "undefined" ? window : globalThis);
