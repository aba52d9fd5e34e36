/*
 * The presentation view (layouts/present.py): the keys a presentation
 * clicker sends, the deck in the address, full screen, the blank screen,
 * and the large year and finding on the map.
 *
 * Keys: Page Down / Page Up the next / previous slide, arrows the
 * previous / next year with data, Home / End the first / last year, Space
 * play and pause, B or "." a blank screen and back, F full screen, ? the
 * list of keys, Esc leaves.  They are taken before anything else on the
 * page sees them (the slider, Leaflet's keyboard panning), so a clicker
 * never moves the slider ten years or pans the map.
 *
 * A slide of the same dataset, level and classification as the one shown
 * is shown in place: its year and indicator are set on the page's controls
 * and the map recolours from values it fetches once (geometry stays);
 * any other slide loads its own page.
 */
(function (root) {
  "use strict";

  /* What a key does in the presentation view, or undefined for a key left alone. Pure. */
  function action(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return undefined; }
    switch (event.key) {
      case "PageDown": return "next";
      case "PageUp": return "previous";
      case "ArrowRight": case "ArrowUp": case "ArrowLeft": case "ArrowDown": case "Home": case "End":
        return "year";
      case " ": case "Spacebar": return "play";
      case "b": case "B": case ".": return "blank";
      case "f": case "F": return "fullscreen";
      case "?": return "help";
      case "Escape": return "leave";
      default: return undefined;
    }
  }

  /*
   * Whether slide query `next` can be shown in place of `now` (both "?..."):
   * only the indicator and year differ, the mode changes its map in place,
   * and the indicator has the year at this level (`indicatorYears`).  Pure.
   */
  function inPlace(contract, now, next, indicatorYears, liveModes) {
    const name = (field) => root.atlas.view.paramOf(contract, field).name;
    const loose = new Set([name("indicator"), name("year")]);
    const a = new URLSearchParams(now);
    const b = new URLSearchParams(next);
    const names = new Set([...a.keys(), ...b.keys()]);
    if ([...names].some((n) => !loose.has(n) && a.get(n) !== b.get(n))) { return false; }
    if (!liveModes.includes(b.get(name("mode")) || contract.defaultMode)) { return false; }
    const indicator = b.get(name("indicator")) || a.get(name("indicator"));
    const years = indicator && indicatorYears[indicator];
    if (!Array.isArray(years) || !years.length) { return false; }
    const year = b.get(name("year"));
    return year === null || years.includes(parseInt(year, 10));
  }

  const present = {action: action, inPlace: inPlace};
  root.atlas = root.atlas || {};
  root.atlas.present = present;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = present;
    return;
  }

  const atlas = root.atlas;
  const D = atlas.deck;
  let page = null;
  let ids = null;
  let deck = null;
  let slide = 1;
  let code = null;

  const byId = (id) => document.getElementById(id);

  function liveModes() {
    const modes = atlas.contract().modes;
    return Object.keys(modes).filter((m) => modes[m].liveControls && !modes[m].pairedYears);
  }

  function setText(id, text) {
    const element = byId(id);
    if (!element) { return; }
    element.textContent = text || "";
    element.hidden = !text;
  }

  /* The slide's title, note and number, and the slide buttons, from the deck in the address. */
  function showSlideTexts() {
    const current = deck && deck.slides[slide - 1];
    // A slide's title that the map's title already says (the default: the indicator's name) is not repeated.
    const mapTitle = document.getElementById(atlas.contract().maps[0].title);
    const own = current && current.title;
    setText(ids.slideTitle, own && !(mapTitle && mapTitle.textContent.startsWith(own)) ? own : "");
    setText(ids.note, current ? current.note : "");
    const counter = byId(ids.counter);
    if (counter) {
      counter.textContent = deck ? atlas.format.fill(counter.dataset.template || "{n} / {total}",
                                                     {n: slide, total: deck.slides.length}) : "";
      counter.hidden = !deck;
    }
    [ids.previous, ids.next].forEach((id) => { const b = byId(id); if (b) { b.hidden = !deck; } });
    if (byId(ids.previous)) { byId(ids.previous).disabled = !deck || slide <= 1; }
    if (byId(ids.next)) { byId(ids.next).disabled = !deck || slide >= deck.slides.length; }
  }

  /* The big year and the finding, from what the main map shows now. */
  function showYearAndFinding() {
    const state = atlas.maps && atlas.maps[atlas.contract().maps[0].key];
    if (!state || !state.meta) { return; }
    const meta = state.meta;
    const year = state.year;
    const yearText = meta.yearLabel || (year === null || year === undefined ? "" : String(year));
    const yearElement = byId(ids.year);
    if (yearElement && yearElement.textContent !== yearText) { yearElement.textContent = yearText; }
    const finding = (meta.findings && meta.findings[String(year)]) || meta.finding || "";
    const findingElement = byId(ids.finding);
    if (findingElement && findingElement.textContent !== finding) {
      findingElement.textContent = finding;
      findingElement.hidden = !finding;
      // The heading changed its size: names under it move out of its way.
      if (atlas.labels && atlas.labels.redraw) { root.requestAnimationFrame(() => atlas.labels.redraw()); }
    }
  }

  function goToSlide(n) {
    if (!deck || n < 1 || n > deck.slides.length || n === slide) { return; }
    const target = deck.slides[n - 1];
    const path = page.dataset.presentPath || window.location.pathname;
    const years = JSON.parse(page.dataset.indicatorYears || "{}");
    if (!byId(ids.problem) && inPlace(atlas.contract(), window.location.search, target.view, years, liveModes())) {
      slide = n;
      showInPlace(target.view, years);
      window.history.replaceState(window.history.state, "", path + target.view + D.hashFor(code, n));
      showSlideTexts();
      return;
    }
    // Another dataset, level, mode or classification: that slide's own page (geometry comes from the cache).
    window.location.replace(path + target.view + D.hashFor(code, n));
  }

  function showInPlace(query, indicatorYears) {
    const contract = atlas.contract();
    const name = (field) => atlas.view.paramOf(contract, field).name;
    const params = new URLSearchParams(query);
    const spec = contract.maps[0];
    const state = atlas.maps[spec.key];
    const indicator = params.get(name("indicator")) || (state.meta && state.meta.indicator);
    const years = indicatorYears[indicator] || [];
    const year = params.get(name("year")) ? parseInt(params.get(name("year")), 10) : years[years.length - 1];
    const setProps = root.dash_clientside && root.dash_clientside.set_props;
    const sameIndicator = state.meta && state.meta.indicator === indicator;
    if (sameIndicator) {
      atlas.map.showYear(spec.key, year);
      showYearAndFinding();
    }
    // The year first: the indicator's callback keeps the slider's year when the indicator has it.
    setProps(spec.slider, {value: year});
    if (!sameIndicator) { setProps(contract.ids.indicator, {value: indicator}); }
  }

  /* A year step of the main slider (arrows, Home, End), through the years with data. */
  function stepYear(key) {
    const spec = atlas.contract().maps[0];
    const thumb = document.querySelector("#" + CSS.escape(spec.slider) + ' [role="slider"]');
    const state = atlas.maps[spec.key];
    atlas.playback.stepSlider(spec.slider, thumb ? parseInt(thumb.getAttribute("aria-valuenow"), 10) : state && state.year,
                              key);
    showYearAndFinding();
  }

  function toggleBlank() {
    const blank = byId(ids.blank);
    blank.hidden = !blank.hidden;
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  }

  function fullscreenChanged() {
    const button = byId(ids.fullscreen);
    if (!button) { return; }
    const on = Boolean(document.fullscreenElement);
    if (!button.dataset.enter) { button.dataset.enter = button.getAttribute("aria-label"); }
    const label = on ? button.dataset.leave : button.dataset.enter;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.setAttribute("aria-label", label);
    button.title = label;
  }

  function toggleHelp() {
    const help = byId(ids.help);
    if (help.open) { help.close(); } else { help.showModal(); }
  }

  function leave() {
    const help = byId(ids.help);
    if (help && help.open) { help.close(); return; }
    const blank = byId(ids.blank);
    if (blank && !blank.hidden) { blank.hidden = true; return; }
    const link = byId(ids.leave);
    if (link) { window.location.assign(link.href); }
  }

  function onKey(event) {
    if (!page || !document.body.contains(page)) { return; }
    const what = action(event);
    if (what === undefined) { return; }
    const help = byId(ids.help);
    // In the list of keys only ? and Esc count (the dialog's own button takes Enter).
    if (help && help.open && what !== "help" && what !== "leave") { return; }
    event.preventDefault();
    event.stopPropagation();
    event.stopImmediatePropagation();
    if (event.repeat && what !== "year") { return; }
    const blank = byId(ids.blank);
    if (blank && !blank.hidden && what !== "blank" && what !== "leave") { return; }
    switch (what) {
      case "next": goToSlide(slide + 1); break;
      case "previous": goToSlide(slide - 1); break;
      case "year": stepYear(event.key); break;
      case "play": { const play = byId(atlas.contract().ids.play); if (play) { play.click(); } break; }
      case "blank": toggleBlank(); break;
      case "fullscreen": toggleFullscreen(); break;
      case "help": toggleHelp(); break;
      default: leave();
    }
  }

  function onClick(event) {
    const target = event.target.closest && event.target.closest("button");
    if (!page || !target) { return; }
    if (target.id === ids.previous) { goToSlide(slide - 1); }
    if (target.id === ids.next) { goToSlide(slide + 1); }
    if (target.id === ids.fullscreen) { toggleFullscreen(); }
    if (target.id === ids.helpButton) { toggleHelp(); }
    if (target.id === ids.help + "-close") { byId(ids.help).close(); }
  }

  let titleWatched = false;

  /* Once Dash has rendered the presentation view: read the deck and show the slide's texts. */
  function start() {
    const contract = atlas.contract();
    ids = contract.ids.present;
    page = document.querySelector(".atlas-present");
    if (!page) { return false; }
    const found = D.fromHash(window.location.hash);
    deck = found.code ? D.decode(found.code) : null;
    code = deck ? found.code : null;
    slide = deck ? Math.min(found.slide, deck.slides.length) : 1;
    showSlideTexts();
    showYearAndFinding();
    const mapTitle = document.getElementById(contract.maps[0].title);
    if (mapTitle && !titleWatched) {
      titleWatched = true;
      new MutationObserver(showSlideTexts).observe(mapTitle, {childList: true, characterData: true, subtree: true});
    }
    return true;
  }

  function watch() {
    let contract = null;
    try { contract = atlas.contract(); } catch (err) { return; }  // a page without the dashboard
    if (!contract.ids.present) { return; }
    root.addEventListener("keydown", onKey, true);
    document.addEventListener("click", onClick);
    document.addEventListener("fullscreenchange", fullscreenChanged);
    document.addEventListener("atlas:painted", () => { if (page) { showYearAndFinding(); } });
    root.addEventListener("hashchange", () => { if (page) { start(); } });
    if (start()) { return; }
    const observer = new MutationObserver(() => { if (start()) { observer.disconnect(); } });
    observer.observe(document.body, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})(typeof window !== "undefined" ? window : globalThis);
