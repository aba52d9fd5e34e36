"""A whole page: which dataset and view a link asks for, and everything the layout shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from geodata import webgeo
from geodata.i18n import normalise_lang, t
from geodata.model import DatasetMeta, text
from geodata.store import DatasetStore, DatasetUnavailable, LoadedRelease
from geodata.viewstate import View

from . import MODES, mode_of, parse_view, query
from .area import AreaPanel, area_panel
from .common import indicator_note, initial_area_options, level_options, outline_level
from .mode import ModeParts
from .urls import EMBED_ROUTE, PRESENT_ROUTE, Urls


#: Surfaces: the full dashboard at the base path, the view made to be framed by other sites, and
#: the presentation view for a meeting's projector.
PAGE, EMBED, PRESENT = "page", "embed", "present"
#: The embed view's path below the base path.
EMBED_PATH = EMBED_ROUTE
#: The presentation view's path below the base path.
PRESENT_PATH = PRESENT_ROUTE
#: Paths below the base path that show a surface other than the full page.
SURFACE_PATHS = {EMBED_PATH: EMBED, PRESENT_PATH: PRESENT}
#: Longest text of a link's value quoted back in a slide's message.
QUOTED = 60


def surface_of(path_below_base: str) -> str:
    """Which surface a page path (below the base path, without a leading slash) shows."""
    return SURFACE_PATHS.get(path_below_base.strip("/"), PAGE)


@dataclass(frozen=True)
class PageData:
    """Everything a page shows on first render; ``layouts.page.build_page`` places it."""

    view: View
    meta: DatasetMeta
    parts: ModeParts
    outline_url: str | None
    bounds: list[list[float]]
    area_options: list[dict]
    level_options: list[dict]
    mode_options: list[dict]
    indicator_note: str
    lang_href: str
    datasets: list[dict] = field(default_factory=list)
    tile_url: str | None = None
    tile_attribution: str = ""
    area_panel: AreaPanel | None = None
    surface: str = PAGE
    #: The full dashboard's link to the same view (the embed view's "open in Segregationsatlas").
    full_href: str = ""
    #: The embed view's link to the same view (the full view's embed dialog starts from it).
    embed_href: str = ""
    #: The accessibility statement in the page's language.
    accessibility_href: str = ""
    #: The embed view's path on this site (the embed dialog adds the view's query).
    embed_path: str = ""
    #: The presentation view's link to the same view, and its path (decks add each slide's query).
    present_href: str = ""
    present_path: str = ""
    #: What a slide's link asks for that the data has not got (presentation view), one sentence each.
    slide_problems: tuple[str, ...] = ()
    #: The years of every indicator at the view's level, for the presentation view to tell whether
    #: the next slide can be shown in place (same dataset and level) or needs its own page.
    indicator_years: dict = field(default_factory=dict)
    #: Decks published with the command line: name, title and number of slides.
    decks: list[dict] = field(default_factory=list)
    #: Where a deck's handout (PDF, PNG per slide) is made (``POST``).
    handout_path: str = ""


def dataset_options(store: DatasetStore, lang: str) -> list[dict]:
    """The dataset picker's options, from the catalog (damaged datasets are left out)."""
    return [{"label": text(entry.meta.title, lang) or entry.name, "value": entry.name}
            for entry in store.catalog() if entry.ok]


def choose_dataset(store: DatasetStore, settings, params: Mapping[str, object]) -> LoadedRelease | None:
    """The dataset a link names, else the configured default, else the first that loads.

    A dataset that fails to load is skipped (the store reports it), so one
    damaged dataset never takes the others' pages down.  None when no
    dataset can be served.
    """
    names = store.names()
    wanted = params.get("ds")
    wanted = wanted[0] if isinstance(wanted, (list, tuple)) and wanted else wanted
    first = [n for n in (wanted, settings.default_dataset) if isinstance(n, str) and n in names]
    for name in dict.fromkeys(first + names):
        try:
            return store.get(name)
        except DatasetUnavailable:
            continue
    return None


def mode_options(loaded: LoadedRelease, view: View) -> list[dict]:
    """The mode switch: every registered mode, disabled where it cannot show the view."""
    return [{"label": t(f"mode.{name}", view.lang), "value": name,
             **({"disabled": True} if not mode.available(loaded.dataset, view) else {})}
            for name, mode in MODES.items()]


