"""The dataset model: what a published Segregationsatlas dataset is.

A dataset is a set of *levels* (DeSO, RegSO, kommun, a municipality's own
districts, ...), each with area polygons, plus *indicator values* in long form
and *metadata* describing every indicator.  Everything here is plain
pandas/geopandas; nothing imports dash.

On disk (see :mod:`geodata.store`) a dataset release is a directory::

    dataset.json              metadata: title, levels, indicators, sources
    areas/<level>.parquet     GeoParquet: area_id, name, parent_id, edition, geometry
    values.parquet            level, area_id, indicator, year, value,
                              numerator, denominator, status, edition

``edition`` on a value names the boundary edition the figure was published on
(``"DeSO2018"``, ``"RegSO2025"``, ...; None for a municipality's own stable
districts).  Two years of one area with different editions may describe
different ground: comparisons across them are flagged, never silently joined.

Statuses are explicit: ``ok`` (value present), ``suppressed`` (SCB's ``..``:
withheld for disclosure reasons) and ``missing`` (no figure exists).  A value
that is not ``ok`` is always NaN, never 0.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

STATUS_OK = "ok"
STATUS_SUPPRESSED = "suppressed"
STATUS_MISSING = "missing"
STATUSES = (STATUS_OK, STATUS_SUPPRESSED, STATUS_MISSING)

HIGHER_IS_BETTER = "higher_is_better"
HIGHER_IS_WORSE = "higher_is_worse"
NEUTRAL = "neutral"
POLARITIES = (HIGHER_IS_BETTER, HIGHER_IS_WORSE, NEUTRAL)

#: ``share``: a percentage of a population (numerator/denominator * 100);
#: ``amount``: a money amount or similar where change is read in per cent;
#: ``count``: a number of people; ``index``: a score on its own scale;
#: ``category``: a code such as SCB's area type 1-5.
KINDS = ("share", "amount", "count", "index", "category")

AREA_COLUMNS = ["area_id", "name", "parent_id", "edition", "geometry"]
VALUE_COLUMNS = ["level", "area_id", "indicator", "year", "value",
                 "numerator", "denominator", "status", "edition"]

#: Known code systems and the pattern their ids follow.
CODE_PATTERNS = {
    "lan": re.compile(r"^\d{2}$"),
    "kommun": re.compile(r"^\d{4}$"),
    "deso": re.compile(r"^\d{4}[ABC]\d{4}$"),
    "regso": re.compile(r"^\d{4}R\d{3}$"),
}

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")

YEAR_MIN, YEAR_MAX = 1960, 2100


def text(value: Mapping[str, str] | str | None, lang: str) -> str:
    """Pick the text for ``lang`` from a ``{"sv": ..., "en": ...}`` mapping.

    Falls back to Swedish, then to any language, then to an empty string.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("sv") or next(iter(value.values()), "")


def _bilingual(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"sv": value}
    return {str(k): str(v) for k, v in dict(value).items()}


@dataclass(frozen=True)
class Indicator:
    """Metadata of one indicator.

    Parameters
    ----------
    id : str
        Stable identifier, e.g. ``"eftergymnasial"``.
    label, unit, definition, source : dict
        Texts by language code (``{"sv": ..., "en": ...}``).
    licence : str
        Licence of the figures, e.g. ``"CC0 1.0"``.
    polarity : str
        Whether a higher value is better, worse or neither; decides which
        end of the palette reads as "worse".
    kind : str
        One of :data:`KINDS`; decides how change is expressed.
    decimals : int
        Decimals to show.
    categories : dict
        For ``kind == "category"``: label by language for each code, e.g.
        ``{"1": {"sv": "Stora socioekonomiska utmaningar", ...}}``, in the
        order the legend lists them.  Codes are whole numbers written as text.
    no_data_codes : tuple of str
        Codes that say "no value" (Göteborg's ``99`` "Ej klassificerat"):
        such a value is stored as missing, never drawn as a class.
    """

    id: str
    label: dict[str, str]
    unit: dict[str, str] = field(default_factory=dict)
    definition: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    licence: str = ""
    polarity: str = NEUTRAL
    kind: str = "share"
    decimals: int = 1
    categories: dict[str, dict[str, str]] = field(default_factory=dict)
    no_data_codes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        raw = dataclasses.asdict(self)
        # Written only when declared, so that the metadata of every dataset
        # without such codes stays byte for byte what it was.
        if self.no_data_codes:
            raw["no_data_codes"] = list(self.no_data_codes)
        else:
            del raw["no_data_codes"]
        return raw

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Indicator":
        return cls(
            id=str(raw["id"]),
            label=_bilingual(raw.get("label")),
            unit=_bilingual(raw.get("unit")),
            definition=_bilingual(raw.get("definition")),
            source=_bilingual(raw.get("source")),
            licence=str(raw.get("licence", "")),
            polarity=str(raw.get("polarity", NEUTRAL)),
            kind=str(raw.get("kind", "share")),
            decimals=int(raw.get("decimals", 1)),
            categories={str(k): _bilingual(v) for k, v in dict(raw.get("categories") or {}).items()},
            no_data_codes=tuple(str(c) for c in raw.get("no_data_codes") or ()),
        )


