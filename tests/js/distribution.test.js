"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const D = require("../../assets/atlas-90-distribution.js");
const {formatNumber} = require("../../assets/atlas-10-format.js");

const SPEC = {
  ids: ["a", "b", "c", "d"], names: ["Alby", "Backa", "Centrum", "Dalen"], values: [2.5, -1, 2.5, 0.04],
  classes: [2, 0, 2, 1], labels: ["−2 – 0 p.e.", "Oförändrat", "0 – +3 p.e."], selected: ["c"],
  unit: "p.e.", decimals: 1, lang: "sv", signed: true,
};

test("rows run from the highest value down, ties by name, signed with the unit and the class label", () => {
  const rows = D.sortedRows(SPEC, formatNumber);
  assert.deepEqual(rows.map((r) => r.name), ["Alby", "Centrum", "Dalen", "Backa"]);
  assert.deepEqual(rows.map((r) => r.valueText), ["+2,5\u00a0p.e.", "+2,5\u00a0p.e.", "0,0\u00a0p.e.", "\u22121,0\u00a0p.e."]);
  assert.equal(rows[1].classLabel, "0 – +3 p.e.");
  assert.deepEqual(rows.map((r) => r.selected), [false, true, false, false]);
});

test("pages of fifty rows: 6,000 areas are 120 pages, clamped at both ends", () => {
  assert.deepEqual(D.pageOf(6000, 1, 50), {page: 1, pages: 120, start: 0, end: 50});
  assert.deepEqual(D.pageOf(6000, 120, 50), {page: 120, pages: 120, start: 5950, end: 6000});
  assert.deepEqual(D.pageOf(6000, 500, 50).page, 120);
  assert.deepEqual(D.pageOf(6000, 0, 50).page, 1);
  assert.deepEqual(D.pageOf(0, 1, 50), {page: 1, pages: 1, start: 0, end: 0});
  assert.deepEqual(D.pageOf(51, 2, 50), {page: 2, pages: 2, start: 50, end: 51});
});

test("an area's jitter stays put and spreads the dots over the band", () => {
  assert.equal(D.jitter("9999C0010"), D.jitter("9999C0010"));
  const all = Array.from({length: 1000}, (_, i) => D.jitter("a" + i));
  assert.ok(all.every((j) => j >= -1 && j <= 1));
  assert.ok(Math.min(...all) < -0.9 && Math.max(...all) > 0.9);
});

test("axis ticks are round numbers inside the range", () => {
  assert.deepEqual(D.ticks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(D.ticks(-3.2, 4.9, 4), [-2, 0, 2, 4]);
  assert.deepEqual(D.ticks(5, 5, 4), [5]);
});

test("the panel asks the server only while it is open", () => {
  assert.equal(D.distributionTrigger(0, 2020, null, [], null), null);
  assert.equal(D.distributionTrigger(2, 2020, null, [], null), null);
  assert.deepEqual(D.distributionTrigger(1, 2020, 2011, ["a"], {url: "/v"}),
                   {year: 2020, year_b: 2011, areas: ["a"], data: "/v"});
});
