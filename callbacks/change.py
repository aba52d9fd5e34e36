"""Change mode's own callback: the two years together choose the change map."""

from __future__ import annotations

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.page import render_legend
from presenters import mode_of

from .context import browser_view, services


@callback(Output(ids.PAYLOAD, "data", allow_duplicate=True), Output(ids.LEGEND, "children", allow_duplicate=True),
          Input(ids.CHANGE_YEARS, "data"), State(ids.VIEW, "data"), prevent_initial_call=True)
def change_years(years, view):
    """When the user moves either year of a change map, the change and its legend are recomputed."""
    if not (isinstance(years, list) and len(years) == 2 and all(type(y) is int for y in years)):
        raise PreventUpdate
    year_from, year_to = sorted(years)
    current, parsed = browser_view(view, year=year_to, year_b=year_from)
    mode = mode_of(parsed)
    if not mode.paired_years or (parsed.year_b, parsed.year) != (year_from, year_to):
        raise PreventUpdate
    main = mode.parts(current, parsed, services().urls).main
    return main.payload, render_legend(main.legend)
