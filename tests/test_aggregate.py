"""Shares of a higher level as a ratio of sums (geodata/aggregate.py).

What a planner would notice if it broke: a RegSO or kommun figure that does
not match what SCB publishes, a median "added up", a kommun share computed
from the DeSO that are not suppressed (too low), a computed figure that
looks published, a published figure replaced.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geodata import aggregate as ag
from geodata import store
from geodata.demo import build_demo
from geodata.measures import computed_reference
from geodata.model import STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, Dataset, DatasetMeta, Indicator, Level, \
    normalise_dataset


@pytest.fixture(scope="module")
def demo():
    return build_demo()


def published(ds, level, indicator):
    values = ds.values
    return values[(values["level"] == level) & (values["indicator"] == indicator)].set_index(["area_id", "year"])


def test_regso_and_kommun_from_deso_equal_the_published_figures(demo):
    for parent in ("regso", "kommun"):
        computed = ag.aggregate_share(demo, "eftergymnasial", "deso", parent).set_index(["area_id", "year"])
        truth = published(demo, parent, "eftergymnasial").reindex(computed.index)
        ok = computed["status"] == STATUS_OK
        # Until 2016 one harbour DeSO had no residents and no figures (missing): its RegSO and the
        # kommun are then not computed, since a missing part is never read as 0.
        assert (computed.loc[ok].index.get_level_values("year") >= 2016).all() or parent == "regso"
        assert ok.sum() >= len(computed) - 5
        np.testing.assert_allclose(computed.loc[ok, "value"], truth.loc[ok, "value"], rtol=1e-12)
        np.testing.assert_allclose(computed.loc[ok, "denominator"], truth.loc[ok, "denominator"])
        assert computed["computed"].all()


def test_a_parent_with_a_suppressed_or_missing_child_gets_that_status_not_a_smaller_sum(demo):
    values = demo.values.copy()
    deso = demo.areas["deso"]
    first, second = deso.loc[deso["parent_id"] == "9999R001", "area_id"].tolist()[:2]
    hide = (values["level"] == "deso") & (values["indicator"] == "eftergymnasial") & (values["year"] == 2020)
    values.loc[hide & (values["area_id"] == first), ["value", "numerator", "denominator", "status"]] = \
        [np.nan, np.nan, np.nan, STATUS_SUPPRESSED]
    values.loc[hide & (values["area_id"] == second), ["value", "numerator", "denominator", "status"]] = \
        [np.nan, np.nan, np.nan, STATUS_MISSING]
    changed = Dataset(demo.meta, demo.areas, values)
    regso = ag.aggregate_share(changed, "eftergymnasial", "deso", "regso").set_index(["area_id", "year"])
    assert regso.loc[("9999R001", 2020), "status"] == STATUS_SUPPRESSED
    assert np.isnan(regso.loc[("9999R001", 2020), "value"])
    assert regso.loc[("9999R001", 2021), "status"] == STATUS_OK
    kommun = ag.aggregate_share(changed, "eftergymnasial", "deso", "kommun").set_index(["area_id", "year"])
    assert kommun.loc[("9999", 2020), "status"] == STATUS_SUPPRESSED


@pytest.mark.parametrize("indicator", ["medianinkomst", "omradestyp", "befolkning", "ohalsotal"])
def test_medians_categories_counts_and_rates_are_never_aggregated(demo, indicator):
    with pytest.raises(ValueError, match="ratio of sums"):
        ag.aggregate_share(demo, indicator, "deso", "regso")


def without_kommun_rows(demo, indicator="eftergymnasial") -> Dataset:
    values = demo.values
    keep = ~((values["level"] == "kommun") & (values["indicator"] == indicator))
    return Dataset(demo.meta, demo.areas, values[keep].reset_index(drop=True))


def test_computed_values_fill_only_what_is_not_published(demo):
    assert len(ag.computed_values(demo)) == 0  # the demo publishes every level of every share
    gap = without_kommun_rows(demo)
    extra = ag.computed_values(gap)
    assert set(extra["level"]) == {"kommun"} and set(extra["indicator"]) == {"eftergymnasial"}
    assert extra["computed"].all() and len(extra) == 14
    truth = published(demo, "kommun", "eftergymnasial")
    merged = extra.set_index(["area_id", "year"]).join(truth.add_suffix("_published"))
    ok = merged["status"] == STATUS_OK
    np.testing.assert_allclose(merged.loc[ok, "value"], merged.loc[ok, "value_published"], rtol=1e-12)


def test_the_reference_line_is_a_computed_kommun_value_when_none_is_published(demo, tmp_path):
    gap = without_kommun_rows(demo)
    assert not ag.reference_series(demo, "eftergymnasial")["computed"].any()
    series = ag.reference_series(gap, "eftergymnasial")
    assert series["computed"].all() and series["year"].tolist() == list(range(2011, 2025))
    # Stored at publish and read back without summing again.
    release = store.publish(gap, tmp_path, bootstrap=0, permutations=0)
    stored = computed_reference(store.read_release(release), "eftergymnasial")
    pd.testing.assert_frame_equal(stored.reset_index(drop=True), series.reset_index(drop=True), check_dtype=False)


def test_shares_without_counts_at_a_level_are_not_summed_from_it(demo):
    # The demo's national series is values only: nothing is computed from it, and the nation is
    # computed from the levels that have counts only where it lacks a published figure.
    assert not ag.aggregatable(demo, "eftergymnasial", "riket")
    assert ag.aggregatable(demo, "eftergymnasial", "deso")


def test_real_deso_counts_sum_to_regso_kommun_and_the_nation(shared_data):
    """SCB's 2022 DeSO counts, the official DeSO -> RegSO key, and the RegSO shares derived from them."""
    folder = shared_data / "regso-omradestyp-2022-and-deso-regso-key"
    key = pd.read_csv(folder / "koppling-deso2018-regso2020.csv", dtype=str, encoding="utf-8-sig")
    table = pd.read_csv(shared_data / "deso-indicators-2022-nationwide" / "deso_2018_indicators_2022_wide.csv",
                        dtype={"deso": str, "kommunkod": str})
    education = ["utb_forgymnasial_25_64", "utb_gymnasial_25_64", "utb_eftergymn_lt3_25_64",
                 "utb_eftergymn_3plus_25_64", "utb_saknas_25_64"]
    numerator = table["utb_eftergymn_lt3_25_64"] + table["utb_eftergymn_3plus_25_64"]
    denominator = table[education].sum(axis=1)
    values = pd.DataFrame({"level": "deso", "area_id": table["deso"], "indicator": "eftergymnasial", "year": 2022,
                           "value": 100.0 * numerator / denominator, "numerator": numerator,
                           "denominator": denominator, "status": "ok"})
    parent = key.set_index("DeSO_2018")["RegSOkod_2020"]
    areas = {"deso": gpd.GeoDataFrame({"area_id": table["deso"], "name": table["deso"],
                                       "parent_id": table["deso"].map(parent), "edition": "DeSO2018"},
                                      geometry=[None] * len(table))}
    meta = DatasetMeta(name="riket", title={"sv": "Riket"}, indicators=(Indicator("eftergymnasial", {"sv": "E"}),),
                       levels=(Level("deso", {"sv": "DeSO"}, parent="regso", code_system="deso"),
                               Level("regso", {"sv": "RegSO"}, parent="kommun", code_system="regso"),
                               Level("kommun", {"sv": "Kommun"}, code_system="kommun", mappable=False),
                               Level("lan", {"sv": "Län"}, code_system="lan", mappable=False),
                               Level("riket", {"sv": "Riket"}, mappable=False)))
    ds = Dataset(meta, areas, normalise_dataset(Dataset(meta, {}, values)).values)
    regso = ag.aggregate_share(ds, "eftergymnasial", "deso", "regso").set_index("area_id")
    assert len(regso) == 3363 and (regso["status"] == STATUS_OK).all()
    derived = pd.read_csv(folder / "DERIVED_regso2020_indicators_2022_from_deso.csv", dtype={"RegSOkod_2020": str})
    derived = derived.set_index("RegSOkod_2020")["andel_eftergymnasial_25_64_pct"]
    # The derived file rounds to one decimal.
    assert (regso["value"] - derived.reindex(regso.index)).abs().max() <= 0.05 + 1e-9
    kommun = ag.aggregate_share(ds, "eftergymnasial", "deso", "kommun")
    assert len(kommun) == 290 and kommun["area_id"].str.fullmatch(r"\d{4}").all()
    lan = ag.aggregate_share(ds, "eftergymnasial", "deso", "lan")
    assert len(lan) == 21 and set(lan["area_id"]) == set(table["deso"].str[:2])
    nation = ag.aggregate_share(ds, "eftergymnasial", "deso", "riket")
    assert nation.loc[0, "denominator"] == denominator.sum()
    assert nation.loc[0, "value"] == pytest.approx(100.0 * numerator.sum() / denominator.sum())
    assert nation.loc[0, "children"] == 5984