@dataclass(frozen=True)
class Level:
    """One level of areas.

    Parameters
    ----------
    id : str
        ``"deso"``, ``"regso"``, ``"kommun"``, ``"district"``, ...
    label : dict
        Display name by language.
    parent : str or None
        The level whose areas contain this level's areas (``parent_id``).
    code_system : str or None
        Key of :data:`CODE_PATTERNS` when ids follow an official code
        system, else None (a municipality's own districts).
    mappable : bool
        Whether the level is offered as a map level.  Reference levels (the
        municipality itself, the nation) carry values for comparison and may
        have no polygons.
    """

    id: str
    label: dict[str, str]
    parent: str | None = None
    code_system: str | None = None
    mappable: bool = True

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Level":
        return cls(
            id=str(raw["id"]),
            label=_bilingual(raw.get("label")),
            parent=raw.get("parent"),
            code_system=raw.get("code_system"),
            mappable=bool(raw.get("mappable", True)),
        )


@dataclass(frozen=True)
class DatasetMeta:
    """Dataset-wide metadata, stored as ``dataset.json``."""

    name: str
    title: dict[str, str]
    levels: tuple[Level, ...]
    indicators: tuple[Indicator, ...]
    description: dict[str, str] = field(default_factory=dict)
    fictional: bool = False
    municipality: dict[str, str] = field(default_factory=dict)
    sources: tuple[dict[str, str], ...] = ()
    licence: str = ""
    created: str = ""
    #: Reference area: ``{"level": "kommun", "area_id": "1780"}`` names the
    #: area whose series a selected area is compared with.
    reference: dict[str, str] = field(default_factory=dict)
    #: Pairs of groups whose segregation from each other is measured (issue #11), e.g.
    #: ``{"id": "lag_mot_hog_ek_standard", "groups": ["lag_ek_standard", "hog_ek_standard"],
    #: "label": {"sv": ..., "en": ...}}``: the numerators of two share indicators.
    group_pairs: tuple[dict[str, Any], ...] = ()
    #: Across a change of boundary edition, per level and area: ``"same"`` ground,
    #: ``"split:<old id>"`` or ``"changed"`` (see :mod:`geodata.editions`).  A value pair
    #: on two editions is a break only where the ground is not the same.
    continuity: dict[str, dict[str, str]] = field(default_factory=dict)

    def level(self, level_id: str) -> Level:
        for lvl in self.levels:
            if lvl.id == level_id:
                return lvl
        raise KeyError(level_id)

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    @property
    def map_levels(self) -> tuple[Level, ...]:
        return tuple(lvl for lvl in self.levels if lvl.mappable)

    def to_json(self) -> dict[str, Any]:
        raw = dataclasses.asdict(self)
        raw["levels"] = [lvl.to_json() for lvl in self.levels]
        raw["indicators"] = [ind.to_json() for ind in self.indicators]
        raw["sources"] = [dict(s) for s in self.sources]
        # Written only when a dataset names pairs, so that the metadata of every
        # other dataset stays byte for byte what it was.
        if self.group_pairs:
            raw["group_pairs"] = [dict(p) for p in self.group_pairs]
        else:
            del raw["group_pairs"]
        if not self.continuity:
            del raw["continuity"]
        return raw

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "DatasetMeta":
        return cls(
            name=str(raw["name"]),
            title=_bilingual(raw.get("title")),
            levels=tuple(Level.from_json(x) for x in raw.get("levels", [])),
            indicators=tuple(Indicator.from_json(x) for x in raw.get("indicators", [])),
            description=_bilingual(raw.get("description")),
            fictional=bool(raw.get("fictional", False)),
            municipality=dict(raw.get("municipality", {})),
            sources=tuple(dict(s) for s in raw.get("sources", [])),
            licence=str(raw.get("licence", "")),
            created=str(raw.get("created", "")),
            reference=dict(raw.get("reference", {})),
            group_pairs=tuple(dict(p) for p in raw.get("group_pairs") or ()),
            continuity={str(lvl): {str(k): str(v) for k, v in dict(areas).items()}
                        for lvl, areas in dict(raw.get("continuity") or {}).items()},
        )


