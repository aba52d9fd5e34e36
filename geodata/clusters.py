"""Spatial clusters: global Moran's I and local clusters (LISA) with PySAL's ``esda``.

For every indicator with numbers (not a category) and every year, at every
level with polygons:

* **global Moran's I** (:class:`esda.Moran`): do neighbouring areas have
  similar values more than chance would give?  Its p-value is esda's
  analytical one under randomisation (``p_rand``);
* **local clusters** (:class:`esda.Moran_Local`): each area's local Moran's I
  and quadrant, high-high (a high value among high neighbours), low-low,
  high-low, low-high, or not significant.  Significance is by conditional
  permutation (each area's value kept, its neighbours' drawn at random from
  the other areas), corrected for testing every area at once by the false
  discovery rate (:func:`esda.fdr`, Benjamini-Hochberg).

Neighbours are queen contiguity (areas sharing a boundary point,
:func:`geodata.segregation.queen_adjacency`), row-standardised.  Areas whose
value is suppressed or missing are left out (they are neither neighbours
nor clusters, and counted); an area left without neighbours is not tested.

Why the permutations are drawn here and not by esda: esda compiles its
permutation kernel with numba on first use in every process, 30 seconds
here, which every publish of even the small demo would pay.  The
permutation scheme is esda's (``crand``: one set of random neighbour ids
shared by all areas, skipping the area itself; the folded pseudo p-value
``(larger + 1) / (permutations + 1)``), vectorised with numpy; the local
statistics and quadrants are esda's own, and a test compares the p-values
with esda's.

Nothing imports dash.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .model import STATUS_OK, Dataset

#: Permutations per local test by default (esda's usual choice for published maps).
PERMUTATIONS = 999
ALPHA = 0.05
SEED = 20240611
#: esda's quadrant numbers and what they are called here.
QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
NOT_SIGNIFICANT = "ns"
#: An area that cannot be tested: no value, or no neighbour with one.
NO_DATA, NO_NEIGHBOURS = "no_data", "no_neighbours"
CLUSTERS = ("HH", "LL", "HL", "LH", NOT_SIGNIFICANT)

MORAN_COLUMNS = ["level", "indicator", "year", "moran_i", "expected", "z", "p_value", "areas", "areas_left_out"]
LISA_COLUMNS = ["level", "indicator", "year", "area_id", "local_i", "p_value", "cluster"]


def _row_standardised(adjacency: sp.csr_matrix) -> sp.csr_matrix:
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        scale = np.where(degree > 0, 1.0 / degree, 0.0)
    return sp.diags(scale) @ adjacency


def local_pvalues(z: np.ndarray, weights: sp.csr_matrix, local_i: np.ndarray, permutations: int,
                  rng: np.random.Generator) -> np.ndarray:
    """Folded pseudo p-values of local Moran's I by conditional permutation, as esda's ``crand``.

    The smaller tail's count of draws, plus one, over the permutations plus
    one; draws that tie with the observed value count for the null (esda
    counts them in the upper tail).

    Parameters
    ----------
    z : numpy.ndarray
        Values less their mean, one per area.
    weights : scipy.sparse.csr_matrix
        Row-standardised weights without islands.
    local_i : numpy.ndarray
        The observed local statistics (esda's ``Is``).
    permutations : int
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray
        One p-value per area.
    """
    n = len(z)
    scaling = (n - 1) / (z * z).sum()
    degree = np.diff(weights.indptr)
    max_card = int(degree.max())
    # One set of random ids for all areas, as esda draws them: ``max_card`` distinct others per permutation.
    if 4 * max_card > n - 1:
        # An area bordering most others (a centre among few districts): a full shuffle per permutation,
        # since drawing and rejecting repeats would almost never succeed.
        ids = np.argsort(rng.random((permutations, n - 1)), axis=1)[:, :max_card]
    else:
        ids = rng.integers(0, n - 1, size=(permutations, max_card))
        # Distinct ids per permutation (sampling without replacement): redraw the rows that repeat one.
        while True:
            ordered = np.sort(ids, axis=1)
            repeated = (ordered[:, 1:] == ordered[:, :-1]).any(axis=1)
            if not repeated.any():
                break
            ids[repeated] = rng.integers(0, n - 1, size=(int(repeated.sum()), max_card))
    p = np.empty(n)
    for card in np.unique(degree):
        members = np.flatnonzero(degree == card)
        for chunk in np.array_split(members, max(1, len(members) * permutations * card // 4_000_000 + 1)):
            if not len(chunk):
                continue
            draws = ids[None, :, :card] + (ids[None, :, :card] >= chunk[:, None, None])  # skip the area itself
            w = np.stack([weights.data[weights.indptr[i]:weights.indptr[i + 1]] for i in chunk])
            lag = (z[draws] * w[:, None, :]).sum(axis=2)
            simulated = scaling * z[chunk, None] * lag
            observed = local_i[chunk, None]
            # A draw equal to the observed statistic (up to rounding) supports neither tail: it counts
            # for the null.  esda counts it as larger, so that an area whose neighbours are all the
            # other areas (every draw the same set) would come out "significant" at 1/(n+1).
            tie = np.isclose(simulated, observed, rtol=1e-9, atol=1e-12)
            larger = ((simulated > observed) & ~tie).sum(axis=1)
            smaller = ((simulated < observed) & ~tie).sum(axis=1)
            p[chunk] = (np.minimum(larger, smaller) + tie.sum(axis=1) + 1.0) / (permutations + 1.0)
    return p


def _level_adjacency(ds: Dataset, level: str):
    from .segregation import level_adjacency

    return level_adjacency(ds, level)


def _weights(adjacency: sp.csr_matrix, has_value: np.ndarray):
    """Row-standardised weights among the areas with a value, without islands.

    Returns the areas kept (an area whose neighbours all lack a value is
    dropped, and dropping it can isolate another), the libpysal ``W`` (None
    when fewer than three areas are left) and the sparse weights.
    """
    from libpysal.weights import WSP

    has_value = has_value.copy()
    while True:
        sub = adjacency[has_value][:, has_value]
        connected = np.asarray(sub.sum(axis=1)).ravel() > 0
        if connected.all() or not connected.any():
            break
        keep = np.flatnonzero(has_value)[connected]
        has_value[:] = False
        has_value[keep] = True
    if has_value.sum() < 3 or not connected.all():
        return has_value, None, None
    weights = _row_standardised(sub.tocsr()).tocsr()
    weights.sort_indices()
    w = WSP(weights).to_W(silence_warnings=True)
    w.transform = "r"
    return has_value, w, weights


def clustered_levels(ds: Dataset) -> list[str]:
    """Levels with polygons for every area: the ones clusters can be looked for in."""
    out = []
    for lvl in ds.meta.map_levels:
        areas = ds.areas.get(lvl.id)
        if areas is not None and len(areas) >= 3 and not areas.geometry.isna().any() \
                and not areas.geometry.is_empty.any():
            out.append(lvl.id)
    return out


def compute_clusters(ds: Dataset, permutations: int = PERMUTATIONS,
                     alpha: float = ALPHA) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Global Moran's I and local clusters for every numeric indicator, year and level with polygons.

    Parameters
    ----------
    ds : Dataset
    permutations : int
        Conditional permutations per local test; fewer make tests fast.
    alpha : float
        False discovery rate of the local clusters.

    Returns
    -------
    moran : pandas.DataFrame
        :data:`MORAN_COLUMNS`, one row per level, indicator and year.
    lisa : pandas.DataFrame
        :data:`LISA_COLUMNS`, one row per area of the level, indicator and
        year; ``cluster`` is one of :data:`CLUSTERS`, or ``no_data`` /
        ``no_neighbours`` for areas that were not tested.
    """
    import esda

    moran_rows, lisa_parts = [], []
    numeric = [ind.id for ind in ds.meta.indicators if ind.kind != "category"]
    for level in clustered_levels(ds):
        ids, adjacency = _level_adjacency(ds, level)
        position = pd.Index(ids)
        values = ds.values[(ds.values["level"] == level) & ds.values["indicator"].isin(numeric)
                           & (ds.values["status"] == STATUS_OK) & ds.values["area_id"].isin(position)]
        # Most years leave out the same areas: their weights are built once.
        weights_cache: dict[bytes, tuple] = {}
        for (indicator, year), rows in values.groupby(["indicator", "year"], sort=True):
            value = np.full(len(ids), np.nan)
            value[position.get_indexer(rows["area_id"])] = rows["value"].to_numpy(dtype=float)
            mask = np.isfinite(value)
            key = mask.tobytes()
            if key not in weights_cache:
                weights_cache[key] = _weights(adjacency, mask)
            has_value, w, weights = weights_cache[key]
            cluster = np.full(len(ids), NO_DATA, dtype=object)
            cluster[mask & ~has_value] = NO_NEIGHBOURS
            local_i = np.full(len(ids), np.nan)
            p_values = np.full(len(ids), np.nan)
            tested = int(has_value.sum())
            y = value[has_value]
            if w is not None and np.ptp(y) > 0:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    glob = esda.Moran(y, w, permutations=0)
                    local = esda.Moran_Local(y, w, permutations=0)
                moran_rows.append((level, indicator, int(year), float(glob.I), float(glob.EI), float(glob.z_rand),
                                   float(glob.p_rand), tested, len(ids) - tested))
                rng = np.random.default_rng([SEED, int(year), len(ids), *map(ord, indicator + level)])
                p = local_pvalues(local.z, weights, local.Is, permutations, rng) if permutations else \
                    np.ones(tested)
                threshold = esda.fdr(p, alpha) if permutations else 0.0
                labels = np.array([QUADRANTS.get(int(q), NOT_SIGNIFICANT) for q in local.q], dtype=object)
                cluster[has_value] = np.where(p <= threshold, labels, NOT_SIGNIFICANT)
                local_i[has_value] = local.Is
                p_values[has_value] = p
            else:
                cluster[has_value] = NOT_SIGNIFICANT
                moran_rows.append((level, indicator, int(year), np.nan, np.nan, np.nan, np.nan, tested,
                                   len(ids) - tested))
            lisa_parts.append((level, indicator, int(year), ids, local_i, p_values, cluster))
    moran = pd.DataFrame.from_records(moran_rows, columns=MORAN_COLUMNS)
    # One frame at the end: a DataFrame per map costs more than its statistics on a small dataset.
    sizes = [len(part[3]) for part in lisa_parts]
    lisa = pd.DataFrame({
        "level": np.repeat([part[0] for part in lisa_parts], sizes).astype(object),
        "indicator": np.repeat([part[1] for part in lisa_parts], sizes).astype(object),
        "year": np.repeat(np.array([part[2] for part in lisa_parts], dtype="int64"), sizes),
        "area_id": np.concatenate([np.asarray(part[3], dtype=object) for part in lisa_parts]) if lisa_parts else [],
        "local_i": np.concatenate([part[4] for part in lisa_parts]) if lisa_parts else [],
        "p_value": np.concatenate([part[5] for part in lisa_parts]) if lisa_parts else [],
        "cluster": np.concatenate([part[6] for part in lisa_parts]) if lisa_parts else [],
    }, columns=LISA_COLUMNS)
    return moran, lisa
