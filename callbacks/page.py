"""The page itself: a view from the URL, rendered with its data inline.

The first render carries the small map payload of the requested view, so the
browser colours the map as soon as geometry and values (preloaded) arrive,
without waiting for a callback.
"""

from __future__ import annotations

from dataclasses import replace

from urllib.parse import parse_qs, urlsplit

import dash
import flask
from dash import html

from geodata import change, views, webgeo
from geodata.i18n import normalise_lang, t
from geodata.model import Dataset, text
from geodata.viewstate import CHANGE, COMPARE, View, parse_view
from layouts import ids
from layouts.page import PageData, build_page, change_legend, legend

from .area import area_content
from .context import services


def geo_url(name: str, release: str, level: str) -> str:
    """Versioned, cacheable URL of a level's geometry."""
    return dash.get_relative_path(f"/geo/{name}/{release}/{level}.geojson")


#: Above this many areas the search list is filled from the server as the
#: user types: indexing thousands of options would stall the page.
AREA_OPTIONS_INLINE = 400


def values_url(name: str, release: str, level: str, indicator: str, scheme: str, k: int) -> str:
    """Versioned, cacheable URL of one indicator's values and classes at one level."""
    return dash.get_relative_path(f"/values/{name}/{release}/{level}/{indicator}/{scheme}-{k}.json")


def map_payload(name: str, release: str, ds: Dataset, view: View) -> dict:
    """The map's small Dash-side payload, pointing at its values URL."""
    payload = views.map_payload(ds, view.level, view.indicator, view.scheme, view.k, view.lang)
    return {**payload, "url": values_url(name, release, view.level, view.indicator, payload["scheme"],
                                         payload["k"]),
            "searchOnServer": len(ds.areas[view.level]) > AREA_OPTIONS_INLINE}


def initial_area_options(ds: Dataset, level: str, selected) -> list[dict]:
    """All areas of small levels; for large ones only the selected (the rest come by search)."""
    options = views.area_options(ds, level)
    if len(options) <= AREA_OPTIONS_INLINE:
        return options
    chosen = {selected} if isinstance(selected, str) else set(selected or ())
    return [o for o in options if o["value"] in chosen]


def outline_level(ds: Dataset) -> str | None:
    """The level whose dissolved polygons draw the municipal boundary."""
    ref_level = ds.meta.reference.get("level")
    if ref_level in ds.areas:
        return ref_level
    mappable = [lvl.id for lvl in ds.meta.map_levels if lvl.id in ds.areas]
    return mappable[-1] if mappable else None


def indicator_options(ds: Dataset, level: str, lang: str) -> list[dict]:
    available = ds.indicators_at(level)
    return [{"label": text(ind.label, lang), "value": ind.id}
            for ind in ds.meta.indicators if ind.id in available]


def change_url(name: str, release: str, level: str, indicator: str, year_from: int, year_to: int) -> str:
    """Versioned, cacheable URL of the change of one indicator between two years."""
    return dash.get_relative_path(f"/change/{name}/{release}/{level}/{indicator}/{year_from}-{year_to}.json")


def change_parts(ds: Dataset, release: str, view: View) -> tuple[dict, list]:
    """The small payload and the legend of a change map (``view.year_b`` to ``view.year``)."""
    ind = ds.meta.indicator(view.indicator)
    values = change.change_values(ds, view.level, view.indicator, view.year_b, view.year)
    lang = view.lang
    payload = {
        "level": view.level, "indicator": view.indicator, "label": text(ind.label, lang),
        "unit": change.change_unit(ind, lang, short=True), "decimals": values["decimals"], "lang": lang,
        "years": [view.year], "allYears": ds.years(view.indicator, view.level), "counts": [],
        "colours": values["colours"], "noDataColour": values["noDataColour"], "signed": True,
        "yearLabel": f"{view.year_b}–{view.year}",
        "url": change_url(ds.name, release, view.level, view.indicator, view.year_b, view.year),
        "searchOnServer": len(ds.areas[view.level]) > AREA_OPTIONS_INLINE,
        "text": {**views.map_texts(lang),
                 "boundary": t("change.reason.b", lang), "noBase": t("change.reason.z", lang),
                 "suppressed": t("change.reason.s", lang), "missing": t("change.reason.m", lang)},
    }
    rows = change.change_legend_rows(ind, values, lang)
    notes = [change.change_explanation(ind, view.year_b, view.year, lang), change.change_legend_note(ind, lang)]
    boundary = values["counts"][len(values["breaks"]) + change.NO_DATA_REASONS.index(change.REASON_BOUNDARY)]
    if boundary:
        notes.append(t("change.legend.boundaries", lang))
    return payload, change_legend(rows, notes)


