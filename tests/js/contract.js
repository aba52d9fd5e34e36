/*
 * A view contract shaped like presenters/contract.py's, for the unit tests.
 * tests/test_js_parity.py checks the same functions against the real one.
 */
"use strict";

const param = (field, name, def, history, extra) => Object.assign(
  {field: field, name: name, default: def, history: history, limits: {}, modeSpecific: false, omitIfSameAs: null},
  extra || {});

function contract() {
  return {
    params: [
      param("dataset", "ds", null, "push"),
      param("lang", "lang", null, "push", {limits: {choices: ["sv", "en"]}}),
      param("level", "level", null, "push"),
      param("indicator", "ind", null, "push"),
      param("year", "year", null, "replace"),
      param("scheme", "scheme", "quantiles", "push", {limits: {choices: ["quantiles", "fisher_jenks"]}}),
      param("k", "k", 5, "push"),
      param("areas", "area", [], "push", {limits: {max: 8}}),
      param("mode", "mode", "map", "push"),
      param("year_b", "year2", null, "replace", {modeSpecific: true}),
      param("indicator_b", "ind2", null, "push", {modeSpecific: true, omitIfSameAs: "indicator"}),
      param("level_b", "level2", null, "push", {modeSpecific: true, omitIfSameAs: "level"}),
      param("at", "at", null, "replace", {limits: {lat: [50, 72], lon: [0, 35], zoom: [3, 18]}}),
    ],
    defaultMode: "map",
    modes: {
      map: {params: [], liveControls: true, pairedYears: false},
      compare: {params: ["year_b", "indicator_b", "level_b"], liveControls: false, pairedYears: false},
      change: {params: ["year_b"], liveControls: false, pairedYears: true},
    },
    maps: [
      {key: "map", container: "map", slider: "year-slider", sliderLabel: "year-label", legend: "legend",
       title: "map-title"},
      {key: "mapB", container: "map-b", slider: "year-slider-b", sliderLabel: "year-label-b", legend: "legend-b",
       title: "map-title-b"},
    ],
    ids: {page: "atlas-page", footerSource: "footer-source", mapSection: "map-section", play: "play-button"},
  };
}

/* A view as View.to_json() gives it, with `changes`. */
function view(changes) {
  return Object.assign({
    dataset: "demo", lang: "sv", level: "deso", indicator: "eftergymnasial", year: 2024, scheme: "quantiles",
    k: 5, areas: [], mode: "map", year_b: null, indicator_b: null, level_b: null, at: null,
  }, changes || {});
}

module.exports = {contract: contract, view: view};
