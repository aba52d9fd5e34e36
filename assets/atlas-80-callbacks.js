/*
 * Clientside callbacks, registered in callbacks/controls.py under
 * dash_clientside.atlas.  They hold no rules of their own: links, modes and
 * limits come from the view contract (atlas.view, atlas.address), classes
 * from atlas.classes, playback from atlas.playback.
 */
(function () {
  "use strict";

  const atlas = window.atlas;
  const V = atlas.view;
  const A = atlas.address;
  const noUpdate = () => window.dash_clientside.no_update;

  /*
   * The years the keys of map `key`'s slider step through: the years with
   * data; in change mode the later year stays after the earlier and the
   * earlier before the later.
   */
  function sliderYears(key, payload, year) {
    const maps = atlas.contract().maps;
    if (!payload) { return; }
    const years = payload.sliderYears || payload.years || [];
    if (payload.sliderYears && key === maps[0].key && maps[1]) {
      atlas.playback.setSliderYears(maps[0].slider, years.filter((y) => y > payload.yearFrom));
      atlas.playback.setSliderYears(maps[1].slider, years.filter((y) => y < year));
      return;
    }
    const spec = maps.find((m) => m.key === key);
    if (spec) { atlas.playback.setSliderYears(spec.slider, years); }
  }

  /* Legend counts, title and live-region text of map `key` for `payload` at `year`. */
  function updateMap(key, payload, year, selected, legendIds) {
    atlas.map.update(key, payload, year, selected);
    sliderYears(key, payload, year);
    const fill = atlas.format.fill;
    const ui = (payload && payload.text) || {};
    // The counts of the year the map shows (the payload's nearest while a new one loads).
    const yearIndex = payload ? atlas.classes.shownYearIndex(payload.years, year) : -1;
    const counts = (yearIndex >= 0 && payload.counts[yearIndex]) || [];
    const nClasses = payload ? payload.colours.length : 0;
    const legend = legendIds.map((id) => {
      const i = id.index;
      if (i < nClasses) {
        const n = counts[i] || 0;
        return fill((n === 1 ? ui.countOne : ui.count) || "{n}", {n: n});
      }
      return fill(ui.noDataDetail || "", {suppressed: counts[nClasses] || 0, missing: counts[nClasses + 1] || 0});
    });
    const shownYear = payload && payload.yearLabel ? payload.yearLabel : year;
    const title = payload ? fill(ui.title || "{indicator} {year}", {indicator: payload.label, year: shownYear}) : "";
    const live = payload ? fill(ui.live || "", {indicator: payload.label, year: shownYear}) : "";
    return [legend, title, live];
  }

  function playbackButton(on, ui) {
    const label = on ? ui.pause : ui.play;
    return [on ? "\u275a\u275a" : "\u25b6", on ? "true" : "false", label, label];
  }

  const callbacks = {
    /* The slider, the data or the selection changed: recolour in place. */
    update_map: function (payload, year, selected, legendIds) {
      return updateMap(atlas.mapSpec().key, payload, year, selected, legendIds);
    },

    update_map_b: function (payload, year, selected, legendIds) {
      return updateMap(atlas.contract().maps[1].key, payload, year, selected, legendIds).slice(0, 2);
    },

    /* A mode switch, and in a mode without live controls a choice that rebuilds the page, loads the page. */
    navigate_main: function (mode, indicator, level, scheme, view) {
      if (!view) { return noUpdate(); }
      const contract = atlas.contract();
      if (mode && mode !== view.mode) {
        // A new mode starts with its maps fitted to the areas (two half-width maps would crop them).
        return A.go(view, V.withChanges(V.modeChanges(contract, mode), {at: null}));
      }
      const changed = indicator !== view.indicator || level !== view.level || scheme !== view.scheme;
      if (changed && !V.modeOf(contract, view).liveControls) {
        return A.go(view, {indicator: indicator, level: level, scheme: scheme, areas: []});
      }
      return noUpdate();
    },

    /* The right map's indicator or level changed: the page loads with it, keeping both maps' years. */
    navigate_right: function (indicator, level, view) {
      if (!view || (indicator === view.indicator_b && level === view.level_b)) { return noUpdate(); }
      return A.go(view, {indicator_b: indicator, level_b: level});
    },

    /* In a mode whose two years choose the data together, the pair goes to the server. */
    change_years: function (year, yearFrom, view) {
      if (!view || !V.modeOf(atlas.contract(), view).pairedYears || year === null || yearFrom === null) {
        return noUpdate();
      }
      return [yearFrom, year];
    },

    /* The legend notes that follow the year (a clusters map's Moran's I) say the shown year's. */
    year_note: function (year, payload, noteIds) {
      const notes = payload && payload.yearNotes;
      const note = notes && notes[String(year)];
      if (typeof note !== "string" || !noteIds.length) { return noUpdate(); }
      return noteIds.map(() => note);
    },

    playback: function (nClicks, nIntervals, disabled, year, payload) {
      const ctx = window.dash_clientside.callback_context;
      const trigger = ctx.triggered.length ? ctx.triggered[0].prop_id : "";
      const pressed = trigger.startsWith(atlas.contract().ids.play + ".");
      // In change mode play steps the later year ("to") through the years after the earlier.
      const years = (payload && (payload.playYears || payload.years)) || [];
      const next = atlas.playback.step(years, year, pressed, !disabled);
      const ui = (payload && payload.text) || {};
      return [!next.running, next.year === undefined ? noUpdate() : next.year]
        .concat(playbackButton(next.running, ui));
    },

    area_query: function (searchValue, payload) {
      // Small levels are searched in the browser; only large ones ask the server.
      if (!payload || !payload.searchOnServer || typeof searchValue !== "string") { return noUpdate(); }
      return searchValue;
    },

    /* Another dataset: a full load of its default view, in the same language. */
    pick_dataset: function (name, view) {
      if (!name || !view || name === view.dataset) { return noUpdate(); }
      return A.load({dataset: name, lang: view.lang});
    },

    /* A click adds an area to the selection, a second click removes it. */
    select_clicked: function (nClicks, clickData, current) {
      if (!clickData || typeof clickData.id !== "string") { return noUpdate(); }
      return V.toggleSelection(atlas.contract(), current, clickData.id, "areas");
    },

    /*
     * However areas were chosen (search, "select all", map, table, link), at
     * most the contract's maxAreas stay selected, the first ones chosen; a
     * note by the search box says why the others were not (until the next change).
     */
    cap_areas: function (value) {
      const chosen = V.asList(value);
      const max = atlas.contract().maxAreas;
      if (chosen.length <= max) { return [noUpdate(), ""]; }
      const page = document.getElementById(atlas.contract().ids.page);
      return [chosen.slice(0, max), (page && page.dataset.areaCap) || ""];
    },

    /* "Visa områdesnamn": district names on or off in place; the address and the language link say so. */
    show_labels: function (value) {
      const on = V.asList(value).length > 0;
      if (!atlas.labels.setOn(on)) { return noUpdate(); }
      const shown = A.choose("labels", atlas.labels.linkValue(on));
      const other = shown && A.otherLanguage(shown.lang);
      return other ? V.queryString(atlas.contract(), V.withChanges(shown, {lang: other})) : noUpdate();
    },

    /* The address follows the view; returns the link to the same view in the other language. */
    sync_url: function (view, year, areas, yearB) {
      if (!view) { return noUpdate(); }
      const shown = A.fromControls(view, year, areas, yearB);
      A.show(shown);
      document.documentElement.lang = view.lang;
      const other = A.otherLanguage(view.lang);
      return other ? V.queryString(atlas.contract(), V.withChanges(shown, {lang: other})) : noUpdate();
    },
  };

  // Merged, not replaced: other asset files register callbacks of their own in the namespace.
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.atlas = Object.assign(window.dash_clientside.atlas || {}, callbacks);
})();
