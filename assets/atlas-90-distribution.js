/*
 * The distribution panel: a strip chart of every area's value drawn on a
 * canvas (one dot per area, coloured by the map's class, a dotted line at
 * each class bound, the selected areas larger and named) and its table twin,
 * paged.  The data come once from the server (layouts/distribution.py); a
 * canvas and fifty table rows stay fast at 6,000 areas, where a plotly chart
 * and a Dash table of thousands of components froze the page.
 *
 * The panel follows the year, the selection and the indicator only while it
 * is open (its summary has been clicked an odd number of times): with the
 * panel closed, a year step or playback asks the server for nothing.
 *
 * Names are only ever set with textContent or drawn on the canvas.  The
 * pure functions are node-tested.
 */
(function (root) {
  "use strict";

  function distributionTrigger(nClicks, year, yearB, areas, payload) {
    if (typeof nClicks !== "number" || nClicks % 2 === 0) {
      return null;
    }
    return {year: year, year_b: yearB, areas: areas, data: payload ? payload.url : null};
  }

  const NBSP = "\u00a0";

  /* A value as the map's legend writes it: signed for changes, with its unit. */
  function valueText(spec, value, formatNumber) {
    let number = formatNumber(value, spec.decimals, spec.lang);
    if (spec.signed && value > 0 && /[1-9]/.test(number)) { number = "+" + number; }
    return spec.unit ? number + NBSP + spec.unit : number;
  }

  /* Table rows, highest value first (ties by name), with their texts. */
  function sortedRows(spec, formatNumber) {
    const rows = spec.ids.map((id, i) => {
      const k = spec.classes[i];
      return {id: id, name: spec.names[i], value: spec.values[i], valueText: valueText(spec, spec.values[i], formatNumber),
              classLabel: k >= 0 && k < spec.labels.length ? spec.labels[k] : "",
              selected: spec.selected.indexOf(id) >= 0};
    });
    rows.sort((a, b) => (b.value - a.value) || String(a.name).localeCompare(String(b.name), spec.lang));
    return rows;
  }

  /* Page `page` (1-based, clamped) of `n` rows in pages of `size`: its number, the number of pages, its rows. */
  function pageOf(n, page, size) {
    const pages = Math.max(1, Math.ceil(n / size));
    const current = Math.min(Math.max(Math.trunc(page) || 1, 1), pages);
    return {page: current, pages: pages, start: (current - 1) * size, end: Math.min(current * size, n)};
  }

  /* A vertical offset in [-1, 1] fixed by the area id, so a dot does not jump between years. */
  function jitter(id) {
    let h = 2166136261;
    const s = String(id);
    for (let i = 0; i < s.length; i += 1) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return (h % 10001) / 5000 - 1;
  }

  /* About `n` round tick values (1, 2, 5 × 10^k apart) covering [lo, hi]. */
  function ticks(lo, hi, n) {
    if (!(hi > lo)) { return [lo]; }
    const raw = (hi - lo) / Math.max(n, 1);
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw * 0.7);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.push(Math.round(v / step) * step + 0);  // + 0: no "−0"
    }
    return out;
  }

  const api = {distributionTrigger: distributionTrigger, valueText: valueText, sortedRows: sortedRows,
               pageOf: pageOf, jitter: jitter, ticks: ticks};
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  }
  if (typeof document === "undefined") { return; }

  const HEIGHT = 220, PAD = {l: 16, r: 16, t: 26, b: 44};

  function drawChart(el, spec) {
    const formatNumber = root.atlas.format.formatNumber;
    el.textContent = "";
    el.style.position = "relative";
    const width = Math.max(el.clientWidth || 0, 280);
    const canvas = document.createElement("canvas");
    const ratio = root.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    canvas.style.width = width + "px";
    canvas.style.height = HEIGHT + "px";
    el.appendChild(canvas);
    const ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.font = "13px system-ui, sans-serif";
    ctx.fillStyle = "#1f1f1f";
    ctx.fillText(spec.title, PAD.l, 16, width - PAD.l - PAD.r);
    if (!spec.values.length) {
      ctx.fillText(spec.text.empty, width / 2 - ctx.measureText(spec.text.empty).width / 2, HEIGHT / 2);
      return;
    }
    let lo = Math.min(...spec.values), hi = Math.max(...spec.values);
    if (spec.signed) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
    if (hi === lo) { lo -= 1; hi += 1; }
    const span = hi - lo;
    lo -= span * 0.03;
    hi += span * 0.03;
    const plotW = width - PAD.l - PAD.r, plotH = HEIGHT - PAD.t - PAD.b;
    const x = (v) => PAD.l + (v - lo) / (hi - lo) * plotW;
    const mid = PAD.t + plotH / 2;
    const y = (id) => mid + jitter(id) * plotH * 0.36;
    // Axis with round ticks and the unit.
    ctx.strokeStyle = "#bdbdbd";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(PAD.l, PAD.t + plotH + 0.5);
    ctx.lineTo(PAD.l + plotW, PAD.t + plotH + 0.5);
    ctx.stroke();
    ctx.fillStyle = "#4a4a4a";
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center";
    ticks(lo, hi, Math.max(2, Math.floor(plotW / 90))).forEach((v) => {
      const text = valueText(Object.assign({}, spec, {unit: ""}), v, formatNumber);
      ctx.fillText(text, x(v), PAD.t + plotH + 16);
    });
    ctx.fillText(spec.unit, PAD.l + plotW / 2, HEIGHT - 6);
    // Class bounds (dotted) and, for a change, zero.
    ctx.setLineDash([3, 3]);
    ctx.strokeStyle = "#737373";
    spec.breaks.slice(0, -1).forEach((b) => {
      ctx.beginPath();
      ctx.moveTo(Math.round(x(b)) + 0.5, PAD.t);
      ctx.lineTo(Math.round(x(b)) + 0.5, PAD.t + plotH);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    if (spec.signed) {
      ctx.strokeStyle = "#252525";
      ctx.beginPath();
      ctx.moveTo(Math.round(x(0)) + 0.5, PAD.t);
      ctx.lineTo(Math.round(x(0)) + 0.5, PAD.t + plotH);
      ctx.stroke();
    }
    const colour = (k) => (k >= 0 && k < spec.colours.length ? spec.colours[k] : spec.noDataColour);
    const points = spec.ids.map((id, i) => ({x: x(spec.values[i]), y: y(id), i: i}));
    ctx.globalAlpha = 0.85;
    ctx.strokeStyle = "#525252";
    ctx.lineWidth = 0.5;
    points.forEach((p) => {
      ctx.fillStyle = colour(spec.classes[p.i]);
      ctx.beginPath();
      ctx.arc(p.x, p.y, 4, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    const chosen = new Set(spec.selected);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#000000";
    ctx.textAlign = "center";
    ctx.font = "bold 12px system-ui, sans-serif";
    points.filter((p) => chosen.has(spec.ids[p.i])).forEach((p) => {
      ctx.fillStyle = colour(spec.classes[p.i]);
      ctx.beginPath();
      ctx.arc(p.x, p.y, 7.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = "#000000";
      ctx.fillText(spec.names[p.i], p.x, p.y - 12);
    });
    // Hover: the nearest dot's name and value, as text.
    const tip = document.createElement("div");
    tip.className = "dist-tip";
    tip.hidden = true;
    el.appendChild(tip);
    canvas.addEventListener("mousemove", (event) => {
      const box = canvas.getBoundingClientRect();
      const mx = event.clientX - box.left, my = event.clientY - box.top;
      let best = null, bestD = 100;
      points.forEach((p) => {
        const d = (p.x - mx) * (p.x - mx) + (p.y - my) * (p.y - my);
        if (d < bestD) { best = p; bestD = d; }
      });
      if (!best) { tip.hidden = true; return; }
      tip.textContent = spec.names[best.i] + ": " + valueText(spec, spec.values[best.i], formatNumber);
      tip.style.left = Math.min(best.x + 10, width - 160) + "px";
      tip.style.top = Math.max(best.y - 34, 0) + "px";
      tip.hidden = false;
    });
    canvas.addEventListener("mouseleave", () => { tip.hidden = true; });
    el.dataset.dots = String(points.length);
  }

  function cell(tag, text, attrs) {
    const el = document.createElement(tag);
    el.textContent = text;
    Object.keys(attrs || {}).forEach((k) => el.setAttribute(k, attrs[k]));
    return el;
  }

  function drawTable(el, spec) {
    const rows = sortedRows(spec, root.atlas.format.formatNumber);
    el.textContent = "";
    const details = document.createElement("details");
    details.appendChild(cell("summary", spec.text.show));
    const table = document.createElement("table");
    table.className = "data-table";
    table.appendChild(cell("caption", spec.caption));
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    [spec.text.area, spec.text.value, spec.text.class].forEach((t) => headRow.appendChild(cell("th", t, {scope: "col"})));
    head.appendChild(headRow);
    table.appendChild(head);
    const body = document.createElement("tbody");
    table.appendChild(body);
    const nav = document.createElement("nav");
    nav.className = "pager";
    const previous = cell("button", spec.text.previous, {type: "button"});
    const label = cell("span", "", {"aria-live": "polite"});
    const next = cell("button", spec.text.next, {type: "button"});
    nav.append(previous, label, next);
    let page = 1;
    function show(wanted) {
      const at = pageOf(rows.length, wanted, spec.pageSize);
      page = at.page;
      body.textContent = "";
      rows.slice(at.start, at.end).forEach((r) => {
        const tr = document.createElement("tr");
        if (r.selected) { tr.className = "selected"; }
        tr.append(cell("th", r.name, {scope: "row"}), cell("td", r.valueText), cell("td", r.classLabel));
        body.appendChild(tr);
      });
      label.textContent = root.atlas.format.fill(spec.text.page, {page: at.page, pages: at.pages, n: rows.length});
      previous.disabled = at.page <= 1;
      next.disabled = at.page >= at.pages;
    }
    previous.addEventListener("click", () => show(page - 1));
    next.addEventListener("click", () => show(page + 1));
    show(1);
    details.append(table, nav);
    el.appendChild(details);
  }

  /* Draw every chart and table of `specs` once their containers are on the page. */
  function drawDistribution(specs, attempt) {
    if (!Array.isArray(specs)) { return; }
    const ready = specs.every((s) => document.getElementById(s.chartId) && document.getElementById(s.tableId));
    if (!ready) {
      if ((attempt || 0) < 50) { requestAnimationFrame(() => drawDistribution(specs, (attempt || 0) + 1)); }
      return;
    }
    specs.forEach((spec) => {
      drawChart(document.getElementById(spec.chartId), spec);
      drawTable(document.getElementById(spec.tableId), spec);
    });
    root.atlas.distributionDrawn = performance.now();
    document.dispatchEvent(new CustomEvent("atlas:distribution", {detail: {maps: specs.length}}));
  }

  function register() {
    root.dash_clientside = root.dash_clientside || {};
    root.dash_clientside.atlas = root.dash_clientside.atlas || {};
    root.dash_clientside.atlas.distribution_trigger = function () {
      const out = distributionTrigger.apply(null, arguments);
      return out === null ? root.dash_clientside.no_update : out;
    };
    root.dash_clientside.atlas.draw_distribution = function (specs) {
      requestAnimationFrame(() => drawDistribution(specs, 0));
      return String(Array.isArray(specs) ? specs.length : 0);
    };
  }
  // After every asset script has run: another may replace the namespace object.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", register);
  } else {
    register();
  }
})(typeof window !== "undefined" ? window : globalThis);
