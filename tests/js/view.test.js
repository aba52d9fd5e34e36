"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const V = require("../../assets/atlas-20-view.js");
const {contract, view} = require("./contract.js");

const C = contract();
const q = (changes) => V.queryString(C, view(changes));

test("parameters in declaration order, defaults and empty values left out", () => {
  assert.equal(q({}), "?ds=demo&lang=sv&level=deso&ind=eftergymnasial&year=2024");
  assert.equal(q({year: null, lang: undefined}), "?ds=demo&level=deso&ind=eftergymnasial");
  assert.equal(q({scheme: "fisher_jenks", k: 7}),
               "?ds=demo&lang=sv&level=deso&ind=eftergymnasial&year=2024&scheme=fisher_jenks&k=7");
  assert.equal(q({k: 5, scheme: "quantiles", areas: [], mode: "map"}), q({}));
});

test("lists are comma-joined with the commas left readable", () => {
  assert.equal(q({areas: ["d01", "d02"]}), "?ds=demo&lang=sv&level=deso&ind=eftergymnasial&year=2024&area=d01,d02");
});

test("numbers are written as String(n) writes them", () => {
  assert.match(q({at: [59.53, 14.1, 11]}), /&at=59.53,14.1,11$/);
  assert.match(q({at: [59.38123, 14, 11.25]}), /&at=59.38123,14,11.25$/);
});

test("a mode-specific parameter only in the modes that declare it", () => {
  const both = {year_b: 2011, indicator_b: "inkomst", level_b: "regso"};
  assert.equal(q(both), q({}));
  assert.equal(q(Object.assign({mode: "change"}, both)), q({}) + "&mode=change&year2=2011");
  assert.equal(q(Object.assign({mode: "compare"}, both)), q({}) + "&mode=compare&year2=2011&ind2=inkomst&level2=regso");
});

test("a parameter equal to the one it follows is left out", () => {
  assert.equal(q({mode: "compare", year_b: 2011, indicator_b: "eftergymnasial", level_b: "deso"}),
               q({}) + "&mode=compare&year2=2011");
});

test("an unknown mode is read as the default mode", () => {
  assert.equal(V.modeOf(C, view({mode: "evil"})), C.modes.map);
  assert.equal(q({mode: "evil", year_b: 2011}), q({}) + "&mode=evil");
});

test("text is encoded as Python's urlencode: spaces as +, UTF-8 escapes, commas kept", () => {
  assert.equal(V.encodeQuery([["ind", "a b"], ["area", "Å,ö"], ["x", "!'()*~._-"]]),
               "?ind=a+b&area=%C3%85,%C3%B6&x=%21%27%28%29%2A~._-");
  assert.equal(V.encodeQuery([["q", "a&b=c?d/e+f%"]]), "?q=a%26b%3Dc%3Fd%2Fe%2Bf%25");
});

test("names, defaults and limits come from the contract, not the code", () => {
  const renamed = contract();
  renamed.params.forEach((p) => { p.name = p.name + "_"; });
  V.paramOf(renamed, "k").default = 7;
  V.paramOf(renamed, "areas").limits.max = 2;
  renamed.modes.map.params = ["year_b"];
  assert.equal(V.queryString(renamed, view({k: 7, year_b: 2011, areas: ["a"]})),
               "?ds_=demo&lang_=sv&level_=deso&ind_=eftergymnasial&year_=2024&area_=a&year2_=2011");
  assert.deepEqual(V.toggleSelection(renamed, ["a", "b"], "c", "areas"), ["b", "c"]);
});

test("history: only replace-parameters changed replaces, anything else pushes", () => {
  const before = q({});
  assert.equal(V.historyAction(C, before, before, false), "none");
  assert.equal(V.historyAction(C, before, q({year: 2019}), false), "replace");
  assert.equal(V.historyAction(C, before, q({at: [59, 14, 10]}), false), "replace");
  assert.equal(V.historyAction(C, q({mode: "change", year_b: 2011}), q({mode: "change", year_b: 2012}), false),
               "replace");
  assert.equal(V.historyAction(C, before, q({indicator: "inkomst"}), false), "push");
  assert.equal(V.historyAction(C, before, q({areas: ["d01"]}), false), "push");
  assert.equal(V.historyAction(C, before, q({mode: "compare", year: 2019}), false), "push");
  assert.equal(V.historyAction(C, before + "&extra=1", before, false), "push");
});

test("history: the first sync after a load replaces, whatever changed", () => {
  assert.equal(V.historyAction(C, "?ds=demo", q({indicator: "inkomst"}), true), "replace");
  assert.equal(V.historyAction(C, "", q({}), true), "replace");
});

test("a click adds an area, a second click removes it, the oldest falls out beyond the limit", () => {
  assert.deepEqual(V.toggleSelection(C, null, "a", "areas"), ["a"]);
  assert.deepEqual(V.toggleSelection(C, "a", "b", "areas"), ["a", "b"]);
  assert.deepEqual(V.toggleSelection(C, ["a", "b", "c"], "b", "areas"), ["a", "c"]);
  const eight = ["1", "2", "3", "4", "5", "6", "7", "8"];
  assert.deepEqual(V.toggleSelection(C, eight, "9", "areas"), eight.slice(1).concat("9"));
  assert.deepEqual(V.toggleSelection(C, eight, "8", "areas"), eight.slice(0, 7));
});

test("the current selection is never changed in place", () => {
  const current = ["a"];
  V.toggleSelection(C, current, "b", "areas");
  assert.deepEqual(current, ["a"]);
});

test("a mode switch clears every mode-specific field", () => {
  assert.deepEqual(V.modeChanges(C, "compare"), {mode: "compare", year_b: null, indicator_b: null, level_b: null});
  const switched = V.withChanges(view({mode: "compare", year_b: 2011, indicator_b: "x"}), V.modeChanges(C, "map"));
  assert.equal(V.queryString(C, switched), q({}));
});

test("withChanges leaves the view it starts from alone", () => {
  const v = view();
  assert.equal(V.withChanges(v, {year: 2000}).year, 2000);
  assert.equal(v.year, 2024);
});
