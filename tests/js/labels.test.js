"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {place, hasRoom, initiallyOn, MARGIN} = require("../../assets/atlas-55-labels.js");

const VIEW = {width: 400, height: 300};
const c = (key, x, y, priority, width = 60, height = 16) => ({key, x, y, width, height, priority});
const keys = (chosen) => chosen.map((k) => k.key);

function disjoint(a, b, margin) {
  return a.right + margin <= b.left || b.right + margin <= a.left || a.bottom + margin <= b.top
    || b.bottom + margin <= a.top;
}

test("names far apart are all kept, the highest priority first, with their boxes", () => {
  const chosen = place([c("a", 50, 50, 1), c("b", 200, 150, 3), c("c", 330, 250, 2)], VIEW, 4);
  assert.deepEqual(keys(chosen), ["b", "c", "a"]);
  assert.deepEqual(chosen[0].box, {left: 170, top: 142, right: 230, bottom: 158});
});

test("of two overlapping names the one with the higher priority stays", () => {
  assert.deepEqual(keys(place([c("small", 100, 100, 1), c("large", 120, 105, 9)], VIEW, 4)), ["large"]);
});

test("boxes closer than the margin count as overlapping; at the margin they do not", () => {
  // Widths 60: centres 63 px apart leave a gap of 3 px, 64 px apart a gap of 4.
  assert.deepEqual(keys(place([c("a", 100, 100, 2), c("b", 163, 100, 1)], VIEW, 4)), ["a"]);
  assert.deepEqual(keys(place([c("a", 100, 100, 2), c("b", 164, 100, 1)], VIEW, 4)), ["a", "b"]);
  assert.deepEqual(keys(place([c("a", 100, 100, 2), c("b", 163, 100, 1)], VIEW, 0)), ["a", "b"]);
});

test("a name that would stick out of the viewport is left out", () => {
  const chosen = place([c("left", 29, 100, 5), c("top", 200, 7, 5), c("right", 371, 100, 5),
                        c("bottom", 200, 293, 5), c("inside", 200, 150, 1), c("edge", 30, 200, 1)], VIEW, 4);
  assert.deepEqual(keys(chosen), ["edge", "inside"]);
});

test("ties are broken by key, so the input's order does not matter", () => {
  const a = place([c("x", 100, 100, 1), c("y", 110, 100, 1)], VIEW, 4);
  const b = place([c("y", 110, 100, 1), c("x", 100, 100, 1)], VIEW, 4);
  assert.deepEqual(keys(a), ["x"]);
  assert.deepEqual(keys(b), ["x"]);
});

test("candidates without a size or a position are skipped", () => {
  const chosen = place([c("nan", NaN, 10, 9), c("flat", 100, 100, 9, 0, 16), c("ok", 100, 100, 1)], VIEW, 4);
  assert.deepEqual(keys(chosen), ["ok"]);
});

test("the input is not changed and the default margin applies", () => {
  const input = [c("a", 100, 100, 2), c("b", 100 + 60 + MARGIN - 1, 100, 1)];
  const copy = JSON.parse(JSON.stringify(input));
  assert.deepEqual(keys(place(input, VIEW)), ["a"]);
  assert.deepEqual(input, copy);
});

test("thousands of candidates: no two kept boxes overlap, each lies inside, and it is quick", () => {
  let seed = 7;
  const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const view = {width: 1280, height: 720};
  const many = Array.from({length: 6000}, (_, i) => c("d" + i, random() * 1400 - 60, random() * 800 - 40,
                                                       random() * 1000, 30 + random() * 90, 16));
  const started = process.hrtime.bigint();
  const chosen = place(many, view, 4);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(chosen.length > 50, `only ${chosen.length} kept`);
  chosen.forEach((k) => {
    assert.ok(k.box.left >= 0 && k.box.top >= 0 && k.box.right <= view.width && k.box.bottom <= view.height);
  });
  for (let i = 0; i < chosen.length; i += 1) {
    for (let j = i + 1; j < chosen.length; j += 1) {
      assert.ok(disjoint(chosen[i].box, chosen[j].box, 4), `${chosen[i].key} and ${chosen[j].key} overlap`);
    }
  }
  // Greedy and maximal: every left-out candidate inside the view clashes with a kept one.
  const kept = new Set(keys(chosen));
  many.filter((k) => !kept.has(k.key)).forEach((k) => {
    const box = {left: k.x - k.width / 2, top: k.y - k.height / 2, right: k.x + k.width / 2, bottom: k.y + k.height / 2};
    const inside = box.left >= 0 && box.top >= 0 && box.right <= view.width && box.bottom <= view.height;
    if (inside) { assert.ok(chosen.some((o) => !disjoint(box, o.box, 4)), `${k.key} was left out for nothing`); }
  });
  assert.ok(ms < 200, `${ms} ms`);
});

test("a district has room for a name its inscribed circle holds, a little stretched", () => {
  assert.equal(hasRoom(40, 100, 16), true);
  assert.equal(hasRoom(40, 200, 16), false);
  assert.equal(hasRoom(7, 10, 16), false, "not even the height fits");
});

test("names are on when the link says its first choice, off for its second, else as the surface says", () => {
  const choices = ["1", "0"];
  assert.equal(initiallyOn("1", choices, "off"), true);
  assert.equal(initiallyOn("0", choices, "on"), false);
  assert.equal(initiallyOn(null, choices, "on"), true);
  assert.equal(initiallyOn(null, choices, "off"), false);
  assert.equal(initiallyOn("yes", choices, undefined), false);
});

test("no name is placed over a box laid on the map (a heading, the legend, the zoom buttons)", () => {
  const L = require("../../assets/atlas-55-labels.js");
  const names = [{key: "a", x: 50, y: 20, width: 60, height: 16, priority: 3},
                 {key: "b", x: 200, y: 100, width: 60, height: 16, priority: 2}];
  const heading = {left: 0, top: 0, right: 120, bottom: 40};
  assert.deepEqual(L.place(names, {width: 400, height: 300}, 4, [heading]).map((c) => c.key), ["b"]);
  assert.deepEqual(L.place(names, {width: 400, height: 300}, 4, []).map((c) => c.key), ["a", "b"]);
});
