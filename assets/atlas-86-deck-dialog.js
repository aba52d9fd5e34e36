/*
 * The full view's presentation tools (layouts/deck.py): "Lägg till i
 * presentation" adds the shown view as a slide; the dialog edits the deck
 * (title, each slide's title and note, order, removal), shows it, copies
 * its link, saves it as a file and opens a saved file.  The deck is kept
 * in this browser's local storage and sent nowhere: its link carries it
 * after "#", which browsers never send to a server.
 */
(function () {
  "use strict";

  const atlas = window.atlas;
  const D = atlas.deck;
  const STORAGE_KEY = "segregationsatlas.deck";
  let ids = null;

  const byId = (id) => document.getElementById(id);
  const fill = (template, params) => atlas.format.fill(template || "", params);
  const empty = () => ({title: "", slides: []});

  function load() {
    try {
      const raw = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      return raw && Array.isArray(raw.slides) ? D.tidy(raw) : empty();
    } catch (err) {
      return empty();  // storage switched off, or something else wrote there
    }
  }

  function store(deck) {
    try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(D.tidy(deck))); } catch (err) { /* kept for this page only */ }
    current = D.tidy(deck);
    render();
  }

  let current = null;

  function dialog() { return byId(ids.dialog); }
  function words() { return dialog().dataset; }

  function say(text) {
    const status = byId(ids.status);
    if (status) { status.textContent = text; }
  }

  /* The dialog button's count and, when the dialog is there, the list of slides. */
  function render() {
    const open = byId(ids.open);
    if (!open || !dialog()) { return; }
    const w = words();
    open.textContent = fill(w.open, {count: current.slides.length});
    const title = byId(ids.title);
    if (title && document.activeElement !== title) { title.value = current.title; }
    const list = byId(ids.list);
    const focused = document.activeElement && list.contains(document.activeElement) ? document.activeElement.id : null;
    list.replaceChildren(...current.slides.map((slide, i) => slideItem(slide, i, w)));
    if (!current.slides.length) {
      const none = document.createElement("li");
      none.className = "deck-empty";
      none.textContent = w.empty;
      list.appendChild(none);
    }
    if (focused && byId(focused)) { byId(focused).focus(); }
    [ids.show, ids.copy, ids.save, ids.handout, ids.clear].forEach((id) => { if (byId(id)) { byId(id).disabled = !current.slides.length; } });
  }

  function input(id, value, label, limit, field, i) {
    const element = document.createElement("input");
    element.type = "text";
    element.id = id;
    element.value = value;
    element.maxLength = limit;
    element.setAttribute("aria-label", label);
    element.dataset.field = field;
    element.dataset.slide = String(i);
    return element;
  }

  function button(id, text, label, action, i, disabled) {
    const element = document.createElement("button");
    element.type = "button";
    element.id = id;
    element.className = "tool-button";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.dataset.action = action;
    element.dataset.slide = String(i);
    element.disabled = Boolean(disabled);
    return element;
  }

  function slideItem(slide, i, w) {
    const n = i + 1;
    const item = document.createElement("li");
    item.className = "deck-slide";
    const base = ids.list + "-" + n;
    item.append(
      input(base + "-title", slide.title, fill(w.slidetitle, {n: n}), D.LIMITS.title, "title", i),
      input(base + "-note", slide.note, fill(w.slidenote, {n: n}), D.LIMITS.note, "note", i),
      button(base + "-up", "↑", fill(w.moveup, {n: n}), "up", i, i === 0),
      button(base + "-down", "↓", fill(w.movedown, {n: n}), "down", i, i === current.slides.length - 1),
      button(base + "-remove", "✕", fill(w.remove, {n: n}), "remove", i, false),
      button(base + "-png", "PNG", fill(w.png, {n: n}), "png", i, false),
    );
    return item;
  }

  function presentPath() { return dialog().dataset.presentPath; }

  /* The shown view's query as a slide keeps it: the embed view's own choices are not part of a view. */
  function shownQuery() {
    const params = new URLSearchParams(window.location.search);
    params.delete(atlas.view.paramOf(atlas.contract(), "controls").name);
    const pairs = [...params.entries()];
    return atlas.view.encodeQuery(pairs);
  }

  function addShown() {
    // The indicator's name as the slide's first title: the presentation adds the year the map shows.
    const main = atlas.maps && atlas.maps[atlas.contract().maps[0].key];
    const title = main && main.meta ? main.meta.label : "";
    store(D.addSlide(current, {view: shownQuery(), title: title, note: ""}));
    say(fill(words().added, {n: current.slides.length}));
    const open = byId(ids.open);
    if (open) { open.setAttribute("data-added", String(current.slides.length)); }
  }

  function copyLink() {
    const link = window.location.origin + D.slideAddress(presentPath(), current, 1);
    const done = () => say(words().copied);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(done, () => say(link));
    } else {
      say(link);  // no clipboard without a secure context: the link is shown to copy by hand
    }
  }

  function saveFile() {
    const blob = new Blob([JSON.stringify(D.tidy(current), null, 1)], {type: "application/json"});
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = D.fileName(current);
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
  }

  function openFile(file) {
    const reader = new FileReader();
    reader.onload = () => {
      let raw = null;
      try { raw = JSON.parse(String(reader.result)); } catch (err) {
        say(file.name + ": " + fill(JSON.parse(words().errors).not_json, {detail: err.message}));
        return;
      }
      const wrong = D.problem(raw);
      if (wrong) {
        say(file.name + ": " + fill(JSON.parse(words().errors)[wrong.key], wrong));
        return;
      }
      store(D.check(raw));
      const n = current.slides.length;
      say(fill(words().loaded, {title: current.title || file.name, slides: fill(n === 1 ? words().countone : words().count, {n: n})}));
    };
    reader.readAsText(file);
  }

  /*
   * The handout made on the server (callbacks/handout.py): a form posted to
   * it, answered with a file to save.  A form, not a link: a deck's code can
   * be longer than an address may be.
   */
  function handout(format, slide) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = dialog().dataset.handout;
    form.hidden = true;
    const fields = {deck: D.encode(current), lang: dialog().dataset.lang, format: format};
    if (slide) { fields.slide = String(slide); }
    Object.keys(fields).forEach((name) => {
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      field.value = fields[name];
      form.appendChild(field);
    });
    document.body.appendChild(form);
    form.submit();
    form.remove();
  }

  function onClick(event) {
    const target = event.target.closest && event.target.closest("button, a");
    if (!target || !ids) { return; }
    if (target.dataset.present === "view") {
      target.href = presentPath() + window.location.search;  // the view shown now, not the one first rendered
      return;
    }
    if (!dialog()) { return; }
    switch (target.id) {
      case ids.add: addShown(); return;
      case ids.open: render(); dialog().showModal(); return;
      case ids.show: if (current.slides.length) { window.location.assign(D.slideAddress(presentPath(), current, 1)); } return;
      case ids.copy: copyLink(); return;
      case ids.save: saveFile(); return;
      case ids.handout: if (current.slides.length) { handout("pdf"); } return;
      case ids.clear: store(empty()); return;
      default: break;
    }
    const i = parseInt(target.dataset.slide, 10);
    if (!Number.isInteger(i)) { return; }
    const n = i + 1;
    if (target.dataset.action === "up" || target.dataset.action === "down") {
      const delta = target.dataset.action === "up" ? -1 : 1;
      store(D.moveSlide(current, i, delta));
      say(fill(words().moved, {n: n, m: n + delta}));
      const moved = byId(ids.list + "-" + (n + delta) + "-" + target.dataset.action);
      (moved && !moved.disabled ? moved : byId(ids.list + "-" + (n + delta) + "-title")).focus();
    } else if (target.dataset.action === "png") {
      handout("png", n);
    } else if (target.dataset.action === "remove") {
      store(D.removeSlide(current, i));
      say(fill(words().removed, {n: n}));
      const next = byId(ids.list + "-" + Math.min(n, current.slides.length) + "-title");
      (next || byId(ids.add)).focus();
    }
  }

  function onInput(event) {
    const target = event.target;
    // A file input says it has a file with an "input" event too.
    if (ids && target.id === ids.file && target.files && target.files[0]) {
      openFile(target.files[0]);
      target.value = "";
      return;
    }
    if (!ids || !dialog() || !dialog().contains(target) || target.tagName !== "INPUT" || target.type !== "text") { return; }
    if (target.id === ids.title) {
      current = D.tidy(Object.assign({}, current, {title: target.value}));
    } else if (target.dataset.field) {
      current = D.editSlide(current, parseInt(target.dataset.slide, 10), {[target.dataset.field]: target.value});
    }
    try { window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current)); } catch (err) { /* see store */ }
  }

  /* The inputs Dash cannot make, in their places, once the dialog is rendered. */
  function start() {
    if (!dialog()) { return false; }
    document.querySelectorAll("[data-input]").forEach((place) => {
      if (place.firstChild) { return; }
      const element = document.createElement("input");
      element.id = place.dataset.input;
      if (element.id === ids.file) {
        element.type = "file";
        element.accept = ".json,application/json";
        element.className = "visually-hidden";
      } else {
        element.type = "text";
        element.maxLength = D.LIMITS.title;
        element.className = "deck-title-input";
      }
      place.appendChild(element);
    });
    current = load();
    render();
    return true;
  }

  function watch() {
    let contract = null;
    try { contract = atlas.contract(); } catch (err) { return; }
    ids = contract.ids.deck;
    if (!ids) { return; }
    document.addEventListener("click", onClick);
    document.addEventListener("input", onInput);
    // Another tab added a slide: this tab's count and list follow.
    window.addEventListener("storage", (event) => { if (event.key === STORAGE_KEY && dialog()) { current = load(); render(); } });
    const observer = new MutationObserver(() => { if (dialog() && !byId(ids.title)) { start(); } });
    observer.observe(document.body, {childList: true, subtree: true});
    start();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
