"""The selected areas' panel: their series against the municipality and the nation."""

from __future__ import annotations

from dash import Input, Output, callback
from dash.exceptions import PreventUpdate

from geodata.viewstate import MAX_AREAS
from layouts import ids
from layouts.area import render_area_panel
from presenters.area import area_panel

from .context import browser_view


def selected_ids(value) -> list[str]:
    """The dropdown's value as a list of ids (single or multi select)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise PreventUpdate


@callback(Output(ids.AREA_PANEL, "children"),
          Input(ids.AREA_SEARCH, "value"), Input(ids.VIEW, "data"),
          prevent_initial_call=True)
def show_areas(value, view):
    """When the user selects areas (map click or search), their time series and table appear."""
    current, parsed = browser_view(view)
    ds = current.dataset
    if not isinstance(view, dict) or view.get("level") != parsed.level or view.get("indicator") != parsed.indicator:
        raise PreventUpdate
    area_ids = selected_ids(value)
    if len(area_ids) > MAX_AREAS or not set(area_ids) <= ds.area_ids(parsed.level):
        raise PreventUpdate
    return render_area_panel(area_panel(ds, parsed.level, area_ids, parsed.indicator, parsed.lang), parsed.lang)
