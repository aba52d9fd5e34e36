"""Local clusters (LISA) of one indicator as a map: where similar values lie together.

The clusters are computed at publish (``geodata/clusters.py``, stored by
``geodata/measures.py``); this mode only reads them.  Its values file has the
shape of the one-map values file (ids, years, values, classes, statuses), with
the cluster class as the class of each area, so the browser draws it and
steps its years without asking the server again.
"""

from __future__ import annotations

import math
from dataclasses import replace

from geodata import clusters as cl
from geodata import measures, views
from geodata.classify import NO_DATA_COLOUR
from geodata.fmt import format_number
from geodata.i18n import count_text, t
from geodata.model import Dataset, text
from geodata.store import LoadedRelease
from geodata.viewstate import View

from .common import Legend, LegendRow, MapParts, indicator_options, map_texts, searched_on_server
from .mode import Mode, ModeParts, Shown
from .urls import Urls

#: The classes in the order of the legend and of the class characters "0".."4".
CLASSES = ("HH", "LL", "HL", "LH", cl.NOT_SIGNIFICANT)
#: ColorBrewer RdBu: a cluster of similar values strong, an area unlike its neighbours light, not
#: significant light grey.  Red and blue stay apart for protanopia and deuteranopia (tests/test_clusters_mode.py).
COLOURS = {"HH": "#b2182b", "LL": "#2166ac", "HL": "#f4a582", "LH": "#92c5de", cl.NOT_SIGNIFICANT: "#efefef"}
NO_CLASS = "-"
#: Moran's I below this p-value says the values cluster.
ALPHA = 0.05


def cluster_years(ds: Dataset, level: str, indicator: str) -> list[int]:
    """The years with clusters stored for ``indicator`` at ``level`` (none without measures or for a category)."""
    def years():
        if level not in ds.areas or indicator not in {i.id for i in ds.meta.indicators} \
                or ds.meta.indicator(indicator).kind == "category":
            return []
        lisa = measures.measures_of(ds)
        if lisa is None:
            return []
        rows = lisa.table("lisa")
        rows = rows[(rows["level"] == level) & (rows["indicator"] == indicator)]
        return sorted(int(y) for y in rows["year"].unique())
    return ds.memo(("clusters.years", level, indicator), years)


def cluster_values(ds: Dataset, level: str, indicator: str) -> dict:
    """Values, cluster classes and statuses of every area in every year with clusters.

    The values file's shape (:func:`geodata.views.map_values`): ``classes``
    one character per area, ``"0"``..``"4"`` in :data:`CLASSES` order and
    ``"-"`` for an area that was not tested (no value, or no neighbour with
    one).  ``counts`` per year: areas per class, then the areas without a
    value and those without neighbours with one.
    """
    def compute():
        ids = views.level_ids(ds, level)
        years = cluster_years(ds, level, indicator)
        summary = views.map_summary(ds, level, indicator)
        status_of = dict(zip(summary["years"], summary["status"]))
        code = {c: str(i) for i, c in enumerate(CLASSES)}
        out = {"ids": ids, "years": years, "values": [], "classes": [], "status": [], "counts": []}
        for year in years:
            frame = measures.clusters(ds, level, indicator, year)
            by_area = dict(zip(frame["area_id"], frame["cluster"]))
            found = [by_area.get(area_id, cl.NO_DATA) for area_id in ids]
            out["values"].append(views.year_values(ds, level, indicator, year))
            out["classes"].append("".join(code.get(c, NO_CLASS) for c in found))
            out["status"].append(status_of.get(year, "m" * len(ids)))
            out["counts"].append([found.count(c) for c in CLASSES]
                                 + [found.count(cl.NO_DATA), found.count(cl.NO_NEIGHBOURS)])
        return out
    return ds.memo(("clusters.values", level, indicator), compute)


