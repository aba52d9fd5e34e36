"""The selected areas' panel: their series against the municipality and the nation."""

from __future__ import annotations

import math
from dataclasses import dataclass

from geodata import editions, views
from geodata.i18n import t
from geodata.model import Dataset, text

#: Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
AREA_COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
REFERENCE_COLOUR = "#4d4d4d"
NATIONAL_COLOUR = "#7f7f7f"


@dataclass(frozen=True)
class Series:
    """One line of the chart: a label and a value (or None) per year."""

    label: str
    values: tuple
    colour: str
    dash: str | None = None


@dataclass(frozen=True)
class AreaPanel:
    """What the panel shows for the selected areas: chart lines, table rows and their texts."""

    heading: str
    years: list[int]
    lines: list[Series]
    rows: list[dict]
    reference_names: list[str]
    unit: str
    decimals: int
    chart_label: str
    table_caption: str
    #: Where the series pass to another boundary edition: ``{"x", "label", "changed"}``
    #: per break, ``x`` halfway between the years on either side.
    breaks: tuple[dict, ...] = ()


def _finite(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def _by_year(frame) -> dict:
    return {} if frame is None else {int(y): _finite(v) for y, v in zip(frame["year"], frame["value"])}


def area_panel(ds: Dataset, level: str, area_ids: list[str], indicator: str, lang: str) -> AreaPanel | None:
    """The panel for the selected areas; None when none is selected."""
    if not area_ids:
        return None
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
    heading = f"{lines[0].label} ({area_ids[0]})" if len(area_ids) == 1 else t("area.selected_n", lang, n=len(area_ids))
    breaks = _break_marks(ds, level, indicator, area_ids, lang)
    return AreaPanel(
        heading=heading, years=years, lines=lines, rows=rows, reference_names=[r[0] for r in references],
        unit=unit, decimals=ind.decimals,
        chart_label=" ".join([t("area.chart_label", lang, indicator=label, area=names, reference=reference_names)]
                             + [b["text"] for b in breaks]),
        table_caption=t("area.table_caption", lang, indicator=label, area=names), breaks=breaks)


def _break_marks(ds: Dataset, level: str, indicator: str, area_ids: list[str], lang: str) -> tuple[dict, ...]:
    """A mark per change of boundary edition in the shown series: a break where ground changed."""
    marks = []
    for found in editions.series_breaks(ds, level, indicator, area_ids):
        kind = "changed" if found.changed else "same"
        names = ", ".join(views.area_name(ds, level, a) for a in found.changed)
        marks.append({"x": (found.year_before + found.year_after) / 2, "changed": bool(found.changed),
                      "label": t(f"area.break_{kind}_short", lang, year=found.year_after),
                      "text": t(f"area.break_{kind}", lang, year=found.year_after, areas=names)})
    return tuple(marks)
