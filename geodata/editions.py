"""Which areas kept their ground across SCB's 2025 boundary change.

SCB publishes DeSO 2018 / RegSO 2020 codes up to reference year 2023 and
DeSO 2025 / RegSO 2025 codes from 2024.  Most areas kept both code and
ground: in Karlstad all 31 RegSO did, and two DeSO were split into children
that lie inside their parent (1780C1040 into 1780C1041–1780C1044).  A
series of such an area does not break in 2024; only areas whose ground
changed do.  This module decides that per area, from both editions'
polygons where they are available (the share of ground the two polygons
have in common) and otherwise from the DeSO-to-RegSO keys of both editions.

The result, per level, is a mapping ``area_id -> relation`` stored in the
dataset's metadata (``DatasetMeta.continuity``):

``same``
    the area's ground in the new edition is its ground in the old one (at
    least :data:`SAME_GROUND_SHARE` of the two polygons' union in common, or
    the same DeSO by the keys);
``split:<old id>``
    a new area carved out of the old area ``<old id>``, whose code is gone;
``changed``
    anything else: a break in the series.

An area that is not in the mapping is a break too: nothing is assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .boundaries import METRIC_CRS, polygonal
from .model import STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED
from .views import indicator_values

SAME, CHANGED = "same", "changed"
SPLIT_PREFIX = "split:"

#: The level holding the older edition's values of areas that were split (no
#: polygons, not on the map): the other side of the bridge to their children.
OLD_LEVEL = {"deso": "deso2018", "regso": "regso2020"}

#: Two polygons describe the same ground when their intersection is at least
#: this share of their union: generous enough for a border redrawn to follow
#: the same street more exactly, far too strict for a block moved between areas.
SAME_GROUND_SHARE = 0.99


def split_parent(relation: str | None) -> str | None:
    """The old area a ``split:<id>`` relation names, else None."""
    if relation and relation.startswith(SPLIT_PREFIX):
        return relation[len(SPLIT_PREFIX):]
    return None


def same_ground(continuity: Mapping[str, str], ids: Iterable[str]) -> np.ndarray:
    """Per id: whether its ground is the same in both editions."""
    return np.array([continuity.get(str(i)) == SAME for i in ids], dtype=bool)


def from_polygons(new: gpd.GeoDataFrame, old: gpd.GeoDataFrame,
                  share: float = SAME_GROUND_SHARE) -> dict[str, str]:
    """Relation of every new area to the old edition, by overlap of their polygons.

    Parameters
    ----------
    new, old : geopandas.GeoDataFrame
        Areas of one level in the new and the old edition, with ``area_id``.
    share : float
        Intersection over union from which two polygons with the same code are
        the same ground, and the share of a new area's ground that must lie in
        a vanished old area for it to be that area's child.

    Returns
    -------
    dict
        ``area_id -> "same" | "split:<old id>" | "changed"`` for every new area.
    """
    new_geoms = polygonal(new.to_crs(METRIC_CRS).geometry.to_numpy())
    old_geoms = polygonal(old.to_crs(METRIC_CRS).geometry.to_numpy())
    new_ids = [str(i) for i in new["area_id"]]
    old_ids = [str(i) for i in old["area_id"]]
    old_index = {code: i for i, code in enumerate(old_ids)}
    gone = set(old_ids) - set(new_ids)
    tree = shapely.STRtree(old_geoms)
    out: dict[str, str] = {}
    for code, geom in zip(new_ids, new_geoms):
        if code in old_index:
            before = old_geoms[old_index[code]]
            common = shapely.intersection(geom, before).area
            union_area = geom.area + before.area - common
            out[code] = SAME if union_area > 0 and common / union_area >= share else CHANGED
            continue
        near = tree.query(geom, predicate="intersects")
        parents = [(shapely.intersection(geom, old_geoms[i]).area, old_ids[i]) for i in near]
        common, parent = max(parents, default=(0.0, None))
        if parent in gone and geom.area > 0 and common / geom.area >= share:
            out[code] = SPLIT_PREFIX + parent
        else:
            out[code] = CHANGED
    return out


def code_parent(code: str) -> str:
    """The code a split DeSO's child descends from: SCB numbers the children of
    ``1780C1040`` ``1780C1041``, ``1780C1042``, ..., so the parent ends in 0."""
    return code[:-1] + "0"


def deso_from_codes(new_codes: Iterable[str], old_codes: Iterable[str]) -> dict[str, str]:
    """DeSO relations from the two editions' code lists alone.

    A code in both editions keeps its ground (SCB gives a DeSO whose ground
    changed new codes); a new code whose parent code (:func:`code_parent`)
    is gone is that parent's child; any other new code is ``changed``.
    """
    new_codes = [str(c) for c in new_codes]
    old = set(str(c) for c in old_codes)
    gone = old - set(new_codes)
    out = {}
    for code in new_codes:
        if code in old:
            out[code] = SAME
        elif code_parent(code) in gone:
            out[code] = SPLIT_PREFIX + code_parent(code)
        else:
            out[code] = CHANGED
    return out


def regso_from_keys(new_members: Mapping[str, Iterable[str]],
                    old_members: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """RegSO relations from both editions' DeSO-to-RegSO keys.

    A RegSO keeps its ground when it is built from the same DeSO in both
    editions, the children of a split DeSO counting as their parent (so all
    of a split DeSO's children must lie in the one RegSO its parent lay in).

    Parameters
    ----------
    new_members, old_members : mapping
        RegSO code -> its DeSO codes, in the new (RegSO 2025 / DeSO 2025) and
        the old (RegSO 2020 / DeSO 2018) edition.
    """
    new_sets = {str(r): {str(d) for d in members} for r, members in new_members.items()}
    old_sets = {str(r): {str(d) for d in members} for r, members in old_members.items()}
    deso = deso_from_codes({d for s in new_sets.values() for d in s}, {d for s in old_sets.values() for d in s})
    # A parent whose children went to different RegSO moved ground between them.
    homes: dict[str, set[str]] = {}
    for regso, members in new_sets.items():
        for code in members:
            if split_parent(deso[code]):
                homes.setdefault(split_parent(deso[code]), set()).add(regso)
    scattered = {parent for parent, regsos in homes.items() if len(regsos) > 1}
    out = {}
    for regso, members in new_sets.items():
        as_old = set()
        for code in members:
            relation = deso[code]
            parent = split_parent(relation)
            as_old.add(code if relation == SAME else None if parent in scattered else parent)
        out[regso] = SAME if None not in as_old and as_old == old_sets.get(regso) else CHANGED
    return out


@dataclass(frozen=True)
class SeriesBreak:
    """Where a series passes from one boundary edition to another.

    ``changed`` names the areas whose ground changed there: their values on
    either side describe different ground.  An empty ``changed`` means the
    edition changed but every area kept its ground.
    """

    year_before: int
    year_after: int
    changed: tuple[str, ...]


def series_breaks(ds, level: str, indicator: str, area_ids: Iterable[str]) -> list[SeriesBreak]:
    """The edition changes in the series of ``area_ids``, for marking a chart.

    Parameters
    ----------
    ds : geodata.model.Dataset
    level, indicator : str
    area_ids : iterable of str
        The areas whose series are shown.

    Returns
    -------
    list of SeriesBreak
        One per pair of consecutive years of the indicator between which
        the edition of any of the areas' values changes, in year order.
    """
    frame = indicator_values(ds, level, indicator)
    continuity = ds.meta.continuity.get(level, {})
    years = sorted({int(y) for y in frame.index.get_level_values("year")})
    found: dict[tuple[int, int], set[str]] = {}
    for area_id in area_ids:
        if area_id not in frame.index.get_level_values("area_id"):
            continue
        editions = frame.xs(area_id, level="area_id")["edition"].reindex(years)
        known = [(y, str(e)) for y, e in zip(years, editions) if isinstance(e, str) and e]
        for (y0, e0), (y1, e1) in zip(known, known[1:]):
            if e0 != e1:
                changed = found.setdefault((y0, y1), set())
                if continuity.get(str(area_id)) != SAME:
                    changed.add(str(area_id))
    return [SeriesBreak(y0, y1, tuple(sorted(ids))) for (y0, y1), ids in sorted(found.items())]


# ---------------------------------------------------------------------------
# Bridging values across the change (data side; the map marks come with the UI)

def parent_ground(rows: pd.DataFrame, continuity: Mapping[str, str], kind: str = "count") -> pd.DataFrame:
    """Split DeSO summed back to the old area they were carved from: an exact bridge.

    Parameters
    ----------
    rows : pandas.DataFrame
        One indicator in one year on the new edition: ``area_id``, ``value``,
        ``status`` and, for shares, ``numerator`` and ``denominator``.
    continuity : mapping
        The level's relations (:func:`from_polygons`).
    kind : str
        The indicator's kind: ``count`` values are summed, a ``share`` needs
        numerator and denominator; anything else (an amount such as a median
        income, an index, a category) cannot be summed and is missing.

    Returns
    -------
    pandas.DataFrame
        One row per old area that was split (``area_id`` its old code):
        counts summed, shares as the ratio of the summed numerator and
        denominator, ``children`` how many new areas were summed.  A
        suppressed or missing child makes the sum suppressed or missing
        (never a smaller sum); a share without numerator and denominator, or
        a median, cannot be summed and is missing.
    """
    parents = rows["area_id"].map(lambda a: split_parent(continuity.get(str(a))))
    split = rows[parents.notna()].assign(parent=parents[parents.notna()])
    out = []
    for parent, children in split.groupby("parent", sort=True):
        status = _worst_status(children["status"])
        value = numerator = denominator = np.nan
        if status == STATUS_OK:
            if kind == "share" and "denominator" in children and children["denominator"].notna().all():
                numerator, denominator = children["numerator"].sum(), children["denominator"].sum()
                value = 100.0 * numerator / denominator if denominator > 0 else np.nan
            elif kind == "count":
                value = float(children["value"].sum())
            if np.isnan(value):
                status = STATUS_MISSING
        out.append({"area_id": parent, "value": value, "numerator": numerator, "denominator": denominator,
                    "status": status, "children": len(children)})
    return pd.DataFrame(out, columns=["area_id", "value", "numerator", "denominator", "status", "children"])


def _worst_status(statuses: pd.Series) -> str:
    present = set(statuses)
    if STATUS_SUPPRESSED in present:
        return STATUS_SUPPRESSED
    if present - {STATUS_OK}:
        return STATUS_MISSING
    return STATUS_OK


def estimate_counts(source: gpd.GeoDataFrame, counts: pd.DataFrame, target: gpd.GeoDataFrame) -> pd.DataFrame:
    """Counts of the old edition's areas estimated on the new areas' ground (PySAL ``tobler``).

    Areal interpolation: a new area gets each old area's count in proportion
    to the share of the old area's ground it covers.  That assumes people
    spread evenly over an area's ground, so the result is an *estimate* and
    must be marked as one wherever it shows; only counts (and the numerator
    and denominator of a share, never a median or an index) may be
    interpolated.

    Parameters
    ----------
    source : geopandas.GeoDataFrame
        Old areas: ``area_id`` and polygons.
    counts : pandas.DataFrame
        ``area_id`` and one column per count; NaN where the count is
        suppressed or missing.
    target : geopandas.GeoDataFrame
        New areas: ``area_id`` and polygons.

    Returns
    -------
    pandas.DataFrame
        ``area_id`` of every target and the estimated columns.  A target
        that touches an old area without a count is NaN in that column,
        never a smaller number.
    """
    from tobler.area_weighted import area_interpolate  # imported when bridging: tobler loads slowly

    columns = [c for c in counts.columns if c != "area_id"]
    old = source[["area_id", "geometry"]].merge(counts, on="area_id", how="left").to_crs(METRIC_CRS)
    new = target[["area_id", "geometry"]].to_crs(METRIC_CRS).reset_index(drop=True)
    old = old.set_geometry(polygonal(old.geometry.to_numpy()))
    new = new.set_geometry(polygonal(new.geometry.to_numpy()))
    # tobler counts a NaN as nothing; find the targets that touch one instead.
    # allocate_total=False: an old area's count goes to a new area in proportion to the share of
    # the *old area* it covers.  With True, tobler would hand a neighbour's whole count to a
    # target it touches along a sliver, when that target is the only one asked for.
    estimated = area_interpolate(old.fillna({c: 0.0 for c in columns}), new, extensive_variables=columns,
                                 allocate_total=False)
    tree = shapely.STRtree(old.geometry.to_numpy())
    pairs = tree.query(new.geometry.to_numpy(), predicate="intersects")
    out = pd.DataFrame({"area_id": new["area_id"].to_numpy()})
    for column in columns:
        values = estimated[column].to_numpy(dtype="float64").copy()
        unknown_source = old[column].isna().to_numpy()
        touched = np.zeros(len(new), dtype=bool)
        for t_index, s_index in zip(*pairs):
            if unknown_source[s_index] and shapely.intersection(new.geometry.iloc[t_index],
                                                                old.geometry.iloc[s_index]).area > 0:
                touched[t_index] = True
        values[touched] = np.nan
        out[column] = values
    return out
