"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const C = require("../../assets/atlas-30-classes.js");
const F = require("../../assets/atlas-10-format.js");
const T = require("../../assets/atlas-65-table.js");

const TEXT = {suppressed: "sekretess", missing: "saknas", boundary: "annan indelning", noBase: "ingen bas"};
const META = {label: "Låg ekonomisk standard", unit: "%", decimals: 1, lang: "sv", signed: false, text: TEXT,
              colours: ["#a", "#b", "#c"], noDataColour: "#d"};
const DATA = {ids: ["a", "b", "c", "d"], years: [2023, 2024],
              values: [[10, 30.25, null, 20], [12, 8, null, null]],
              status: ["oosm", "ooso"], classes: ["02-1", "10--"]};
const NAMES = new Map([["a", "Alby"], ["b", "Berga"], ["c", "Centrum"], ["d", "Dal"]]);
const WORDS = {describeRange: "{indicator} {year}: högst i {high} ({high_value}), lägst i {low} ({low_value}).",
               describeHidden: "{count} av {total} områden utan värde.",
               describeCategories: "{indicator} {year}: {counts}.", describeNone: "{indicator} {year}: inga värden."};

test("rows: highest value first with its rank, areas without a value last with their reason", () => {
  const rows = T.rows(META, DATA, 0, NAMES, new Set(["b"]), C, F);
  assert.deepEqual(rows.map((r) => r.name), ["Berga", "Alby", "Centrum", "Dal"]);
  assert.equal(rows[0].text, "30,3\u00a0%");
  assert.deepEqual([rows[0].rank, rows[0].of, rows[0].selected], [1, 2, true]);
  assert.deepEqual([rows[2].value, rows[2].status, rows[2].rank], [null, "sekretess", null]);
  assert.deepEqual([rows[3].value, rows[3].status], [null, "saknas"]);
});

test("a suppressed or missing value is never shown as a number, and a zero is a value", () => {
  const data = {...DATA, values: [[0, 5, 7, 9], [0, 0, 0, 0]], status: ["omso", "oooo"]};
  const rows = T.rows(META, data, 0, NAMES, new Set(), C, F);
  const alby = rows.find((r) => r.id === "a");
  assert.equal(alby.text, "0,0\u00a0%");
  const berga = rows.find((r) => r.id === "b");
  assert.deepEqual([berga.value, berga.text, berga.status], [null, "", "saknas"]);
});

test("categories are ordered by class and carry no rank", () => {
  const meta = {...META, classLabels: ["Typ 1", "Typ 2", "Typ 3"]};
  const rows = T.rows(meta, DATA, 0, NAMES, new Set(), C, F);
  assert.deepEqual(rows.map((r) => [r.name, r.text, r.rank]),
                   [["Alby", "Typ 1", null], ["Berga", "Typ 3", null], ["Centrum", "", null], ["Dal", "", null]]);
  assert.equal(T.describe(meta, rows, 2023, WORDS, F, C),
               "Låg ekonomisk standard 2023: Typ 1: 1, Typ 3: 1. 2 av 4 områden utan värde.");
});

test("the description names the highest and lowest areas and counts those without a value", () => {
  const rows = T.rows(META, DATA, 1, NAMES, new Set(), C, F);
  assert.equal(T.describe(META, rows, 2024, WORDS, F, C),
               "Låg ekonomisk standard 2024: högst i Alby (12,0\u00a0%), lägst i Berga (8,0\u00a0%). " +
               "2 av 4 områden utan värde.");
  const none = T.rows(META, {...DATA, status: ["ssss", "ssss"]}, 0, NAMES, new Set(), C, F);
  assert.equal(T.describe(META, none, 2023, WORDS, F, C),
               "Låg ekonomisk standard 2023: inga värden. 4 av 4 områden utan värde.");
});

test("a change across SCB's 2025 edition: the table marks a split area's and an estimated value", () => {
  const meta = {...META, text: {...TEXT, bridged: "delat 2025: hela det tidigare området", estimated: "uppskattat"}};
  const data = {...DATA, years: [2024], values: [[1, 2, 3, 4]], status: ["oooo"], classes: ["0000"],
                bridged: "p-e-"};
  const rows = T.rows(meta, data, 0, NAMES, new Set(), C, F);
  const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
  assert.deepEqual(status, {a: "delat 2025: hela det tidigare området", b: "", c: "uppskattat", d: ""});
});

test("the description opens with the payload's finding for the shown year, then says what it said before", () => {
  const findings = {2023: "Låg ekonomisk standard 2023 var högst i Berga (30,3 %) och lägst i Alby (10,0 %).",
                    2024: "Låg ekonomisk standard 2024 var högst i Alby (12,0 %) och lägst i Berga (8,0 %)."};
  const meta = {...META, findings: Object.fromEntries(Object.entries(findings).map(([y, s]) => [String(y), s]))};
  const rows = T.rows(meta, DATA, 1, NAMES, new Set(), C, F);
  const before = T.describe(META, rows, 2024, WORDS, F, C);
  assert.equal(T.describe(meta, rows, 2024, WORDS, F, C), findings[2024] + " " + before);
  // The year picks its own finding; a year without one leaves the description as it was.
  assert.ok(T.describe(meta, T.rows(meta, DATA, 0, NAMES, new Set(), C, F), 2023, WORDS, F, C)
    .startsWith(findings[2023] + " Låg ekonomisk standard 2023: högst i Berga"));
  assert.equal(T.describe(meta, rows, 2030, WORDS, F, C), T.describe(META, rows, 2030, WORDS, F, C));
  assert.equal(T.describe({...meta, findings: undefined}, rows, 2024, WORDS, F, C), before);
});

test("change mode's description opens with its one finding for the pair of years", () => {
  const finding = "Låg ekonomisk standard: värdet ökade i 1 av 1 jämförbart område mellan 2023 och 2024.";
  const meta = {...META, signed: true, finding: finding};
  const data = {...DATA, years: [2024], values: [[2, null, null, null]], status: ["obsm"], classes: ["0---"]};
  const rows = T.rows(meta, data, 0, NAMES, new Set(), C, F);
  const text = T.describe(meta, rows, 2024, WORDS, F, C);
  assert.ok(text.startsWith(finding + " "), text);
  assert.ok(text.endsWith("3 av 4 områden utan värde."), text);
  assert.equal(T.findingOf(meta, 1999), finding);
});

test("findingOf: only a string from the payload, never a value from elsewhere", () => {
  assert.equal(T.findingOf(null, 2024), "");
  assert.equal(T.findingOf({findings: {2024: 42}}, 2024), "");
  assert.equal(T.findingOf({findings: {}}, "toString"), "");
  assert.equal(T.findingOf({findings: {"2024": "x"}}, 2024), "x");
});
