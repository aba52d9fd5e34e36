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

const ELECTIONS = [2002, 2006, 2010, 2014, 2018, 2022];

test("arrow keys step to the neighbouring year with data, also when the years have gaps", () => {
  const {keyStep} = require("../../assets/atlas-25-playback.js");
  assert.equal(keyStep(ELECTIONS, 2010, "ArrowRight"), 2014);
  assert.equal(keyStep(ELECTIONS, 2010, "ArrowUp"), 2014);
  assert.equal(keyStep(ELECTIONS, 2010, "ArrowLeft"), 2006);
  assert.equal(keyStep(ELECTIONS, 2010, "ArrowDown"), 2006);
  assert.equal(keyStep(ELECTIONS, 2022, "ArrowRight"), 2022);
  assert.equal(keyStep(ELECTIONS, 2002, "ArrowLeft"), 2002);
  assert.equal(keyStep(YEARS, 2012, "ArrowRight"), 2013);
});

test("Home and End go to the first and last year, Page keys three years of data", () => {
  const {keyStep} = require("../../assets/atlas-25-playback.js");
  assert.equal(keyStep(ELECTIONS, 2014, "Home"), 2002);
  assert.equal(keyStep(ELECTIONS, 2006, "End"), 2022);
  assert.equal(keyStep(ELECTIONS, 2006, "PageUp"), 2018);
  assert.equal(keyStep(ELECTIONS, 2006, "PageDown"), 2002);
});

test("a year between two years of data steps to the neighbour in the key's direction", () => {
  const {keyStep} = require("../../assets/atlas-25-playback.js");
  assert.equal(keyStep(ELECTIONS, 2012, "ArrowRight"), 2014);
  assert.equal(keyStep(ELECTIONS, 2012, "ArrowLeft"), 2010);
  assert.equal(keyStep(ELECTIONS, 2030, "ArrowLeft"), 2022);
  assert.equal(keyStep(ELECTIONS, 1990, "ArrowRight"), 2002);
});

test("other keys and no years leave the slider alone", () => {
  const {keyStep} = require("../../assets/atlas-25-playback.js");
  assert.equal(keyStep(ELECTIONS, 2010, "Tab"), undefined);
  assert.equal(keyStep([], 2010, "ArrowRight"), undefined);
});

test("consecutive years are left to the slider's own keys; years with gaps are not", () => {
  const P = require("../../assets/atlas-25-playback.js");
  assert.equal(P.consecutive([2011, 2012, 2013]), true);
  assert.equal(P.consecutive([2002, 2006, 2010]), false);
  assert.equal(P.consecutive([2024]), true);
});

test("evenly spaced years (election years) are left to the slider's own keys too; uneven gaps are not", () => {
  const P = require("../../assets/atlas-25-playback.js");
  assert.equal(P.evenlySpaced(ELECTIONS), true);
  assert.equal(P.evenlySpaced([2011, 2012, 2013]), true);
  assert.equal(P.evenlySpaced([2011, 2015, 2016, 2018]), false);
  assert.equal(P.evenlySpaced([2024]), true);
});
