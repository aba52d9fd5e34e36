"""One map: an indicator at one level, a year at a time; and the exports of one map."""

from __future__ import annotations

from geodata import export
from geodata.i18n import t
from geodata.model import Dataset
from geodata.viewstate import View

from .mode import Mode

#: What the CSV buttons ask for: the shown year, every year, every year for Swedish Excel.
CSV_VARIANTS = ("year", "series", "excel")


def csv_years(ds: Dataset, level: str, indicator: str, year: int, variant: str) -> list[int]:
    return [year] if variant == "year" else ds.years(indicator, level)


def one_map_csv(ds: Dataset, view: View, variant: str = "year") -> tuple[str, str]:
    """``(body, file name)``: one map's values in the shown year or every year, plain or for Swedish Excel."""
    years = csv_years(ds, view.level, view.indicator, view.year, variant)
    body = export.view_csv(ds, view.level, view.indicator, years, view.lang)
    return excel_variant(body, variant, view.lang), export.export_filename(
        ds.name, view.indicator, years, "csv", suffix="excel" if variant == "excel" else None)


def excel_variant(body: str, variant: str, lang: str) -> str:
    return export.swedish_excel(body, lang) if variant == "excel" else body


def notes_of(ds: Dataset, views_: list[tuple[View, list[int]]], lang: str, **change_counts) -> dict:
    """Source (the shown indicators' own, not every source of the dataset), licence and caveats."""
    sources, licences, caveats = [], [], []
    for view, years in views_:
        ind = ds.meta.indicator(view.indicator)
        sources.append(export.indicator_source(ds, ind, lang))
        licences.append(export.indicator_licence(ds, ind))
        caveats += export.caveats(ds, view.level, view.indicator, years, lang, **change_counts)
    join = lambda items: "; ".join(dict.fromkeys(i for i in items if i))  # noqa: E731
    return {"source": t("export.source", lang, source=join(sources) or "–"),
            "licence": t("export.licence", lang, licence=join(licences) or "–"),
            "caveats": list(dict.fromkeys(caveats))}


def one_map_notes(ds: Dataset, view: View) -> dict:
    return notes_of(ds, [(view, [view.year])], view.lang)


class MapMode(Mode):
    """The default mode.  Indicator, level and classification change in place."""

    name = "map"
    live_controls = True
