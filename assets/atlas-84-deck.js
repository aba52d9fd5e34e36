/*
 * Presentation decks in the browser: the same format as geodata/deck.py
 * (a JSON object written in a link as base64url of its UTF-8 text), the
 * edits a planner makes to a deck, and where a deck sits in an address
 * (#deck=<code>&slide=<n>: after the "#", so the server never sees it).
 * Pure functions, node-tested (tests/js/deck.test.js); the full page's
 * presentation dialog (atlas-86-deck-dialog.js) and the presentation view
 * (atlas-85-present.js) use them.
 */
(function (root) {
  "use strict";

  // The limits geodata/deck.py checks; tests/test_js_parity.py compares them.
  const FORMAT = "segregationsatlas-deck";
  const VERSION = 1;
  const LIMITS = {slides: 50, title: 120, note: 240, view: 1500};

  function oneLine(text, limit) {
    return String(text === null || text === undefined ? "" : text).split(/\s+/).filter(Boolean).join(" ")
      .slice(0, limit);
  }

  /* A deck with every text on one line and within its limit, slides beyond the limit dropped. */
  function tidy(deck) {
    return {
      format: FORMAT, version: VERSION, title: oneLine(deck && deck.title, LIMITS.title),
      slides: ((deck && deck.slides) || []).slice(0, LIMITS.slides).map((s) => ({
        view: String(s.view), title: oneLine(s.title, LIMITS.title), note: oneLine(s.note, LIMITS.note),
      })),
    };
  }

  /*
   * What is wrong with parsed JSON `raw` as a deck, as geodata/deck.py's
   * from_json says it: {key, ...params} for the catalog's deck.error.<key>,
   * or null for a deck it accepts.
   */
  function problem(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw) || raw.format !== FORMAT) { return {key: "not_a_deck"}; }
    if (raw.version !== VERSION) { return {key: "version", version: String(raw.version).slice(0, 20), expected: VERSION}; }
    if (!Array.isArray(raw.slides) || raw.slides.length === 0) { return {key: "no_slides"}; }
    if (raw.slides.length > LIMITS.slides) { return {key: "too_many", count: raw.slides.length, limit: LIMITS.slides}; }
    const text = (value, where, limit) => {
      if (value === undefined || value === null) { return null; }
      if (typeof value !== "string") { return {key: "not_text", where: where}; }
      return oneLine(value, Infinity).length > limit ? {key: "too_long", where: where, limit: limit} : null;
    };
    const title = text(raw.title, "title", LIMITS.title);
    if (title) { return title; }
    for (let i = 0; i < raw.slides.length; i += 1) {
      const s = raw.slides[i];
      const where = "slides[" + (i + 1) + "]";
      if (!s || typeof s !== "object" || Array.isArray(s)) { return {key: "bad_slide", where: where}; }
      if (typeof s.view !== "string" || !/^\?[\x21-\x7e]*$/.test(s.view)) { return {key: "bad_view", where: where + ".view"}; }
      if (s.view.length > LIMITS.view) { return {key: "too_long", where: where + ".view", limit: LIMITS.view}; }
      const wrong = text(s.title, where + ".title", LIMITS.title) || text(s.note, where + ".note", LIMITS.note);
      if (wrong) { return wrong; }
    }
    return null;
  }

  /* The deck read from parsed JSON (untrusted), or null when it is not one geodata/deck.py would accept. */
  function check(raw) {
    return problem(raw) ? null : tidy(raw);
  }

  function bytesToBase64url(bytes) {
    let binary = "";
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /* The text a link carries after #deck= (geodata.deck.encode gives the same text). */
  function encode(deck) {
    return bytesToBase64url(new TextEncoder().encode(JSON.stringify(tidy(deck))));
  }

  /* The deck a link's code holds, or null. */
  function decode(code) {
    if (typeof code !== "string" || !/^[A-Za-z0-9_-]+$/.test(code) || code.length > 64000) { return null; }
    try {
      const binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
      const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
      return check(JSON.parse(new TextDecoder("utf-8", {fatal: true}).decode(bytes)));
    } catch (err) {
      return null;
    }
  }

  /* {code, slide} from an address's hash ("#deck=...&slide=2"); slide counts from 1. */
  function fromHash(hash) {
    const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
    const slide = parseInt(params.get("slide"), 10);
    return {code: params.get("deck"), slide: Number.isInteger(slide) && slide > 0 ? slide : 1};
  }

  function hashFor(code, slide) {
    return "#deck=" + code + "&slide=" + slide;
  }

  /* The presentation view's address of slide `n` (from 1) of `deck`. */
  function slideAddress(presentPath, deck, n) {
    const code = encode(deck);
    return presentPath + deck.slides[n - 1].view + hashFor(code, n);
  }

  function withSlides(deck, slides) {
    return Object.assign({}, tidy(deck), {slides: slides});
  }

  function addSlide(deck, slide) {
    return tidy(withSlides(deck, tidy(deck).slides.concat([slide])));
  }

  /* The deck with slide `i` (from 0) moved by `delta` places (kept within the deck). */
  function moveSlide(deck, i, delta) {
    const slides = tidy(deck).slides;
    const to = Math.min(Math.max(i + delta, 0), slides.length - 1);
    if (i < 0 || i >= slides.length || to === i) { return tidy(deck); }
    const [moved] = slides.splice(i, 1);
    slides.splice(to, 0, moved);
    return withSlides(deck, slides);
  }

  function removeSlide(deck, i) {
    return withSlides(deck, tidy(deck).slides.filter((_, at) => at !== i));
  }

  function editSlide(deck, i, changes) {
    return tidy(withSlides(deck, tidy(deck).slides.map((s, at) => (at === i ? Object.assign({}, s, changes) : s))));
  }

  /* A file name for the saved deck: its title in plain letters, else "presentation". */
  function fileName(deck) {
    const slug = String(deck.title || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    return (slug || "presentation") + ".atlas-deck.json";
  }

  const deck = {FORMAT: FORMAT, VERSION: VERSION, LIMITS: LIMITS, tidy: tidy, problem: problem, check: check, encode: encode,
                decode: decode, fromHash: fromHash, hashFor: hashFor, slideAddress: slideAddress,
                addSlide: addSlide, moveSlide: moveSlide, removeSlide: removeSlide, editSlide: editSlide,
                fileName: fileName};
  root.atlas = root.atlas || {};
  root.atlas.deck = deck;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = deck;
  }
})(typeof window !== "undefined" ? window : globalThis);
