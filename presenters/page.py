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
from .urls import EMBED_ROUTE, Urls


#: Surfaces: the full dashboard at the base path, and the view made to be framed by other sites.
PAGE, EMBED = "page", "embed"
#: The embed view's path below the base path.
EMBED_PATH = EMBED_ROUTE


def surface_of(path_below_base: str) -> str:
    """Which surface a page path (below the base path, without a leading slash) shows."""
    return EMBED if path_below_base.strip("/") == EMBED_PATH else PAGE


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
        lang_href=(urls.embed if surface == EMBED else urls.page)(query(view, lang=other)),
        datasets=dataset_options(store, view.lang),
        tile_url=settings.tile_url, tile_attribution=settings.tile_attribution,
        area_panel=area_panel(ds, view.level, list(view.areas), view.indicator, view.lang),
        surface=surface,
        full_href=urls.page(query(view, controls=())),
        embed_href=urls.embed(query(view)),
        accessibility_href=urls.accessibility(view.lang),
        embed_path=urls.embed(),
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
