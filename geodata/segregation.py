"""The degree of segregation per unit and year, with PySAL's ``segregation``.

A *unit* is a kommun (areas grouped by the kommun code their SCB code starts
with), or the whole dataset when its areas are a single municipality's own
districts.  A *group definition* is either one share indicator with
numerator and denominator (the group against the rest of the denominator)
or a pair the dataset names in ``meta.group_pairs`` (the numerators of two
shares, e.g. low against high economic standard: the two groups only).

For each unit, year and group definition this module gives three indices
from PySAL (``segregation.singlegroup``): dissimilarity ``D``
(:class:`~segregation.singlegroup.Dissim`), Theil's information index ``H``
(:class:`~segregation.singlegroup.Entropy`) and isolation ``xPx``
(:class:`~segregation.singlegroup.Isolation`), and where the areas have
polygons their spatial variant: PySAL's spatially implicit index, in which
each area's counts are those of its local environment (itself and its
contiguous neighbours, queen contiguity).

Uncertainty is PySAL's ``bootstrap`` null approach: areas are resampled with
replacement and the index recomputed; the 95 % interval is the 2.5th and
97.5th percentile of the replicates.  Whether the change between two years
is larger than chance is PySAL's ``TwoValueTest`` with ``null_approach=
"bootstrap"``: a t statistic from the two bootstrap distributions.

Why the numbers are computed with numpy and not by calling PySAL's classes
at publish: one call of PySAL's three classes costs about 46 ms here (each
builds and indexes DataFrames), and a national dataset needs 12,000 unit-years
times three definitions times two variants, plus hundreds of replicates
each: hours, not the ten minutes allowed.  So :func:`index_values` applies
PySAL's formulas (its ``_dissim``, ``_entropy`` and ``_isolation``) to all
areas and replicates at once, :func:`local_environment` does what PySAL's
spatially implicit indices do to the counts, and :func:`change_test` is
PySAL's test statistic.  :func:`pysal_values` calls PySAL itself; the tests
compare it with every index on a tiny example, the demo and all 290 kommuner.

Areas whose figures are suppressed or missing are left out of an index and
counted (``areas_left_out``), never read as 0.

Pure pandas/numpy; PySAL is imported only when indices are computed (it
takes seconds to import).  Nothing imports dash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats
from scipy.special import xlogy

from .model import STATUS_OK, Dataset

#: Index ids, as in the catalog (``segregation.index.<id>``) and in the records.
DISSIMILARITY, INFORMATION, ISOLATION = "D", "H", "xPx"
INDICES = (DISSIMILARITY, INFORMATION, ISOLATION)
SPATIAL_SUFFIX = "_spatial"
#: Bootstrap replicates by default: PySAL's own default for its inference.
BOOTSTRAP = 500
CONFIDENCE = 0.95
#: A change between two years is "larger than chance" below this p-value.
ALPHA = 0.05
#: Seed of the bootstrap, so that publishing the same data twice gives the same intervals.
SEED = 20240611

RECORD_COLUMNS = ["unit", "level", "year", "indicator", "definition", "index", "value", "ci_low", "ci_high",
                  "areas", "areas_left_out", "group", "total"]
#: ``boundaries_changed``: the two years' areas were published on different boundary editions
#: (SCB's DeSO 2018 and 2025), so part of the change may be the new areas, not people moving.
CHANGE_COLUMNS = ["unit", "level", "indicator", "index", "year_from", "year_to", "value_from", "value_to",
                  "difference", "p_value", "significant", "boundaries_changed"]


@dataclass(frozen=True)
class GroupDefinition:
    """What is measured: one share's group against the rest, or two named groups.

    ``groups`` holds one indicator id (``definition == "rest"``) or two
    (``"pair"``); ``id`` is the indicator id or the pair's id.
    """

    id: str
    definition: str
    groups: tuple[str, ...]
    label: dict


def group_definitions(ds: Dataset) -> list[GroupDefinition]:
    """Every share with numerator and denominator, then every pair the dataset names."""
    from .aggregate import aggregatable

    out = [GroupDefinition(ind.id, "rest", (ind.id,), dict(ind.label))
           for ind in ds.meta.indicators if aggregatable(ds, ind.id)]
    shares = {g.id for g in out}
    for pair in ds.meta.group_pairs:
        groups = tuple(str(g) for g in pair.get("groups", ()))
        if len(groups) == 2 and set(groups) <= shares:
            out.append(GroupDefinition(str(pair["id"]), "pair", groups, dict(pair.get("label") or {})))
    return out


def measured_level(ds: Dataset, definition: GroupDefinition) -> str | None:
    """The finest level with counts for every group: segregation is measured between the smallest areas."""
    from .aggregate import aggregatable

    levels = [lvl.id for lvl in ds.meta.levels]
    depth = {}
    for lvl in ds.meta.levels:
        steps, current = 0, lvl
        while current.parent in levels and steps < len(levels):
            steps, current = steps + 1, ds.meta.level(current.parent)
        depth[lvl.id] = steps
    usable = [lvl for lvl in levels if all(aggregatable(ds, g, lvl) for g in definition.groups)]
    return max(usable, key=lambda lvl: depth[lvl]) if usable else None


def units_of(ds: Dataset, level: str) -> pd.Series:
    """The unit (kommun code, or the municipality) of each area of ``level``.

    Areas coded like SCB's DeSO or RegSO belong to the kommun their code
    starts with; a municipality's own districts are one unit, named by the
    dataset's municipality code (else its name).
    """
    from .aggregate import _level_ids

    ids = _level_ids(ds, level)
    system = ds.meta.level(level).code_system
    if system in ("deso", "regso"):
        return pd.Series([i[:4] for i in ids], index=ids, dtype=object)
    whole = ds.meta.municipality.get("code") or ds.meta.name
    return pd.Series(whole, index=ids, dtype=object)


def group_counts(ds: Dataset, definition: GroupDefinition, level: str) -> pd.DataFrame:
    """Per area and year: the group's count ``x``, the total ``t``, whether the area can be used, its edition.

    For ``"rest"`` the total is the share's denominator; for a pair it is the
    two groups together.  An area whose row is suppressed, missing or lacks
    its counts in either group is not ``usable``.
    """
    frame = ds.values[(ds.values["level"] == level) & ds.values["indicator"].isin(definition.groups)]
    # The (area, year) cells that have a row: an area that did not exist in a year (a DeSO of a
    # later edition) is not "left out" of that year's index, it is not there.
    status = frame.pivot_table(index=["area_id", "year"], columns="indicator", values="status", aggfunc="first")
    wide = frame.pivot_table(index=["area_id", "year"], columns="indicator",
                             values=["numerator", "denominator"], aggfunc="first", dropna=False)
    wide = wide.reindex(status.index)
    edition = frame[frame["indicator"] == definition.groups[0]].set_index(["area_id", "year"])["edition"]
    ok = np.ones(len(wide), dtype=bool)
    for g in definition.groups:
        column = status[g] if g in status.columns else pd.Series(np.nan, index=wide.index)
        ok &= (column == STATUS_OK).to_numpy()
    a = wide[("numerator", definition.groups[0])].to_numpy(dtype=float)
    if definition.definition == "rest":
        t = wide[("denominator", definition.groups[0])].to_numpy(dtype=float)
    else:
        t = a + wide[("numerator", definition.groups[1])].to_numpy(dtype=float)
    ok &= np.isfinite(a) & np.isfinite(t) & (t > 0)
    out = wide.index.to_frame(index=False)
    out["x"], out["t"], out["usable"] = a, t, ok
    out["edition"] = edition[~edition.index.duplicated()].reindex(wide.index).to_numpy(dtype=object)
    return out


# --- The indices, vectorised over bootstrap replicates ------------------------------------

def index_values(x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
    """D, H and xPx of the last axis of ``x`` (group) and ``t`` (total) per area.

    The formulas of PySAL's ``_dissim``, ``_entropy`` and ``_isolation``
    (Massey and Denton 1988), on arrays of shape ``(replicates, areas)`` so
    that all bootstrap replicates are computed at once.  Undefined values
    (a group that is nobody or everybody) are NaN.
    """
    x, t = np.asarray(x, dtype=float), np.asarray(t, dtype=float)
    total = t.sum(axis=-1, keepdims=True)
    group = x.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = group / total
        # An area without residents has no share (PySAL: 0) and adds nothing to any sum.
        pi = np.where(t == 0, 0.0, x / np.where(t == 0, 1.0, t))
        d = (t * np.abs(pi - p)).sum(axis=-1) / (2.0 * total[..., 0] * p[..., 0] * (1.0 - p[..., 0]))

        def entropy(q):
            # xlogy(0, 0) is 0: PySAL's nan_to_num of 0 * log(1/0), without the warnings.
            return -(xlogy(q, q) + xlogy(1.0 - q, 1.0 - q))

        e = entropy(p)
        h = (t * (e - entropy(pi))).sum(axis=-1) / (e[..., 0] * total[..., 0])
        xpx = ((x / group) * pi).sum(axis=-1)
    undefined = (p[..., 0] <= 0) | (p[..., 0] >= 1)
    return {DISSIMILARITY: np.where(undefined, np.nan, d), INFORMATION: np.where(undefined, np.nan, h),
            ISOLATION: np.where(undefined, np.nan, xpx)}


def pysal_values(x: np.ndarray, t: np.ndarray) -> dict[str, float]:
    """D, H and xPx of one set of areas, computed by PySAL's own classes."""
    from segregation.singlegroup import Dissim, Entropy, Isolation

    frame = pd.DataFrame({"x": np.asarray(x, dtype=float), "t": np.asarray(t, dtype=float)})
    if not 0 < frame["x"].sum() < frame["t"].sum():
        return dict.fromkeys(INDICES, np.nan)
    return {DISSIMILARITY: float(Dissim(frame, "x", "t").statistic),
            INFORMATION: float(Entropy(frame, "x", "t").statistic),
            ISOLATION: float(Isolation(frame, "x", "t").statistic)}


