"""The state of a view, read from untrusted URL parameters.

Every parameter is checked against the dataset; anything unknown or
malformed falls back to a default without an error, so a mistyped or
outdated link still opens a sensible map.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Mapping
from urllib.parse import urlencode

from . import classify as cls
from .i18n import normalise_lang
from .model import Dataset

#: Indicators tried, in order, when a link names none.
PREFERRED_INDICATORS = ("eftergymnasial", "omradestyp", "lag_ek_standard")

MAP, COMPARE, CHANGE = "map", "compare", "change"
MODES = (MAP, COMPARE, CHANGE)
#: At most this many areas can be selected at once (one line each in the chart).
MAX_AREAS = 8
ZOOM_RANGE = (3.0, 18.0)


@dataclass(frozen=True)
class View:
    """Everything a link reproduces.

    ``year`` is the shown year (in change mode the later year); ``year_b``
    is the right map's year in compare mode and the earlier year in change
    mode.  ``at`` is ``(lat, lon, zoom)`` once the user has moved the map.
    """

    dataset: str
    lang: str
    level: str
    indicator: str
    year: int | None
    scheme: str = cls.DEFAULT_SCHEME
    k: int = cls.DEFAULT_K
    areas: tuple[str, ...] = ()
    mode: str = MAP
    year_b: int | None = None
    indicator_b: str | None = None
    level_b: str | None = None
    at: tuple[float, float, float] | None = None

    def query(self, **changes) -> str:
        """The URL query string (``?...``) of this view with ``changes`` applied."""
        view = replace(self, **changes) if changes else self
        params = {"ds": view.dataset, "lang": view.lang, "level": view.level, "ind": view.indicator}
        if view.year is not None:
            params["year"] = view.year
        if view.scheme != cls.DEFAULT_SCHEME:
            params["scheme"] = view.scheme
        if view.k != cls.DEFAULT_K:
            params["k"] = view.k
        if view.areas:
            params["area"] = ",".join(view.areas)
        if view.mode != MAP:
            params["mode"] = view.mode
            if view.year_b is not None:
                params["year2"] = view.year_b
        if view.mode == COMPARE:
            if view.indicator_b and view.indicator_b != view.indicator:
                params["ind2"] = view.indicator_b
            if view.level_b and view.level_b != view.level:
                params["level2"] = view.level_b
        if view.at:
            params["at"] = ",".join(f"{x:g}" for x in view.at)
        return "?" + urlencode(params, safe=",")

    def to_json(self) -> dict:
        raw = asdict(self)
        raw["areas"] = list(self.areas)
        raw["at"] = list(self.at) if self.at else None
        return raw


def params_of(view: Mapping[str, object]) -> dict[str, object]:
    """URL parameters of a view held by the browser (``View.to_json``), for :func:`parse_view`.

    The browser's copy is untrusted; :func:`parse_view` checks every value.
    """
    keys = {"lang": "lang", "level": "level", "indicator": "ind", "year": "year", "scheme": "scheme",
            "k": "k", "mode": "mode", "year_b": "year2", "indicator_b": "ind2", "level_b": "level2"}
    params = {param: view.get(key) for key, param in keys.items() if view.get(key) is not None}
    return {key: str(value) for key, value in params.items() if isinstance(value, (str, int))}


def _first(params: Mapping[str, object], key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text[:200] or None


def default_indicator(ds: Dataset, level: str) -> str:
    available = ds.indicators_at(level)
    for ind in PREFERRED_INDICATORS:
        if ind in available:
            return ind
    for ind in ds.meta.indicators:
        if ind.id in available:
            return ind.id
    return ds.meta.indicators[0].id


def parse_view(params: Mapping[str, object], ds: Dataset, default_lang: str = "sv") -> View:
    """A valid :class:`View` of ``ds`` from URL ``params`` (strings or lists)."""
    lang = normalise_lang(_first(params, "lang") or default_lang)
    map_levels = [lvl.id for lvl in ds.meta.map_levels]
    level = _first(params, "level")
    if level not in map_levels:
        level = map_levels[0]
    indicator = _first(params, "ind")
    has_values = ds.indicators_at(level)
    if indicator not in has_values:
        indicator = default_indicator(ds, level)
    years = ds.years(indicator, level)
    year = None
    raw_year = _first(params, "year")
    if raw_year is not None and raw_year.isdigit() and int(raw_year) in years:
        year = int(raw_year)
    if year is None and years:
        year = years[-1]
    scheme = cls.normalise_scheme(_first(params, "scheme"))
    k = cls.normalise_k(_first(params, "k"))
    known = ds.area_ids(level)
    wanted = (_first(params, "area") or "").split(",")
    areas = tuple(dict.fromkeys(a for a in wanted if a in known))[:MAX_AREAS]
    mode = _first(params, "mode")
    mode = mode if mode in MODES else MAP
    year_b = indicator_b = level_b = None
    if mode == COMPARE:
        level_b = _first(params, "level2")
        level_b = level_b if level_b in map_levels else level
        indicator_b = _first(params, "ind2")
        if indicator_b not in ds.indicators_at(level_b):
            indicator_b = indicator if level_b == level else default_indicator(ds, level_b)
        year_b = _year(_first(params, "year2"), ds.years(indicator_b, level_b), first=True)
    elif mode == CHANGE:
        if ds.meta.indicator(indicator).kind == "category" or len(years) < 2:
            mode = MAP
        else:
            year_b = _year(_first(params, "year2"), [y for y in years if y < (year or 0)], first=True)
            if year_b is None:
                year, year_b = years[-1], years[0]
    return View(ds.name, lang, level, indicator, year, scheme, k, areas, mode, year_b, indicator_b, level_b,
                _at(_first(params, "at")))


def _year(raw: str | None, years: list[int], first: bool = False) -> int | None:
    if raw is not None and raw.isdigit() and int(raw) in years:
        return int(raw)
    if not years:
        return None
    return years[0] if first else years[-1]


def _at(raw: str | None) -> tuple[float, float, float] | None:
    """``lat,lon,zoom`` within Sweden's neighbourhood and Leaflet's zoom range, else None."""
    if not raw:
        return None
    try:
        lat, lon, zoom = (float(part) for part in raw.split(","))
    except ValueError:
        return None
    if not (50 <= lat <= 72 and 0 <= lon <= 35 and ZOOM_RANGE[0] <= zoom <= ZOOM_RANGE[1]):
        return None
    return (round(lat, 5), round(lon, 5), round(zoom, 2))
