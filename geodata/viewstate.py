"""The state of a view and the one declaration of its link parameters.

Every parameter of a view is declared once in :data:`PARAMS`: the
:class:`View` field it fills, its name in a link, its default, its limits and
whether changing it adds a step to the browser's history or replaces the
current one.  The presenters build links from this declaration and send it to
the browser, whose JavaScript builds the same links from the same data.

:func:`parse_view` reads the parameters every mode shares from untrusted URL
parameters; each mode (``presenters/``) completes the view with what only it
uses.  Anything unknown or malformed falls back to a default without an
error, so a mistyped or outdated link still opens a sensible map.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Iterable, Mapping
from urllib.parse import urlencode

from . import classify as cls
from .i18n import LANGUAGES, normalise_lang
from .model import Dataset

#: Indicators tried, in order, when a link names none.
PREFERRED_INDICATORS = ("eftergymnasial", "omradestyp", "lag_ek_standard")

#: The mode of a link that names none.
DEFAULT_MODE = "map"
#: At most this many areas can be selected at once (one line each in the chart).
MAX_AREAS = 8
ZOOM_RANGE = (3.0, 18.0)
#: Map centres outside this box (Sweden and its neighbours) are ignored.
LAT_RANGE, LON_RANGE = (50.0, 72.0), (0.0, 35.0)
#: Longest value of any link parameter that is read at all.
MAX_PARAM_LENGTH = 200

PUSH, REPLACE = "push", "replace"
#: Controls an embedded view can show besides the map, the year and the legend, in their order.
EMBED_CONTROLS = ("indicator", "level", "search", "mode")
#: District names on the map: shown, hidden (a link without ``labels`` gets the surface's default).
LABELS_ON, LABELS_OFF = "1", "0"


@dataclass(frozen=True)
class Param:
    """One link parameter of a view.

    Parameters
    ----------
    field : str
        The :class:`View` attribute it fills.
    name : str
        Its name in a link (``?ind=...``).
    default : object
        The value a link leaves out; None means "always written when set".
    history : str
        ``"push"``: a change adds a step to the browser's history, so Back
        returns to the previous view; ``"replace"``: a change (a year, a map
        move) replaces the current entry.
    doc : str
        What it means, for the README and the code that reads it.
    limits : dict
        Bounds the value is checked against (the browser uses them too).
    mode_specific : bool
        Only written in links of modes that declare it (see ``presenters``).
    omit_if_same_as : str or None
        Left out of a link when equal to this other field's value.
    """

    field: str
    name: str
    default: object
    history: str
    doc: str
    limits: dict = field(default_factory=dict)
    mode_specific: bool = False
    omit_if_same_as: str | None = None


PARAMS: tuple[Param, ...] = (
    Param("dataset", "ds", None, PUSH, "dataset name"),
    Param("lang", "lang", None, PUSH, "language, sv or en", limits={"choices": list(LANGUAGES)}),
    Param("level", "level", None, PUSH, "area level (deso, regso, ...)"),
    Param("indicator", "ind", None, PUSH, "indicator id"),
    Param("year", "year", None, REPLACE, "shown year (in change mode the later year)"),
    Param("scheme", "scheme", cls.DEFAULT_SCHEME, PUSH, "classification",
          limits={"choices": list(cls.SCHEMES)}),
    Param("k", "k", cls.DEFAULT_K, PUSH, "number of classes"),
    Param("areas", "area", (), PUSH, "selected area ids, comma-separated", limits={"max": MAX_AREAS}),
    Param("mode", "mode", DEFAULT_MODE, PUSH, "map mode"),
    Param("year_b", "year2", None, REPLACE, "the second year (compare: right map; change: earlier year)",
          mode_specific=True),
    Param("indicator_b", "ind2", None, PUSH, "the right map's indicator (compare)", mode_specific=True,
          omit_if_same_as="indicator"),
    Param("level_b", "level2", None, PUSH, "the right map's level (compare)", mode_specific=True,
          omit_if_same_as="level"),
    Param("at", "at", None, REPLACE, "map centre and zoom: lat,lon,zoom",
          limits={"lat": list(LAT_RANGE), "lon": list(LON_RANGE), "zoom": list(ZOOM_RANGE)}),
    Param("controls", "controls", (), PUSH, "embed view: the controls shown besides map, year and legend, "
          "comma-separated (indicator, level, search, mode)", limits={"choices": list(EMBED_CONTROLS)}),
    Param("labels", "labels", None, REPLACE, "district names on the map: 1 shown, 0 hidden; absent: the "
          "surface's default (off in the full and embed views, on in the presentation view)",
          limits={"choices": [LABELS_ON, LABELS_OFF]}),
)

PARAM_BY_FIELD: dict[str, Param] = {p.field: p for p in PARAMS}


@dataclass(frozen=True)
class View:
    """Everything a link reproduces (see :data:`PARAMS`).

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
    mode: str = DEFAULT_MODE
    year_b: int | None = None
    indicator_b: str | None = None
    level_b: str | None = None
    at: tuple[float, float, float] | None = None
    controls: tuple[str, ...] = ()
    labels: str | None = None

    def to_json(self) -> dict:
        raw = asdict(self)
        raw["areas"] = list(self.areas)
        raw["controls"] = list(self.controls)
        raw["at"] = list(self.at) if self.at else None
        return raw


