"""Clientside callbacks: the year, playback, selection and URL never wait for the server.

The JavaScript lives in ``assets/atlas-80-callbacks.js`` under ``dash_clientside.atlas``.
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, clientside_callback

from layouts import ids


def _js(name: str) -> ClientsideFunction:
    return ClientsideFunction(namespace="atlas", function_name=name)


# When the user moves the year slider (or the data or selection change), the map recolours in place.
clientside_callback(
    _js("update_map"),
    Output({"type": ids.LEGEND_COUNT, "index": ALL}, "children"),
    Output(ids.MAP_TITLE, "children"), Output(ids.STATUS, "children"),
    Input(ids.PAYLOAD, "data"), Input(ids.YEAR, "value"), Input(ids.AREA_SEARCH, "value"),
    State({"type": ids.LEGEND_COUNT, "index": ALL}, "id"),
)

# When the user presses play (or the timer ticks), the year advances until the last year.
clientside_callback(
    _js("playback"),
    Output(ids.PLAY_TIMER, "disabled"), Output(ids.YEAR, "value", allow_duplicate=True),
    Output(ids.PLAY, "children"), Output(ids.PLAY, "aria-pressed"), Output(ids.PLAY, "aria-label"),
    Output(ids.PLAY, "title"),
    Input(ids.PLAY, "n_clicks"), Input(ids.PLAY_TIMER, "n_intervals"),
    State(ids.PLAY_TIMER, "disabled"), State(ids.YEAR, "value"), State(ids.PAYLOAD, "data"),
    prevent_initial_call=True,
)

# When more areas are chosen than can be shown (e.g. "select all"), only the first ones stay.
clientside_callback(
    _js("cap_areas"),
    Output(ids.AREA_SEARCH, "value", allow_duplicate=True), Output(ids.AREA_CAP_NOTE, "children"),
    Input(ids.AREA_SEARCH, "value"),
    prevent_initial_call=True,
)

# When the user presses "Visa som tabell", the table twin of the map shows (or hides again).
clientside_callback(
    _js("toggle_table"),
    Output(ids.TABLE_VIEW, "hidden"), Output(ids.TABLE_TOGGLE, "aria-pressed"),
    Input(ids.TABLE_TOGGLE, "n_clicks"),
    prevent_initial_call=True,
)

# When the user opens "Bädda in" (or changes its choices), the dialog shows the code and a preview.
clientside_callback(
    _js("embed_dialog"),
    Output(ids.EMBED_CODE, "value"), Output(ids.EMBED_FRAME, "src"), Output(ids.EMBED_FRAME, "style"),
    Input(ids.EMBED_BUTTON, "n_clicks"), Input(ids.EMBED_SIZE, "value"), Input(ids.EMBED_CONTROLS, "value"),
    Input(ids.EMBED_RESIZE, "value"),
    prevent_initial_call=True,
)

# When the user clicks an area on the map, it joins the selection (a second click removes it).
clientside_callback(
    _js("select_clicked"),
    Output(ids.AREA_SEARCH, "value", allow_duplicate=True),
    Input(ids.AREAS, "n_clicks"), State(ids.AREAS, "clickData"), State(ids.AREA_SEARCH, "value"),
    prevent_initial_call=True,
)

# When anything in the view changes, the address bar and the language link follow.
clientside_callback(
    _js("sync_url"),
    Output(ids.LANG_LINK, "href"),
    Input(ids.VIEW, "data"), Input(ids.YEAR, "value"), Input(ids.AREA_SEARCH, "value"), Input(ids.YEAR_B, "value"),
)

# When the user ticks "Visa områdesnamn", the names appear or go in place; the address and language link follow.
clientside_callback(
    _js("show_labels"),
    Output(ids.LANG_LINK, "href", allow_duplicate=True),
    Input(ids.LABELS, "value"),
    prevent_initial_call=True,
)

# When the user types in the area search of a large level, the text goes to the server search.
clientside_callback(
    _js("area_query"),
    Output(ids.AREA_QUERY, "data"),
    Input(ids.AREA_SEARCH, "search_value"), State(ids.PAYLOAD, "data"),
    prevent_initial_call=True,
)

# When the user picks another dataset, the page loads that dataset's default view.
clientside_callback(
    _js("pick_dataset"),
    Output(ids.NAVIGATE, "data"),
    Input(ids.DATASET, "value"), State(ids.VIEW, "data"),
    prevent_initial_call=True,
)

# When the user switches mode (or, in change mode, the indicator, level or classification), the page reloads.
clientside_callback(
    _js("navigate_main"),
    Output(ids.NAVIGATE, "data", allow_duplicate=True),
    Input(ids.MODE, "value"), Input(ids.INDICATOR, "value"), Input(ids.LEVEL, "value"), Input(ids.SCHEME, "value"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)

# When the user changes the right map's indicator or level in compare mode, the page reloads with it.
clientside_callback(
    _js("navigate_right"),
    Output(ids.NAVIGATE, "data", allow_duplicate=True),
    Input(ids.INDICATOR_B, "value"), Input(ids.LEVEL_B, "value"), State(ids.VIEW, "data"),
    prevent_initial_call=True,
)

# When the user moves the right map's year slider, the right map recolours in place.
clientside_callback(
    _js("update_map_b"),
    Output({"type": ids.LEGEND_COUNT_B, "index": ALL}, "children"), Output(ids.MAP_TITLE_B, "children"),
    Input(ids.PAYLOAD_B, "data"), Input(ids.YEAR_B, "value"), Input(ids.AREA_SEARCH, "value"),
    State({"type": ids.LEGEND_COUNT_B, "index": ALL}, "id"),
)

# When the user moves either year in change mode, the pair goes to the server (a change map needs new classes).
clientside_callback(
    _js("change_years"),
    Output(ids.CHANGE_YEARS, "data"),
    Input(ids.YEAR, "value"), Input(ids.YEAR_B, "value"), State(ids.VIEW, "data"),
    prevent_initial_call=True,
)

