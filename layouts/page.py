"""The single-map page: header, controls, map, legend, area panel, footer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import dash_leaflet as dl
from dash import dcc, html

from geodata import classify as cls
from geodata.i18n import t
from geodata.model import DatasetMeta, text
from geodata.viewstate import LABELS_ON, MAX_AREAS, View
from presenters.common import Legend
from presenters.page import PageData

from . import ids
from .area import render_area_panel
from .deck import deck_buttons, deck_dialog
from .distribution import distribution_section
from .embed_dialog import embed_button, embed_dialog
from .export import export_menu


def _label(text_: str, for_id: str, **kw) -> html.Label:
    return html.Label(text_, htmlFor=for_id, className="control-label", **kw)


def consecutive(years: list[int]) -> bool:
    return bool(years) and years == list(range(years[0], years[-1] + 1))


def year_marks(years: list[int]) -> dict:
    """Slider marks: labels thinned so they never overlap.

    With consecutive years the slider steps by one and only some years carry
    a mark; otherwise (e.g. election years) every year is a mark, and the
    marks are the only stops.
    """
    if not consecutive(years):
        return {year: str(year) for year in years}
    every = 1 if len(years) <= 7 else 3 if len(years) <= 21 else 5
    shown = [y for i, y in enumerate(years) if i % every == 0]
    if years[-1] not in shown:
        if years[-1] - shown[-1] < every:
            shown.pop()
        shown.append(years[-1])
    return {year: str(year) for year in shown}


def year_step(years: list[int]) -> int | None:
    """The slider's step: the gap between the years when it is always the same (1, or 4 for
    election years), so that the slider's own keys step through the years with data; otherwise
    none (the marks are the stops, and ``assets/atlas-25-playback.js`` steps the keys)."""
    gaps = {b - a for a, b in zip(years, years[1:])}
    return gaps.pop() if len(gaps) == 1 else (1 if years else None)


def render_legend(data: Legend, count_type: str = ids.LEGEND_COUNT) -> list:
    """Legend body: one row per class with its bounds and count, no-data rows, then notes.

    In a live legend the counts carry pattern-matching ids of ``count_type``
    so that the browser can update them for each year without rebuilding it.
    """
    items = []
    for i, row in enumerate(data.rows):
        count = html.Span(row.count, className="legend-count",
                          **({"id": {"type": count_type, "index": i}} if data.live else {}))
        items.append(html.Li([
            html.Span(className="swatch swatch-nodata" if row.no_data else "swatch",
                      style={"backgroundColor": row.colour}),
            html.Span(row.label, className="legend-label"),
            count,
        ], className="legend-nodata" if row.separated else None))
    return [html.Ul(items, className="legend-list")] + [
        html.P(note, className="legend-note",
               **({"id": {"type": ids.LEGEND_YEAR_NOTE, "index": i}} if data.live and i == data.year_note else {}))
        for i, note in enumerate(data.notes)]


def _header(data: PageData) -> html.Header:
    view, meta = data.view, data.meta
    lang = view.lang
    other = "en" if lang == "sv" else "sv"
    badge = [html.Span(t("app.fictional", lang), className="badge badge-fictional")] if meta.fictional else []
    picker = []
    if len(data.datasets) > 1:
        picker = [html.Div([
            _label(t("controls.dataset", lang), ids.DATASET),
            dcc.Dropdown(id=ids.DATASET, options=data.datasets, value=view.dataset, clearable=False,
                         searchable=False, className="dataset-picker", labels=dropdown_labels(lang)),
        ], className="control control-dataset")]
    return html.Header([
        html.Div([
            html.P(t("app.name", lang), className="app-name"),
            html.H1([text(meta.title, lang)] + badge, className="dataset-title"),
        ], className="titles"),
        html.Div(picker + [
            # A full load, so that <html lang> and every string follow the language.
            html.A(t("lang.switch", lang), href=data.lang_href, id=ids.LANG_LINK,
                   className="lang-link", lang=other, hrefLang=other, title=t("lang.switch_label", lang)),
        ], className="header-tools"),
    ], className="site-header")


def indicator_control(control_id: str, label: str, options: list[dict], value, note=None,
                      lang: str = "sv") -> html.Div:
    """A labelled indicator dropdown, optionally followed by the indicator's definition."""
    return html.Div([
        _label(label, control_id),
        dcc.Dropdown(id=control_id, options=options, value=value, clearable=False, searchable=False,
                     labels=dropdown_labels(lang)),
    ] + ([note] if note is not None else []), className="control")