def link_number(value: float | int) -> str:
    """A number as links write it: the shortest text that reads back the same.

    ``14.0`` is ``"14"`` and ``59.38123`` stays ``"59.38123"``, as
    JavaScript's ``String(number)`` writes them.
    """
    if isinstance(value, bool):
        raise TypeError("not a number")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _link_value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(_link_value(v) for v in value)
    if isinstance(value, (int, float)):
        return link_number(value)
    return str(value)


def query_params(view: View, mode_params: Iterable[str] = ()) -> dict[str, str]:
    """The link parameters of ``view``, in the order of :data:`PARAMS`.

    ``mode_params`` names the mode-specific fields the view's mode uses.
    """
    values = asdict(view)
    used = set(mode_params)
    params = {}
    for p in PARAMS:
        value = values[p.field]
        if value is None or value == p.default or (isinstance(value, (list, tuple)) and not value):
            continue
        if p.mode_specific and p.field not in used:
            continue
        if p.omit_if_same_as and value == values[p.omit_if_same_as]:
            continue
        params[p.name] = _link_value(value)
    return params


def query_string(params: Mapping[str, str]) -> str:
    """``?a=1&b=2`` with commas left readable (``area=d01,d02``)."""
    return "?" + urlencode(dict(params), safe=",")


def params_of(view: Mapping[str, object]) -> dict[str, str]:
    """Link parameters of a view held by the browser (:meth:`View.to_json`), for :func:`parse_view`.

    The browser's copy is untrusted; :func:`parse_view` checks every value.
    Only scalar parameters are taken: the selection and the map position are
    not part of what a callback is asked to change.  The embed view's
    ``controls`` (a list) are taken too: no callback changes them, and a view
    a callback returns without them would drop the embed's controls from its
    address at the first indicator or level chosen in place.
    """
    params = {}
    for p in PARAMS:
        value = view.get(p.field)
        if p.field == "controls" and isinstance(value, list):
            params[p.name] = ",".join(c for c in value if isinstance(c, str))
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            continue
        params[p.name] = str(value)
    return params


def raw_param(params: Mapping[str, object], field_name: str) -> str | None:
    """The stripped text of the link parameter for ``field_name``, or None.

    A list (a repeated parameter) gives its first item; text longer than
    :data:`MAX_PARAM_LENGTH` is cut.
    """
    value = params.get(PARAM_BY_FIELD[field_name].name)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text[:MAX_PARAM_LENGTH] or None


def parse_year(raw: str | None) -> int | None:
    """A year written in ASCII digits (``"2024"``), else None.

    ``str.isdigit`` accepts superscripts and other scripts' digits that
    ``int`` refuses or reads differently, so only 0-9 count.
    """
    if raw is None or not (1 <= len(raw) <= 4) or not all("0" <= ch <= "9" for ch in raw):
        return None
    return int(raw)


def pick_year(raw: str | None, years: list[int], first: bool = False) -> int | None:
    """The year ``raw`` names when it is one of ``years``, else the first or last of them."""
    year = parse_year(raw)
    if year is not None and year in years:
        return year
    if not years:
        return None
    return years[0] if first else years[-1]


def default_indicator(ds: Dataset, level: str) -> str:
    available = ds.indicators_at(level)
    for ind in PREFERRED_INDICATORS:
        if ind in available:
            return ind
    for ind in ds.meta.indicators:
        if ind.id in available:
            return ind.id
    return ds.meta.indicators[0].id


def parse_view(params: Mapping[str, object], ds: Dataset, default_lang: str = "sv",
               modes: Iterable[str] = (DEFAULT_MODE,)) -> View:
    """A valid :class:`View` of ``ds`` from URL ``params`` (strings or lists).

    Reads what every mode shares; the mode-specific fields stay None for the
    mode to fill (see ``presenters.parse_view``).  ``modes`` are the known
    mode names: any other falls back to :data:`DEFAULT_MODE`.
    """
    lang = normalise_lang(raw_param(params, "lang") or default_lang)
    map_levels = [lvl.id for lvl in ds.meta.map_levels]
    level = raw_param(params, "level")
    if level not in map_levels:
        level = map_levels[0]
    indicator = raw_param(params, "indicator")
    if indicator not in ds.indicators_at(level):
        indicator = default_indicator(ds, level)
    year = pick_year(raw_param(params, "year"), ds.years(indicator, level))
    scheme = cls.normalise_scheme(raw_param(params, "scheme"))
    k = cls.normalise_k(raw_param(params, "k"))
    known = ds.area_ids(level)
    wanted = (raw_param(params, "areas") or "").split(",")
    areas = tuple(dict.fromkeys(a for a in wanted if a in known))[:MAX_AREAS]
    mode = raw_param(params, "mode")
    mode = mode if mode in set(modes) else DEFAULT_MODE
    asked = set((raw_param(params, "controls") or "").split(","))
    controls = tuple(c for c in EMBED_CONTROLS if c in asked)
    labels = raw_param(params, "labels")
    return View(ds.name, lang, level, indicator, year, scheme, k, areas, mode, at=_at(raw_param(params, "at")),
                controls=controls, labels=labels if labels in (LABELS_ON, LABELS_OFF) else None)


def _at(raw: str | None) -> tuple[float, float, float] | None:
    """``lat,lon,zoom`` within Sweden's neighbourhood and Leaflet's zoom range, else None."""
    if not raw:
        return None
    try:
        lat, lon, zoom = (float(part) for part in raw.split(","))
    except ValueError:
        return None
    if not all(math.isfinite(x) for x in (lat, lon, zoom)):
        return None
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
            and ZOOM_RANGE[0] <= zoom <= ZOOM_RANGE[1]):
        return None
    return (round(lat, 5), round(lon, 5), round(zoom, 2))
