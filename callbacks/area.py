"""The selected area's panel: its series against the municipality."""

from __future__ import annotations

import math

from dash import Input, Output, State, callback
from dash.exceptions import PreventUpdate

from geodata import views
from geodata.i18n import t
from geodata.model import Dataset, text
from layouts import ids
from layouts.area import area_body, area_panel, series_figure, series_table

from .context import loaded


def _finite(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def area_content(ds: Dataset, level: str, area_id: str | None, indicator: str, lang: str) -> list:
    """Panel content for ``area_id`` (a hint when nothing is selected)."""
    if not area_id:
        return area_panel(lang)
    ind = ds.meta.indicator(indicator)
    name = views.area_name(ds, level, area_id)
    series = views.area_series(ds, level, area_id, indicator)
    ref = views.reference_series(ds, indicator)
    ref_by_year = {} if ref is None else dict(zip(ref["year"], ref["value"]))
    ref_name = t("area.reference", lang) if ref is not None else None
    unit, label = text(ind.unit, lang), text(ind.label, lang)
    rows = [{"year": int(r.year), "value": _finite(r.value), "status": r.status, "rank": _finite(r.rank),
             "ranked": int(r.ranked), "reference": _finite(ref_by_year.get(r.year))}
            for r in series.itertuples()]
    fig = series_figure([r["year"] for r in rows], [r["value"] for r in rows],
                        [r["reference"] for r in rows] if ref is not None else None,
                        unit, ind.decimals, lang, name, ref_name or "")
    chart_label = t("area.chart_label", lang, indicator=label, area=name, reference=ref_name or "–")
    table = series_table(rows, unit, ind.decimals, lang, t("area.table_caption", lang, indicator=label, area=name),
                         ref_name)
    return area_panel(lang, f"{name} ({area_id})", area_body(fig, table, chart_label))


@callback(Output(ids.AREA_PANEL, "children"),
          Input(ids.AREA_SEARCH, "value"), Input(ids.VIEW, "data"),
          prevent_initial_call=True)
def show_area(area_id, view):
    """When the user selects an area (map click or search), its time series and table appear."""
    if not isinstance(view, dict):
        raise PreventUpdate
    ds = loaded(view.get("dataset")).dataset
    level, indicator, lang = view.get("level"), view.get("indicator"), view.get("lang")
    if level not in ds.areas or indicator not in {i.id for i in ds.meta.indicators}:
        raise PreventUpdate
    if area_id is not None and (not isinstance(area_id, str) or area_id not in set(ds.areas[level]["area_id"])):
        raise PreventUpdate
    return area_content(ds, level, area_id, indicator, lang if lang in ("sv", "en") else "sv")
