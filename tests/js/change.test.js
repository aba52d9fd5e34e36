"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {lines} = require("../../assets/atlas-45-change.js");
const {formatNumber} = require("../../assets/atlas-10-format.js");

const P = {yearFrom: 2015, valueUnit: "%", valueDecimals: 1, unit: "p.e.", decimals: 1, lang: "sv",
           text: {change: "Förändring", suppressed: "Sekretess (..) något av åren", missing: "Uppgift saknas",
                  boundary: "Ändrad områdesindelning mellan åren", noBase: "Ingen procentuell förändring",
                  bridged: "Området delades 2025: värdena och förändringen gäller hela det tidigare området",
                  estimated: "Uppskattat: SCB ändrade områdets gränser 2025"}};

test("a change shows both years' values and the signed change", () => {
  assert.deepEqual(lines(P, 2024, 12.3, 14.55, 2.25, "o", formatNumber).map((l) => l.text),
                   ["2015: 12,3\u00a0%", "2024: 14,6\u00a0%", "Förändring: +2,3\u00a0p.e."]);
  assert.equal(lines(P, 2024, 5, 3, -2, "o", formatNumber)[2].text, "Förändring: \u22122,0\u00a0p.e.");
});

test("no change is shown across a boundary break or a suppressed year, never a number made up", () => {
  const broken = lines(P, 2024, 30, 26, null, "b", formatNumber).map((l) => l.text);
  assert.deepEqual(broken, ["2015: 30,0\u00a0%", "2024: 26,0\u00a0%", "Ändrad områdesindelning mellan åren"]);
  const hidden = lines(P, 2024, null, 7, null, "s", formatNumber).map((l) => l.text);
  assert.deepEqual(hidden, ["2015: \u2013", "2024: 7,0\u00a0%", "Sekretess (..) något av åren"]);
});

test("a split area's tooltip says the values and the change are its former area's", () => {
  const split = lines(P, 2024, 6000, 6185, 3.08, "o", formatNumber, "p").map((l) => l.text);
  assert.equal(split.length, 4);
  assert.equal(split[3], "Området delades 2025: värdena och förändringen gäller hela det tidigare området");
  assert.equal(lines(P, 2024, 6000, 6185, 3.08, "o", formatNumber, "-").length, 3);
});

test("an estimated earlier value is marked as one", () => {
  const estimated = lines(P, 2024, 1779, 1879, 5.6, "o", formatNumber, "e").map((l) => l.text);
  assert.equal(estimated[3], "Uppskattat: SCB ändrade områdets gränser 2025");
});