def level_control(control_id: str, label: str, options: list[dict], value) -> html.Fieldset:
    """Radio buttons for the area level, grouped under a legend."""
    return html.Fieldset([
        html.Legend(label, className="control-label"),
        dcc.RadioItems(id=control_id, options=options, value=value, inline=True, className="radio-row"),
    ], className="control")


def year_control(slider_id: str, label_id: str, label: str, years: list[int], value, play: str | None = None):
    """A labelled year slider; with ``play`` (its label) a play/pause button beside it."""
    head = [html.Span(label, id=label_id, className="control-label")]
    if play:
        head.append(html.Button("▶", id=ids.PLAY, n_clicks=0, className="play-button", type="button",
                                title=play, **{"aria-label": play, "aria-pressed": "false"}))
    return html.Div([
        html.Div(head, className="year-head"),
        dcc.Slider(id=slider_id, min=years[0] if years else 0, max=years[-1] if years else 0,
                   step=year_step(years), value=value, marks=year_marks(years), included=False,
                   updatemode="drag", allow_direct_input=False, className="year-slider"),
    ], className="control control-year")


def _one_year(data: PageData) -> list:
    view, lang = data.view, data.view.lang
    return [year_control(ids.YEAR, ids.YEAR_LABEL, t("controls.year", lang), list(data.parts.slider_years),
                         view.year, play=t("controls.play", lang))]


def _two_years(data: PageData) -> list:
    view, lang, years = data.view, data.view.lang, list(data.parts.slider_years)
    return [year_control(ids.YEAR_B, ids.YEAR_B_LABEL, t("controls.year_from", lang), years, view.year_b),
            year_control(ids.YEAR, ids.YEAR_LABEL, t("controls.year_to", lang), years, view.year,
                         play=t("controls.play", lang))]


def _no_second_year(data: PageData) -> list:
    # The second year exists in every mode so that callbacks reading it always run.
    return [html.Div(dcc.Input(id=ids.YEAR_B, type="hidden", value=None), hidden=True)]


@dataclass(frozen=True)
class ModeLayout:
    """Where a mode's parts go: its year controls, sections after the main map, the classification picker."""

    year_controls: Callable[[PageData], list]
    sections: Callable[[PageData], list]
    scheme_picker: bool = True


def _mode_switch(data: PageData) -> html.Fieldset:
    lang = data.view.lang
    return html.Fieldset([
        html.Legend(t("mode.heading", lang), className="control-label"),
        dcc.RadioItems(id=ids.MODE, options=data.mode_options, value=data.view.mode, className="mode-switch"),
    ], className="control control-mode")


def _controls(data: PageData, layout: ModeLayout) -> html.Section:
    view, meta = data.view, data.meta
    lang = view.lang
    scheme_options = [{"label": t(f"scheme.{s}", lang), "value": s} for s in cls.SCHEMES]
    return html.Section([
        html.H2(t("controls.heading", lang), className="visually-hidden"),
        _mode_switch(data),
        indicator_control(ids.INDICATOR, t("controls.indicator", lang), data.parts.main.indicator_options,
                          view.indicator,
                          html.P(data.indicator_note, id=ids.INDICATOR_DEFINITION, className="definition"),
                          lang=lang),
        level_control(ids.LEVEL, t("controls.level", lang), data.level_options, view.level),
        # Without a picker (a change map has its own classes) it stays, hidden, for the callbacks.
        html.Div([
            _label(t("controls.scheme", lang), ids.SCHEME),
            dcc.Dropdown(id=ids.SCHEME, options=scheme_options, value=view.scheme, clearable=False,
                         searchable=False, labels=dropdown_labels(lang)),
        ], className="control", hidden=not layout.scheme_picker),
        labels_control(data.view, on_by_default=False),
        *layout.year_controls(data),
        html.Section([
            html.H2(t("legend.heading", lang), className="panel-heading"),
            html.Div(render_legend(data.parts.main.legend), id=ids.LEGEND, className="legend"),
        ], className="legend-panel", **{"aria-live": "polite"}),
        area_search(data),
        about(meta, lang),
    ], className="panel controls", **{"aria-label": t("controls.heading", lang)})


def _centre(bounds: list[list[float]]) -> list[float]:
    (south, west), (north, east) = bounds
    return [round((south + north) / 2, 5), round((west + east) / 2, 5)]


