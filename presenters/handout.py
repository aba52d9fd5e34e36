"""A deck's handout: what each slide draws, from the deck's links and the store.

Each slide's ``view`` is read by the same untrusted-link parser as any
page address (:func:`presenters.page.page_view`), and drawn with the
dashboard's own parts: the mode's legend rows
(:func:`presenters.common.class_legend`, :func:`presenters.change.change_legend`),
the classes of the shown year (:func:`geodata.views.map_summary`), the
change classes (:func:`geodata.change.change_values`), the map's finding
(``geodata.findings``, as the payload carries it) and the source,
licence and caveats of the map image (``Mode.export_notes``).  The
drawing itself is :mod:`geodata.handout`.

A slide whose link asks for something the data has not got (a dataset,
level, indicator or year that no longer exists, or a mode the indicator
can no longer be shown in: :func:`presenters.page.slide_problems`, the
presentation view's rule) becomes a slide with the message in both
languages, and the other slides are drawn as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs

import geopandas as gpd

from geodata import categories, change, handout, views
from geodata import classify as cls
from geodata.deck import Deck, Slide
from geodata.fmt import slug
from geodata.i18n import LANGUAGES, normalise_lang, t
from geodata.model import Dataset, text
from geodata.store import DatasetStore, LoadedRelease
from geodata.viewstate import View

from . import mode_of
from .common import Legend, MapParts
from .compare import right_view
from .page import QUOTED, choose_dataset, page_view, slide_problems
from .urls import Urls


@dataclass(frozen=True)
class SlideView:
    """What a slide's link settled on: the dataset and view, and what it asked for that the data has not got."""

    loaded: LoadedRelease | None
    view: View | None
    #: The problems in the handout's language, then in the other; empty when the slide can be shown.
    problems: tuple[str, ...] = ()


def link_params(query: str, lang: str) -> dict[str, list[str]]:
    """A slide's link query as parsed link parameters, in the handout's language."""
    params = parse_qs(query.lstrip("?"), keep_blank_values=False)
    params["lang"] = [normalise_lang(lang)]
    return params


def _languages(lang: str) -> list[str]:
    first = normalise_lang(lang)
    return [first] + [other for other in LANGUAGES if other != first]


def slide_view(store: DatasetStore, settings, query: str, lang: str) -> SlideView:
    """The view a slide's link shows, with what it asks for that the data has not got in both languages.

    The rule is the presentation view's (:func:`presenters.page.slide_problems`).
    """
    params = link_params(query, lang)
    loaded = choose_dataset(store, settings, params)
    if loaded is None:
        name = (params.get("ds") or ["–"])[0][:QUOTED]
        return SlideView(None, None, tuple(t("present.missing_dataset", each, name=name)
                                           for each in _languages(lang)))
    view = page_view(loaded, settings, params)
    problems = tuple(problem for each in _languages(lang)
                     for problem in slide_problems(loaded, replace(view, lang=each), params))
    return SlideView(loaded, view, problems)


def _label(ds: Dataset, indicator: str, lang: str) -> str:
    return text(ds.meta.indicator(indicator).label, lang)


def _legend(legend: Legend) -> tuple[handout.LegendEntry, ...]:
    return tuple(handout.LegendEntry(row.colour, row.label, row.count, row.no_data) for row in legend.rows)


def _fills(ds: Dataset, view: View, parts: MapParts, change_map: bool) -> list[str]:
    """Each area's fill in the shown year (or change), in the order of the level's polygons."""
    if change_map:
        values = change.change_values(ds, view.level, view.indicator, view.year_b, view.year)
        colours, no_data, classes = values["colours"], values["no_data_colour"], values["classes"]
    else:
        payload = parts.payload
        summary = views.map_summary(ds, view.level, view.indicator, payload["scheme"], payload["k"])
        colours, no_data = payload["colours"], cls.NO_DATA_COLOUR
        classes = summary["classes"][summary["years"].index(view.year)]
    out = []
    for char in classes:
        k = categories.class_index(char)
        out.append(colours[k] if 0 <= k < len(colours) else no_data)
    return out


def _panel(ds: Dataset, parts: MapParts, year: str, heading: str = "", change_map: bool = False) -> handout.MapPanel:
    view = parts.view
    frame = ds.areas[view.level]
    polygons = gpd.GeoDataFrame({"area_id": frame["area_id"].to_numpy(),
                                 "fill": _fills(ds, view, parts, change_map)},
                                geometry=frame.geometry.to_numpy(), crs=frame.crs)
    label, unit = parts.payload.get("label", ""), parts.payload.get("unit", "")
    return handout.MapPanel(polygons, _legend(parts.legend), year, heading,
                            f"{label} ({unit})" if unit else label, tuple(parts.legend.notes))


