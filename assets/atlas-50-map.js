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
      // url: the values wanted (wanted: the payload that named them); data: the values shown
      // (meta: their payload, dataUrl: their url); the two differ while new values load.
      maps[key] = {layers: new Map(), meta: null, data: null, url: null, wanted: null, dataUrl: null,
                   index: new Map(), yearIndex: -1, year: null, selected: new Set(), painted: false,
                   pending: false, rankCache: new Map()};
    }
    return maps[key];
  }

  /*
   * Values arrive from a cacheable URL, once per level, indicator and
   * classification.  A request that fails or hangs is forgotten, so the next
   * ask starts a new one (see load).
   */
  const fetches = new Map();
  function fetchValues(url) {
    if (!fetches.has(url)) {
      const options = {credentials: "same-origin"};
      if (typeof AbortSignal !== "undefined" && AbortSignal.timeout) {
        options.signal = AbortSignal.timeout(C.VALUES_TIMEOUT_MS);
      }
      fetches.set(url, fetch(url, options).then((r) => {
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

  /*
   * Give one layer the look the map's values say, if it has another.  Only
   * such layers are touched: setStyle makes Leaflet recompute bounds and
   * schedule a redraw for each layer it is given.  `_atlasStyle` is the
   * look the layer was last given, by this or when it was made.
   */
  function paint(state, areaId, layer) {
    const style = styleFor(state, areaId);
    if (C.sameStyle(layer._atlasStyle, style)) { return; }
    layer._atlasStyle = style;
    layer.setStyle(style);
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
    state.layers.forEach((layer, areaId) => paint(state, areaId, layer));
    state.selected.forEach((areaId) => {
      if (state.layers.has(areaId)) { state.layers.get(areaId).bringToFront(); }
    });
    announcePaint(state, "restyle");
  }

  /*
   * Fetch the values at `url` into `state` and recolour, with the payload
   * the map last asked for them with (state.wanted).  A request that fails
   * or hangs is asked again after a pause (C.retryDelay), as long as the
   * map still wants these values: without them it would stay grey, with
   * only a warning to say why, until the visitor reloads.
   */
  function load(state, url, attempt) {
    fetchValues(url).then((data) => {
      if (state.url !== url) { return; }  // a newer choice won the race
      setData(state, state.wanted, data);
      state.dataUrl = url;
      restyle(state);
    }, (err) => {
      if (state.url !== url) { return; }
      const delay = C.retryDelay(attempt);
      if (delay === null) {
        console.warn("Segregationsatlas: " + err.message);
        return;
      }
      setTimeout(() => {
        if (state.url === url && state.dataUrl !== url) { load(state, url, attempt + 1); }
      }, delay);
    }).catch((err) => { console.warn("Segregationsatlas: " + err.message); });
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
    const status = d.status[state.yearIndex].charAt(pos);
    const value = d.values[state.yearIndex][pos];
    if (d.from && d.to && p.yearFrom !== undefined) {
      // A change map: from, to and the change (atlas-45-change.js).
      line(p.label, "tt-indicator");
      atlas.changeTooltip.lines(p, d.years[state.yearIndex], d.from[pos], d.to[pos], value, status, F.formatNumber,
                                d.bridged ? d.bridged.charAt(pos) : "-")
        .forEach((l) => line(l.text, l.cls));
      return box;
    }
    line(p.label + " " + d.years[state.yearIndex], "tt-indicator");
    if (p.valueAndClass && status === "o" && value !== null) {
      // A map of classes that are no bounds of the value (clusters): the value, then its class.
      line(F.formatNumber(value, p.decimals, p.lang) + (p.unit ? "\u00a0" + p.unit : ""), "tt-value");
      const label = C.classLabel(p, C.classAt(d.classes, state.yearIndex, pos));
      line(label !== null ? label : p.text.untested, "tt-class");
      return box;
    }
    if (status === "o" && value !== null) {
      const sign = p.signed && value > 0 ? "+" : "";
      const label = C.classLabel(p, C.classAt(d.classes, state.yearIndex, pos));
      line(label !== null ? label
        : sign + F.formatNumber(value, p.decimals, p.lang) + (p.unit ? "\u00a0" + p.unit : ""), "tt-value");
      const r = C.ranks(p) ? rankOf(state, pos) : null;
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
      // Leaflet has just styled the layer (atlas.map.style) with what the map knew then.
      layer._atlasStyle = styleFor(state, areaId);
      layer.on("add", () => {
        state.layers.set(areaId, layer);
        // Only now does the layer join the set restyle colours.  Leaflet adds a layer once its
        // map and group are ready, which can be later than it made it (dash-leaflet puts the
        // group on the map before its data arrives, but a group added later or a map without a
        // view yet defers it): values that arrived in between would leave this one grey.
        paint(state, areaId, layer);
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
      if (state.url === meta.url && state.dataUrl === meta.url) {
        setData(state, meta, state.data);
        restyle(state);
        return state;
      }
      state.wanted = meta;
      if (state.url === meta.url) {
        // Its values are on their way; meanwhile the values shown follow the year and selection.
        if (state.data) {
          setData(state, state.meta, state.data);
          restyle(state);
        }
        return state;
      }
      state.url = meta.url;
      load(state, meta.url, 0);
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
