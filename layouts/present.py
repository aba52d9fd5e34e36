"""The presentation view: one map filling a projector's screen, stepped through with a clicker.

It takes the same link as the full page (``presenters.page.PageData`` on
the presentation surface).  The map fills the screen; the slide's title,
the indicator and year, the legend and the source line sit on it in type
that reads from the back of a room (sizes in ``assets/atlas.css`` follow
the screen).  There are no side panels: every control the full page has
stays in the tree as a hidden stand-in (``layouts.embed.stand_ins``), so
the full page's callbacks work unchanged.  The deck being shown lives in
the address after ``#`` and is read by ``assets/atlas-85-present.js``,
which also owns the clicker's keys.
"""

from __future__ import annotations

import json

from dash import html

from geodata.i18n import t
from geodata.model import text
from presenters.page import PageData

from . import ids
from .area import render_area_panel
from .embed import stand_ins
from .page import (MODE_LAYOUTS, labels_default, map_container, map_description, map_layers, page_state,
                   render_legend, source_line, table_view, widget_words)

#: The keys the help overlay lists, with the catalog key of what each does (assets/atlas-85-present.js).
KEYS = (
    (("Page Down",), "present.key_next"),
    (("Page Up",), "present.key_previous"),
    (("←", "→"), "present.key_year"),
    (("Home", "End"), "present.key_ends"),
    (("Space",), "present.key_play"),
    (("B", "."), "present.key_blank"),
    (("F",), "present.key_fullscreen"),
    (("?",), "present.key_help"),
    (("Esc",), "present.key_leave"),
)


def _source_line(data: PageData) -> str:
    """The shown indicator's source (else the dataset's) and the licence, on one line."""
    meta = data.meta
    return source_line(meta, data.view.lang, text(meta.indicator(data.view.indicator).source, data.view.lang))


def _heading(data: PageData) -> html.Header:
    view, lang = data.view, data.view.lang
    label = data.parts.main.payload["label"]
    return html.Header([
        # The deck's title of this slide and its note (filled from the address by the browser).
        html.P(id=ids.PRESENT_SLIDE_TITLE, className="present-slide-title", hidden=True),
        html.H1(t("map.title", lang, indicator=label, year=view.year or ""), id=ids.MAP_TITLE,
                className="present-title"),
        html.P(id=ids.PRESENT_NOTE, className="present-note", hidden=True),
        # What the data say at the shown year (the payload's finding), also read by screen readers.
        html.P(id=ids.PRESENT_FINDING, className="present-finding", **{"aria-live": "polite"}),
    ], className="present-heading map-overlay")


def _problem(data: PageData) -> list:
    """A slide whose link asks for what the data has not got says so instead of showing a stand-in map."""
    if not data.slide_problems:
        return []
    lang = data.view.lang
    return [html.Div([html.P(problem) for problem in data.slide_problems]
                     + [html.P(t("present.problem_hint", lang), className="present-problem-hint")],
                     id=ids.PRESENT_PROBLEM, className="present-problem", role="alert")]


def _help(lang: str) -> html.Dialog:
    def keys_of(keys: tuple[str, ...]) -> list:
        parts = []
        for key in keys:
            parts += [" / ", html.Kbd(key)] if parts else [html.Kbd(key)]
        return parts

    rows = [html.Div([html.Dt(keys_of(keys)), html.Dd(t(what, lang))]) for keys, what in KEYS]
    return html.Dialog([
        html.H2(t("present.help_title", lang), id=f"{ids.PRESENT_HELP}-title"),
        html.Dl(rows, className="present-keys"),
        html.Button(t("present.close", lang), type="button", className="tool-button",
                    id=f"{ids.PRESENT_HELP}-close"),
    ], id=ids.PRESENT_HELP, className="present-help", **{"aria-labelledby": f"{ids.PRESENT_HELP}-title"})


