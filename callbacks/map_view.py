"""Server callbacks that change what the map shows (not which year: that is clientside)."""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from geodata import views
from layouts import ids
from layouts.page import indicator_note, legend, year_marks, year_step

from .context import browser_view
from .page import (AREA_OPTIONS_INLINE, change_parts, geo_url, indicator_options, initial_area_options,
                   map_payload)


def nearest_year(years: list[int], year) -> int | None:
    """The year in ``years`` closest to ``year`` (the later one on a tie)."""
    if not years:
        return None
    if not isinstance(year, int):
        return years[-1]
    return min(years, key=lambda y: (abs(y - year), -y))


@callback(
    Output(ids.PAYLOAD, "data"), Output(ids.LEGEND, "children"), Output(ids.INDICATOR_DEFINITION, "children"),
    Output(ids.YEAR, "min"), Output(ids.YEAR, "max"), Output(ids.YEAR, "marks"), Output(ids.YEAR, "step"),
    Output(ids.YEAR, "value"), Output(ids.VIEW, "data"), Output(ids.INDICATOR, "value"),
    Input(ids.INDICATOR, "value"), Input(ids.LEVEL, "value"), Input(ids.SCHEME, "value"),
    State(ids.YEAR, "value"), State(ids.VIEW, "data"),
    prevent_initial_call=True)
def change_indicator(indicator, level, scheme, year, view):
    """When the user picks another indicator, level or classification, the map's data and legend change.

    An indicator that the new level lacks falls back to the level's default.
    """
    if isinstance(view, dict) and view.get("mode") != "map":
        raise PreventUpdate  # compare and change modes reload the page instead
    current, parsed = browser_view(view, ind=indicator, level=level, scheme=scheme)
    if parsed.level != level:
        raise PreventUpdate
    ds = current.dataset
    years = ds.years(parsed.indicator, parsed.level)
    new = replace(parsed, year=nearest_year(years, year), areas=())
    payload = map_payload(ds.name, current.release, ds, new)
    ind = ds.meta.indicator(new.indicator)
    rows = views.legend_rows(ind, views.classification(ds, new.level, new.indicator, new.scheme, new.k), new.lang)
    counts = payload["counts"][years.index(new.year)] if years else []
    return (payload, legend(ind, rows, counts, new.lang), indicator_note(ind, new.lang),
            years[0], years[-1], year_marks(years), year_step(years), new.year, new.to_json(), new.indicator)


@callback(
    Output(ids.AREAS, "url"), Output(ids.AREA_SEARCH, "options"), Output(ids.AREA_SEARCH, "value"),
    Output(ids.INDICATOR, "options"),
    Input(ids.LEVEL, "value"), State(ids.VIEW, "data"),
    prevent_initial_call=True)
def change_level(level, view):
    """When the user switches area level, the map loads that level's polygons once and the search lists its areas."""
    if isinstance(view, dict) and view.get("mode") != "map":
        raise PreventUpdate  # compare and change modes reload the page instead
    current, parsed = browser_view(view, level=level)
    if parsed.level != level:
        raise PreventUpdate
    ds = current.dataset
    return (geo_url(ds.name, current.release, level), initial_area_options(ds, level, None), None,
            indicator_options(ds, level, parsed.lang))


@callback(Output(ids.AREA_SEARCH, "options", allow_duplicate=True), Input(ids.AREA_QUERY, "data"),
          State(ids.AREA_SEARCH, "value"), State(ids.VIEW, "data"), prevent_initial_call=True)
def search_areas(query, selected, view):
    """When the user types in the area search of a large level, matching areas are listed."""
    current, parsed = browser_view(view)
    ds = current.dataset
    if len(ds.areas[parsed.level]) <= AREA_OPTIONS_INLINE or not isinstance(query, str):
        raise PreventUpdate
    options = views.search_areas(ds, parsed.level, query[:100])
    keep = [o for o in initial_area_options(ds, parsed.level, selected) if o not in options]
    return keep + options


@callback(Output(ids.PAYLOAD, "data", allow_duplicate=True), Output(ids.LEGEND, "children", allow_duplicate=True),
          Input(ids.CHANGE_YEARS, "data"), State(ids.VIEW, "data"), prevent_initial_call=True)
def change_years(years, view):
    """When the user moves either year of a change map, the change and its legend are recomputed."""
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        raise PreventUpdate
    year_from, year_to = sorted(years)
    current, parsed = browser_view(view, year=str(year_to), year2=str(year_from))
    if parsed.mode != "change" or (parsed.year_b, parsed.year) != (year_from, year_to):
        raise PreventUpdate
    return change_parts(current.dataset, current.release, parsed)