def map_layers(data: PageData, areas_id: str, geo_url: str, map_key: str, outline_id: str) -> list:
    """Optional tiles, the areas (styled by ``assets/atlas-50-map.js`` under ``map_key``) and the boundary."""
    layers = []
    if data.tile_url:
        layers.append(dl.TileLayer(url=data.tile_url, attribution=data.tile_attribution))
    layers.append(dl.GeoJSON(
        id=areas_id, url=geo_url, hideout={"map": map_key},
        style={"variable": "atlas.map.style"}, onEachFeature={"variable": "atlas.map.onEachFeature"},
        disableDefaultEventHandlers=True))
    if data.outline_url:
        layers.append(dl.GeoJSON(id=outline_id, url=data.outline_url, interactive=False,
                                 style={"variable": "atlas.map.outlineStyle"}))
    return layers


def viewport(bounds: list[list[float]], at) -> dict:
    """MapContainer props: the link's centre and zoom, else a fit to the areas."""
    if at:
        return {"center": [at[0], at[1]], "zoom": at[2]}
    return {"bounds": bounds, "center": _centre(bounds)}


def map_container(data: PageData, layers: list, map_id: str, attribution: bool) -> dl.MapContainer:
    """A Leaflet map filling its frame, at the link's view (or fitted to the areas), drawn on canvas."""
    return dl.MapContainer(layers, id=map_id, **viewport(data.bounds, data.view.at), preferCanvas=True,
                           zoomSnap=0.25, attributionControl=attribution, className="map",
                           style={"width": "100%", "height": "100%"})


def _map(data: PageData) -> html.Section:
    view = data.view
    lang = view.lang
    ind_label = data.parts.main.payload["label"]
    layers = map_layers(data, ids.AREAS, data.parts.main.geo_url, ids.MAP, ids.OUTLINE)
    return html.Section([
        html.Div([
            html.H2(t("map.title", lang, indicator=ind_label, year=view.year or ""), id=ids.MAP_TITLE,
                    className="map-title"),
            table_toggle(lang),
            embed_button(lang),
            export_menu(view.mode, lang),
            *deck_buttons(lang, data.present_href),
        ], className="map-head"),
        html.Div(map_container(data, layers, ids.MAP, attribution=bool(data.tile_url)),
            className="map-frame", role="region",
            **{"aria-label": t("map.label", lang, indicator=ind_label, year=view.year or ""),
               "aria-describedby": ids.MAP_DESCRIPTION}),
        map_description(),
        table_view(),
        embed_dialog(lang, data.embed_path),
        deck_dialog(lang, data.present_path, data.decks, data.handout_path),
    ], className="map-wrap", id=ids.MAP_SECTION)


def _source_item(source: dict, lang: str) -> html.Li:
    name = text(source.get("name"), lang) or "–"
    url = str(source.get("url") or "")
    # Only web links become links: a value like javascript: from a file stays text.
    label = html.A(name, href=url, rel="noopener") if url.startswith(("https://", "http://")) else name
    details = []
    if source.get("fetched"):
        details.append(t("about.fetched", lang, when=str(source["fetched"])[:10]))
    if source.get("licence"):
        details.append(t("footer.licence", lang, licence=str(source["licence"])))
    return html.Li([label] + ([html.Span(" (" + "; ".join(details) + ")")] if details else []))


def about(meta: DatasetMeta, lang: str) -> html.Details:
    """What the data are, where they come from and under which licence."""
    body = []
    if meta.description:
        body.append(html.P(text(meta.description, lang)))
    if meta.sources:
        body += [html.H3(t("about.sources", lang)), html.Ul([_source_item(s, lang) for s in meta.sources])]
    body.append(html.P(t("footer.licence", lang, licence=meta.licence or "–")))
    if meta.created:
        body.append(html.P(t("about.published", lang, when=meta.created[:10])))
    return html.Details([html.Summary(t("about.heading", lang))] + body, className="about", id=ids.ABOUT)