def slide_problems(loaded: LoadedRelease, view: View, params: Mapping[str, object]) -> tuple[str, ...]:
    """What the link ``params`` asks for that ``view`` (what the data can show) could not give.

    A deck's slide was prepared on data that may since have changed: its
    dataset removed, an indicator renamed, a year not yet published.  The
    page shows the nearest view it can; the presentation view says what is
    missing instead of silently showing something else.
    """
    lang = view.lang

    def asked(name: str) -> str | None:
        value = params.get(name)
        value = value[0] if isinstance(value, (list, tuple)) and value else value
        return value.strip()[:QUOTED] if isinstance(value, str) and value.strip() else None

    ds = loaded.dataset

    def missing_year(year: str, indicator: str, level: str) -> str:
        years = ds.years(indicator, level)
        span = f"{years[0]}–{years[-1]}" if years else "–"
        label = text(ds.meta.indicator(indicator).label, lang)
        return t("present.missing_year", lang, year=year, indicator=label, years=span)

    problems = []
    if asked("ds") not in (None, view.dataset):
        problems.append(t("present.missing_dataset", lang, name=asked("ds")))
    elif asked("level") not in (None, view.level):
        problems.append(t("present.missing_level", lang, name=asked("level")))
    elif asked("ind") not in (None, view.indicator):
        problems.append(t("present.missing_indicator", lang, name=asked("ind")))
    elif asked("year") not in (None, str(view.year)):
        problems.append(missing_year(asked("year"), view.indicator, view.level))
    if not problems and asked("mode") not in (None, view.mode):
        problems.append(t("present.missing_mode", lang, name=asked("mode")))
    used = mode_of(view).params
    if not problems and "level_b" in used and asked("level2") not in (None, view.level_b):
        problems.append(t("present.missing_level", lang, name=asked("level2")))
    elif not problems and "indicator_b" in used and asked("ind2") not in (None, view.indicator_b):
        problems.append(t("present.missing_indicator", lang, name=asked("ind2")))
    elif not problems and "year_b" in used and asked("year2") not in (None, str(view.year_b)):
        problems.append(missing_year(asked("year2"), view.indicator_b or view.indicator, view.level_b or view.level))
    return tuple(problems)


def published_decks(store: DatasetStore, lang: str) -> list[dict]:
    """The decks published with ``python -m geodata deck publish``, for the dashboard to list."""
    from geodata import deck

    good, _ = deck.published(store.root)
    return [{"name": name, "title": found.title or name, "slides": len(found.slides), "code": deck.encode(found),
             "first": found.slides[0].view} for name, found in good]


def page_view(loaded: LoadedRelease, settings, params: Mapping[str, object]) -> View:
    return parse_view(params, loaded.dataset, default_lang=normalise_lang(settings.default_lang))


def page_data(store: DatasetStore, settings, params: Mapping[str, object], urls: Urls,
              surface: str = PAGE) -> PageData | None:
    """The page for link ``params`` (untrusted, all optional) on ``surface``; None when there is no data."""
    loaded = choose_dataset(store, settings, params)
    if loaded is None:
        return None
    ds = loaded.dataset
    view = page_view(loaded, settings, params)
    outline = outline_level(ds)
    other = "en" if view.lang == "sv" else "sv"
    return PageData(
        view=view, meta=ds.meta, parts=mode_of(view).parts(loaded, view, urls),
        outline_url=urls.outline(ds.name, loaded.release, outline) if outline else None,
        bounds=webgeo.bounds(ds.areas[view.level]),
        area_options=initial_area_options(ds, view.level, view.areas),
        level_options=level_options(ds, view.lang),
        mode_options=mode_options(loaded, view),
        indicator_note=indicator_note(ds.meta.indicator(view.indicator), view.lang),
        lang_href={EMBED: urls.embed, PRESENT: urls.present}.get(surface, urls.page)(query(view, lang=other)),
        datasets=dataset_options(store, view.lang),
        tile_url=settings.tile_url, tile_attribution=settings.tile_attribution,
        area_panel=area_panel(ds, view.level, list(view.areas), view.indicator, view.lang),
        surface=surface,
        full_href=urls.page(query(view, controls=())),
        embed_href=urls.embed(query(view)),
        accessibility_href=urls.accessibility(view.lang),
        embed_path=urls.embed(),
        present_href=urls.present(query(view, controls=())),
        present_path=urls.present(),
        slide_problems=slide_problems(loaded, view, params) if surface == PRESENT else (),
        indicator_years=({ind: ds.years(ind, view.level) for ind in ds.indicators_at(view.level)}
                         if surface == PRESENT else {}),
        decks=published_decks(store, view.lang) if surface != EMBED else [],
        handout_path=urls.handout(),
    )


@dataclass(frozen=True)
class Preload:
    """A URL the index page asks the browser to fetch early; ``data`` marks the main map's values."""

    url: str
    data: bool = False


def preload_urls(store: DatasetStore, settings, params: Mapping[str, object], urls: Urls,
                 surface: str = PAGE) -> list[Preload]:
    """Geometry and data URLs of the view a page request asks for.

    The index page names them as preloads, so the downloads start while the
    browser is still loading Dash's scripts.
    """
    loaded = choose_dataset(store, settings, params)
    if loaded is None:
        return []
    ds = loaded.dataset
    view = page_view(loaded, settings, params)
    found = [Preload(urls.geo(ds.name, loaded.release, view.level)),
             Preload(mode_of(view).data_url(loaded, view, urls), data=True)]
    outline = outline_level(ds)
    if outline:
        found.append(Preload(urls.outline(ds.name, loaded.release, outline)))
    return found
