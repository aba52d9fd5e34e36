/*
 * The view contract in the browser: links, history steps and navigation,
 * built from the declaration Python sends (presenters/contract.py), so that
 * no parameter name, default, limit or mode is written down twice.
 *
 * A view is the object Python's View.to_json() gives (keys are the
 * declaration's `field`s).  Pure functions of (contract, ...): the page
 * loads this file as a script (window.atlas.view), node's tests require it.
 */
(function (root) {
  "use strict";

  function paramOf(contract, field) {
    const param = contract.params.find((p) => p.field === field);
    if (!param) { throw new Error("no view parameter " + field); }
    return param;
  }

  /* The declaration of `view`'s mode; an unknown mode is the default one, as Python reads it. */
  function modeOf(contract, view) {
    return contract.modes[view && view.mode] || contract.modes[contract.defaultMode];
  }

  function sameValue(a, b) {
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
    }
    return a === b;
  }

  /* How a value is written in a link: lists comma-joined, numbers as String(n) (Python's link_number). */
  function linkValue(value) {
    if (Array.isArray(value)) { return value.map(linkValue).join(","); }
    return String(value);
  }

  /* [[name, text], ...] of `view`, in declaration order; what a link leaves out is left out. */
  function queryParams(contract, view) {
    const used = modeOf(contract, view).params;
    const pairs = [];
    contract.params.forEach((p) => {
      const value = view[p.field];
      if (value === null || value === undefined || sameValue(value, p.default)) { return; }
      if (Array.isArray(value) && value.length === 0) { return; }
      if (p.modeSpecific && !used.includes(p.field)) { return; }
      if (p.omitIfSameAs && sameValue(value, view[p.omitIfSameAs])) { return; }
      pairs.push([p.name, linkValue(value)]);
    });
    return pairs;
  }

  /* One component of a query as Python's urlencode(safe=",") writes it: spaces as "+", commas kept. */
  function encodeComponent(text) {
    return encodeURIComponent(text)
      .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
      .replace(/%20/g, "+")
      .replace(/%2C/g, ",");
  }

  function encodeQuery(pairs) {
    return "?" + pairs.map(([name, text]) => encodeComponent(name) + "=" + encodeComponent(text)).join("&");
  }

  /* The query ("?ds=...") of `view`, the same text presenters.query(view) gives. */
  function queryString(contract, view) {
    return encodeQuery(queryParams(contract, view));
  }

  /* `view` with `changes` (fields to values; null clears a field). */
  function withChanges(view, changes) {
    return Object.assign({}, view, changes);
  }

  /*
   * How the address follows a new query: "none" when it already says it,
   * "replace" when only parameters declared "replace" (years, map moves)
   * differ or when this is the first sync after a load, else "push", so
   * that Back returns to the previous indicator, mode or selection.
   * A parameter the contract does not know counts as a push.
   */
  function historyAction(contract, before, after, first) {
    if (before === after) { return "none"; }
    if (first) { return "replace"; }
    const was = new URLSearchParams(before);
    const now = new URLSearchParams(after);
    const minor = new Set(contract.params.filter((p) => p.history === "replace").map((p) => p.name));
    const names = new Set([...was.keys(), ...now.keys()]);
    const major = [...names].some((name) => !minor.has(name) && was.get(name) !== now.get(name));
    return major ? "push" : "replace";
  }

  /* A list of the selection however Dash holds it (nothing, one id or a list). */
  function asList(value) {
    if (Array.isArray(value)) { return value.slice(); }
    return value === null || value === undefined || value === "" ? [] : [value];
  }

  /*
   * The selection after a click on `areaId`: added, or removed when it was
   * selected; the oldest falls out beyond the declared limit.
   */
  function toggleSelection(contract, current, areaId, field) {
    const chosen = asList(current);
    const at = chosen.indexOf(areaId);
    if (at >= 0) { chosen.splice(at, 1); } else { chosen.push(areaId); }
    const max = paramOf(contract, field).limits.max;
    return Number.isInteger(max) && chosen.length > max ? chosen.slice(chosen.length - max) : chosen;
  }

  /* Changes that switch `view` to mode `mode`: the mode-specific fields start again from the mode's defaults. */
  function modeChanges(contract, mode) {
    const changes = {mode: mode};
    contract.params.filter((p) => p.modeSpecific).forEach((p) => { changes[p.field] = null; });
    return changes;
  }

  const view = {
    paramOf: paramOf, modeOf: modeOf, queryParams: queryParams, encodeQuery: encodeQuery,
    queryString: queryString, withChanges: withChanges, historyAction: historyAction, asList: asList,
    toggleSelection: toggleSelection, modeChanges: modeChanges,
  };
  root.atlas = root.atlas || {};
  root.atlas.view = view;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = view;
  }
})(typeof window !== "undefined" ? window : globalThis);