def _compare_map(data: PageData) -> html.Section:
    """The right map of compare mode with its own indicator, level and year."""
    view, lang, right = data.view, data.view.lang, data.parts.second
    payload = right.payload
    controls = html.Div([
        indicator_control(ids.INDICATOR_B, t("controls.indicator_b", lang), right.indicator_options,
                          view.indicator_b, lang=lang),
        level_control(ids.LEVEL_B, t("controls.level_b", lang), data.level_options, view.level_b),
        year_control(ids.YEAR_B, ids.YEAR_B_LABEL, t("controls.year_b", lang), payload["years"], view.year_b),
    ], className="compare-controls")
    layers = map_layers(data, ids.AREAS_B, right.geo_url, "mapB", ids.OUTLINE_B)
    title = t("map.title", lang, indicator=payload["label"], year=view.year_b or "")
    return html.Section([
        html.H2(title, id=ids.MAP_TITLE_B, className="map-title"),
        controls,
        html.Div(map_container(data, layers, ids.MAP_B, attribution=False),
                 className="map-frame", role="region", **{"aria-label": t("map.label", lang, indicator=payload["label"],
                                                                            year=view.year_b or "")}),
        html.Section([html.H3(t("legend.heading", lang), className="panel-heading"),
                      html.Div(render_legend(right.legend, ids.LEGEND_COUNT_B), id=ids.LEGEND_B,
                               className="legend")],
                     className="legend-panel legend-b", **{"aria-live": "polite"}),
        dcc.Store(id=ids.PAYLOAD_B, data=payload),
    ], className="map-wrap map-wrap-b", **{"aria-label": t("map.right", lang)})


def source_line(meta: DatasetMeta, lang: str, source: str = "") -> str:
    """"Källa: … · Licens: …" on one line (after "Fiktiva data" for the demo); ``source`` else the dataset's."""
    line = [t("footer.source", lang, source=source or source_names(meta, lang)),
            t("footer.licence", lang, licence=meta.licence or "–")]
    if meta.fictional:
        line.insert(0, t("app.fictional", lang))
    return " · ".join(line)


def source_names(meta: DatasetMeta, lang: str) -> str:
    """The dataset's sources by name, each once, for a one-line source credit ("–" when none)."""
    return "; ".join(dict.fromkeys(text(s.get("name"), lang) for s in meta.sources if s.get("name"))) or "–"


def _footer(data: PageData) -> html.Footer:
    lang, meta = data.view.lang, data.meta
    sources = source_names(meta, lang)
    lines = [html.P(t("footer.source", lang, source=sources), id=ids.FOOTER_SOURCE),
             html.P(t("footer.licence", lang, licence=meta.licence or "–"))]
    if meta.fictional:
        lines.insert(0, html.P(t("app.fictional_note", lang), className="fictional-note"))
    return html.Footer(lines + [html.P([t("footer.about", lang), " ",
                                        html.A(t("a11y.link", lang), href=data.accessibility_href,
                                               className="a11y-link")])],
                       className="site-footer")


#: One branch per mode: where its parts go.  Adding a mode adds a line here.
MODE_LAYOUTS: dict[str, ModeLayout] = {
    "map": ModeLayout(year_controls=_one_year, sections=_no_second_year),
    "compare": ModeLayout(year_controls=_one_year, sections=lambda data: [_compare_map(data)]),
    "change": ModeLayout(year_controls=_two_years, sections=lambda data: [], scheme_picker=False),
    "clusters": ModeLayout(year_controls=_one_year, sections=_no_second_year, scheme_picker=False),
}


def build_page(data: PageData) -> html.Div:
    """The whole page for ``data``; ids come from :mod:`layouts.ids`."""
    lang = data.view.lang
    layout = MODE_LAYOUTS[data.view.mode]
    return html.Div([
        html.A(t("app.skip", lang), href=f"#{ids.MAP_SECTION}", className="skip-link"),
        _header(data),
        html.Main([
            _controls(data, layout),
            _map(data),
            *layout.sections(data),
            html.Div([
                distribution_section(lang),
                html.Section(render_area_panel(data.area_panel, lang), id=ids.AREA_PANEL,
                             **{"aria-label": t("area.heading", lang)}),
            ], className="panel area-panel"),
        ], id="main", className=f"layout mode-{data.view.mode}"),
        _footer(data),
        *page_state(data),
    ], className=f"atlas lang-{lang}", lang=lang, id=ids.PAGE, **widget_words(lang),
        **labels_default(on_by_default=False))


def labels_shown(view: View, on_by_default: bool) -> bool:
    """Whether the map names its districts: the link's ``labels``, else the surface's default."""
    return on_by_default if view.labels is None else view.labels == LABELS_ON