def _bar(data: PageData) -> html.Div:
    """The bottom bar: the year controls, then the slide buttons, full screen, keys and leave."""
    lang = data.view.lang
    layout = MODE_LAYOUTS[data.view.mode]

    def button(control_id: str, label: str, symbol: str, **extra) -> html.Button:
        return html.Button(symbol, id=control_id, type="button", className="present-button", title=label,
                           **{"aria-label": label}, **extra)

    return html.Div([
        html.Div(layout.year_controls(data), className="present-years"),
        html.Div([
            button(ids.PRESENT_PREVIOUS, t("present.previous", lang), "‹", hidden=True),
            html.Span(id=ids.PRESENT_COUNTER, className="present-counter", hidden=True,
                      **{"data-template": t("present.counter", lang, n="{n}", total="{total}")}),
            button(ids.PRESENT_NEXT, t("present.next", lang), "›", hidden=True),
            button(ids.PRESENT_FULLSCREEN, t("present.fullscreen", lang), t("present.fullscreen", lang),
                   **{"data-leave": t("present.fullscreen_leave", lang), "aria-pressed": "false"}),
            button(ids.PRESENT_HELP_BUTTON, t("present.help_button", lang), "?",
                   **{"aria-haspopup": "dialog", "aria-controls": ids.PRESENT_HELP}),
            html.A("✕", href=data.full_href, id=ids.PRESENT_LEAVE, className="present-button",
                   title=t("present.leave", lang), **{"aria-label": t("present.leave", lang)}),
        ], className="present-slides"),
    ], className="present-bar")


def build_present(data: PageData) -> html.Div:
    """The presentation view for ``data``; ids come from :mod:`layouts.ids`."""
    view, lang = data.view, data.view.lang
    layout = MODE_LAYOUTS[view.mode]
    label = data.parts.main.payload["label"]
    layers = map_layers(data, ids.AREAS, data.parts.main.geo_url, ids.MAP, ids.OUTLINE)
    return html.Div([
        html.Main([
            html.Section(html.Div(
                map_container(data, layers, ids.MAP, attribution=bool(data.tile_url)),
                className="map-frame", role="region",
                **{"aria-label": t("map.label", lang, indicator=label, year=view.year or ""),
                   "aria-describedby": ids.MAP_DESCRIPTION}),
                className="present-map", id=ids.MAP_SECTION),
            *layout.sections(data),
            _heading(data),
            # The year, large on the map; the title says it for screen readers.
            html.P(data.parts.main.payload.get("yearLabel") or view.year or "", id=ids.PRESENT_YEAR,
                   className="present-year map-overlay", **{"aria-hidden": "true"}),
            html.Section([
                html.H2(t("legend.heading", lang), className="visually-hidden"),
                html.Div(render_legend(data.parts.main.legend), id=ids.LEGEND, className="legend"),
            ], className="legend-panel present-legend map-overlay", **{"aria-live": "polite"}),
            # The selected areas' series, where the link selects some: a chart in the lower right corner.
            html.Section(render_area_panel(data.area_panel, lang) if view.areas else [], id=ids.AREA_PANEL,
                         hidden=not view.areas, className="present-area map-overlay",
                         **{"aria-label": t("area.heading", lang)}),
            *_problem(data),
        ], id=ids.PRESENT_STAGE,
            className=f"present-stage mode-{view.mode}" + (" present-broken" if data.slide_problems else ""),
            **{"aria-roledescription": t("present.label", lang)}),
        html.Footer([
            html.P(_source_line(data), id=ids.FOOTER_SOURCE, className="present-source"),
            _bar(data),
        ], className="present-footer"),
        html.Div(html.P(t("present.blank", lang), className="visually-hidden"), id=ids.PRESENT_BLANK,
                 className="present-blank", hidden=True, role="status"),
        _help(lang),
        map_description(),
        table_view(),
        # District names are on by default here: nobody in the room can otherwise tell which patch is which.
        stand_ins(data, shown=(), labels_by_default=True),
        *page_state(data),
    ], className=f"atlas atlas-present lang-{lang}", lang=lang, id=ids.PAGE,
        **{"data-indicator-years": _years_json(data), "data-present-path": data.present_path},
        **labels_default(on_by_default=True), **widget_words(lang))


def _years_json(data: PageData) -> str:
    return json.dumps(data.indicator_years, separators=(",", ":"))