def test_a_municipalitys_own_districts_sum_to_their_parents_by_parent_id():
    from shapely.geometry import box

    ids = ["n1", "n2", "s1", "s2"]
    areas = gpd.GeoDataFrame({"area_id": ids, "name": ids, "parent_id": ["norr", "norr", "syd", "syd"],
                              "edition": None}, geometry=[box(i, 0, i + 1, 1) for i in range(4)], crs="EPSG:3006")
    parents = gpd.GeoDataFrame({"area_id": ["norr", "syd"], "name": ["Norr", "Syd"], "parent_id": None,
                                "edition": None}, geometry=[box(0, 0, 2, 1), box(2, 0, 4, 1)], crs="EPSG:3006")
    x, t = [10, 30, 5, 45], [100, 100, 50, 150]
    values = pd.DataFrame({"level": "delomrade", "area_id": ids, "indicator": "andel", "year": 2023,
                           "value": [100 * a / b for a, b in zip(x, t)], "numerator": x, "denominator": t,
                           "status": "ok"})
    meta = DatasetMeta(name="egen", title={"sv": "Egen indelning"}, indicators=(Indicator("andel", {"sv": "Andel"}),),
                       levels=(Level("delomrade", {"sv": "Delområde"}, parent="stadsdel"),
                               Level("stadsdel", {"sv": "Stadsdel"})))
    ds = normalise_dataset(Dataset(meta, {"delomrade": areas, "stadsdel": parents}, values))
    computed = ag.aggregate_share(ds, "andel", "delomrade", "stadsdel").set_index("area_id")
    # Ratio of sums, not the mean of the shares: Syd is 50 of 200 (25 %), not (10 % + 30 %) / 2.
    assert computed.loc["norr", "value"] == pytest.approx(20.0)
    assert computed.loc["syd", "value"] == pytest.approx(25.0)
    assert set(ag.computed_values(ds)["area_id"]) == {"norr", "syd"}
