/*
 * Playback of the years: what a press of play/pause or a tick of the timer
 * does.  Pure: the page loads this file as a script (window.atlas.playback),
 * node's tests require it.
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

  const playback = {step: step};
  root.atlas = root.atlas || {};
  root.atlas.playback = playback;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = playback;
  }
})(typeof window !== "undefined" ? window : globalThis);