def labels_default(on_by_default: bool) -> dict:
    """The page root's ``data-labels``: whether a surface names districts when the link does not say."""
    return {"data-labels": "on" if on_by_default else "off"}


def labels_control(view: View, on_by_default: bool) -> html.Div:
    """"Visa områdesnamn": district names on the map, switched in place (assets/atlas-55-labels.js)."""
    return html.Div(dcc.Checklist(
        id=ids.LABELS, options=[{"label": t("controls.labels", view.lang), "value": "on"}],
        value=["on"] if labels_shown(view, on_by_default) else [], className="labels-toggle"),
        className="control control-labels")


def page_state(data: PageData) -> list:
    """The live region, the stores and the play timer every surface of a page has."""
    return [
        html.Div(id=ids.STATUS, className="visually-hidden", role="status", **{"aria-live": "polite"}),
        dcc.Store(id=ids.PAYLOAD, data=data.parts.main.payload),
        dcc.Store(id=ids.VIEW, data=data.view.to_json()),
        dcc.Store(id=ids.AREA_QUERY),
        dcc.Store(id=ids.NAVIGATE),
        dcc.Store(id=ids.CHANGE_YEARS),
        dcc.Store(id=ids.DISTRIBUTION_TRIGGER),
        dcc.Interval(id=ids.PLAY_TIMER, interval=1200, disabled=True),
    ]


def widget_words(lang: str) -> dict:
    """Words for Dash's and Leaflet's own widgets, which assets/ put in the visitor's language."""
    return {"data-search": t("widget.search", lang), "data-clear-search": t("widget.clear_search", lang),
            "data-zoom-in": t("widget.zoom_in", lang), "data-zoom-out": t("widget.zoom_out", lang),
            "data-area-cap": t("widget.area_cap", lang, max=MAX_AREAS),
            # The map in words and its table (assets/atlas-65-table.js).
            "data-describe-range": t("describe.range", lang), "data-describe-categories": t("describe.categories", lang),
            "data-describe-hidden": t("describe.hidden", lang), "data-describe-none": t("describe.none", lang),
            "data-table-caption": t("table.caption", lang), "data-table-select": t("table.select", lang),
            "data-table-select-area": t("table.select_area", lang), "data-table-area": t("table.area", lang),
            "data-table-value": t("table.value", lang), "data-table-status": t("table.status", lang),
            "data-table-rank": t("table.rank", lang)}


def table_toggle(lang: str) -> html.Button:
    """"Visa som tabell": shows the table twin of the map (every area, value, status, rank)."""
    return html.Button(t("table.show", lang), id=ids.TABLE_TOGGLE, n_clicks=0, type="button",
                       className="tool-button", **{"aria-pressed": "false", "aria-controls": ids.TABLE_VIEW})


def table_view() -> html.Section:
    """The place of the table twin and of the map's description (both drawn by the browser)."""
    return html.Section(html.Div(id=ids.MAP_TABLE), id=ids.TABLE_VIEW, hidden=True, className="table-view")


def map_description() -> html.P:
    """The map in words, read by screen readers through the map region's aria-describedby."""
    return html.P(id=ids.MAP_DESCRIPTION, className="visually-hidden")


def dropdown_labels(lang: str) -> dict:
    """The texts of a dropdown's own buttons and messages in ``lang`` (Dash's default is English)."""
    return {"select_all": t("widget.select_all", lang), "deselect_all": t("widget.deselect_all", lang),
            "selected_count": t("widget.selected_count", lang, num_selected="{num_selected}"),
            "search": t("widget.search", lang), "clear_search": t("widget.clear_search", lang),
            "clear_selection": t("widget.clear_selection", lang), "no_options_found": t("widget.no_options", lang)}


def area_search(data: PageData) -> html.Div:
    """The labelled area search (a multi-select of at most MAX_AREAS areas)."""
    view, lang = data.view, data.view.lang
    return html.Div([
        _label(t("controls.area", lang), ids.AREA_SEARCH),
        dcc.Dropdown(id=ids.AREA_SEARCH, options=data.area_options, value=list(view.areas), multi=True,
                     placeholder=t("controls.area_placeholder", lang), searchable=True, clearable=True,
                     labels=dropdown_labels(lang), className="area-search"),
        html.P(id=ids.AREA_CAP_NOTE, className="hint", role="status"),
    ], className="control")


def empty_page(message: str) -> html.Main:
    """The page when no dataset can be shown."""
    return html.Main(html.P(message), className="empty")
