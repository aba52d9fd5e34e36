"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
require("../../assets/atlas-20-view.js");  // atlas.view, which the presentation's rules read
const D = require("../../assets/atlas-84-deck.js");
const P = require("../../assets/atlas-85-present.js");
const {contract} = require("./contract.js");

const DECK = {title: "Kommunstyrelsen 12 maj", slides: [
  {view: "?ds=demo&ind=lag_ek_standard&year=2024", title: "Låg ekonomisk standard", note: "Jämför med 2015 – å, ä, ö."},
  {view: "?ds=demo&ind=eftergymnasial&year=2015", title: "Utbildning", note: ""},
  {view: "?ds=demo&ind=lag_ek_standard&mode=change&year2=2011&year=2024", title: "Förändring", note: ""},
]};

test("a deck round-trips through its link code, which needs no escaping", () => {
  const code = D.encode(DECK);
  assert.match(code, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(D.decode(code), Object.assign({format: D.FORMAT, version: D.VERSION}, DECK));
});

test("a cut, made-up or foreign link code is no deck", () => {
  const code = D.encode(DECK);
  assert.equal(D.decode(code.slice(0, code.length - 7)), null);
  assert.equal(D.decode("e30"), null);  // {}
  assert.equal(D.decode("%%%"), null);
  assert.equal(D.decode(""), null);
  assert.equal(D.decode(null), null);
});

test("what is wrong with a deck is named as geodata/deck.py names it", () => {
  const base = {format: D.FORMAT, version: 1};
  assert.deepEqual(D.problem({format: "x", version: 1, slides: []}), {key: "not_a_deck"});
  assert.equal(D.problem(Object.assign({}, base, {version: 2, slides: []})).key, "version");
  assert.equal(D.problem(Object.assign({}, base, {slides: []})).key, "no_slides");
  assert.deepEqual(D.problem(Object.assign({}, base, {slides: [{view: "ds=x"}]})), {key: "bad_view", where: "slides[1].view"});
  assert.deepEqual(D.problem(Object.assign({}, base, {slides: [{view: "?ds=x", note: "n".repeat(241)}]})),
                   {key: "too_long", where: "slides[1].note", limit: 240});
  assert.equal(D.problem(Object.assign({}, base, {slides: new Array(51).fill({view: "?a"})})).key, "too_many");
  assert.equal(D.problem(Object.assign({}, base, {slides: [{view: "?ds=x", title: 3}]})).key, "not_text");
  assert.equal(D.problem(Object.assign({}, base, {slides: [{view: "?ds=x"}]})), null);
});

test("slides are added, moved within the deck, edited and removed", () => {
  let deck = D.addSlide({title: "", slides: []}, {view: "?a=1", title: "Ett", note: ""});
  deck = D.addSlide(deck, {view: "?a=2", title: "Två", note: ""});
  deck = D.addSlide(deck, {view: "?a=3", title: "Tre", note: ""});
  assert.deepEqual(D.moveSlide(deck, 2, -1).slides.map((s) => s.title), ["Ett", "Tre", "Två"]);
  assert.deepEqual(D.moveSlide(deck, 0, -1).slides.map((s) => s.title), ["Ett", "Två", "Tre"]);
  assert.deepEqual(D.moveSlide(deck, 2, 1).slides.map((s) => s.title), ["Ett", "Två", "Tre"]);
  assert.deepEqual(D.removeSlide(deck, 1).slides.map((s) => s.title), ["Ett", "Tre"]);
  const edited = D.editSlide(deck, 1, {note: "  en\n rad  "});
  assert.equal(edited.slides[1].note, "en rad");
  assert.equal(D.editSlide(deck, 0, {title: "x".repeat(500)}).slides[0].title.length, D.LIMITS.title);
});

test("the address's hash names the deck and the slide; a slide address joins them", () => {
  assert.deepEqual(D.fromHash("#deck=abc&slide=3"), {code: "abc", slide: 3});
  assert.deepEqual(D.fromHash("#deck=abc&slide=-2"), {code: "abc", slide: 1});
  assert.deepEqual(D.fromHash(""), {code: null, slide: 1});
  const address = D.slideAddress("/atlas/present", DECK, 2);
  assert.ok(address.startsWith("/atlas/present?ds=demo&ind=eftergymnasial&year=2015#deck="));
  assert.ok(address.endsWith("&slide=2"));
});

test("a saved deck's file name is its title in plain letters", () => {
  assert.equal(D.fileName({title: "Kommunstyrelsen 12 maj: Öster"}), "kommunstyrelsen-12-maj-oster.atlas-deck.json");
  assert.equal(D.fileName({title: ""}), "presentation.atlas-deck.json");
});

test("a clicker's keys and the presentation's own keys have their actions; others are left alone", () => {
  const key = (k, extra) => Object.assign({key: k, ctrlKey: false, metaKey: false, altKey: false}, extra || {});
  assert.equal(P.action(key("PageDown")), "next");
  assert.equal(P.action(key("PageUp")), "previous");
  ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].forEach((k) => assert.equal(P.action(key(k)), "year"));
  assert.equal(P.action(key(" ")), "play");
  assert.equal(P.action(key("b")), "blank");
  assert.equal(P.action(key(".")), "blank");
  assert.equal(P.action(key("?")), "help");
  assert.equal(P.action(key("Escape")), "leave");
  assert.equal(P.action(key("Tab")), undefined);
  assert.equal(P.action(key("PageDown", {ctrlKey: true})), undefined);  // the browser's own tab switching
});

test("a slide is shown in place only when the indicator and year are all that change, and exist", () => {
  const c = contract();
  const years = {lag_ek_standard: [2011, 2015, 2024], eftergymnasial: [2015, 2020]};
  const live = ["map"];
  const now = "?ds=demo&ind=lag_ek_standard&year=2024";
  assert.equal(P.inPlace(c, now, "?ds=demo&ind=lag_ek_standard&year=2015", years, live), true);
  assert.equal(P.inPlace(c, now, "?ds=demo&ind=eftergymnasial&year=2020", years, live), true);
  assert.equal(P.inPlace(c, now, "?ds=demo&ind=eftergymnasial", years, live), true);
  assert.equal(P.inPlace(c, now, "?ds=demo&ind=eftergymnasial&year=2011", years, live), false, "no such year");
  assert.equal(P.inPlace(c, now, "?ds=demo&ind=gone&year=2024", years, live), false, "no such indicator");
  assert.equal(P.inPlace(c, now, "?ds=demo&level=regso&ind=lag_ek_standard", years, live), false, "another level");
  assert.equal(P.inPlace(c, now, "?ds=other&ind=lag_ek_standard", years, live), false, "another dataset");
  assert.equal(P.inPlace(c, now, "?ds=demo&ind=lag_ek_standard&mode=change&year2=2011", years, live), false);
  assert.equal(P.inPlace(c, now, "?ds=demo&ind=lag_ek_standard&scheme=jenks", years, live), false);
});
