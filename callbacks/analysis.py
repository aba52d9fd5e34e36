"""Distribution of all areas and CSV export of what the map shows."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc
from dash.exceptions import PreventUpdate

from geodata import export, views
from geodata.i18n import t
from geodata.model import text
from layouts import ids
from layouts.distribution import distribution_body, distribution_spec
from presenters import mode_of

from .area import selected_ids
from .context import browser_view, services


def _shown(view, year, year_b):
    """The dataset and the view with the years the browser now shows."""
    years = {key: value for key, value in (("year", year), ("year_b", year_b)) if type(value) is int}
    return browser_view(view, **years)


def distribution_content(ds, view, selected: list[str]) -> tuple[list, list[dict]]:
    """Containers and data of the strip chart and table of every map's values in the shown year (or change)."""
    lang = view.lang
    specs = []
    maps = ((view.level, view.indicator), (view.level_b or view.level, view.indicator_b or view.indicator))
    for i, (shown, (level, indicator)) in enumerate(zip(mode_of(view).shown_maps(ds, view), maps)):
        frame = ds.areas[level]
        names = dict(zip(frame["area_id"], frame["name"]))
        area_ids = views.level_ids(ds, level)
        label = text(ds.meta.indicator(indicator).label, lang)
        title = t("distribution.title", lang, indicator=label, year=shown.year_text)
        specs.append(distribution_spec(shown, area_ids, [names[a] for a in area_ids], selected, title, lang, i))
    return distribution_body(specs), specs


# The distribution follows the year, the selection and the indicator only while it is open: a
# year step with the section closed asks the server for nothing.
clientside_callback(
    ClientsideFunction(namespace="atlas", function_name="distribution_trigger"),
    Output(ids.DISTRIBUTION_TRIGGER, "data"),
    Input(ids.DISTRIBUTION_SUMMARY, "n_clicks"), Input(ids.YEAR, "value"), Input(ids.YEAR_B, "value"),
    Input(ids.AREA_SEARCH, "value"), Input(ids.PAYLOAD, "data"),
    prevent_initial_call=True,
)


@callback(Output(ids.DISTRIBUTION_BODY, "children"), Output(ids.DISTRIBUTION_ROWS, "data"),
          Input(ids.DISTRIBUTION_TRIGGER, "data"), State(ids.VIEW, "data"),
          prevent_initial_call=True)
def show_distribution(shown, view):
    """When the user opens the distribution (or, while open, changes year, indicator or selection), it follows.

    Nothing is drawn before the section is first opened; the browser draws
    the charts and pages the tables from the data (assets/atlas-90-distribution.js).
    """
    if not isinstance(shown, dict):
        raise PreventUpdate
    current, parsed = _shown(view, shown.get("year"), shown.get("year_b"))
    return distribution_content(current.dataset, parsed, selected_ids(shown.get("areas")))


# When the distribution's data arrive, the browser draws the charts and the first page of each table.
clientside_callback(
    ClientsideFunction(namespace="atlas", function_name="draw_distribution"),
    Output(ids.DISTRIBUTION, "data-drawn"), Input(ids.DISTRIBUTION_ROWS, "data"),
    prevent_initial_call=True,
)


#: Which CSV each button asks for (presenters.map.CSV_VARIANTS).
CSV_BUTTONS = {ids.EXPORT_CSV: "year", ids.EXPORT_CSV_SERIES: "series", ids.EXPORT_CSV_EXCEL: "excel"}
#: Which image each button asks for (assets/atlas-70-export.js knows their sizes).
IMAGE_BUTTONS = {ids.EXPORT_PNG: "wide", ids.EXPORT_PNG_A4: "a4"}


def _pressed(buttons: dict, *clicks):
    """What the button that fired stands for; no update unless it is one of ``buttons`` clicked."""
    if not all(n is None or type(n) is int for n in clicks) or not any(clicks):
        raise PreventUpdate
    try:
        which = ctx.triggered_id
    except (AttributeError, TypeError, ValueError):  # a hand-made request's changedPropIds
        raise PreventUpdate from None
    if not isinstance(which, str) or which not in buttons:
        raise PreventUpdate
    return buttons[which]


@callback(Output(ids.DOWNLOAD, "data"),
          *(Input(button, "n_clicks") for button in CSV_BUTTONS),
          State(ids.VIEW, "data"), State(ids.YEAR, "value"), State(ids.YEAR_B, "value"),
          prevent_initial_call=True)
def download_csv(n_year, n_series, n_excel, view, year, year_b):
    """When the user asks for CSV, what the maps show downloads: the shown year, every year or for Swedish Excel."""
    variant = _pressed(CSV_BUTTONS, n_year, n_series, n_excel)
    current, parsed = _shown(view, year, year_b)
    body, name = mode_of(parsed).export_csv(current.dataset, parsed, variant)
    return dcc.send_string(body, name, type="text/csv")


@callback(Output(ids.EXPORT_XLSX, "href"), Output(ids.EXPORT_GPKG, "href"), Input(ids.VIEW, "data"))
def export_links(view):
    """When the page opens (or the indicator or level changes), the XLSX and GeoPackage links name them."""
    current, parsed = browser_view(view)
    urls, name = services().urls, current.dataset.name
    return (urls.export_xlsx(name, current.release, parsed.lang, parsed.level, parsed.indicator),
            urls.export_gpkg(name, current.release, parsed.lang, parsed.level))


@callback(Output(ids.EXPORT_IMAGE, "data"), *(Input(button, "n_clicks") for button in IMAGE_BUTTONS),
          State(ids.VIEW, "data"), State(ids.YEAR, "value"), State(ids.YEAR_B, "value"),
          prevent_initial_call=True)
def image_notes(n_wide, n_a4, view, year, year_b):
    """When the user asks for a map image, the browser gets its format, source, licence and caveats to draw."""
    image = _pressed(IMAGE_BUTTONS, n_wide, n_a4)
    current, parsed = _shown(view, year, year_b)
    ds = current.dataset
    years = [parsed.year_b, parsed.year] if mode_of(parsed).paired_years else [parsed.year]
    name = export.export_filename(ds.name, parsed.indicator, years, "png", suffix=image)
    return {"format": image, "fileName": name, "fictional": bool(ds.meta.fictional),
            "clicks": (n_wide or 0) + (n_a4 or 0), **mode_of(parsed).export_notes(ds, parsed)}


# When the server has said what the image carries, the browser draws title, maps, legends and notes.
clientside_callback(
    ClientsideFunction(namespace="atlas", function_name="export_image"),
    Output(ids.EXPORT_PNG_DONE, "data"), Input(ids.EXPORT_IMAGE, "data"),
    prevent_initial_call=True,
)
