"""Spatial clusters (geodata/clusters.py): global Moran's I and local clusters (LISA).

What a planner would notice if it broke: a pattern everyone can see on the
map not found, noise shown as clusters, a suppressed area shown as a
cluster, high-high where the values are low, figures that differ from esda.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geodata import clusters as cl
from geodata.model import Dataset, DatasetMeta, Indicator, Level, normalise_dataset


def grid(values: np.ndarray, statuses: dict[int, str] | None = None) -> Dataset:
    """A square grid of 1 km districts with one indicator, one year; ``values`` in row-major order."""
    n = int(round(np.sqrt(len(values))))
    ids = [f"d{i:03d}" for i in range(n * n)]
    geoms = [box(500_000 + 1000 * (i % n), 6_600_000 + 1000 * (i // n), 501_000 + 1000 * (i % n),
                 6_601_000 + 1000 * (i // n)) for i in range(n * n)]
    areas = gpd.GeoDataFrame({"area_id": ids, "name": ids, "parent_id": None, "edition": None},
                             geometry=geoms, crs="EPSG:3006")
    statuses = statuses or {}
    rows = pd.DataFrame({"level": "district", "area_id": ids, "indicator": "v", "year": 2022,
                         "value": [np.nan if i in statuses else v for i, v in enumerate(values)],
                         "status": [statuses.get(i, "ok") for i in range(n * n)]})
    meta = DatasetMeta(name="grid", title={"sv": "Rutnät"}, levels=(Level("district", {"sv": "Distrikt"}),),
                       indicators=(Indicator("v", {"sv": "Värde"}, kind="index"),))
    return normalise_dataset(Dataset(meta, {"district": areas}, rows))


def halves(n: int = 10) -> np.ndarray:
    """High values in the left half of an n x n grid, low in the right, a little noise."""
    rng = np.random.default_rng(1)
    col = np.tile(np.arange(n), n)
    return np.where(col < n // 2, 50.0, 10.0) + rng.normal(0, 1, n * n)


def test_a_visible_pattern_is_found_high_high_where_high_and_low_low_where_low():
    moran, lisa = cl.compute_clusters(grid(halves()), permutations=499)
    assert moran.loc[0, "moran_i"] > 0.7 and moran.loc[0, "p_value"] < 1e-6
    col = np.tile(np.arange(10), 10)
    clusters = lisa["cluster"].to_numpy()
    assert set(clusters[col < 5]) <= {"HH", "ns"} and set(clusters[col >= 5]) <= {"LL", "ns"}
    # Away from the border between the halves nearly every area is a cluster (a corner, with only three
    # neighbours, may not be: few neighbours are weak evidence).
    assert (clusters[col <= 2] == "HH").sum() >= 27 and (clusters[col >= 7] == "LL").sum() >= 27


def test_noise_is_not_shown_as_clusters():
    rng = np.random.default_rng(11)
    moran, lisa = cl.compute_clusters(grid(rng.normal(30, 5, 144)), permutations=499)
    assert abs(moran.loc[0, "moran_i"]) < 0.2 and moran.loc[0, "p_value"] > 0.01
    # The false-discovery-rate correction: testing 144 areas at 5 % would otherwise flag about 7.
    assert (lisa["cluster"] != "ns").sum() <= 2


def test_suppressed_areas_are_no_data_never_a_cluster_or_a_neighbour_with_zero():
    values = halves()
    dataset = grid(values, statuses={0: "suppressed", 55: "missing"})
    moran, lisa = cl.compute_clusters(dataset, permutations=199)
    by_area = lisa.set_index("area_id")
    assert by_area.loc["d000", "cluster"] == "no_data" and by_area.loc["d055", "cluster"] == "no_data"
    assert np.isnan(by_area.loc["d000", "local_i"])
    assert (moran.loc[0, "areas"], moran.loc[0, "areas_left_out"]) == (98, 2)
    # A suppressed area read as 0 would make its high neighbour d001 look "high among low".
    assert by_area.loc["d001", "cluster"] in ("HH", "ns")


def test_an_area_whose_neighbours_all_lack_values_is_not_tested():
    statuses = {1: "suppressed", 10: "suppressed", 11: "suppressed"}  # d000's three neighbours
    _, lisa = cl.compute_clusters(grid(halves(), statuses), permutations=99)
    assert lisa.set_index("area_id").loc["d000", "cluster"] == "no_neighbours"


def test_pvalues_agree_with_esda_own_permutations():
    import esda
    from libpysal.weights import Queen

    from geodata.demo import build_demo

    demo = build_demo()
    areas = demo.areas["deso"]
    rows = demo.values[(demo.values["level"] == "deso") & (demo.values["indicator"] == "eftergymnasial")
                       & (demo.values["year"] == 2024)].set_index("area_id").reindex(areas["area_id"])
    w = Queen.from_dataframe(areas, use_index=False)
    w.transform = "r"
    theirs = esda.Moran_Local(rows["value"].to_numpy(), w, permutations=9999, seed=3, n_jobs=1)
    local = esda.Moran_Local(rows["value"].to_numpy(), w, permutations=0)
    weights = cl._row_standardised(w.sparse.tocsr()).tocsr()
    weights.sort_indices()
    ours = cl.local_pvalues(local.z, weights, local.Is, 9999, np.random.default_rng(3))
    # Two independent sets of 9,999 permutations: the p-values differ by Monte Carlo error only.
    assert np.abs(ours - theirs.p_sim).max() < 0.02
    assert (ours <= 0.05).sum() == pytest.approx((theirs.p_sim <= 0.05).sum(), abs=2)


def test_clusters_of_stockholms_lan_deso_2022(shared_data):
    polygons = gpd.read_file(shared_data / "stockholm-lan-deso-2018" / "deso_stockholm.json")
    table = pd.read_csv(shared_data / "deso-indicators-2022-nationwide" / "deso_2018_indicators_2022_wide.csv",
                        dtype={"deso": str})
    table = table[table["deso"].isin(polygons["id"])]
    areas = gpd.GeoDataFrame({"area_id": polygons["id"], "name": polygons["id"], "parent_id": None,
                              "edition": "DeSO2018"}, geometry=polygons.geometry, crs=polygons.crs)
    values = pd.DataFrame({"level": "deso", "area_id": table["deso"], "indicator": "utlandsk_bakgrund",
                           "year": 2022, "value": 100.0 * table["utlandsk_bakgrund"] / table["folkmangd_2022_bakgrund"],
                           "numerator": table["utlandsk_bakgrund"], "denominator": table["folkmangd_2022_bakgrund"],
                           "status": "ok"})
    meta = DatasetMeta(name="stockholm", title={"sv": "Stockholms län"},
                       levels=(Level("deso", {"sv": "DeSO"}, code_system="deso"),),
                       indicators=(Indicator("utlandsk_bakgrund", {"sv": "Utländsk bakgrund"}),))
    moran, lisa = cl.compute_clusters(normalise_dataset(Dataset(meta, {"deso": areas}, values)), permutations=999)
    assert len(lisa) == 1287 and moran.loc[0, "areas"] == 1287
    # Background is strongly clustered across the county.
    assert moran.loc[0, "moran_i"] > 0.6 and moran.loc[0, "p_value"] < 1e-10
    per_kommun = pd.crosstab(lisa["area_id"].str[:4], lisa["cluster"])
    # High-high where planners expect it: Botkyrka, Södertälje and Stockholm's suburbs (Järva, Skärholmen).
    assert (per_kommun.loc[["0127", "0181", "0180"], "HH"] >= 10).all()
    # Low-low in the outer archipelago and rural kommuner, never high-high there.
    assert per_kommun.loc["0188", "LL"] >= 10 and per_kommun.loc["0188", "HH"] == 0
    high = lisa["cluster"] == "HH"
    value = values.set_index("area_id")["value"].reindex(lisa["area_id"]).to_numpy()
    assert value[high].min() > np.median(value)


def test_neighbours_are_libpysals_queen_contiguity_on_a_coverage():
    from libpysal.weights import Queen

    from geodata.demo import build_demo
    from geodata.segregation import queen_adjacency

    for level in ("deso", "regso"):
        areas = build_demo().areas[level]
        ids, ours = queen_adjacency(areas)
        theirs = Queen.from_dataframe(areas, use_index=False).sparse.tocsr()
        assert ids == areas["area_id"].tolist()
        assert (ours != theirs).nnz == 0 and ours.nnz > 2 * len(ids)


def test_a_district_bordering_all_others_is_tested_quickly_and_fairly():
    # A centre with 14 districts around it, each touching the centre and its two neighbours: drawing
    # 14 distinct neighbours out of 14 others for the centre must not take forever.
    n = 15
    rows, cols = [], []
    for i in range(1, n):
        rows += [0, i, i, i]
        cols += [i, 0, 1 + (i % (n - 1)), 1 + ((i - 2) % (n - 1))]
    import scipy.sparse as sp

    adjacency = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    adjacency.data[:] = 1.0
    weights = cl._row_standardised(adjacency).tocsr()
    weights.sort_indices()
    rng = np.random.default_rng(4)
    y = rng.normal(0, 1, n)
    z = y - y.mean()
    local_i = (n - 1) * z * (weights @ z) / (z * z).sum()
    p = cl.local_pvalues(z, weights, local_i, 999, rng)
    # The centre's neighbours are everyone else, whatever the draw: its statistic never varies,
    # so permutations say nothing about it and it is never significant.
    assert p[0] == 1.0
    assert ((p > 0) & (p <= 1)).all() and (p[1:] < 1).any()
