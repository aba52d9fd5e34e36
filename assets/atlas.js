/*
 * Segregationsatlas map styling: everything lives under window.atlas.
 *
 * Geometry reaches the browser once per level (GeoJSON component `url`).
 * The values and classes of the shown indicator for every year come once
 * from a cacheable URL named in the small payload store, so a year change
 * restyles the existing Leaflet layers in place (layer.setStyle) without a
 * server round trip and without re-creating layers.
 *
 * Text that comes from data (area names) is only ever set with textContent,
 * never as HTML.
 */
(function () {
  "use strict";

  const BORDER = "#ffffff";
  const SELECTED = "#111111";
  const NO_DATA_BORDER = "#5f5f5f";

  const maps = {};

  function mapState(mapId) {
    if (!maps[mapId]) {
      maps[mapId] = {layers: new Map(), meta: null, data: null, url: null, index: new Map(),
                     yearIndex: -1, year: null, selected: new Set(), painted: false, pending: false,
                     rankCache: new Map()};
    }
    return maps[mapId];
  }

  /* Values arrive from a cacheable URL, once per level, indicator and classification. */
  const fetches = new Map();
  function fetchValues(url) {
    if (!fetches.has(url)) {
      fetches.set(url, fetch(url, {credentials: "same-origin"}).then((r) => {
        if (!r.ok) { throw new Error("values " + r.status); }
        return r.json();
      }).catch((err) => { fetches.delete(url); throw err; }));
    }
    return fetches.get(url);
  }

  // The index page preloads the first view's values; asking for them now,
  // before Dash has rendered anything, lets them be ready when the map is.
  document.querySelectorAll('link[rel="preload"][href*="/values/"], link[rel="preload"][href*="/change/"]')
    .forEach((link) => { fetchValues(link.getAttribute("href")).catch(() => {}); });

  function setData(state, meta, data) {
    state.meta = meta;
    if (state.data !== data) {
      state.data = data;
      state.index = new Map();
      data.ids.forEach((id, pos) => state.index.set(id, pos));
      state.rankCache = new Map();
    }
    state.yearIndex = data.years.indexOf(state.year);
  }

  function classOf(state, areaId) {
    if (!state.data || state.yearIndex < 0) {
      return -2;  // no values yet: neutral until they arrive
    }
    const pos = state.index.get(areaId);
    if (pos === undefined) {
      return -1;
    }
    const code = state.data.classes[state.yearIndex].charCodeAt(pos) - 48;
    return code >= 0 && code <= 9 ? code : -1;
  }

  function styleFor(state, areaId) {
    const k = classOf(state, areaId);
    const selected = state.selected.has(areaId);
    if (k === -2) {
      return {fillColor: "#e6e6e6", fillOpacity: 0.6, color: BORDER, weight: 0.8, opacity: 1, dashArray: null};
    }
    if (k < 0) {
      return {fillColor: state.meta.noDataColour, fillOpacity: 0.75,
              color: selected ? SELECTED : NO_DATA_BORDER, weight: selected ? 3 : 0.8, opacity: 1,
              dashArray: selected ? null : "3 3"};
    }
    return {fillColor: state.meta.colours[k], fillOpacity: 0.88,
            color: selected ? SELECTED : BORDER, weight: selected ? 3 : 0.8, opacity: 1, dashArray: null};
  }

  function announcePaint(state, kind) {
    if (state.pending) {
      return;
    }
    state.pending = true;
    // Leaflet's canvas renderer redraws in the next animation frame; a frame
    // callback queued now runs right after that redraw.
    requestAnimationFrame(() => {
      state.pending = false;
      const now = performance.now();
      atlas.lastPaint = now;
      if (!state.painted && state.layers.size > 0 && state.data) {
        state.painted = true;
        atlas.firstPaint = now;
        performance.mark("atlas:first-paint");
      }
      document.dispatchEvent(new CustomEvent("atlas:painted", {detail: {kind: kind, time: now}}));
    });
  }

  function sameStyle(a, b) {
    return a && a.fillColor === b.fillColor && a.color === b.color && a.weight === b.weight &&
      a.dashArray === b.dashArray && a.fillOpacity === b.fillOpacity;
  }

  function restyle(state) {
    // Only layers whose look changes are touched: setStyle makes Leaflet
    // recompute bounds and schedule a redraw for each layer it is given.
    state.layers.forEach((layer, areaId) => {
      const style = styleFor(state, areaId);
      if (!sameStyle(layer._atlasStyle, style)) {
        layer._atlasStyle = style;
        layer.setStyle(style);
      }
    });
    state.selected.forEach((areaId) => {
      if (state.layers.has(areaId)) { state.layers.get(areaId).bringToFront(); }
    });
    announcePaint(state, "restyle");
  }

  /*
   * Maps shown side by side move together; the first map's view goes into
   * the address once the user has moved it away from the initial fit.
   */
  let syncing = false;
  function attachMap(mapId, leaflet) {
    const state = mapState(mapId);
    state.leaflet = leaflet;
    leaflet.on("move", () => {
      if (syncing) { return; }
      syncing = true;
      Object.keys(maps).forEach((otherId) => {
        const other = maps[otherId].leaflet;
        if (otherId !== mapId && other) { other.setView(leaflet.getCenter(), leaflet.getZoom(), {animate: false}); }
      });
      syncing = false;
    });
    // The map has its first view (a fit or the link's) before any layer is added.
    state.initialView = viewKey(leaflet);
    leaflet.on("moveend", () => {
      if (mapId !== "map") { return; }
      if (viewKey(leaflet) !== state.initialView) {
        atlas.viewport = viewKey(leaflet);
        replaceParam("at", atlas.viewport);
      }
    });
    Object.keys(maps).forEach((otherId) => {
      const other = maps[otherId].leaflet;
      if (otherId !== mapId && other) { leaflet.setView(other.getCenter(), other.getZoom(), {animate: false}); }
    });
  }

  function viewKey(leaflet) {
    const c = leaflet.getCenter();
    return [c.lat.toFixed(5), c.lng.toFixed(5), leaflet.getZoom().toFixed(2)].map((x) => String(parseFloat(x))).join(",");
  }

  function replaceParam(key, value) {
    const params = new URLSearchParams(window.location.search);
    params.set(key, value);
    const query = "?" + params.toString().replace(/%2C/g, ",");
    window.history.replaceState(window.history.state, "", window.location.pathname + query);
  }

  function formatNumber(value, decimals, lang) {
    if (value === null || value === undefined) {
      return "";
    }
    const text = value.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB",
      {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
    return text;
  }

  function rankOf(state, pos) {
    const p = state.data;
    const yi = state.yearIndex;
    let ranked = state.rankCache.get(yi);
    if (!ranked) {
      const values = p.values[yi];
      const sorted = values.filter((v) => v !== null).sort((a, b) => b - a);
      ranked = {sorted: sorted};
      state.rankCache.set(yi, ranked);
    }
    const v = p.values[yi][pos];
    if (v === null) {
      return null;
    }
    // Rank 1 = highest; ties share the best rank.
    let lo = 0, hi = ranked.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranked.sorted[mid] > v) { lo = mid + 1; } else { hi = mid; }
    }
    return {rank: lo + 1, of: ranked.sorted.length};
  }

  function tooltipContent(state, feature) {
    const box = document.createElement("div");
    box.className = "atlas-tooltip";
    const title = document.createElement("strong");
    title.textContent = feature.properties.name;
    box.appendChild(title);
    const p = state.meta;
    const d = state.data;
    const pos = state.index.get(feature.properties.id);
    if (!p || !d || pos === undefined || state.yearIndex < 0) {
      return box;
    }
    const line = (text, cls) => {
      const el = document.createElement("div");
      el.textContent = text;
      if (cls) { el.className = cls; }
      box.appendChild(el);
    };
    line(p.label + " " + d.years[state.yearIndex], "tt-indicator");
    const status = d.status[state.yearIndex].charAt(pos);
    const value = d.values[state.yearIndex][pos];
    if (status === "o" && value !== null) {
      const sign = p.signed && value > 0 ? "+" : "";
      line(sign + formatNumber(value, p.decimals, p.lang) + (p.unit ? "\u00a0" + p.unit : ""), "tt-value");
      const r = p.signed ? null : rankOf(state, pos);
      if (r) {
        line(p.text.rank + " " + r.rank + " " + p.text.of + " " + r.of, "tt-rank");
      }
    } else {
      const reasons = {s: p.text.suppressed, m: p.text.missing, b: p.text.boundary, z: p.text.noBase};
      line(reasons[status] || p.text.missing, "tt-status");
    }
    return box;
  }

  const atlas = {
    maps: maps,
    firstPaint: null,
    lastPaint: null,

    map: {
      /* GeoJSON `style`: the colour of a feature when its layer is created. */
      style: function (feature, context) {
        return styleFor(mapState(context.hideout.map), feature.properties.id);
      },

      outlineStyle: function () {
        return {fill: false, color: "#2b2b2b", weight: 2.2, opacity: 0.9, interactive: false};
      },

      /* GeoJSON `onEachFeature`: register the layer, bind tooltip and events. */
      onEachFeature: function (feature, layer, context) {
        const state = mapState(context.hideout.map);
        const areaId = feature.properties.id;
        layer.on("add", () => {
          state.layers.set(areaId, layer);
          if (!state.leaflet && layer._map) { attachMap(context.hideout.map, layer._map); }
          announcePaint(state, "geometry");
        });
        layer.on("remove", () => {
          if (state.layers.get(areaId) === layer) {
            state.layers.delete(areaId);
          }
        });
        layer.bindTooltip(() => tooltipContent(state, feature), {sticky: true, direction: "top",
                                                                className: "atlas-tooltip-wrap"});
        layer.on("mouseover", () => {
          layer.setStyle({weight: 2.5, color: SELECTED});
          layer.bringToFront();
        });
        layer.on("mouseout", () => {
          layer.setStyle(styleFor(state, areaId));
        });
        layer.on("click", () => {
          context.setProps({n_clicks: (context.n_clicks || 0) + 1, clickData: {id: areaId}});
        });
      },

      /* Restyle map `mapId` for another year of the values it already has. */
      showYear: function (mapId, year) {
        const state = mapState(mapId);
        if (state.year === year || !state.data || state.data.years.indexOf(year) < 0) {
          return;
        }
        state.year = year;
        setData(state, state.meta, state.data);
        restyle(state);
      },

      /* Restyle map `mapId` for a payload (small, from Dash), year and selection. */
      update: function (mapId, meta, year, selected) {
        const state = mapState(mapId);
        state.year = year;
        state.selected = new Set(Array.isArray(selected) ? selected : (selected ? [selected] : []));
        if (!meta || !meta.url) {
          return state;
        }
        if (state.url === meta.url && state.data) {
          setData(state, meta, state.data);
          restyle(state);
          return state;
        }
        state.url = meta.url;
        fetchValues(meta.url).then((data) => {
          if (state.url !== meta.url) { return; }  // a newer choice won the race
          setData(state, meta, data);
          restyle(state);
        }).catch((err) => { console.warn("Segregationsatlas: " + err.message); });
        return state;
      },
    },

    formatNumber: formatNumber,
  };

  window.atlas = atlas;
  atlas.loadedSearch = null;
  atlas.viewport = null;

  // Back and Forward load the view that address describes.
  window.addEventListener("popstate", () => { window.location.reload(); });

  /*
   * Repairs to Dash 4's own widgets, found by axe-core (tests/test_browser_a11y.py):
   * - the dropdown names itself after its current value only, the slider
   *   thumb has no name: both are linked to their visible label;
   * - radio items are rendered as a listbox of options that contain radio
   *   buttons (nested controls): they become a radio group named by the
   *   fieldset's legend, the native radios doing the rest;
   * - the dropdown's hidden focus target sits in the tab order.
   */
  function nameWidgets(root) {
    root.querySelectorAll(".dash-radioitems").forEach((group) => {
      if (group.getAttribute("role") !== "radiogroup") { group.setAttribute("role", "radiogroup"); }
      const legend = group.closest("fieldset") && group.closest("fieldset").querySelector("legend");
      if (legend) {
        if (!legend.id) { legend.id = group.id + "-legend"; }
        if (group.getAttribute("aria-labelledby") !== legend.id) { group.setAttribute("aria-labelledby", legend.id); }
      }
      group.querySelectorAll('[role="option"]').forEach((option) => {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
    root.querySelectorAll('.dash-dropdown-focus-target:not([tabindex="-1"])').forEach((input) => {
      input.setAttribute("tabindex", "-1");
    });
    // An open dropdown's options are native radios or checkboxes in labels:
    // a named group of them, in a popover (a dialog), not a listbox of options.
    const page = document.getElementById("atlas-page");
    const words = page ? page.dataset : {};
    const open = document.querySelector('button.dash-dropdown[aria-expanded="true"]');
    const openLabel = open && document.querySelector('label[for="' + open.id + '"]');
    root.querySelectorAll("button.dash-dropdown[aria-haspopup='listbox']").forEach((button) => {
      button.setAttribute("aria-haspopup", "dialog");
    });
    root.querySelectorAll(".dash-dropdown-options").forEach((list) => {
      if (list.getAttribute("role") !== "group") { list.setAttribute("role", "group"); }
      if (openLabel && list.getAttribute("aria-label") !== openLabel.textContent) {
        list.setAttribute("aria-label", openLabel.textContent);
      }
      list.querySelectorAll('[role="option"]').forEach((option) => {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
    if (words.search) {
      root.querySelectorAll("input.dash-dropdown-search").forEach((input) => {
        if (input.placeholder !== words.search) { input.placeholder = words.search; }
      });
      root.querySelectorAll("button.dash-dropdown-clear").forEach((button) => {
        if (button.getAttribute("aria-label") !== words.clearSearch) { button.setAttribute("aria-label", words.clearSearch); }
      });
    }
    root.querySelectorAll("button.dash-dropdown[id]").forEach((button) => {
      const label = document.querySelector('label[for="' + button.id + '"]');
      if (!label) { return; }
      if (!label.id) { label.id = button.id + "-label"; }
      const current = button.getAttribute("aria-labelledby") || "";
      if (!current.split(" ").includes(label.id)) {
        button.setAttribute("aria-labelledby", (label.id + " " + current).trim());
      }
    });
    // The search box of an open dropdown is rendered in a popover, away from
    // its button; name it after the label of the dropdown that is open.
    root.querySelectorAll("input.dash-dropdown-search:not([aria-label])").forEach((input) => {
      const open = document.querySelector('button.dash-dropdown[aria-expanded="true"]');
      const label = open && document.querySelector('label[for="' + open.id + '"]');
      if (label) { input.setAttribute("aria-label", label.textContent); }
    });
    root.querySelectorAll(".dash-slider-container[id]").forEach((slider) => {
      const label = document.getElementById(slider.id.replace("-slider", "-label"));
      slider.querySelectorAll('[role="slider"]').forEach((thumb) => {
        if (label && thumb.getAttribute("aria-labelledby") !== label.id) {
          thumb.setAttribute("aria-labelledby", label.id);
        }
      });
    });
  }

  /*
   * The map follows the year slider's thumb directly: its aria-valuenow
   * changes as soon as React renders the new value, a frame or two before
   * Dash has run the clientside callback, which then finds nothing to change.
   */
  const SLIDER_MAPS = {"year-slider": ["map"], "year-slider-b": ["mapB"]};
  function followSliders(records) {
    records.forEach((record) => {
      if (record.attributeName !== "aria-valuenow") { return; }
      const container = record.target.closest(".dash-slider-container[id]");
      const year = parseInt(record.target.getAttribute("aria-valuenow"), 10);
      (container && SLIDER_MAPS[container.id] || []).forEach((mapId) => atlas.map.showYear(mapId, year));
    });
  }

  const observer = new MutationObserver((records) => {
    followSliders(records);
    nameWidgets(document);
  });
  function watch() {
    nameWidgets(document);
    observer.observe(document.body, {childList: true, subtree: true, attributes: true,
                                     attributeFilter: ["aria-labelledby", "aria-expanded", "aria-valuenow", "role",
                                                       "aria-selected", "tabindex", "aria-haspopup"]});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  atlas.nameWidgets = nameWidgets;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? String(values[key]) : m));
  }

  /* Clientside callbacks (registered in callbacks/controls.py). */
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    atlas: {
      update_map: function (payload, year, selected, legendIds) {
        return updateMap("map", payload, year, selected, legendIds);
      },

      update_map_b: function (payload, year, selected, legendIds) {
        return updateMap("mapB", payload, year, selected, legendIds).slice(0, 2);
      },

      /* Mode switches and, in compare or change mode, choices that rebuild the page navigate. */
      navigate_main: function (mode, indicator, level, scheme, view) {
        if (!view) { return window.dash_clientside.no_update; }
        if (mode && mode !== view.mode) {
          return go({mode: mode === "map" ? null : mode, year2: null, ind2: null, level2: null});
        }
        const changed = indicator !== view.indicator || level !== view.level || scheme !== view.scheme;
        if (view.mode !== "map" && changed) {
          return go({ind: indicator, level: level, scheme: scheme === "quantiles" ? null : scheme, area: null});
        }
        return window.dash_clientside.no_update;
      },

      navigate_right: function (indicator, level, view) {
        if (!view || (indicator === view.indicator_b && level === view.level_b)) {
          return window.dash_clientside.no_update;
        }
        return go({ind2: indicator, level2: level, year2: null});
      },

      export_png: function (nClicks, view, year, yearB) {
        if (!nClicks || !view) { return window.dash_clientside.no_update; }
        const years = view.mode === "change" ? yearB + "-" + year : String(year);
        const safe = (s) => String(s).toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
        return exportPng("map", [safe(view.dataset), safe(view.indicator), years].join("_") + ".png");
      },

      change_years: function (year, yearFrom, view) {
        if (!view || view.mode !== "change" || year === null || yearFrom === null) {
          return window.dash_clientside.no_update;
        }
        return [yearFrom, year];
      },
    },
  });

  /*
   * A PNG of what the map shows: title, the map's canvas (the polygons and
   * the boundary; background tiles from another site cannot be copied),
   * the legend as shown and the source line.
   */
  function exportPng(mapId, fileName) {
    const state = maps[mapId];
    if (!state || !state.leaflet) { return null; }
    const container = state.leaflet.getContainer();
    const box = container.getBoundingClientRect();
    const text = (sel) => { const el = document.querySelector(sel); return el ? el.textContent.trim() : ""; };
    const legend = Array.from(document.querySelectorAll("#legend li")).map((li) => ({
      colour: li.querySelector(".swatch").style.backgroundColor,
      label: (li.querySelector(".legend-label") || {}).textContent || "",
      count: (li.querySelector(".legend-count") || {}).textContent || "",
    }));
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
    ctx.fillText(text("#map-title"), pad, 32, width - 2 * pad);
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
    ctx.fillText(text("#footer-source") + " · Segregationsatlas", pad, height - 12, width - 2 * pad);
    out.toBlob((blob) => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }, "image/png");
    return fileName;
  }
  atlas.exportPng = exportPng;

  /* Load the current address with some parameters changed (null removes one). */
  function go(changes) {
    const params = new URLSearchParams(window.location.search);
    Object.keys(changes).forEach((key) => {
      if (changes[key] === null || changes[key] === undefined) { params.delete(key); } else { params.set(key, changes[key]); }
    });
    const target = window.location.pathname + "?" + params.toString().replace(/%2C/g, ",");
    window.location.assign(target);
    return target;
  }

  function updateMap(mapId, payload, year, selected, legendIds) {
        atlas.map.update(mapId, payload, year, selected);
        const ui = (payload && payload.text) || {};
        const yearIndex = payload ? payload.years.indexOf(year) : -1;
        const counts = yearIndex >= 0 ? payload.counts[yearIndex] : [];
        const nClasses = payload ? payload.colours.length : 0;
        const legend = legendIds.map((id) => {
          const i = id.index;
          if (i < nClasses) {
            const n = counts[i] || 0;
            return fill((n === 1 ? ui.countOne : ui.count) || "{n}", {n: n});
          }
          return fill(ui.noDataDetail || "", {suppressed: counts[nClasses] || 0,
                                              missing: counts[nClasses + 1] || 0});
        });
        const shownYear = payload && payload.yearLabel ? payload.yearLabel : year;
        const title = payload ? fill(ui.title || "{indicator} {year}", {indicator: payload.label, year: shownYear}) : "";
        const live = payload ? fill(ui.live || "", {indicator: payload.label, year: shownYear}) : "";
        return [legend, title, live];
  }

  Object.assign(window.dash_clientside.atlas, {

      playback: function (nClicks, nIntervals, disabled, year, payload) {
        const ctx = window.dash_clientside.callback_context;
        const trigger = ctx.triggered.length ? ctx.triggered[0].prop_id : "";
        const years = (payload && payload.years) || [];
        const ui = (payload && payload.text) || {};
        const playing = (on) => [!on, on ? "\u275a\u275a" : "\u25b6", on ? "true" : "false",
                                 on ? ui.pause : ui.play, on ? ui.pause : ui.play];
        const noChange = window.dash_clientside.no_update;
        if (!years.length) {
          return [true, noChange].concat(playing(false).slice(1));
        }
        const last = years[years.length - 1];
        if (trigger.startsWith("play-button")) {
          if (!disabled) {
            return [true, noChange].concat(playing(false).slice(1));
          }
          const start = year === last ? years[0] : year;
          return [false, start].concat(playing(true).slice(1));
        }
        if (disabled) {
          return [true, noChange].concat(playing(false).slice(1));
        }
        const next = years[Math.min(years.indexOf(year) + 1, years.length - 1)];
        const keepPlaying = next !== last;
        return [!keepPlaying, next].concat(playing(keepPlaying).slice(1));
      },

      area_query: function (searchValue, payload) {
        // Small levels are searched in the browser; only large ones ask the server.
        if (!payload || !payload.searchOnServer || typeof searchValue !== "string") {
          return window.dash_clientside.no_update;
        }
        return searchValue;
      },

      pick_dataset: function (name, view) {
        if (!name || !view || name === view.dataset) {
          return window.dash_clientside.no_update;
        }
        // A full load: the new dataset brings its own levels, indicators and geometry.
        const target = window.location.pathname + "?" + new URLSearchParams({ds: name, lang: view.lang}).toString();
        window.location.assign(target);
        return target;
      },

      select_clicked: function (nClicks, clickData, current) {
        if (!clickData || typeof clickData.id !== "string") {
          return window.dash_clientside.no_update;
        }
        // A click adds an area to the selection, a second click removes it.
        const chosen = Array.isArray(current) ? current.slice() : (current ? [current] : []);
        const at = chosen.indexOf(clickData.id);
        if (at >= 0) { chosen.splice(at, 1); } else { chosen.push(clickData.id); }
        return chosen.slice(-8);
      },

      sync_url: function (view, year, areas, yearB) {
        if (!view) {
          return window.dash_clientside.no_update;
        }
        const params = new URLSearchParams();
        params.set("ds", view.dataset);
        params.set("lang", view.lang);
        params.set("level", view.level);
        params.set("ind", view.indicator);
        if (year !== null && year !== undefined) { params.set("year", year); }
        if (view.scheme && view.scheme !== "quantiles") { params.set("scheme", view.scheme); }
        if (view.k && view.k !== 5) { params.set("k", view.k); }
        const chosen = Array.isArray(areas) ? areas : (areas ? [areas] : []);
        if (chosen.length) { params.set("area", chosen.join(",")); }
        if (view.mode && view.mode !== "map") {
          params.set("mode", view.mode);
          if (yearB !== null && yearB !== undefined) { params.set("year2", yearB); }
          if (view.mode === "compare") {
            if (view.indicator_b && view.indicator_b !== view.indicator) { params.set("ind2", view.indicator_b); }
            if (view.level_b && view.level_b !== view.level) { params.set("level2", view.level_b); }
          }
        }
        const at = atlas.viewport || (view.at ? view.at.join(",") : null);
        if (at) { params.set("at", at); }
        const query = "?" + params.toString().replace(/%2C/g, ",");
        if (window.location.search !== query) {
          // Years and map moves replace the entry; other changes make a new
          // one, so that Back returns to the previous indicator or selection.
          const before = new URLSearchParams(window.location.search);
          const minor = ["year", "year2", "at"];
          const keys = new Set([...before.keys(), ...params.keys()]);
          const major = [...keys].some((key) => !minor.includes(key) && before.get(key) !== params.get(key));
          if (major && atlas.loadedSearch !== null) {
            window.history.pushState({atlas: true}, "", window.location.pathname + query);
          } else {
            window.history.replaceState(window.history.state, "", window.location.pathname + query);
          }
        }
        atlas.loadedSearch = query;
        document.documentElement.lang = view.lang;
        const other = new URLSearchParams(params);
        other.set("lang", view.lang === "sv" ? "en" : "sv");
        return "?" + other.toString();
      },
  });
})();
