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


@dataclass(frozen=True)
class View:
    dataset: str
    lang: str
    level: str
    indicator: str
    year: int | None
    scheme: str = cls.DEFAULT_SCHEME
    k: int = cls.DEFAULT_K
    area: str | None = None

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
        if view.area:
            params["area"] = view.area
        return "?" + urlencode(params)

    def to_json(self) -> dict:
        return asdict(self)


def _first(params: Mapping[str, object], key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text[:200] or None


def default_indicator(ds: Dataset, level: str) -> str:
    available = set(ds.values.loc[ds.values["level"] == level, "indicator"])
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
    has_values = set(ds.values.loc[ds.values["level"] == level, "indicator"])
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
    area = _first(params, "area")
    if area is not None and area not in set(ds.areas[level]["area_id"]):
        area = None
    return View(ds.name, lang, level, indicator, year, scheme, k, area)
