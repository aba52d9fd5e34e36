"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const K = require("../../assets/atlas-30-classes.js");

const META = {colours: ["#c0", "#c1", "#c2"], noDataColour: "#a3a3a3"};

test("the shown year is the slider's when the values have it", () => {
  assert.equal(K.shownYearIndex([2011, 2015, 2024], 2015), 1);
});

test("while the values lack the slider's year the map shows their nearest year, never none", () => {
  assert.equal(K.shownYearIndex([2024], 2023), 0);  // a change map waiting for the next pair
  assert.equal(K.shownYearIndex([2011, 2015, 2024], 2014), 1);
  assert.equal(K.shownYearIndex([2011, 2015], 2013), 1);  // a tie goes to the later year
  assert.equal(K.shownYearIndex([2011, 2015], null), 1);
  assert.equal(K.shownYearIndex([], 2024), -1);
});

test("class codes: digits are classes, anything else no data, no values yet is loading", () => {
  const classes = ["01-", "2.1"];
  assert.equal(K.classAt(classes, 0, 1), 1);
  assert.equal(K.classAt(classes, 1, 0), 2);
  assert.equal(K.classAt(classes, 0, 2), K.NO_CLASS);
  assert.equal(K.classAt(classes, 1, 1), K.NO_CLASS);
  assert.equal(K.classAt(classes, 0, undefined), K.NO_CLASS);
  assert.equal(K.classAt(null, 0, 1), K.LOADING);
  assert.equal(K.classAt(classes, -1, 1), K.LOADING);
});

test("any number of classes: the 11th and 13th class keep their colours, past the colours is no data", () => {
  // geodata.classify.class_chars: class k is the character 48 + k ("0".."9", ":", ";", "<", ...).
  const colours = Array.from({length: 13}, (_, i) => "#c" + i);
  const classes = ["9:<-"];
  assert.equal(K.classAt(classes, 0, 1), 10);
  assert.equal(K.classAt(classes, 0, 2), 12);
  assert.equal(K.styleOf({colours: colours, noDataColour: "#a3a3a3"}, 12, false).fillColor, "#c12");
  assert.equal(K.classAt(classes, 0, 3), K.NO_CLASS);
  assert.equal(K.styleOf({colours: ["#c0"], noDataColour: "#a3a3a3"}, 12, false).fillColor, "#a3a3a3");
});

test("a category's tooltip names its class and ranks nothing; numbers are ranked", () => {
  const meta = {colours: ["#c0", "#c1"], classLabels: ["1 – Storstäder", "2 – Landsbygd"]};
  assert.equal(K.classLabel(meta, 1), "2 – Landsbygd");
  assert.equal(K.classLabel(meta, K.NO_CLASS), null);
  assert.equal(K.ranks(meta), false);
  assert.equal(K.classLabel(META, 1), null);
  assert.equal(K.ranks(META), true);
  assert.equal(K.ranks({colours: [], signed: true}), false);
});

test("styles: class colour, dashed no-data, the loading fill only without values", () => {
  assert.equal(K.styleOf(META, 2, false).fillColor, "#c2");
  assert.equal(K.styleOf(META, 2, true).weight, 3);
  const none = K.styleOf(META, K.NO_CLASS, false);
  assert.equal(none.fillColor, "#a3a3a3");
  assert.equal(none.dashArray, "3 3");
  assert.equal(K.styleOf(META, K.NO_CLASS, true).dashArray, null);
  assert.equal(K.styleOf(null, K.LOADING, false).fillColor, K.LOADING_FILL);
});

test("sameStyle compares what restyling changes", () => {
  assert.ok(K.sameStyle(K.styleOf(META, 1, false), K.styleOf(META, 1, false)));
  assert.ok(!K.sameStyle(K.styleOf(META, 1, false), K.styleOf(META, 1, true)));
  assert.ok(!K.sameStyle(undefined, K.styleOf(META, 1, false)));
});

test("ranks: 1 is the highest, ties share the best rank, no value has none", () => {
  const sorted = K.ranking([3, null, 7, 3, 1]);
  assert.deepEqual(sorted, [7, 3, 3, 1]);
  assert.deepEqual(K.rankIn(sorted, 7), {rank: 1, of: 4});
  assert.deepEqual(K.rankIn(sorted, 3), {rank: 2, of: 4});
  assert.deepEqual(K.rankIn(sorted, 1), {rank: 4, of: 4});
  assert.equal(K.rankIn(sorted, null), null);
});

test("positions map area ids to their place in the values", () => {
  assert.deepEqual([...K.positions(["b", "a"])], [["b", 0], ["a", 1]]);
});

test("values that did not arrive are asked for again a few times, ever later, then given up", () => {
  const delays = [];
  for (let attempt = 0; K.retryDelay(attempt) !== null; attempt += 1) { delays.push(K.retryDelay(attempt)); }
  assert.ok(delays.length >= 3, "a server that has just started may refuse a request or two");
  assert.deepEqual([...delays].sort((a, b) => a - b), delays, "each pause at least as long as the last");
  assert.ok(delays.reduce((a, b) => a + b, 0) <= 30000, "the last try within half a minute");
  assert.equal(K.retryDelay(-1), null);
});