def _finding(parts: MapParts) -> str:
    """The finding the dashboard's map shows (``geodata.findings``): the shown year's, or the change's."""
    payload = parts.payload
    if "finding" in payload:
        return payload["finding"] or ""
    return (payload.get("findings") or {}).get(str(parts.view.year), "")


def slide_drawing(store: DatasetStore, settings, slide: Slide, lang: str, urls: Urls = Urls(),
                  footer: str = "") -> handout.SlideDrawing:
    """The drawing of one slide: its maps, legends, year, finding, source and licence, or its message."""
    lang = normalise_lang(lang)
    found = slide_view(store, settings, slide.view, lang)
    if found.problems:
        title = slide.title or t("handout.broken_title", lang)
        return handout.SlideDrawing(title, note=slide.note, message="\n".join(found.problems),
                                    footer=footer, lang=lang)
    loaded, view = found.loaded, found.view
    ds = loaded.dataset
    mode = mode_of(view)
    parts = mode.parts(loaded, view, urls)
    if view.mode == "change":
        year = parts.main.payload.get("yearLabel", f"{view.year_b}–{view.year}")
        maps = (_panel(ds, parts.main, year, change_map=True),)
    elif parts.second is not None:
        right = right_view(view)
        same_level = right.level == view.level
        maps = (_panel(ds, parts.main, str(view.year), _heading(ds, view, lang, same_level)),
                _panel(ds, parts.second, str(right.year), _heading(ds, right, lang, same_level)))
    else:
        year = str(view.year)
        maps = (_panel(ds, parts.main, year),)
    notes = mode.export_notes(ds, view)
    title = slide.title or t("map.title", lang, indicator=_label(ds, view.indicator, lang), year=maps[0].year)
    return handout.SlideDrawing(title, maps, note=slide.note, finding=_finding(parts.main),
                                source=notes["source"], licence=notes["licence"],
                                caveats=tuple(notes["caveats"]), footer=footer, lang=lang)


def _level_label(ds: Dataset, level: str | None, lang: str) -> str:
    found = next((lvl for lvl in ds.meta.map_levels if lvl.id == level), None)
    return text(found.label, lang) if found else str(level or "")


def _heading(ds: Dataset, view: View, lang: str, same_level: bool) -> str:
    """A compare map's heading: its indicator, and its level when the two maps' levels differ."""
    level = "" if same_level else _level_label(ds, view.level, lang)
    return " · ".join(p for p in (_label(ds, view.indicator, lang), level) if p)


def _footer(deck: Deck, number: int, lang: str) -> str:
    counter = t("present.counter", lang, n=number, total=len(deck.slides))
    return f"{deck.title} · {counter}" if deck.title else counter


def deck_drawings(store: DatasetStore, settings, deck: Deck, lang: str, urls: Urls = Urls()) -> list:
    """Every slide's drawing, in the deck's order."""
    return [slide_drawing(store, settings, slide, lang, urls, _footer(deck, number, lang))
            for number, slide in enumerate(deck.slides, start=1)]


def handout_pdf(store: DatasetStore, settings, deck: Deck, lang: str, urls: Urls = Urls()) -> bytes:
    """The deck as one PDF, a 16:9 page per slide."""
    return handout.deck_pdf(deck_drawings(store, settings, deck, lang, urls), deck.title)


def handout_png(store: DatasetStore, settings, deck: Deck, lang: str, number: int, urls: Urls = Urls()) -> bytes:
    """Slide ``number`` (1-based) as a 1920 × 1080 PNG; IndexError when the deck has no such slide."""
    if not 1 <= number <= len(deck.slides):
        raise IndexError(number)
    slide = deck.slides[number - 1]
    return handout.slide_png(slide_drawing(store, settings, slide, lang, urls, _footer(deck, number, lang)))


def handout_filename(deck: Deck, lang: str, fmt: str, number: int | None = None) -> str:
    """An ASCII file name: ``kommunstyrelsen-12-maj_presentation.pdf``, ``..._bild-3.png`` (``_slide-3`` in English)."""
    lang = normalise_lang(lang)
    parts = [slug(deck.title, limit=60), t("handout.file", lang)]
    if number is not None:
        parts.append(f"{t('handout.file_slide', lang)}-{number}")
    return "_".join(p for p in parts if p) + "." + fmt
