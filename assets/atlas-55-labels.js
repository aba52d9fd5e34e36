/*
 * District names on the maps, where they fit without overlapping each other.
 *
 * The geometry carries, per area, the point inside it farthest from its
 * border (`lp`, [lon, lat]) and the radius of the largest circle around that
 * point inside the area (`lr`, metres): geodata/webgeo.py.  Each time a map
 * stops moving, is resized or gets new geometry, every name whose district
 * has room for it at this zoom becomes a candidate at that point, and
 * `place` keeps, roomiest district first, those whose boxes (with a margin)
 * overlap no name already kept and lie inside the map.  The names are drawn
 * in a Leaflet pane above the polygons that takes no pointer events and is
 * hidden from screen readers (the table twin and the map's description name
 * the areas).
 *
 * On or off: the link's `labels` parameter (its first choice shows them, its
 * second hides them) or, without one, the page root's `data-labels`
 * ("on" or "off", the surface's default); in the full page the checkbox
 * "Visa områdesnamn" changes it in place (atlas-80-callbacks.js).  The pure
 * functions are node-tested (tests/js/labels.test.js).
 */
(function (root) {
  "use strict";

  /* Gap in pixels kept between two names. */
  const MARGIN = 4;
  /* A name may be this many times wider than its district's largest inscribed circle. */
  const STRETCH = 1.6;

  /* Box of a candidate centred on its point. */
  function boxOf(c) {
    return {left: c.x - c.width / 2, top: c.y - c.height / 2, right: c.x + c.width / 2, bottom: c.y + c.height / 2};
  }

  function overlaps(a, b, margin) {
    return a.left < b.right + margin && b.left < a.right + margin
      && a.top < b.bottom + margin && b.top < a.bottom + margin;
  }

  /*
   * The candidates to draw.  `candidates`: [{key, x, y, width, height,
   * priority}] with (x, y) the centre of the name in the map's pixels;
   * `viewport`: {width, height}.  Higher priority first (ties by key, so
   * the choice never depends on the input's order); a candidate is kept
   * when its box lies inside the viewport and is at least `margin` pixels
   * from every box kept before it.  Returns the kept candidates, each with
   * its `box` ({left, top, right, bottom}), in that order.  `blocked`
   * (optional): boxes no name may overlap, such as a heading or legend laid
   * on the map.  A grid of cells keeps this near linear at thousands of
   * candidates.
   */
  function place(candidates, viewport, margin, blocked) {
    const gap = margin === undefined ? MARGIN : margin;
    const order = candidates.slice().sort((a, b) => (b.priority - a.priority)
      || (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0));
    const cell = 64;
    const grid = new Map();
    const cellsOf = (box) => {
      const keys = [];
      for (let i = Math.floor((box.left - gap) / cell); i <= Math.floor((box.right + gap) / cell); i += 1) {
        for (let j = Math.floor((box.top - gap) / cell); j <= Math.floor((box.bottom + gap) / cell); j += 1) {
          keys.push(i + ":" + j);
        }
      }
      return keys;
    };
    const kept = [];
    (blocked || []).forEach((box) => {
      cellsOf(box).forEach((k) => { if (!grid.has(k)) { grid.set(k, []); } grid.get(k).push(box); });
    });
    order.forEach((c) => {
      if (!(c.width > 0 && c.height > 0) || !Number.isFinite(c.x) || !Number.isFinite(c.y)) { return; }
      const box = boxOf(c);
      if (box.left < 0 || box.top < 0 || box.right > viewport.width || box.bottom > viewport.height) { return; }
      const cells = cellsOf(box);
      const clash = cells.some((k) => (grid.get(k) || []).some((other) => overlaps(box, other, gap)));
      if (clash) { return; }
      cells.forEach((k) => { if (!grid.has(k)) { grid.set(k, []); } grid.get(k).push(box); });
      kept.push(Object.assign({}, c, {box: box}));
    });
    return kept;
  }

  /*
   * Whether a name `width` × `height` pixels has room in a district whose
   * largest inscribed circle has radius `room` pixels: its height fits in
   * the circle and its width in the circle stretched by STRETCH, so a
   * name may reach a little into the neighbours but never stands for a
   * district too small to see at this zoom.
   */
  function hasRoom(room, width, height) {
    return 2 * room >= height && 2 * room * STRETCH >= width;
  }

  /*
   * Whether names are on: the link's choice (`choices` = [on, off] as the
   * contract declares them), else the surface's default ("on" / "off").
   */
  function initiallyOn(linkValue, choices, surfaceDefault) {
    if (linkValue === choices[0]) { return true; }
    if (linkValue === choices[1]) { return false; }
    return surfaceDefault === "on";
  }

  const labels = {place: place, hasRoom: hasRoom, initiallyOn: initiallyOn, MARGIN: MARGIN};
  root.atlas = root.atlas || {};
  root.atlas.labels = labels;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = labels;
  }
  if (typeof document === "undefined") { return; }

  // --- the page ------------------------------------------------------------------------------

  const atlas = root.atlas;
  const PANE = "atlasLabels";
  /* Extra width on each side of a name for its halo, pixels. */
  const HALO = 2;
  /* Height of a name's box in its font size. */
  const LINE = 1.25;
  /* Per map key: {leaflet, pane, shown: Map(area id -> element), signature, frame}. */
  const drawn = {};
  let on = null;
  let measure = null;
  const widths = new Map();

  function labelsParam() {
    try {
      return atlas.view.paramOf(atlas.contract(), "labels");
    } catch (err) {
      return null;  // a page without a contract (the accessibility statement)
    }
  }

  function isOn() {
    if (on === null) {
      const param = labelsParam();
      const page = param && document.getElementById(atlas.contract().ids.page);
      on = Boolean(param) && initiallyOn(new URLSearchParams(root.location.search).get(param.name),
                                         param.limits.choices, page ? page.dataset.labels : undefined);
    }
    return on;
  }

  function textWidth(text, font) {
    const key = font + "\u0000" + text;
    if (!widths.has(key)) {
      if (!measure) { measure = document.createElement("canvas").getContext("2d"); }
      measure.font = font;
      widths.set(key, Math.ceil(measure.measureText(text).width) + 2 * HALO);
    }
    return widths.get(key);
  }

  function paneOf(leaflet) {
    let pane = leaflet.getPane(PANE);
    if (!pane) {
      pane = leaflet.createPane(PANE);
      pane.classList.add("atlas-label-pane");
      pane.setAttribute("aria-hidden", "true");
    }
    return pane;
  }

  /* The candidates of map `state` in its current view: every named area whose district has room. */
  function candidates(state, leaflet, font, fontSize) {
    const size = leaflet.getSize();
    const height = Math.ceil(fontSize * LINE);
    const out = [];
    state.layers.forEach((layer, id) => {
      const p = layer.feature && layer.feature.properties;
      if (!p || !Array.isArray(p.lp) || !p.name || !(p.lr > 0)) { return; }
      const at = leaflet.latLngToContainerPoint([p.lp[1], p.lp[0]]);
      if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) { return; }
      // The room's radius in pixels: its metres as latitude (111,320 m a degree), projected.
      const up = leaflet.latLngToContainerPoint([p.lp[1] + p.lr / 111320, p.lp[0]]);
      const room = Math.abs(at.y - up.y);
      if (2 * room < height) { return; }
      const width = textWidth(String(p.name), font);
      if (!hasRoom(room, width, height)) { return; }
      out.push({key: id, name: String(p.name), x: at.x, y: at.y, width: width, height: height, priority: p.lr});
    });
    return {list: out, viewport: {width: size.x, height: size.y}};
  }

  /*
   * Boxes, in the map's pixels, of what lies on top of the map: its own
   * controls and the page's overlays (the presentation view's heading, year
   * and legend carry the class "map-overlay").
   */
  function obstacles(leaflet) {
    const host = leaflet.getContainer().getBoundingClientRect();
    const boxes = [];
    document.querySelectorAll(".map-overlay, .leaflet-control").forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right < host.left || r.left > host.right
          || r.bottom < host.top || r.top > host.bottom) { return; }
      boxes.push({left: r.left - host.left, top: r.top - host.top, right: r.right - host.left,
                  bottom: r.bottom - host.top});
    });
    return boxes;
  }

  function draw(key) {
    const d = drawn[key];
    d.frame = null;
    const state = atlas.maps[key];
    if (!state || !state.leaflet || !d.leaflet._loaded) { return; }
    const pane = d.pane;
    if (!isOn()) {
      d.shown.forEach((el) => el.remove());
      d.shown.clear();
      return;
    }
    const style = root.getComputedStyle(pane);
    const fontSize = parseFloat(style.fontSize) || 13;
    const font = [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily].join(" ");
    const found = candidates(state, d.leaflet, font, fontSize);
    const chosen = place(found.list, found.viewport, MARGIN, obstacles(d.leaflet));
    const keep = new Set(chosen.map((c) => c.key));
    d.shown.forEach((el, id) => { if (!keep.has(id)) { el.remove(); d.shown.delete(id); } });
    chosen.forEach((c) => {
      let el = d.shown.get(c.key);
      if (!el) {
        el = document.createElement("div");
        el.className = "atlas-label";
        el.dataset.area = c.key;
        pane.appendChild(el);
        d.shown.set(c.key, el);
      }
      if (el.textContent !== c.name) { el.textContent = c.name; }
      // Layer pixels: the pane moves with the map while it is dragged.
      const corner = d.leaflet.containerPointToLayerPoint([c.box.left, c.box.top]);
      el.style.left = corner.x + "px";
      el.style.top = corner.y + "px";
      el.style.width = c.width + "px";
      el.style.height = c.height + "px";
      el.style.lineHeight = c.height + "px";
    });
  }

  function schedule(key) {
    const d = drawn[key];
    if (d && !d.frame) { d.frame = root.requestAnimationFrame(() => draw(key)); }
  }

  /* Follow map `key` once it has its Leaflet map; redraw when its geometry changed. */
  function follow(key) {
    const state = atlas.maps[key];
    if (!state || !state.leaflet) { return; }
    let d = drawn[key];
    if (!d || d.leaflet !== state.leaflet) {
      d = drawn[key] = {leaflet: state.leaflet, pane: paneOf(state.leaflet), shown: new Map(), signature: null,
                        frame: null};
      state.leaflet.on("zoomend moveend resize viewreset", () => schedule(key));
    }
    const first = state.layers.keys().next().value;
    const signature = state.layers.size + ":" + first;
    if (signature !== d.signature) {
      d.signature = signature;
      schedule(key);
    }
  }

  /* Show (true) or hide the names on every map; true when that changed anything. */
  labels.setOn = function (value) {
    const was = isOn();
    on = Boolean(value);
    Object.keys(drawn).forEach(schedule);
    return was !== on;
  };
  labels.isOn = isOn;
  /* The link value of a choice: the declared first choice for on, the second for off. */
  labels.linkValue = function (value) {
    const param = labelsParam();
    return param ? param.limits.choices[value ? 0 : 1] : null;
  };
  labels.redraw = function () { Object.keys(drawn).forEach(draw); };

  // New geometry (and the first layers of a map) are announced after Leaflet has drawn them.
  document.addEventListener("atlas:painted", () => { Object.keys(atlas.maps || {}).forEach(follow); });
})(typeof window !== "undefined" ? window : globalThis);
