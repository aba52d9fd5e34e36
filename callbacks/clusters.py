"""Clusters mode's own callback: the legend's Moran's I follows the year, in the browser."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, clientside_callback

from layouts import ids

# Only a legend with a note that follows the year (presenters.clusters) has these ids; elsewhere it never runs.
clientside_callback(
    ClientsideFunction(namespace="atlas", function_name="year_note"),
    Output({"type": ids.LEGEND_YEAR_NOTE, "index": ALL}, "children"),
    Input(ids.YEAR, "value"), State(ids.PAYLOAD, "data"), State({"type": ids.LEGEND_YEAR_NOTE, "index": ALL}, "id"),
    prevent_initial_call=True,
)
