"""The embed view: map, year, legend and one line of source, made to be framed by a municipality's site.

It takes the same link as the full page (``presenters.page.PageData`` on
the embed surface); ``controls=`` in the link adds an indicator, level,
area search or mode control.  Controls it does not show stay in the page
as hidden stand-ins with the view's value, so that every callback of the
full page finds its inputs and behaves the same.
"""

from __future__ import annotations

from dash import dcc, html

from geodata.i18n import t
from geodata.model import text
from presenters.page import PageData

from . import ids
from .area import render_area_panel
from .page import (MODE_LAYOUTS, _mode_switch, area_search, indicator_control, labels_default, labels_shown,
                   level_control, map_container, map_description, map_layers, page_state, render_legend,
                   source_line, table_toggle, table_view, widget_words)


def stand_ins(data: PageData, shown, labels_by_default: bool = False) -> html.Div:
    """Hidden controls holding the view's values for the controls of the full page not ``shown``.

    Radio items and a checklist: light components of Dash's main bundle,
    so a frame without dropdowns never loads the dropdown's code.
    """
    view, shown = data.view, set(shown)
    hidden = [dcc.RadioItems(id=ids.SCHEME, options=[view.scheme], value=view.scheme),
              dcc.Checklist(id=ids.LABELS, options=[], value=["on"] if labels_shown(view, labels_by_default) else [])]
    for name, control_id, value in (("indicator", ids.INDICATOR, view.indicator), ("level", ids.LEVEL, view.level),
                                    ("mode", ids.MODE, view.mode)):
        if name not in shown:
            hidden.append(dcc.RadioItems(id=control_id, options=[value], value=value))
    if "search" not in shown:
        hidden += [dcc.Checklist(id=ids.AREA_SEARCH, options=[], value=list(view.areas)),
                   html.P(id=ids.AREA_CAP_NOTE)]
    # Parts of the full page whose callbacks also listen to what the embed has (year, selection):
    # never clicked here, so the distribution is never asked for.
    hidden += [html.Span(id=ids.DISTRIBUTION_SUMMARY, n_clicks=0), html.Div(id=ids.DISTRIBUTION_BODY),
               html.P(id=ids.INDICATOR_DEFINITION)]
    return html.Div(hidden, hidden=True)


def _controls(data: PageData) -> list:
    view, lang, shown = data.view, data.view.lang, data.view.controls
    parts = []
    if "indicator" in shown:
        parts.append(indicator_control(ids.INDICATOR, t("controls.indicator", lang),
                                       data.parts.main.indicator_options, view.indicator, lang=lang))
    if "level" in shown:
        parts.append(level_control(ids.LEVEL, t("controls.level", lang), data.level_options, view.level))
    if "mode" in shown:
        parts.append(_mode_switch(data))
    if "search" in shown:
        parts.append(area_search(data))
    if not parts:
        return []
    return [html.Section([html.H2(t("controls.heading", lang), className="visually-hidden")] + parts,
                         className="embed-controls", **{"aria-label": t("controls.heading", lang)})]


def _map(data: PageData) -> html.Section:
    view, lang = data.view, data.view.lang
    label = data.parts.main.payload["label"]
    layers = map_layers(data, ids.AREAS, data.parts.main.geo_url, ids.MAP, ids.OUTLINE)
    return html.Section(html.Div(
        map_container(data, layers, ids.MAP, attribution=bool(data.tile_url)),
        className="map-frame", role="region",
        **{"aria-label": t("map.label", lang, indicator=label, year=view.year or ""),
           "aria-describedby": ids.MAP_DESCRIPTION}),
        className="embed-map", id=ids.MAP_SECTION)


def _footer(data: PageData) -> html.Footer:
    lang = data.view.lang
    other = "en" if lang == "sv" else "sv"
    return html.Footer([
        html.P(source_line(data.meta, lang), id=ids.FOOTER_SOURCE, className="embed-source"),
        html.P([
            # A new tab, so the host page stays where it was.
            table_toggle(lang),
            html.A(t("embed.open", lang), href=data.full_href, id=ids.EMBED_OPEN, target="_blank",
                   rel="noopener", title=t("embed.open_title", lang)),
            html.A(t("lang.switch", lang), href=data.lang_href, id=ids.LANG_LINK, className="lang-link",
                   lang=other, hrefLang=other, title=t("lang.switch_label", lang)),
            html.A(t("a11y.link", lang), href=data.accessibility_href, target="_blank", rel="noopener",
                   className="a11y-link", title=t("embed.open_title", lang)),
        ], className="embed-links"),
    ], className="embed-footer")


def build_embed(data: PageData) -> html.Div:
    """The embed view for ``data``; ids come from :mod:`layouts.ids`."""
    view, lang, meta = data.view, data.view.lang, data.meta
    layout = MODE_LAYOUTS[view.mode]
    label = data.parts.main.payload["label"]
    searching = "search" in view.controls
    return html.Div([
        html.Header([
            html.H1(t("map.title", lang, indicator=label, year=view.year or ""), id=ids.MAP_TITLE,
                    className="map-title"),
            html.P(text(meta.title, lang), className="embed-dataset"),
        ], className="embed-header"),
        *_controls(data),
        html.Main([
            _map(data),
            *layout.sections(data),
        ], className=f"embed-main mode-{view.mode}"),
        html.Div([
            html.Div(layout.year_controls(data), className="embed-years"),
            html.Section([
                html.H2(t("legend.heading", lang), className="visually-hidden"),
                html.Div(render_legend(data.parts.main.legend), id=ids.LEGEND, className="legend"),
            ], className="legend-panel", **{"aria-live": "polite"}),
        ], className="embed-bottom"),
        map_description(),
        table_view(),
        html.Section(render_area_panel(data.area_panel, lang) if searching else [], id=ids.AREA_PANEL,
                     hidden=not searching, className="embed-areas",
                     **{"aria-label": t("area.heading", lang)}),
        _footer(data),
        stand_ins(data, data.view.controls),
        *page_state(data),
    ], className=f"atlas atlas-embed lang-{lang}", lang=lang, id=ids.PAGE, **widget_words(lang),
        **labels_default(on_by_default=False))
