"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const E = require("../../assets/atlas-75-embed.js");

test("the embed address keeps the view's link, with the chosen controls", () => {
  assert.equal(E.embedUrl("https://atlas.example.se", "/embed", "?ds=demo&ind=lag_ek_standard&year=2020", [], "controls"),
               "https://atlas.example.se/embed?ds=demo&ind=lag_ek_standard&year=2020");
  assert.equal(E.embedUrl("https://a.se", "/atlas/embed", "?ds=demo&controls=mode", ["indicator", "search"], "controls"),
               "https://a.se/atlas/embed?ds=demo&controls=indicator,search");
  assert.equal(E.embedUrl("https://a.se", "/embed", "", [], "controls"), "https://a.se/embed");
});

test("the iframe has a title, a size and escapes what it quotes", () => {
  const code = E.embedCode({url: "https://a.se/embed?ds=demo&ind=x", width: "600", height: "450", resize: false,
                            frameId: "segregationsatlas", messageType: "segregationsatlas:height",
                            title: 'Karta: "Låg" <standard>'});
  assert.match(code, /^<iframe id="segregationsatlas" title="Karta: &quot;Låg&quot; &lt;standard&gt;"/);
  assert.match(code, /src="https:\/\/a\.se\/embed\?ds=demo&amp;ind=x"/);
  assert.match(code, /width:600px;height:450px/);
  assert.doesNotMatch(code, /<script>/);
  const wide = E.embedCode({url: "https://a.se/embed", width: "100%", height: "600", resize: false, frameId: "f",
                            messageType: "m", title: "t"});
  assert.match(wide, /width:100%;height:600px/);
});

test("the resize snippet listens only to this site's frame and bounds the height", () => {
  const code = E.embedCode({url: "https://atlas.example.se/embed?ds=demo", width: "600", height: "450", resize: true,
                            frameId: "segregationsatlas", messageType: "segregationsatlas:height", title: "t"});
  assert.match(code, /event\.origin !== "https:\/\/atlas\.example\.se"/);
  assert.match(code, /event\.source !== frame\.contentWindow/);
  assert.match(code, /data\.type !== "segregationsatlas:height"/);
  assert.match(code, /Math\.max\(200, Math\.min\(3000/);
});
