"""Two maps side by side: another year, another indicator or another level on the right."""

from __future__ import annotations

from dataclasses import replace

from geodata.model import Dataset
from geodata.store import LoadedRelease
from geodata.viewstate import View, default_indicator, pick_year, raw_param

from .common import map_parts
from .mode import Mode, ModeParts
from .urls import Urls


def right_view(view: View) -> View:
    """The right map described as a view of its own."""
    return replace(view, level=view.level_b or view.level, indicator=view.indicator_b or view.indicator,
                   year=view.year_b)


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
        year_b = pick_year(raw_param(params, "year_b"), ds.years(indicator_b, level_b), first=True)
        return replace(view, year_b=year_b, indicator_b=indicator_b, level_b=level_b)

    def parts(self, loaded: LoadedRelease, view: View, urls: Urls) -> ModeParts:
        main = map_parts(loaded, view, urls)
        second = map_parts(loaded, right_view(view), urls)
        return ModeParts(main, second, tuple(main.payload["years"]))
