/*
 * The page's side of the view contract: reads the declaration the index
 * page carries, keeps the address bar describing the shown view, and loads
 * the page for another view.  Link texts come from atlas.view.
 */
(function () {
  "use strict";

  const atlas = window.atlas;
  const V = atlas.view;

  // The one name this code must know in advance: where the index page put the contract.
  const CONTRACT_ELEMENT = "atlas-contract";

  let contract = null;
  /* The declaration from presenters/contract.py, read when first needed (the element may follow this script). */
  function getContract() {
    if (!contract) {
      const element = document.getElementById(CONTRACT_ELEMENT);
      if (!element) { throw new Error("Segregationsatlas: the page carries no view contract"); }
      contract = JSON.parse(element.textContent);
    }
    return contract;
  }

  /* The declaration of the map whose browser state is `key` (atlas.maps[key]); the first map is the main one. */
  function mapSpec(key) {
    const maps = getContract().maps;
    return key === undefined ? maps[0] : maps.find((m) => m.key === key);
  }

  /* The view the address describes, once the first sync has written it. */
  let shown = null;
  /* Centre and zoom of the main map once the user has moved it: [lat, lon, zoom]. */
  let moved = null;
  /* Choices made in place that no store holds (district names on the map): View fields to values. */
  const chosen = {};

  /*
   * Inside a frame (the embed view on a municipality's page) the frame's
   * history is the host page's: a step there would make Back leave the host
   * page's own place.  So a frame only ever replaces its address.
   */
  const framed = window.self !== window.top;

  /* Make the address say `view`; returns its query. */
  function show(view) {
    const query = V.queryString(getContract(), view);
    // What follows "#" is the browser's own (a presentation's deck): it stays as it is.
    const target = window.location.pathname + query + window.location.hash;
    let action = V.historyAction(getContract(), window.location.search, query, shown === null);
    if (framed && action === "push") { action = "replace"; }
    switch (action) {
      case "push": window.history.pushState({atlas: true}, "", target); break;
      case "replace": window.history.replaceState(window.history.state, "", target); break;
      default: break;
    }
    shown = view;
    followFullLink(view);
    return query;
  }

  /*
   * The embed view's "Öppna i Segregationsatlas" opens the view shown now
   * (its year, selection and choices), not the one the frame first loaded:
   * its path stays, its query follows, without the embed's controls.
   */
  function followFullLink(view) {
    const link = document.getElementById(getContract().ids.embedOpen);
    if (!link) { return; }
    const path = new URL(link.href, window.location.href).pathname;
    link.setAttribute("href", path + V.queryString(getContract(), V.withChanges(view, {controls: null})));
  }

  /*
   * The view shown: the view store's choices with what the controls hold
   * (the View fields the sliders, the area search and the map fill) and
   * the choices made in place.
   */
  function fromControls(view, year, areas, yearB) {
    const present = (x) => x !== null && x !== undefined;
    // The position the page was opened at stays the map's until it moves: a choice made in place
    // (its view comes back from the server without one) leaves the map where it is.
    if (!moved && view.at) { moved = view.at; }
    return V.withChanges(V.withChanges(view, {
      year: present(year) ? year : view.year,
      year_b: present(yearB) ? yearB : view.year_b,
      areas: V.asList(areas),
      at: moved || view.at,
    }), chosen);
  }

  /* A choice made in place (`field` of the view to `value`), recorded in place; returns the view shown. */
  function choose(field, value) {
    chosen[field] = value;
    if (shown) { show(V.withChanges(shown, chosen)); }
    return shown;
  }

  /* The main map was moved to `at` ([lat, lon, zoom]): a step the address records in place. */
  function mapMoved(at) {
    moved = at;
    if (shown) { show(V.withChanges(shown, {at: at})); }
  }

  /* Load the page for `view`; returns its query. */
  function load(view) {
    const query = V.queryString(getContract(), view);
    const target = window.location.pathname + query;
    if (framed) { window.location.replace(target); } else { window.location.assign(target); }
    return query;
  }

  /* Load the page for the shown view (the store's `view` before the first sync) with `changes`. */
  function go(view, changes) {
    return load(V.withChanges(shown || view, changes));
  }

  /* The language a link to the other language names, when the contract declares the languages. */
  function otherLanguage(lang) {
    const choices = V.paramOf(getContract(), "lang").limits.choices;
    if (!Array.isArray(choices) || choices.length < 2) { return null; }
    return choices[(choices.indexOf(lang) + 1) % choices.length];
  }

  // Back and Forward load the view that address describes.
  window.addEventListener("popstate", () => { window.location.reload(); });

  atlas.contract = getContract;
  atlas.mapSpec = mapSpec;
  atlas.address = {framed: framed, show: show, fromControls: fromControls, mapMoved: mapMoved, choose: choose,
                   load: load, go: go, otherLanguage: otherLanguage};
})();