def local_environment(adjacency: sp.csr_matrix, counts: np.ndarray) -> np.ndarray:
    """Counts of each area's local environment: itself plus its contiguous neighbours.

    What PySAL's spatially implicit indices do with a weights object ``w``
    (``_build_local_environment``: the diagonal filled with 1, a spatial lag
    of each count, rounded to whole persons).
    """
    own = sp.identity(adjacency.shape[0], format="csr")
    return np.round((adjacency + own) @ counts)


def queen_adjacency(areas) -> tuple[list[str], sp.csr_matrix]:
    """Area ids and their binary queen contiguity: areas that share at least one boundary point.

    Found with a spatial index (shapely's STRtree, ``intersects``) rather
    than libpysal's ``Queen``, which compares vertices in Python: 4.5 s
    against 0.35 s for 600 synthetic DeSO with borders of real weight, and
    minutes for a national level.  On a coverage (areas that share exact
    borders, as SCB's do) both give the same neighbours; a test checks it
    on the demo.  Where two areas overlap a little (a GIS slip) they count
    as neighbours, which they are.
    """
    import shapely

    geometry = areas.geometry.to_numpy()
    tree = shapely.STRtree(geometry)
    first, second = tree.query(geometry, predicate="intersects")
    apart = first != second
    n = len(geometry)
    matrix = sp.csr_matrix((np.ones(int(apart.sum())), (first[apart], second[apart])), shape=(n, n))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return areas["area_id"].astype(str).tolist(), matrix


