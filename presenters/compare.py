"""Two maps side by side: another year, indicator or level on the right."""

from __future__ import annotations

from dataclasses import replace

from geodata import export
from geodata.i18n import t
from geodata.model import Dataset
from geodata.store import LoadedRelease
from geodata.viewstate import View, default_indicator, parse_year, raw_param

from .common import map_parts
from .map import csv_years, excel_variant, notes_of
from .mode import Mode, ModeParts, Shown
from .urls import Urls


def right_view(view: View) -> View:
    """The right map described as a view of its own."""
    return replace(view, level=view.level_b or view.level, indicator=view.indicator_b or view.indicator,
                   year=view.year_b)


def nearest(years: list[int], wanted: int | None) -> int | None:
    """The year of ``years`` nearest ``wanted`` (the later on a tie); the first without one."""
    if not years:
        return None
    if wanted is None:
        return years[0]
    return min(years, key=lambda y: (abs(y - wanted), -y))


class CompareMode(Mode):
    """Pan and zoom are locked; two years of one indicator share one classification."""

    name = "compare"
    params = ("year_b", "indicator_b", "level_b")

    def complete(self, view: View, params, ds: Dataset) -> View:
        map_levels = [lvl.id for lvl in ds.meta.map_levels]
        level_b = raw_param(params, "level_b")
        level_b = level_b if level_b in map_levels else view.level
        indicator_b = raw_param(params, "indicator_b")
        if indicator_b not in ds.indicators_at(level_b):
            indicator_b = view.indicator if level_b == view.level else default_indicator(ds, level_b)
        # The right map keeps its year when its indicator or level changes: the nearest it has.
        year_b = nearest(ds.years(indicator_b, level_b), parse_year(raw_param(params, "year_b")))
        return replace(view, year_b=year_b, indicator_b=indicator_b, level_b=level_b)

    def parts(self, loaded: LoadedRelease, view: View, urls: Urls) -> ModeParts:
        main = map_parts(loaded, view, urls)
        second = map_parts(loaded, right_view(view), urls)
        return ModeParts(main, second, tuple(main.payload["years"]))

    def shown_maps(self, ds: Dataset, view: View) -> list[Shown]:
        return [self.shown(ds, view), self.shown(ds, right_view(view))]

    def export_csv(self, ds: Dataset, view: View, variant: str = "year") -> tuple[str, str]:
        """Both maps' values, one after the other, with a column saying which map."""
        right = right_view(view)
        sides = []
        for side, shown in (("left", view), ("right", right)):
            years = csv_years(ds, shown.level, shown.indicator, shown.year, variant)
            sides.append((t(f"export.side.{side}", view.lang),
                          export.view_csv(ds, shown.level, shown.indicator, years, view.lang)))
        body = export.stack_csv(sides, view.lang)
        years = [view.year, right.year] if variant == "year" else []
        name = export.export_filename(ds.name, f"{view.indicator}-{right.indicator}", years, "csv",
                                      suffix="compare-excel" if variant == "excel" else "compare")
        return excel_variant(body, variant, view.lang), name

    def export_notes(self, ds: Dataset, view: View) -> dict:
        right = right_view(view)
        return notes_of(ds, [(view, [view.year]), (right, [right.year])], view.lang)
