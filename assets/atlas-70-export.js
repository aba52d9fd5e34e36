/*
 * A PNG of what the main map shows: title, the map's canvas (the polygons
 * and the boundary; background tiles from another site cannot be copied),
 * the legend as shown and the source line.  Element ids come from the view
 * contract.
 */
(function () {
  "use strict";

  const atlas = window.atlas;

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

  /* Draw the main map into a PNG named `fileName` and download it; null when there is no map yet. */
  function exportPng(fileName) {
    const spec = atlas.mapSpec();
    const state = atlas.maps[spec.key];
    if (!state || !state.leaflet) { return null; }
    const container = state.leaflet.getContainer();
    const box = container.getBoundingClientRect();
    const legend = legendRows(spec.legend);
    const scale = 2;
    const pad = 16, head = 52, row = 22, foot = 34;
    const width = Math.round(box.width), mapHeight = Math.round(box.height);
    const height = head + mapHeight + pad + legend.length * row + foot;
    const out = document.createElement("canvas");
    out.width = width * scale;
    out.height = height * scale;
    const ctx = out.getContext("2d");
    ctx.scale(scale, scale);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = "#1f1f1f";
    ctx.font = "bold 20px system-ui, sans-serif";
    ctx.fillText(textOf(spec.title), pad, 32, width - 2 * pad);
    ctx.fillStyle = getComputedStyle(container).backgroundColor || "#eef0ee";
    ctx.fillRect(0, head, width, mapHeight);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, head, width, mapHeight);
    ctx.clip();
    container.querySelectorAll(".leaflet-overlay-pane canvas").forEach((canvas) => {
      const r = canvas.getBoundingClientRect();
      ctx.drawImage(canvas, r.left - box.left, head + r.top - box.top, r.width, r.height);
    });
    ctx.restore();
    let y = head + mapHeight + pad;
    ctx.font = "14px system-ui, sans-serif";
    legend.forEach((item) => {
      ctx.fillStyle = item.colour || "#a3a3a3";
      ctx.fillRect(pad, y, 24, 14);
      ctx.strokeStyle = "#8c8c8c";
      ctx.strokeRect(pad, y, 24, 14);
      ctx.fillStyle = "#1f1f1f";
      ctx.fillText(item.label + "   " + item.count, pad + 34, y + 12, width - pad - 40);
      y += row;
    });
    ctx.fillStyle = "#4a4a4a";
    ctx.font = "12px system-ui, sans-serif";
    ctx.fillText(textOf(atlas.contract().ids.footerSource) + " · Segregationsatlas", pad, height - 12,
                 width - 2 * pad);
    download(out, fileName);
    return fileName;
  }

  atlas.exportPng = exportPng;
})();
