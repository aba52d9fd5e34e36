/*
 * Numbers and texts as a Swedish or English reader sees them, in step with
 * geodata/fmt.py: decimal comma, no-break space between thousands and a true
 * minus sign in Swedish; no minus sign on a value that rounds to zero.
 *
 * Pure functions: the page loads this file as a script (window.atlas.format),
 * node's tests require it (module.exports).
 */
(function (root) {
  "use strict";

  const NBSP = "\u00a0";
  const MINUS = "\u2212";
  // Intl rounds the number as written (its shortest decimal form, 1.005 is
  // 1,01) and a 5 away from zero: the rule readers learn (12,5 is 13).
  // Grouping is left to us so that both languages share one code path.
  const digitsFormats = new Map();
  function digits(value, decimals) {
    if (!digitsFormats.has(decimals)) {
      digitsFormats.set(decimals, new Intl.NumberFormat("en-US", {
        minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false}));
    }
    return digitsFormats.get(decimals).format(value);
  }

  function groupThousands(whole, separator) {
    let out = "";
    for (let end = whole.length; end > 0; end -= 3) {
      const part = whole.slice(Math.max(end - 3, 0), end);
      out = out ? part + separator + out : part;
    }
    return out;
  }

  /* `value` with `decimals` decimals in `lang`; an empty string for no value. */
  function formatNumber(value, decimals, lang) {
    if (value === null || value === undefined || typeof value !== "number" || !Number.isFinite(value)) {
      return "";
    }
    const places = Math.min(Math.max(Math.trunc(decimals) || 0, 0), 20);
    const text = digits(Math.abs(value), places);
    const [whole, fraction] = text.split(".");
    const negative = value < 0 && /[1-9]/.test(text);
    const sv = lang === "sv";
    const body = groupThousands(whole, sv ? NBSP : ",") + (fraction ? (sv ? "," : ".") + fraction : "");
    return (negative ? (sv ? MINUS : "-") : "") + body;
  }

  /* A catalog template ("{n} områden") with its placeholders filled; unknown ones stay. */
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, (m, key) => (key in values ? String(values[key]) : m));
  }

  const format = {formatNumber: formatNumber, fill: fill};
  root.atlas = root.atlas || {};
  root.atlas.format = format;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = format;
  }
})(typeof window !== "undefined" ? window : globalThis);
