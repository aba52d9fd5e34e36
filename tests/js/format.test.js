"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {formatNumber, fill} = require("../../assets/atlas-10-format.js");

const NBSP = "\u00a0", MINUS = "\u2212";

test("Swedish: decimal comma, no-break space between thousands, true minus", () => {
  assert.equal(formatNumber(12345.678, 1, "sv"), "12" + NBSP + "345,7");
  assert.equal(formatNumber(-1234567.891, 2, "sv"), MINUS + "1" + NBSP + "234" + NBSP + "567,89");
  assert.equal(formatNumber(999, 0, "sv"), "999");
  assert.equal(formatNumber(1000, 0, "sv"), "1" + NBSP + "000");
});

test("English: decimal point, comma between thousands, hyphen-minus", () => {
  assert.equal(formatNumber(12345.678, 1, "en"), "12,345.7");
  assert.equal(formatNumber(-0.25, 2, "en"), "-0.25");
  assert.equal(formatNumber(1234567, 0, "en"), "1,234,567");
});

test("decimals are padded and never negative", () => {
  assert.equal(formatNumber(3, 2, "sv"), "3,00");
  assert.equal(formatNumber(3.7, -1, "en"), "4");
  assert.equal(formatNumber(0, 1, "sv"), "0,0");
});

test("a value that rounds to zero has no minus sign", () => {
  assert.equal(formatNumber(-0.04, 1, "sv"), "0,0");
  assert.equal(formatNumber(-0.4, 0, "en"), "0");
  assert.equal(formatNumber(-0, 0, "en"), "0");
  assert.equal(formatNumber(-0.06, 1, "sv"), MINUS + "0,1");
});

test("a 5 rounds away from zero, on the number as written", () => {
  assert.equal(formatNumber(12.5, 0, "sv"), "13");
  assert.equal(formatNumber(-2.5, 0, "sv"), MINUS + "3");
  assert.equal(formatNumber(0.125, 2, "en"), "0.13");
  assert.equal(formatNumber(1.005, 2, "en"), "1.01");  // 1.00499999... in binary
  assert.equal(formatNumber(999.95, 1, "sv"), "1" + NBSP + "000,0");
});

test("no value is an empty string", () => {
  for (const nothing of [null, undefined, NaN, Infinity, -Infinity, "12"]) {
    assert.equal(formatNumber(nothing, 1, "sv"), "");
  }
});

test("fill puts values into a catalog template and leaves unknown placeholders", () => {
  assert.equal(fill("{n} områden", {n: 3}), "3 områden");
  assert.equal(fill("{indicator} {year}", {indicator: "Inkomst"}), "Inkomst {year}");
  assert.equal(fill("{a}{a}", {a: 0}), "00");
});