def map_parts(ds: Dataset, release: str, view: View, count_type: str = ids.LEGEND_COUNT) -> tuple[dict, list]:
    """The small payload and the legend of ``view``'s indicator, level and year."""
    payload = map_payload(ds.name, release, ds, view)
    ind = ds.meta.indicator(view.indicator)
    rows = views.legend_rows(ind, views.classification(ds, view.level, view.indicator, view.scheme, view.k),
                             view.lang)
    year_index = payload["years"].index(view.year) if view.year in payload["years"] else -1
    counts = payload["counts"][year_index] if payload["counts"] and year_index >= 0 else []
    return payload, legend(ind, rows, counts, view.lang, count_type)


def right_map_view(view: View) -> View:
    """The right map of compare mode, described as a view of its own."""
    return replace(view, level=view.level_b or view.level, indicator=view.indicator_b or view.indicator,
                   year=view.year_b)


def compare_data(ds: Dataset, release: str, view: View) -> dict:
    right = right_map_view(view)
    payload, legend_b = map_parts(ds, release, right, ids.LEGEND_COUNT_B)
    return {"payload": payload, "legend": legend_b, "geo_url": geo_url(ds.name, release, right.level),
            "indicator_options": indicator_options(ds, right.level, view.lang)}


def page_data(ds: Dataset, release: str, view: View, dataset_options: list[dict]) -> PageData:
    settings = services().settings
    payload, legend_a = (change_parts if view.mode == CHANGE else map_parts)(ds, release, view)
    outline = outline_level(ds)
    return PageData(
        view=view, meta=ds.meta, payload=payload, legend=legend_a,
        geo_url=geo_url(ds.name, release, view.level),
        outline_url=geo_url(ds.name, release, f"{outline}.outline") if outline else None,
        bounds=webgeo.bounds(ds.areas[view.level]),
        area_options=initial_area_options(ds, view.level, view.areas),
        indicator_options=indicator_options(ds, view.level, view.lang),
        datasets=dataset_options,
        tile_url=settings.tile_url, tile_attribution=settings.tile_attribution,
        area_panel=area_content(ds, view.level, list(view.areas), view.indicator, view.lang) if view.areas else None,
        compare=compare_data(ds, release, view) if view.mode == COMPARE else None,
    )


def chosen_dataset(params: dict):
    """The dataset a link names, else the configured default, else the first; None when there is none."""
    svc = services()
    names = svc.store.names()
    if not names:
        return None
    wanted = params.get("ds")
    name = wanted if wanted in names else (svc.settings.default_dataset
                                           if svc.settings.default_dataset in names else names[0])
    return svc.store.get(name)


def preload_urls(params: dict) -> list[str]:
    """Geometry and values URLs of the view a page request asks for.

    The index page names them as preloads, so both downloads start while
    the browser is still loading Dash's scripts.
    """
    current = chosen_dataset(params)
    if current is None:
        return []
    name = current.dataset.name
    view = parse_view(params, current.dataset, default_lang=services().settings.default_lang)
    data_url = (change_url(name, current.release, view.level, view.indicator, view.year_b, view.year)
                if view.mode == CHANGE else map_payload(name, current.release, current.dataset, view)["url"])
    urls = [geo_url(name, current.release, view.level), data_url]
    outline = outline_level(current.dataset)
    if outline:
        urls.append(geo_url(name, current.release, f"{outline}.outline"))
    return urls


def render_for_request() -> html.Div:
    """Dash's layout for the current request: the view the page's address asks for.

    Dash fetches its layout from ``/_dash-layout`` without the page's query
    string; the browser names the page in the ``Referer`` header of that
    same-origin request.  Rendering the view here, in the layout itself,
    saves the round trip a routing callback would cost before the first paint.
    """
    referrer = flask.request.referrer or ""
    if flask.request.path.endswith("_dash-layout") and referrer:
        parts = urlsplit(referrer)
        if parts.netloc == flask.request.host:
            return render(**{k: v[0] for k, v in parse_qs(parts.query).items() if v})
    return render(**flask.request.args.to_dict())


def render(**params) -> html.Div:
    """Layout of ``/`` for the URL query ``params`` (untrusted, all optional)."""
    svc = services()
    lang = normalise_lang(params.get("lang") or svc.settings.default_lang)
    current = chosen_dataset(params)
    if current is None:
        return html.Main(html.P(t("app.no_data", lang, path=str(svc.store.root))), className="empty")
    view = parse_view(params, current.dataset, default_lang=lang)
    options = []
    for other in svc.store.names():
        meta = svc.store.get(other).dataset.meta
        options.append({"label": text(meta.title, view.lang), "value": other})
    return build_page(page_data(current.dataset, current.release, view, options))
