"""The selected areas' panel: their series against the municipality and the nation."""

from __future__ import annotations

import math

from dash import Input, Output, callback
from dash.exceptions import PreventUpdate

from geodata import views
from geodata.i18n import normalise_lang, t
from geodata.model import Dataset, text
from geodata.viewstate import MAX_AREAS
from layouts import ids
from layouts.area import (AREA_COLOURS, NATIONAL_COLOUR, REFERENCE_COLOUR, Series, area_body, area_panel,
                          series_figure, series_table)

from .context import loaded


def _finite(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def _by_year(frame) -> dict:
    return {} if frame is None else {int(y): _finite(v) for y, v in zip(frame["year"], frame["value"])}


def area_content(ds: Dataset, level: str, area_ids: list[str], indicator: str, lang: str) -> list:
    """Panel content for the selected areas (a hint when none is selected)."""
    if not area_ids:
        return area_panel(lang)
    ind = ds.meta.indicator(indicator)
    unit, label = text(ind.unit, lang), text(ind.label, lang)
    references = [(t("area.reference", lang), _by_year(views.reference_series(ds, indicator)), REFERENCE_COLOUR,
                   "dash"),
                  (t("area.national", lang), _by_year(views.national_series(ds, indicator)), NATIONAL_COLOUR, "dot")]
    references = [r for r in references if r[1]]
    rows, lines, years = [], [], []
    for colour, area_id in zip(AREA_COLOURS, area_ids):
        name = views.area_name(ds, level, area_id)
        series = views.area_series(ds, level, area_id, indicator)
        years = [int(y) for y in series["year"]]
        lines.append(Series(name, tuple(_finite(v) for v in series["value"]), colour))
        rows += [{"name": name, "year": int(r.year), "value": _finite(r.value), "status": r.status,
                  "rank": _finite(r.rank), "ranked": int(r.ranked), "percentile": _finite(r.percentile),
                  "references": [ref[1].get(int(r.year)) for ref in references]}
                 for r in series.itertuples()]
    lines += [Series(name, tuple(values.get(y) for y in years), colour, dash)
              for name, values, colour, dash in references]
    names = ", ".join(line.label for line in lines[: len(area_ids)])
    reference_names = " / ".join(r[0] for r in references) or t("area.no_reference", lang)
    chart_label = t("area.chart_label", lang, indicator=label, area=names, reference=reference_names)
    table = series_table(rows, unit, ind.decimals, lang, t("area.table_caption", lang, indicator=label, area=names),
                         [r[0] for r in references])
    heading = f"{lines[0].label} ({area_ids[0]})" if len(area_ids) == 1 else t("area.selected_n", lang, n=len(area_ids))
    return area_panel(lang, heading, area_body(series_figure(years, lines, unit, ind.decimals, lang), table,
                                               chart_label, lang))


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
    if not isinstance(view, dict):
        raise PreventUpdate
    ds = loaded(view.get("dataset")).dataset
    level, indicator = view.get("level"), view.get("indicator")
    if level not in ds.areas or indicator not in {i.id for i in ds.meta.indicators}:
        raise PreventUpdate
    area_ids = selected_ids(value)
    if len(area_ids) > MAX_AREAS or not set(area_ids) <= ds.area_ids(level):
        raise PreventUpdate
    return area_content(ds, level, area_ids, indicator, normalise_lang(view.get("lang")))
