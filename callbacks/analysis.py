"""Distribution of all areas and CSV export of what the map shows."""

from __future__ import annotations

from dash import Input, Output, State, callback, dcc
from dash.exceptions import PreventUpdate

from geodata import change, export, views
from geodata.i18n import t
from geodata.model import text
from geodata.viewstate import CHANGE
from layouts import ids
from layouts.distribution import distribution_figure, distribution_table
from layouts.page import distribution_body

from .area import selected_ids
from .context import browser_view


def _shown(view, year, year_b):
    """The dataset and the view with the years the browser now shows."""
    years = {key: str(value) for key, value in (("year", year), ("year2", year_b)) if isinstance(value, int)}
    return browser_view(view, **years)


def distribution_content(ds, view, selected: list[str]) -> list:
    """Strip chart and table of every area's value in the shown year (or change)."""
    ind, lang = ds.meta.indicator(view.indicator), view.lang
    names = dict(zip(ds.areas[view.level]["area_id"], ds.areas[view.level]["name"]))
    if view.mode == CHANGE:
        c = change.change_values(ds, view.level, view.indicator, view.year_b, view.year)
        values, classes, breaks, colours = c["values"], c["classes"], c["breaks"], c["colours"]
        labels = [r["label"] for r in change.change_legend_rows(ind, c, lang)]
        unit, decimals, year_text, signed = change.change_unit(ind, lang, short=True), c["decimals"], \
            f"{view.year_b}–{view.year}", True
    else:
        v = views.map_values(ds, view.level, view.indicator, view.scheme, view.k)
        yi = v["years"].index(view.year)
        classification = views.classification(ds, view.level, view.indicator, view.scheme, view.k)
        values, classes = v["values"][yi], v["classes"][yi]
        breaks, colours = list(classification.breaks), list(classification.colours)
        labels = [r["label"] for r in views.legend_rows(ind, classification, lang)]
        unit, decimals, year_text, signed = text(ind.unit, lang), ind.decimals, str(view.year), False
    ids_ = views.level_ids(ds, view.level)
    area_names = [names[i] for i in ids_]
    title = t("distribution.title", lang, indicator=text(ind.label, lang), year=year_text)
    figure = distribution_figure(values, ids_, area_names, selected, breaks, colours, unit, decimals, lang, title,
                                 classes=classes, signed=signed)
    rows = distribution_table(values, ids_, area_names, labels, unit, decimals, lang, breaks=breaks,
                              classes=classes, selected=selected, signed=signed, descending=True)
    return distribution_body(figure, rows, t("distribution.caption", lang, title=title), lang)


@callback(Output(ids.DISTRIBUTION_BODY, "children"),
          Input(ids.DISTRIBUTION_SUMMARY, "n_clicks"), Input(ids.YEAR, "value"), Input(ids.YEAR_B, "value"),
          Input(ids.AREA_SEARCH, "value"), Input(ids.PAYLOAD, "data"), State(ids.VIEW, "data"),
          prevent_initial_call=True)
def show_distribution(opened, year, year_b, selected, payload, view):
    """When the user opens the distribution (or changes year, indicator or selection), the strip chart follows.

    Nothing is drawn before the section is first opened, so plotly is not
    loaded with the page.
    """
    if not isinstance(opened, int) or opened < 1:
        raise PreventUpdate
    # The payload is only a trigger: the callback that sends a new one updates the view too.
    current, parsed = _shown(view, year, year_b)
    return distribution_content(current.dataset, parsed, selected_ids(selected))


@callback(Output(ids.DOWNLOAD, "data"), Input(ids.EXPORT_CSV, "n_clicks"),
          State(ids.VIEW, "data"), State(ids.YEAR, "value"), State(ids.YEAR_B, "value"),
          State(ids.PAYLOAD, "data"), prevent_initial_call=True)
def download_csv(n_clicks, view, year, year_b, payload):
    """When the user asks for CSV, the shown values (with unit, status, source and definition) download."""
    if not n_clicks:
        raise PreventUpdate
    current, parsed = _shown(view, year, year_b)
    ds = current.dataset
    if parsed.mode == CHANGE:
        body = export.change_csv(ds, parsed.level, parsed.indicator, parsed.year_b, parsed.year, parsed.lang)
        years = [parsed.year_b, parsed.year]
        suffix = "change"
    else:
        body = export.view_csv(ds, parsed.level, parsed.indicator, [parsed.year], parsed.lang)
        years, suffix = [parsed.year], None
    name = export.export_filename(ds.name, parsed.indicator, years, "csv", suffix=suffix)
    return dcc.send_string(body, name, type="text/csv")
