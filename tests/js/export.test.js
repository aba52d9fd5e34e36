"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {FORMATS, fitRect, wrapLines, imageLayout} = require("../../assets/atlas-70-export.js");

test("the two image formats are 16:9 and A4 landscape", () => {
  assert.equal(FORMATS.wide.width / FORMATS.wide.height, 16 / 9);
  assert.ok(Math.abs(FORMATS.a4.width / FORMATS.a4.height - 297 / 210) < 0.002);
});

test("a map keeps its aspect ratio inside its box, centred", () => {
  assert.deepEqual(fitRect(200, 100, {x: 0, y: 0, w: 100, h: 100}), {x: 0, y: 25, w: 100, h: 50});
  assert.deepEqual(fitRect(100, 200, {x: 10, y: 0, w: 100, h: 100}), {x: 35, y: 0, w: 50, h: 100});
  assert.deepEqual(fitRect(0, 0, {x: 1, y: 2, w: 3, h: 4}), {x: 1, y: 2, w: 0, h: 0});
});

test("notes wrap at word boundaries to the width", () => {
  const measure = (s) => s.length * 10;
  assert.deepEqual(wrapLines("Källa: SCB och Kolada, licens CC0", 120, measure),
                   ["Källa: SCB", "och Kolada,", "licens CC0"]);
  assert.deepEqual(wrapLines("", 100, measure), []);
});

test("one map leaves a legend column; two maps sit side by side with equal boxes", () => {
  const one = imageLayout("wide", 1, [7], 4);
  assert.equal(one.boxes.length, 1);
  const {map, legend} = one.boxes[0];
  assert.ok(map.x + map.w < legend.x, "the legend beside the map, not over it");
  assert.ok(map.y + map.h < one.notes.y, "the notes below the map");
  const two = imageLayout("a4", 2, [7, 5], 4);
  assert.equal(two.width, 1754);
  const [left, right] = two.boxes;
  assert.equal(left.map.w, right.map.w);
  assert.equal(left.map.h, right.map.h);
  assert.ok(left.map.x + left.map.w < right.map.x);
  assert.ok(left.legend.y + 7 * 30 <= two.notes.y, "the longer legend fits above the notes");
});
