/*
 * The distribution panel follows the year, the selection and the indicator
 * only while it is open (its summary has been clicked an odd number of
 * times): with the panel closed, a year step or playback asks the server
 * for nothing.
 */
(function () {
  "use strict";

  function distributionTrigger(nClicks, year, yearB, areas, payload) {
    if (typeof nClicks !== "number" || nClicks % 2 === 0) {
      return null;
    }
    return {year: year, year_b: yearB, areas: areas, data: payload ? payload.url : null};
  }

  function register() {
    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.atlas = window.dash_clientside.atlas || {};
    window.dash_clientside.atlas.distribution_trigger = function () {
      const out = distributionTrigger.apply(null, arguments);
      return out === null ? window.dash_clientside.no_update : out;
    };
  }
  if (typeof window !== "undefined") {
    // After every asset script has run: another may replace the namespace object.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", register);
    } else {
      register();
    }
  }
  if (typeof module !== "undefined") {
    module.exports = {distributionTrigger: distributionTrigger};
  }
})();
