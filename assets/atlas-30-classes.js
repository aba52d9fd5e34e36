/*
 * From a values file (ids, years, classes, values per year) to what one
 * polygon looks like and ranks: the pure half of the map.  The page loads
 * this file as a script (window.atlas.classes), node's tests require it.
 */
(function (root) {
  "use strict";

  const BORDER = "#ffffff";
  const SELECTED = "#111111";
  const NO_DATA_BORDER = "#5f5f5f";
  /* The fill of polygons drawn before any values have arrived. */
  const LOADING_FILL = "#e6e6e6";

  /* Class codes besides the classes 0, 1, 2, ... */
  const NO_CLASS = -1;   // suppressed, missing or not in the values: the no-data class
  const LOADING = -2;    // no values yet
  /* Class k is the character with code CLASS_CHAR_BASE + k ("0".."9", then ":", ";", ...), as
     geodata.classify.class_chars writes it, so a map may have any number of classes. */
  const CLASS_CHAR_BASE = 48;

  /* area id -> position in the values' arrays. */
  function positions(ids) {
    const index = new Map();
    ids.forEach((id, pos) => index.set(id, pos));
    return index;
  }

  /*
   * The position in `years` of the year a map shows when the slider says
   * `year`: that year, or while the values lack it the nearest one they
   * have (the later on a tie, as callbacks.map_view.nearest_year).  A
   * change map's values have one year, the pair the server computed; the
   * slider runs ahead of them until the next pair arrives, and the map keeps
   * its colours meanwhile instead of going blank.  -1 only without years.
   */
  function shownYearIndex(years, year) {
    const exact = years.indexOf(year);
    if (exact >= 0 || !years.length) { return exact; }
    if (typeof year !== "number") { return years.length - 1; }
    let best = 0;
    years.forEach((y, i) => {
      const d = Math.abs(y - year), bestD = Math.abs(years[best] - year);
      if (d < bestD || (d === bestD && y > years[best])) { best = i; }
    });
    return best;
  }

  /* The class of the area at `pos` in year `yearIndex` of `classes` (one string a year, one character an area). */
  function classAt(classes, yearIndex, pos) {
    if (!classes || yearIndex < 0) { return LOADING; }
    if (pos === undefined) { return NO_CLASS; }
    const code = classes[yearIndex].charCodeAt(pos) - CLASS_CHAR_BASE;
    return code >= 0 ? code : NO_CLASS;
  }

  /*
   * What the tooltip says of a value in class `k`: a category's text
   * (meta.classLabels) or null for a number, which is formatted instead.
   */
  function classLabel(meta, k) {
    const labels = meta && meta.classLabels;
    return labels && k >= 0 && k < labels.length ? labels[k] : null;
  }

  /* Whether the tooltip ranks a value: not a change, not a category (a code is no amount). */
  function ranks(meta) {
    return Boolean(meta) && !meta.signed && !meta.classLabels;
  }

  /* Leaflet path options for class `k` (see classAt) with `meta`'s colours. */
  function styleOf(meta, k, selected) {
    if (k === LOADING) {
      return {fillColor: LOADING_FILL, fillOpacity: 0.6, color: BORDER, weight: 0.8, opacity: 1, dashArray: null};
    }
    if (k < 0 || k >= meta.colours.length) {  // a class without a colour is no class the legend shows
      return {fillColor: meta.noDataColour, fillOpacity: 0.75,
              color: selected ? SELECTED : NO_DATA_BORDER, weight: selected ? 3 : 0.8, opacity: 1,
              dashArray: selected ? null : "3 3"};
    }
    return {fillColor: meta.colours[k], fillOpacity: 0.88,
            color: selected ? SELECTED : BORDER, weight: selected ? 3 : 0.8, opacity: 1, dashArray: null};
  }

  /* The look of a hovered polygon, over its own style. */
  const HOVER = {weight: 2.5, color: SELECTED};

  function sameStyle(a, b) {
    return Boolean(a) && a.fillColor === b.fillColor && a.color === b.color && a.weight === b.weight &&
      a.dashArray === b.dashArray && a.fillOpacity === b.fillOpacity;
  }

  /* The values of one year that have a number, highest first: what ranks are counted in. */
  function ranking(values) {
    return values.filter((v) => v !== null && v !== undefined).sort((a, b) => b - a);
  }

  /* Rank of `value` in `sorted` (from ranking): 1 is the highest, ties share the best rank. */
  function rankIn(sorted, value) {
    if (value === null || value === undefined) { return null; }
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] > value) { lo = mid + 1; } else { hi = mid; }
    }
    return {rank: lo + 1, of: sorted.length};
  }

  /*
   * When to ask again for values that did not arrive: a server that has
   * just started or restarted, or a proxy in front of it, may refuse or drop
   * a request or two, and without its values a map stays grey.  The delay
   * before retry `attempt` (0 is the first retry) in ms, or null: give up.
   */
  const RETRY_DELAYS = [300, 1000, 3000, 8000];
  function retryDelay(attempt) {
    return attempt >= 0 && attempt < RETRY_DELAYS.length ? RETRY_DELAYS[attempt] : null;
  }
  /* How long one request for values may take before it counts as lost (a
     dropped connection can leave it waiting for ever); far longer than the
     server takes to compute any level's values. */
  const VALUES_TIMEOUT_MS = 20000;

  const classes = {
    LOADING_FILL: LOADING_FILL, LOADING: LOADING, NO_CLASS: NO_CLASS, HOVER: HOVER,
    VALUES_TIMEOUT_MS: VALUES_TIMEOUT_MS,
    positions: positions, shownYearIndex: shownYearIndex, classAt: classAt, classLabel: classLabel,
    ranks: ranks, styleOf: styleOf,
    sameStyle: sameStyle, ranking: ranking, rankIn: rankIn, retryDelay: retryDelay,
  };
  root.atlas = root.atlas || {};
  root.atlas.classes = classes;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = classes;
  }
})(typeof window !== "undefined" ? window : globalThis);