@dataclass(frozen=True, eq=False)
class Dataset:
    """A complete dataset held in memory.

    ``areas`` maps level id to a GeoDataFrame with :data:`AREA_COLUMNS`;
    ``values`` is a DataFrame with :data:`VALUE_COLUMNS`.

    Whatever is derived from a dataset (value frames, classes, encoded
    payloads) is memoised on the dataset object itself with :meth:`memo`, so
    it lives exactly as long as the release it was computed from: when the
    store drops a release, its derived data go with it.
    """

    meta: DatasetMeta
    areas: dict[str, gpd.GeoDataFrame]
    values: pd.DataFrame
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.meta.name

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The value derived under ``key``, computed by ``compute()`` on first use.

        Two threads asking for the same key at once may both compute it; the
        first result stored wins, so every caller sees one object.
        """
        try:
            return self._memo[key]
        except KeyError:
            pass
        value = compute()
        with self._memo_lock:
            return self._memo.setdefault(key, value)

    def indicators_at(self, level: str) -> frozenset[str]:
        """Ids of the indicators with values at ``level``."""
        def compute():
            values = self.values
            return frozenset(values.loc[values["level"] == level, "indicator"].unique().tolist())
        return self.memo(("indicators_at", level), compute)

    def area_ids(self, level: str) -> frozenset[str]:
        """Ids of the areas of ``level`` (empty for a level without polygons)."""
        def compute():
            frame = self.areas.get(level)
            return frozenset() if frame is None else frozenset(frame["area_id"].tolist())
        return self.memo(("area_ids", level), compute)

    def years(self, indicator: str | None = None, level: str | None = None) -> list[int]:
        """Years with rows for ``indicator`` at ``level`` (either may be None for all)."""
        def compute():
            frame = self.values
            if indicator is not None:
                frame = frame[frame["indicator"] == indicator]
            if level is not None:
                frame = frame[frame["level"] == level]
            return tuple(sorted(int(y) for y in frame["year"].unique()))
        return list(self.memo(("years", indicator, level), compute))


def derived(func: Callable[..., Any]) -> Callable[..., Any]:
    """Memoise ``func(ds, ...)`` on the dataset ``ds`` (see :meth:`Dataset.memo`).

    Arguments are bound to the signature first, so a call that spells a
    default out and one that leaves it off share one result.
    """
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(ds: "Dataset", *args, **kwargs):
        bound = signature.bind(ds, *args, **kwargs)
        bound.apply_defaults()
        key = (func.__module__, func.__qualname__, *tuple(bound.arguments.values())[1:])
        return ds.memo(key, lambda: func(*bound.args, **bound.kwargs))

    return wrapper


def normalise_areas(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``frame`` with exactly :data:`AREA_COLUMNS`, ids as strings."""
    out = frame.copy()
    for col in ("name", "parent_id", "edition"):
        if col not in out.columns:
            out[col] = None
    out["area_id"] = out["area_id"].astype(str)
    out["name"] = out["name"].where(out["name"].notna(), out["area_id"]).astype(str)
    out["parent_id"] = out["parent_id"].map(lambda v: None if v is None or pd.isna(v) else str(v))
    out["edition"] = out["edition"].map(lambda v: None if v is None or pd.isna(v) else str(v))
    out = out[AREA_COLUMNS]
    return gpd.GeoDataFrame(out, geometry="geometry", crs=frame.crs).reset_index(drop=True)


def normalise_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly :data:`VALUE_COLUMNS` and stable dtypes.

    A row without a status gets ``ok`` when it has a value and ``missing``
    otherwise; a row whose status is not ``ok`` loses its value (NaN).
    """
    out = frame.copy()
    for col in ("numerator", "denominator"):
        if col not in out.columns:
            out[col] = np.nan
    if "status" not in out.columns:
        out["status"] = None
    if "edition" not in out.columns:
        out["edition"] = None
    out["edition"] = out["edition"].map(lambda v: None if v is None or pd.isna(v) else str(v))
    out["value"] = pd.to_numeric(out["value"], errors="raise").astype("float64")
    out["numerator"] = pd.to_numeric(out["numerator"]).astype("float64")
    out["denominator"] = pd.to_numeric(out["denominator"]).astype("float64")
    status = out["status"].astype(object)
    status = status.where(status.notna(), np.where(out["value"].notna(), STATUS_OK, STATUS_MISSING))
    out["status"] = status.astype(str)
    not_ok = out["status"] != STATUS_OK
    out.loc[not_ok, ["value", "numerator", "denominator"]] = np.nan
    for col in ("level", "area_id", "indicator"):
        out[col] = out[col].astype(str)
    out["year"] = out["year"].astype("int64")
    return out[VALUE_COLUMNS].sort_values(["level", "indicator", "year", "area_id"]).reset_index(drop=True)


def normalise_dataset(ds: Dataset) -> Dataset:
    """Return ``ds`` with every frame in its canonical columns and dtypes."""
    areas = {level: normalise_areas(frame) for level, frame in ds.areas.items()}
    return Dataset(meta=ds.meta, areas=areas, values=normalise_values(ds.values))