def level_adjacency(ds: Dataset, level: str) -> tuple[list[str], sp.csr_matrix]:
    """:func:`queen_adjacency` of a level's areas, computed once per dataset (segregation and clusters share it)."""
    return ds.memo(("queen_adjacency", level), lambda: queen_adjacency(ds.areas[level]))


def change_test(boot_from: np.ndarray, boot_to: np.ndarray) -> float:
    """p-value that two years' indices differ: PySAL's ``TwoValueTest`` with ``null_approach="bootstrap"``.

    The t statistic of the two bootstrap distributions' means (Rey and
    Cortes' reference: Davidson and MacKinnon), two-sided, with as many
    degrees of freedom as replicates less one.
    """
    a, b = np.asarray(boot_from), np.asarray(boot_to)
    a, b = a[np.isfinite(a)], b[np.isfinite(b)]
    if len(a) < 2 or len(b) < 2:
        return float("nan")
    spread = np.sqrt(np.std(a) ** 2 + np.std(b) ** 2)
    if spread == 0:
        return float("nan")
    tt = (a.mean() - b.mean()) / spread
    return float(stats.t.sf(np.abs(tt), min(len(a), len(b)) - 1) * 2)


def change_tests(draws: np.ndarray) -> np.ndarray:
    """:func:`change_test` for every pair of rows of ``draws`` (years x replicates) at once.

    Returns
    -------
    numpy.ndarray
        ``p[i, j]``, symmetric; NaN where a year has fewer than two finite
        replicates or neither year varies.
    """
    finite = np.isfinite(draws)
    n = finite.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nanmean(np.where(finite, draws, np.nan), axis=1)
        var = np.nanvar(np.where(finite, draws, np.nan), axis=1)
        tt = (mean[:, None] - mean[None, :]) / np.sqrt(var[:, None] + var[None, :])
    dof = np.minimum(n[:, None], n[None, :]) - 1
    p = stats.t.sf(np.abs(tt), np.maximum(dof, 1)) * 2
    p[(dof < 1) | ~np.isfinite(tt)] = np.nan
    return p


def _seed(*parts) -> int:
    """A stable seed per unit, year and definition: the same data give the same intervals."""
    return int.from_bytes(hashlib.sha256("|".join(map(str, (SEED,) + parts)).encode()).digest()[:8], "little")


def _intervals(draws: np.ndarray) -> np.ndarray:
    """The percentile interval of each row of replicates: ``(rows, 2)``, NaN where a row has none.

    Replicates that are undefined (a resample in which nobody, or everybody,
    is in the group) are left out, as PySAL's inference drops them.
    """
    tail = 100.0 * (1.0 - CONFIDENCE) / 2.0
    out = np.full((draws.shape[0], 2), np.nan)
    finite = np.isfinite(draws)
    whole = finite.all(axis=1)
    if whole.any():
        out[whole] = np.percentile(draws[whole], [tail, 100.0 - tail], axis=1).T
    for row in np.flatnonzero(~whole & finite.any(axis=1)):
        out[row] = np.percentile(draws[row][finite[row]], [tail, 100.0 - tail])
    return out


