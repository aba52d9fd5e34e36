/*
 * Map images: a PNG in 16:9 (1920 × 1080) or A4 landscape (297 × 210 mm at
 * 150 dpi) with the title, the map or maps (compare mode: both, each with its
 * title and legend), the legend as shown and the notes the server sends: the
 * shown indicator's source, its licence and the caveats that apply
 * (suppressed areas, boundary breaks, fictional data).  Background tiles
 * from another site cannot be copied; the polygons and the boundary are.
 *
 * The layout functions are pure (node-tested); element ids come from the
 * view contract.
 */
(function (root) {
  "use strict";

  const FORMATS = {wide: {width: 1920, height: 1080}, a4: {width: 1754, height: 1240}};
  const MARGIN = 48, TITLE = 44, SUBTITLE = 28, ROW = 30, NOTE = 24, GAP = 20;

  /* The largest rectangle of aspect srcW:srcH inside `box`, centred. */
  function fitRect(srcW, srcH, box) {
    if (!(srcW > 0 && srcH > 0)) { return {x: box.x, y: box.y, w: 0, h: 0}; }
    const scale = Math.min(box.w / srcW, box.h / srcH);
    const w = srcW * scale, h = srcH * scale;
    return {x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w: w, h: h};
  }

  /* `text` broken into lines no wider than `maxWidth` as `measure` (text -> width) says. */
  function wrapLines(text, maxWidth, measure) {
    const lines = [];
    let line = "";
    String(text || "").split(/\s+/).filter(Boolean).forEach((word) => {
      const candidate = line ? line + " " + word : word;
      if (line && measure(candidate) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  /*
   * Where everything goes on a page of `format` with `maps` maps whose
   * legends have `legendRows` rows each and `noteLines` lines of notes.
   * One map: the map on the left, its legend in a column on the right.
   * Two maps: side by side, each with its title above and legend below.
   */
  function imageLayout(format, maps, legendRows, noteLines) {
    const size = FORMATS[format] || FORMATS.wide;
    const width = size.width, height = size.height;
    const inner = width - 2 * MARGIN;
    const notesTop = height - MARGIN - noteLines * NOTE;
    const top = MARGIN + TITLE + GAP;
    const bottom = notesTop - GAP;
    const boxes = [];
    if (maps <= 1) {
      const legendWidth = Math.round(inner * 0.28);
      boxes.push({map: {x: MARGIN, y: top, w: inner - legendWidth - GAP, h: bottom - top},
                  legend: {x: width - MARGIN - legendWidth, y: top, w: legendWidth}, subtitle: null});
    } else {
      const column = (inner - GAP * (maps - 1)) / maps;
      const legendHeight = Math.max(...legendRows, 0) * ROW;
      for (let i = 0; i < maps; i += 1) {
        const x = MARGIN + i * (column + GAP);
        const mapTop = top + SUBTITLE + GAP / 2;
        boxes.push({subtitle: {x: x, y: top + SUBTITLE - 6, w: column},
                    map: {x: x, y: mapTop, w: column, h: bottom - legendHeight - GAP - mapTop},
                    legend: {x: x, y: bottom - legendHeight, w: column}});
      }
    }
    return {width: width, height: height, title: {x: MARGIN, y: MARGIN + TITLE - 8, w: inner},
            notes: {x: MARGIN, y: notesTop, w: inner}, boxes: boxes};
  }

  const exportApi = {FORMATS: FORMATS, fitRect: fitRect, wrapLines: wrapLines, imageLayout: imageLayout};
  if (typeof module !== "undefined" && module.exports) {
    module.exports = exportApi;
  }
  if (typeof document === "undefined") { return; }

  const atlas = root.atlas;

  function textOf(id) {
    const el = document.getElementById(id);
    return el ? el.textContent.trim() : "";
  }

  function legendRows(id) {
    const legend = document.getElementById(id);
    return Array.from(legend ? legend.querySelectorAll("li") : []).map((li) => ({
      colour: li.querySelector(".swatch").style.backgroundColor,
      label: (li.querySelector(".legend-label") || {}).textContent || "",
      count: (li.querySelector(".legend-count") || {}).textContent || "",
    }));
  }

  /* The map's polygons and boundary as one canvas of its container's size. */
  function snapshot(leaflet) {
    const container = leaflet.getContainer();
    const box = container.getBoundingClientRect();
    const scale = 2;
    const out = document.createElement("canvas");
    out.width = Math.max(1, Math.round(box.width * scale));
    out.height = Math.max(1, Math.round(box.height * scale));
    const ctx = out.getContext("2d");
    ctx.scale(scale, scale);
    ctx.fillStyle = getComputedStyle(container).backgroundColor || "#eef0ee";
    ctx.fillRect(0, 0, box.width, box.height);
    container.querySelectorAll(".leaflet-overlay-pane canvas").forEach((canvas) => {
      const r = canvas.getBoundingClientRect();
      ctx.drawImage(canvas, r.left - box.left, r.top - box.top, r.width, r.height);
    });
    return out;
  }

  function download(canvas, fileName) {
    canvas.toBlob((blob) => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }, "image/png");
  }

  function drawLegend(ctx, rows, box, written) {
    let y = box.y;
    ctx.font = "22px system-ui, sans-serif";
    rows.forEach((item) => {
      ctx.fillStyle = item.colour || "#a3a3a3";
      ctx.fillRect(box.x, y, 34, 20);
      ctx.strokeStyle = "#8c8c8c";
      ctx.strokeRect(box.x, y, 34, 20);
      ctx.fillStyle = "#1f1f1f";
      const text = item.label + "   " + item.count;
      ctx.fillText(text, box.x + 46, y + 17, box.w - 50);
      written.push(text);
      y += ROW;
    });
  }

  /*
   * Draw the shown maps into a PNG as `spec` (from the server: format,
   * fileName, source, licence, caveats) says and download it; returns the
   * texts written, or null when there is no map yet.
   */
  function exportImage(spec) {
    const contract = atlas.contract();
    const shown = contract.maps.filter((m) => atlas.maps[m.key] && atlas.maps[m.key].leaflet
                                         && document.getElementById(m.container));
    if (!spec || !shown.length) { return null; }
    const probe = document.createElement("canvas").getContext("2d");
    const size = FORMATS[spec.format] || FORMATS.wide;
    probe.font = NOTE - 4 + "px system-ui, sans-serif";
    const notes = [spec.source, spec.licence].concat(spec.caveats || [], ["Segregationsatlas"])
      .reduce((lines, note) => lines.concat(wrapLines(note, size.width - 2 * MARGIN, (s) => probe.measureText(s).width)), []);
    const legends = shown.map((m) => legendRows(m.legend));
    const layout = imageLayout(spec.format, shown.length, legends.map((l) => l.length), notes.length);
    const out = document.createElement("canvas");
    out.width = layout.width;
    out.height = layout.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, layout.width, layout.height);
    const written = [];
    // Two maps: the dataset's title (each map has its own title above it); one map: the map's title.
    const heading = document.querySelector("h1");
    const title = shown.length > 1 && heading && heading.firstChild ? heading.firstChild.textContent.trim()
      : textOf(shown[0].title);
    ctx.fillStyle = "#1f1f1f";
    ctx.font = "bold " + (TITLE - 6) + "px system-ui, sans-serif";
    ctx.fillText(title, layout.title.x, layout.title.y, layout.title.w);
    written.push(title);
    shown.forEach((m, i) => {
      const box = layout.boxes[i];
      if (box.subtitle) {
        ctx.fillStyle = "#1f1f1f";
        ctx.font = "bold " + (SUBTITLE - 4) + "px system-ui, sans-serif";
        const subtitle = textOf(m.title);
        ctx.fillText(subtitle, box.subtitle.x, box.subtitle.y, box.subtitle.w);
        written.push(subtitle);
      }
      const image = snapshot(atlas.maps[m.key].leaflet);
      const at = fitRect(image.width, image.height, box.map);
      ctx.drawImage(image, at.x, at.y, at.w, at.h);
      ctx.strokeStyle = "#c8c8c8";
      ctx.strokeRect(at.x, at.y, at.w, at.h);
      drawLegend(ctx, legends[i], box.legend, written);
    });
    ctx.fillStyle = "#4a4a4a";
    ctx.font = NOTE - 4 + "px system-ui, sans-serif";
    notes.forEach((line, i) => {
      ctx.fillText(line, layout.notes.x, layout.notes.y + (i + 1) * NOTE - 6, layout.notes.w);
    });
    written.push(...notes);
    atlas.lastImage = {format: spec.format, width: layout.width, height: layout.height, texts: written};
    download(out, spec.fileName);
    return spec.fileName;
  }

  atlas.exportImage = exportImage;

  // The download menu closes once a choice is made (or on Escape), like any menu.
  document.addEventListener("click", (event) => {
    const item = event.target.closest && event.target.closest(".export-menu .menu-item");
    if (item) { setTimeout(() => { item.closest("details").open = false; }, 0); }
  });
  document.addEventListener("keydown", (event) => {
    const menu = event.key === "Escape" && event.target.closest && event.target.closest(".export-menu[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  function register() {
    root.dash_clientside = root.dash_clientside || {};
    root.dash_clientside.atlas = root.dash_clientside.atlas || {};
    root.dash_clientside.atlas.export_image = function (spec) {
      return exportImage(spec) || root.dash_clientside.no_update;
    };
  }
  // After every asset script has run: another may replace the namespace object.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", register);
  } else {
    register();
  }
})(typeof window !== "undefined" ? window : globalThis);
