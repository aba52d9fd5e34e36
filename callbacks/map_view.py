"""Server callbacks that change what the map shows (not which year: that is clientside)."""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.page import render_legend, year_marks, year_step
from presenters import mode_of
from presenters.common import (indicator_note, indicator_options, initial_area_options, map_parts,
                               search_area_options, searched_on_server)

from .context import browser_view, services


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
    current, parsed = browser_view(view, indicator=indicator, level=level, scheme=scheme)
    if not mode_of(parsed).live_controls or parsed.level != level:
        raise PreventUpdate  # other modes load the page for the new address instead
    years = current.dataset.years(parsed.indicator, parsed.level)
    new = replace(parsed, year=nearest_year(years, year), areas=())
    parts = map_parts(current, new, services().urls)
    note = indicator_note(current.dataset.meta.indicator(new.indicator), new.lang)
    return (parts.payload, render_legend(parts.legend), note, years[0], years[-1], year_marks(years),
            year_step(years), new.year, new.to_json(), new.indicator)


@callback(
    Output(ids.AREAS, "url"), Output(ids.AREA_SEARCH, "options"), Output(ids.AREA_SEARCH, "value"),
    Output(ids.INDICATOR, "options"),
    Input(ids.LEVEL, "value"), State(ids.VIEW, "data"),
    prevent_initial_call=True)
def change_level(level, view):
    """When the user switches area level, the map loads that level's polygons once and the search lists its areas."""
    current, parsed = browser_view(view, level=level)
    if not mode_of(parsed).live_controls or parsed.level != level:
        raise PreventUpdate
    ds = current.dataset
    return (services().urls.geo(ds.name, current.release, level), initial_area_options(ds, level, None), None,
            indicator_options(ds, level, parsed.lang))


@callback(Output(ids.AREA_SEARCH, "options", allow_duplicate=True), Input(ids.AREA_QUERY, "data"),
          State(ids.AREA_SEARCH, "value"), State(ids.VIEW, "data"), prevent_initial_call=True)
def search_areas(query, selected, view):
    """When the user types in the area search of a large level, matching areas are listed."""
    current, parsed = browser_view(view)
    ds = current.dataset
    if not searched_on_server(ds, parsed.level) or not isinstance(query, str):
        raise PreventUpdate
    options = search_area_options(ds, parsed.level, query[:100])
    keep = [o for o in initial_area_options(ds, parsed.level, selected) if o not in options]
    return keep + options