@dataclass
class SegregationResult:
    """What :func:`compute_segregation` gives: the indices and the tests of change."""

    indices: pd.DataFrame
    changes: pd.DataFrame


def compute_segregation(ds: Dataset, bootstrap: int = BOOTSTRAP, spatial: bool = True) -> SegregationResult:
    """Every index for every unit, year and group definition of ``ds``, with intervals and tests of change.

    Parameters
    ----------
    ds : Dataset
    bootstrap : int
        Replicates per index (PySAL's bootstrap); fewer make tests fast, the
        intervals coarser.  0 gives no intervals and no tests.
    spatial : bool
        Also compute the spatial variants where the measured level has polygons.

    Returns
    -------
    SegregationResult
        ``indices``: one row per unit, level, year, group definition
        (``indicator``) and index (:data:`RECORD_COLUMNS`; ``group`` and
        ``total`` are the persons counted); ``changes``: one row per unit,
        group definition, index and pair of years (:data:`CHANGE_COLUMNS`),
        ``significant`` when ``p_value`` < :data:`ALPHA`.
    """
    records, changes = [], []
    adjacency_cache: dict[str, tuple[list[str], sp.csr_matrix] | None] = {}
    for definition in group_definitions(ds):
        level = measured_level(ds, definition)
        if level is None:
            continue
        counts = group_counts(ds, definition, level)
        units = units_of(ds, level)
        counts["unit"] = counts["area_id"].map(units)
        if spatial and level not in adjacency_cache:
            areas = ds.areas.get(level)
            has_polygons = areas is not None and len(areas) and areas.geometry.notna().all() \
                and not areas.geometry.is_empty.any()
            adjacency_cache[level] = level_adjacency(ds, level) if has_polygons else None
        adjacency = adjacency_cache.get(level) if spatial else None
        position = {a: i for i, a in enumerate(adjacency[0])} if adjacency else {}
        for unit, of_unit in counts.groupby("unit", sort=True):
            draws: dict[str, dict[int, np.ndarray]] = {}
            values: dict[str, dict[int, float]] = {}
            editions: dict[int, frozenset] = {}
            for year, rows in of_unit.groupby("year", sort=True):
                used = rows[rows["usable"]]
                left_out = int(len(rows) - len(used))
                if len(used) < 2:
                    continue
                x, t = used["x"].to_numpy(), used["t"].to_numpy()
                editions[int(year)] = frozenset(e for e in used["edition"] if e is not None and e == e)
                variants = [("", x, t)]
                if adjacency and all(a in position for a in used["area_id"]):
                    idx = np.array([position[a] for a in used["area_id"]])
                    sub = adjacency[1][idx][:, idx]
                    variants.append((SPATIAL_SUFFIX, local_environment(sub, x), local_environment(sub, t)))
                rng = np.random.default_rng(_seed(unit, level, definition.id, int(year)))
                resample = rng.integers(0, len(used), size=(bootstrap, len(used))) if bootstrap else None
                for suffix, vx, vt in variants:
                    point = {k: float(v) for k, v in index_values(vx, vt).items()}
                    replicated = index_values(vx[resample], vt[resample]) if bootstrap else {}
                    bounds = _intervals(np.stack([replicated[name] for name in INDICES])) if bootstrap else \
                        np.full((len(INDICES), 2), np.nan)
                    for row, name in enumerate(INDICES):
                        key = name + suffix
                        low, high = bounds[row]
                        records.append((unit, level, int(year), definition.id, definition.definition, key,
                                        point[name], low, high, len(used), left_out, float(vx.sum()),
                                        float(vt.sum())))
                        values.setdefault(key, {})[int(year)] = point[name]
                        if bootstrap:
                            draws.setdefault(key, {})[int(year)] = replicated[name]
            for key, by_year in draws.items():
                years = sorted(by_year)
                p = change_tests(np.array([by_year[y] for y in years]))
                point = np.array([values[key][y] for y in years])
                first, last = np.triu_indices(len(years), k=1)
                for i, j in zip(first, last):
                    changes.append((unit, level, definition.id, key, years[i], years[j], point[i], point[j],
                                    point[j] - point[i], p[i, j], bool(p[i, j] < ALPHA),
                                    editions[years[i]] != editions[years[j]]))
    indices = pd.DataFrame.from_records(records, columns=RECORD_COLUMNS)
    change_frame = pd.DataFrame.from_records(changes, columns=CHANGE_COLUMNS)
    return SegregationResult(indices=indices, changes=change_frame)
