/*
 * The lines a change map's tooltip shows for one area: the value in the
 * earlier year, in the later year, and the change (or why there is none).
 * Pure: the page loads this file as a script (window.atlas.changeTooltip),
 * node's tests require it.
 */
(function (root) {
  "use strict";

  const NBSP = "\u00a0";

  /*
   * `p`: the change payload (yearFrom, valueUnit, valueDecimals, unit,
   * decimals, lang, text); `yearTo`; the two values (null when not
   * published) and the change with its reason code (o, s, m, b, z);
   * `bridged` is "p" when the values and the change are those of the area
   * this one was split from (SCB's 2025 edition), "e" when the earlier value
   * is an estimate on the area's new ground; the tooltip says which.
   * Returns [{text, cls}] in reading order.
   */
  function lines(p, yearTo, valueFrom, valueTo, change, reason, formatNumber, bridged) {
    // No published value (suppressed or missing: the reason line says which) is a dash, never 0.
    const value = (v) => (v === null || v === undefined ? "\u2013"
      : formatNumber(v, p.valueDecimals, p.lang) + (p.valueUnit ? NBSP + p.valueUnit : ""));
    const out = [{text: p.yearFrom + ": " + value(valueFrom), cls: "tt-from"},
                 {text: yearTo + ": " + value(valueTo), cls: "tt-to"}];
    if (reason === "o" && change !== null && change !== undefined) {
      let number = formatNumber(change, p.decimals, p.lang);
      if (change > 0 && /[1-9]/.test(number)) { number = "+" + number; }
      out.push({text: p.text.change + ": " + number + (p.unit ? NBSP + p.unit : ""), cls: "tt-value"});
    } else {
      const reasons = {s: p.text.suppressed, m: p.text.missing, b: p.text.boundary, z: p.text.noBase};
      out.push({text: reasons[reason] || p.text.missing, cls: "tt-status"});
    }
    const marks = {p: p.text.bridged, e: p.text.estimated};
    if (marks[bridged]) {
      out.push({text: marks[bridged], cls: "tt-status"});
    }
    return out;
  }

  const changeTooltip = {lines: lines};
  root.atlas = root.atlas || {};
  root.atlas.changeTooltip = changeTooltip;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = changeTooltip;
  }
})(typeof window !== "undefined" ? window : globalThis);
