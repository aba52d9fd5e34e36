"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {step} = require("../../assets/atlas-25-playback.js");

const YEARS = [2011, 2012, 2013];

test("play starts from the shown year, or from the first when the last is shown", () => {
  assert.deepEqual(step(YEARS, 2012, true, false), {running: true, year: 2012});
  assert.deepEqual(step(YEARS, 2013, true, false), {running: true, year: 2011});
});

test("pause stops where playback is", () => {
  assert.deepEqual(step(YEARS, 2012, true, true), {running: false, year: undefined});
});

test("a tick steps one year and stops on reaching the last", () => {
  assert.deepEqual(step(YEARS, 2011, false, true), {running: true, year: 2012});
  assert.deepEqual(step(YEARS, 2012, false, true), {running: false, year: 2013});
  assert.deepEqual(step(YEARS, 2013, false, true), {running: false, year: 2013});
});

test("a late tick after pause changes nothing", () => {
  assert.deepEqual(step(YEARS, 2011, false, false), {running: false, year: undefined});
});

test("a year not offered starts from the first; no years, no playback", () => {
  assert.deepEqual(step(YEARS, 1999, false, true), {running: true, year: 2011});
  assert.deepEqual(step([], 2011, true, false), {running: false, year: undefined});
});

test("years with gaps step to the next offered year", () => {
  assert.deepEqual(step([2011, 2015, 2024], 2011, false, true), {running: true, year: 2015});
});
