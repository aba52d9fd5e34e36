"""Distribution of all areas and CSV export of what the map shows."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc
from dash.exceptions import PreventUpdate

from geodata import views
from geodata.i18n import t
from geodata.model import text
from layouts import ids
from layouts.distribution import distribution_figure, distribution_table
from layouts.page import distribution_body
from presenters import mode_of

from .area import selected_ids
from .context import browser_view


def _shown(view, year, year_b):
    """The dataset and the view with the years the browser now shows."""
    years = {key: value for key, value in (("year", year), ("year_b", year_b)) if type(value) is int}
    return browser_view(view, **years)


def distribution_content(ds, view, selected: list[str]) -> list:
    """Strip chart and table of every area's value in the shown year (or change)."""
    lang = view.lang
    shown = mode_of(view).shown(ds, view)
    names = dict(zip(ds.areas[view.level]["area_id"], ds.areas[view.level]["name"]))
    ids_ = views.level_ids(ds, view.level)
    area_names = [names[i] for i in ids_]
    title = t("distribution.title", lang, indicator=text_label(ds, view), year=shown.year_text)
    figure = distribution_figure(shown.values, ids_, area_names, selected, shown.breaks, shown.colours, shown.unit,
                                 shown.decimals, lang, title, classes=shown.classes, signed=shown.signed)
    rows = distribution_table(shown.values, ids_, area_names, shown.labels, shown.unit, shown.decimals, lang,
                              breaks=shown.breaks, classes=shown.classes, selected=selected, signed=shown.signed,
                              descending=True)
    return distribution_body(figure, rows, t("distribution.caption", lang, title=title), lang)


def text_label(ds, view) -> str:
    return text(ds.meta.indicator(view.indicator).label, view.lang)


# The distribution follows the year, the selection and the indicator only while it is open: a
# year step with the section closed asks the server for nothing.
clientside_callback(
    ClientsideFunction(namespace="atlas", function_name="distribution_trigger"),
    Output(ids.DISTRIBUTION_TRIGGER, "data"),
    Input(ids.DISTRIBUTION_SUMMARY, "n_clicks"), Input(ids.YEAR, "value"), Input(ids.YEAR_B, "value"),
    Input(ids.AREA_SEARCH, "value"), Input(ids.PAYLOAD, "data"),
    prevent_initial_call=True,
)


@callback(Output(ids.DISTRIBUTION_BODY, "children"),
          Input(ids.DISTRIBUTION_TRIGGER, "data"), State(ids.VIEW, "data"),
          prevent_initial_call=True)
def show_distribution(shown, view):
    """When the user opens the distribution (or, while open, changes year, indicator or selection), it follows.

    Nothing is drawn before the section is first opened, so plotly is not
    loaded with the page.
    """
    if not isinstance(shown, dict):
        raise PreventUpdate
    current, parsed = _shown(view, shown.get("year"), shown.get("year_b"))
    return distribution_content(current.dataset, parsed, selected_ids(shown.get("areas")))


@callback(Output(ids.DOWNLOAD, "data"), Input(ids.EXPORT_CSV, "n_clicks"),
          State(ids.VIEW, "data"), State(ids.YEAR, "value"), State(ids.YEAR_B, "value"),
          State(ids.PAYLOAD, "data"), prevent_initial_call=True)
def download_csv(n_clicks, view, year, year_b, payload):
    """When the user asks for CSV, the shown values (with unit, status, source and definition) download."""
    if not n_clicks:
        raise PreventUpdate
    current, parsed = _shown(view, year, year_b)
    body, name = mode_of(parsed).export_csv(current.dataset, parsed)
    return dcc.send_string(body, name, type="text/csv")
