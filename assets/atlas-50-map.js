/*
 * The maps: Leaflet layers restyled in place.
 *
 * Geometry reaches the browser once per level (GeoJSON component `url`).
 * The values and classes of the shown indicator for every year come once
 * from a cacheable URL named in the small payload store, so a year change
 * restyles the existing Leaflet layers in place (layer.setStyle) without a
 * server round trip and without re-creating layers.  The colours stay until
 * new values have arrived: no frame shows a map without them.
 *
 * Text that comes from data (area names) is only ever set with textContent,
 * never as HTML.
 */
(function () {
  "use strict";

  const atlas = window.atlas;
  const C = atlas.classes;
  const F = atlas.format;

  /* Browser state of each map, keyed as the contract's maps[].key (atlas.maps.map, atlas.maps.mapB). */
  const maps = {};

  function mapState(key) {
    if (!maps[key]) {
      maps[key] = {layers: new Map(), meta: null, data: null, url: null, index: new Map(),
                   yearIndex: -1, year: null, selected: new Set(), painted: false, pending: false,
                   rankCache: new Map()};
    }
    return maps[key];
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
  // (The geometry preloaded beside them is dash-leaflet's to fetch.)
  // The contract names the attribute that marks that preload.
  let marker = null;
  try { marker = atlas.contract().dataPreloadAttribute; } catch (err) { marker = null; }  // a page without a map
  if (marker) {
    document.querySelectorAll('link[rel="preload"][' + marker + "]")
      .forEach((link) => { fetchValues(link.getAttribute("href")).catch(() => {}); });
  }

  /* Show `data` (with its `meta`) at the slider's year, or the nearest it has (see shownYearIndex). */
  function setData(state, meta, data) {
    state.meta = meta;
    if (state.data !== data) {
      state.data = data;
      state.index = C.positions(data.ids);
      state.rankCache = new Map();
    }
    state.yearIndex = C.shownYearIndex(data.years, state.year);
  }

  function styleFor(state, areaId) {
    const k = C.classAt(state.data && state.data.classes, state.yearIndex, state.index.get(areaId));
    return C.styleOf(state.meta, k, state.selected.has(areaId));
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

  function restyle(state) {
    // Only layers whose look changes are touched: setStyle makes Leaflet
    // recompute bounds and schedule a redraw for each layer it is given.
    state.layers.forEach((layer, areaId) => {
      const style = styleFor(state, areaId);
      if (!C.sameStyle(layer._atlasStyle, style)) {
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
   * Maps shown side by side move together; the main map's view goes into
   * the address once the user has moved it away from the initial fit.
   */
  let syncing = false;
  function attachMap(key, leaflet) {
    const state = mapState(key);
    state.leaflet = leaflet;
    leaflet.on("move", () => {
      if (syncing) { return; }
      syncing = true;
      Object.keys(maps).forEach((otherKey) => {
        const other = maps[otherKey].leaflet;
        if (otherKey !== key && other) { other.setView(leaflet.getCenter(), leaflet.getZoom(), {animate: false}); }
      });
      syncing = false;
    });
    // The map has its first view (a fit or the link's) before any layer is added.
    const initial = centreAndZoom(leaflet).join(",");
    leaflet.on("moveend", () => {
      if (key !== atlas.mapSpec().key) { return; }
      const at = centreAndZoom(leaflet);
      if (at.join(",") !== initial) { atlas.address.mapMoved(at); }
    });
    Object.keys(maps).forEach((otherKey) => {
      const other = maps[otherKey].leaflet;
      if (otherKey !== key && other) { leaflet.setView(other.getCenter(), other.getZoom(), {animate: false}); }
    });
  }

  /* [lat, lon, zoom] as rounded as a link keeps them (geodata.viewstate reads them the same way). */
  function centreAndZoom(leaflet) {
    const c = leaflet.getCenter();
    return [c.lat.toFixed(5), c.lng.toFixed(5), leaflet.getZoom().toFixed(2)].map(parseFloat);
  }

  function rankOf(state, pos) {
    const yi = state.yearIndex;
    if (!state.rankCache.has(yi)) { state.rankCache.set(yi, C.ranking(state.data.values[yi])); }
    return C.rankIn(state.rankCache.get(yi), state.data.values[yi][pos]);
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
      line(sign + F.formatNumber(value, p.decimals, p.lang) + (p.unit ? "\u00a0" + p.unit : ""), "tt-value");
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

  atlas.maps = maps;
  atlas.firstPaint = null;
  atlas.lastPaint = null;
  atlas.map = {
    /* GeoJSON `style`: the colour of a feature when its layer is created. */
    style: function (feature, context) {
      return styleFor(mapState(context.hideout.map), feature.properties.id);
    },

    outlineStyle: function () {
      return {fill: false, color: "#2b2b2b", weight: 2.2, opacity: 0.9, interactive: false};
    },

    /* GeoJSON `onEachFeature`: register the layer, bind tooltip and events. */
    onEachFeature: function (feature, layer, context) {
      const key = context.hideout.map;
      const state = mapState(key);
      const areaId = feature.properties.id;
      layer.on("add", () => {
        state.layers.set(areaId, layer);
        if (!state.leaflet && layer._map) { attachMap(key, layer._map); }
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
        layer.setStyle(C.HOVER);
        layer.bringToFront();
      });
      layer.on("mouseout", () => {
        layer.setStyle(styleFor(state, areaId));
      });
      layer.on("click", () => {
        context.setProps({n_clicks: (context.n_clicks || 0) + 1, clickData: {id: areaId}});
      });
    },

    /* Restyle map `key` for another year of the values it already has. */
    showYear: function (key, year) {
      const state = mapState(key);
      if (state.year === year) {
        return;
      }
      state.year = year;
      if (!state.data || state.data.years.indexOf(year) < 0) {
        return;  // values with that year are on their way (update); the colours stay meanwhile
      }
      setData(state, state.meta, state.data);
      restyle(state);
    },

    /*
     * Restyle map `key` for a payload (small, from Dash), year and selection.
     * New values are fetched first; until they are there the map keeps the
     * colours of the values it has.
     */
    update: function (key, meta, year, selected) {
      const state = mapState(key);
      state.year = year;
      state.selected = new Set(atlas.view.asList(selected));
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
  };

  /*
   * The map follows its year slider's thumb directly: aria-valuenow changes
   * as soon as React renders the new value, a frame or two before Dash has
   * run the clientside callback, which then finds nothing to change.
   */
  function followSliders(records) {
    records.forEach((record) => {
      const container = record.target.closest(".dash-slider-container[id]");
      if (!container) { return; }
      const year = parseInt(record.target.getAttribute("aria-valuenow"), 10);
      atlas.contract().maps.filter((m) => m.slider === container.id)
        .forEach((m) => atlas.map.showYear(m.key, year));
    });
  }

  function watchSliders() {
    new MutationObserver(followSliders).observe(document.body, {subtree: true, attributes: true,
                                                                attributeFilter: ["aria-valuenow"]});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watchSliders);
  } else {
    watchSliders();
  }
})();
