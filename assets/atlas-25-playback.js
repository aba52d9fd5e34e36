/*
 * Playback of the years and the year sliders' keys: what a press of
 * play/pause, a tick of the timer or a key on a year slider does.  The pure
 * functions are node-tested; in the page, a key press on a year slider steps
 * through the years that have data (election years 2002, 2006 … 2022 too),
 * which Dash's slider does not do when the years are not consecutive.
 */
(function (root) {
  "use strict";

  /*
   * The next state of playback over `years` (ascending) shown at `year`.
   * `pressed`: the button was pressed (else the timer ticked); `running`:
   * the timer runs.  Returns {running, year}; year is undefined when the
   * slider stays where it is.  Play from the last year starts again at the
   * first; playback stops on reaching the last year.
   */
  function step(years, year, pressed, running) {
    if (!years.length) { return {running: false, year: undefined}; }
    const last = years[years.length - 1];
    if (pressed) {
      if (running) { return {running: false, year: undefined}; }
      return {running: true, year: year === last ? years[0] : year};
    }
    if (!running) { return {running: false, year: undefined}; }
    const next = years[Math.min(years.indexOf(year) + 1, years.length - 1)];
    return {running: next !== last, year: next};
  }

  /*
   * The year a key press on a year slider moves to, among `years` (ascending,
   * the years with data, consecutive or not): arrows step to the neighbouring
   * year, Page Up/Down three years of data, Home and End to the first and the
   * last.  undefined for any other key.  A year not in `years` steps from
   * where it would sit among them.
   */
  const KEYS = {ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -3, PageUp: 3};
  function keyStep(years, year, key) {
    if (!years.length || (!(key in KEYS) && key !== "Home" && key !== "End")) { return undefined; }
    if (key === "Home") { return years[0]; }
    if (key === "End") { return years[years.length - 1]; }
    const delta = KEYS[key];
    const last = years.length - 1;
    let at = years.indexOf(year);
    if (at < 0) {
      // Between two years of data: the first step is to the neighbour in the key's direction.
      const above = years.findIndex((y) => y > year);
      at = delta > 0 ? (above < 0 ? last : above) - 1 : (above < 0 ? last + 1 : above);
    }
    return years[Math.min(Math.max(at + delta, 0), last)];
  }

  /* Whether `years` (ascending) follow each other without a gap. */
  function consecutive(years) {
    return years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  }

  /* Whether `years` (ascending) are evenly spaced (consecutive, or every fourth year as elections). */
  function evenlySpaced(years) {
    return years.every((y, i) => i < 2 || y - years[i - 1] === years[1] - years[0]);
  }

  const playback = {step: step, keyStep: keyStep, consecutive: consecutive, evenlySpaced: evenlySpaced};
  root.atlas = root.atlas || {};
  root.atlas.playback = playback;

  /* The years each year slider offers, by its component id (set by the map callbacks). */
  const sliderYears = {};
  playback.setSliderYears = function (sliderId, years) {
    if (sliderId && Array.isArray(years)) { sliderYears[sliderId] = years.slice(); }
  };
  /* The years the slider `sliderId` steps through (a copy), or undefined before its map has data. */
  playback.yearsOf = function (sliderId) {
    return sliderYears[sliderId] ? sliderYears[sliderId].slice() : undefined;
  };

  function onKey(event) {
    const thumb = event.target && event.target.closest ? event.target.closest('[role="slider"]') : null;
    const container = thumb && thumb.closest(".dash-slider-container[id]");
    const years = container && sliderYears[container.id];
    if (!years || event.altKey || event.ctrlKey || event.metaKey) { return; }
    // Evenly spaced years (consecutive, or election years): the slider's step is their gap
    // (layouts/page.year_step), so its own keys step through them, much faster than a value set
    // from outside Dash's callbacks (2.5 s against 8 ms from key to repainted map, make bench).
    const shown = parseInt(thumb.getAttribute("aria-valuenow"), 10);
    if (evenlySpaced(years) && event.key !== "PageUp" && event.key !== "PageDown"
        && nativeStep(thumb, years, shown, event.key) === keyStep(years, shown, event.key)) { return; }
    if (keyStep(years, shown, event.key) === undefined) { return; }
    // Before the slider's own handler, which steps by its `step` (none when the years have gaps).
    event.preventDefault();
    event.stopPropagation();
    stepSlider(container.id, shown, event.key);
  }
  /*
   * Step slider `sliderId`, showing `shown`, by `key` through its years with
   * data: the maps repaint at once, Dash follows with the slider's value.
   * Keys pressed faster than the slider renders step on from the year last
   * asked for.  Also the presentation view's arrows (atlas-85-present.js).
   */
  function stepSlider(sliderId, shown, key) {
    const years = sliderYears[sliderId];
    const asked = pending[sliderId];
    const now = asked && asked.year !== shown && performance.now() - asked.at < PENDING_MS ? asked.year : shown;
    const next = years ? keyStep(years, now, key) : undefined;
    if (next === undefined || next === now || !root.dash_clientside || !root.dash_clientside.set_props) { return; }
    pending[sliderId] = {year: next, at: performance.now()};
    repaintNow(sliderId, next);
    root.dash_clientside.set_props(sliderId, {value: next});
  }
  playback.stepSlider = stepSlider;
  /*
   * Recolour the maps of slider `sliderId` for `year` at once from the values
   * they have: Dash renders the slider's new value about 100 ms later, and
   * the map would wait for it (make bench).  A change map's slider moves a
   * year of a pair, whose colours come from the server: it waits.
   */
  function repaintNow(sliderId, year) {
    const atlas = root.atlas;
    if (!atlas.map || !atlas.contract) { return; }
    atlas.contract().maps.filter((m) => m.slider === sliderId).forEach((m) => {
      const state = atlas.maps && atlas.maps[m.key];
      if (state && state.meta && !state.meta.yearLabel) { atlas.map.showYear(m.key, year); }
    });
  }

  /* Where the slider's own handling of `key` would go (its step is the years' gap). */
  function nativeStep(thumb, years, shown, key) {
    const min = parseInt(thumb.getAttribute("aria-valuemin"), 10);
    const max = parseInt(thumb.getAttribute("aria-valuemax"), 10);
    if (key === "Home") { return min; }
    if (key === "End") { return max; }
    const gap = years.length > 1 ? years[1] - years[0] : 1;
    const delta = KEYS[key];
    return delta === undefined ? undefined : Math.min(Math.max(shown + delta * gap, min), max);
  }
  const pending = {};
  const PENDING_MS = 1000;
  if (typeof document !== "undefined" && root.addEventListener) {
    root.addEventListener("keydown", onKey, true);
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = playback;
  }
})(typeof window !== "undefined" ? window : globalThis);