def moran_note(ds: Dataset, level: str, indicator: str, year: int, lang: str) -> str | None:
    """Global Moran's I and its p-value in ``year`` in words, or None when none is stored."""
    rows = measures.moran(ds, level, indicator)
    rows = rows[rows["year"] == int(year)]
    if rows.empty:
        return None
    i, p = float(rows["moran_i"].iloc[0]), float(rows["p_value"].iloc[0])
    if not (math.isfinite(i) and math.isfinite(p)):
        return t("cluster.moran.none", lang, year=year)
    verdict = t("cluster.moran.clustered" if p < ALPHA else "cluster.moran.not_clustered", lang)
    if p < 0.001:
        return t("cluster.moran.small_p", lang, i=format_number(i, 2, lang), p=format_number(0.001, 3, lang),
                 verdict=verdict)
    return t("cluster.moran", lang, i=format_number(i, 2, lang), p=format_number(p, 3, lang), verdict=verdict)


def class_labels(lang: str) -> list[str]:
    return [t(f"cluster.{c}", lang) for c in CLASSES]


def cluster_legend(ds: Dataset, view: View, counts: list[int]) -> Legend:
    """One row per cluster class with its count, the untested areas, and what a cluster is and is not."""
    lang = view.lang
    rows = [LegendRow(COLOURS[c], label, count_text(counts[i], lang))
            for i, (c, label) in enumerate(zip(CLASSES, class_labels(lang)))]
    rows.append(LegendRow(NO_DATA_COLOUR, t("cluster.legend.untested", lang),
                          t("cluster.legend.untested_detail", lang, suppressed=counts[-2], missing=counts[-1]),
                          no_data=True, separated=True))
    # Moran's I of the shown year is the last note; the browser swaps it when the year moves (yearNotes).
    notes = [t("cluster.explain", lang), t("cluster.legend.colours", lang),
             moran_note(ds, view.level, view.indicator, view.year, lang) or ""]
    return Legend(tuple(rows), tuple(notes), live=True, year_note=len(notes) - 1)


class ClustersMode(Mode):
    """One map of the local clusters of the shown year; the slider steps the years with clusters."""

    name = "clusters"

    def available(self, ds: Dataset, view: View) -> bool:
        return bool(cluster_years(ds, view.level, view.indicator))

    def complete(self, view: View, params, ds: Dataset) -> View:
        years = cluster_years(ds, view.level, view.indicator)
        if not years:
            return replace(view, mode="map")
        return view if view.year in years else replace(view, year=years[-1])

    def data_url(self, loaded: LoadedRelease, view: View, urls: Urls) -> str:
        return urls.clusters(loaded.dataset.name, loaded.release, view.level, view.indicator)

    def parts(self, loaded: LoadedRelease, view: View, urls: Urls) -> ModeParts:
        ds, lang = loaded.dataset, view.lang
        ind = ds.meta.indicator(view.indicator)
        values = cluster_values(ds, view.level, view.indicator)
        years = values["years"]
        payload = {
            "level": view.level, "indicator": view.indicator, "label": text(ind.label, lang),
            "unit": text(ind.unit, lang), "decimals": ind.decimals, "lang": lang,
            "years": years, "counts": values["counts"],
            "colours": [COLOURS[c] for c in CLASSES], "noDataColour": NO_DATA_COLOUR,
            # The tooltip names the cluster class beside the value (assets/atlas-50-map.js).
            "classLabels": class_labels(lang), "valueAndClass": True,
            # Moran's I per year, the legend's last note (assets/atlas-80-callbacks.js year_note).
            "yearNotes": {str(y): moran_note(ds, view.level, view.indicator, y, lang) or "" for y in years},
            "url": self.data_url(loaded, view, urls), "searchOnServer": searched_on_server(ds, view.level),
            "text": {**map_texts(lang), "noDataDetail": t("cluster.legend.untested_detail", lang),
                     "untested": t("cluster.tooltip.untested", lang)},
        }
        counts = values["counts"][years.index(view.year)]
        main = MapParts(view, payload, cluster_legend(ds, view, counts), payload["url"],
                        urls.geo(ds.name, loaded.release, view.level), indicator_options(ds, view.level, lang))
        return ModeParts(main, slider_years=tuple(years))

    def shown(self, ds: Dataset, view: View) -> Shown:
        ind = ds.meta.indicator(view.indicator)
        values = cluster_values(ds, view.level, view.indicator)
        yi = values["years"].index(view.year)
        return Shown(values["values"][yi], values["classes"][yi], [], [COLOURS[c] for c in CLASSES],
                     class_labels(view.lang), text(ind.unit, view.lang), ind.decimals, str(view.year))
