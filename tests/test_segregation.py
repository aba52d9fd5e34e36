"""The degree of segregation per unit and year (geodata/segregation.py), and where it is published.

What a planner would notice if it broke: an index that is not what its
textbook definition gives, a value that differs from PySAL's, suppressed
areas counted as having nobody in the group, an interval that does not
contain the index, a "significant" change that is chance, no indices after
publishing, a command that prints nothing.
"""

from __future__ import annotations

import dataclasses
import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geodata import segregation as sg
from geodata import store
from geodata.cli import main
from geodata.measures import measures_of, segregation_change, segregation_series
from geodata.model import Dataset, DatasetMeta, Indicator, Level, normalise_dataset


def tiny_dataset(rows: list[tuple], pairs=(), polygons: bool = True, years=(2020,)) -> Dataset:
    """DeSO-coded areas in a row, 1 km squares, with shares given as (area, indicator, x, t, status) per year."""
    ids = sorted({r[0] for r in rows})
    areas = gpd.GeoDataFrame({"area_id": ids, "name": ids, "parent_id": None, "edition": None},
                             geometry=[box(500_000 + 1000 * i, 6_600_000, 501_000 + 1000 * i, 6_601_000)
                                       for i in range(len(ids))], crs="EPSG:3006")
    values = []
    for year in years:
        for area, indicator, x, t, status in rows:
            ok = status == "ok"
            values.append({"level": "deso", "area_id": area, "indicator": indicator, "year": year,
                           "value": 100.0 * x / t if ok else np.nan, "numerator": x if ok else np.nan,
                           "denominator": t if ok else np.nan, "status": status})
    indicators = tuple(Indicator(i, {"sv": i}) for i in sorted({r[1] for r in rows}))
    meta = DatasetMeta(name="tiny", title={"sv": "Liten"}, levels=(Level("deso", {"sv": "DeSO"}, code_system="deso"),),
                       indicators=indicators, group_pairs=tuple(pairs))
    return normalise_dataset(Dataset(meta, {"deso": areas} if polygons else {}, pd.DataFrame(values)))


#: Three areas of 100 residents; 10, 50 and 0 of them in the group: 60 of 300 (20 %).
TINY = [("0001C0001", "grp", 10, 100, "ok"), ("0001C0002", "grp", 50, 100, "ok"), ("0001C0003", "grp", 0, 100, "ok")]


def record(frame: pd.DataFrame, index: str, **where) -> pd.Series:
    rows = frame[frame["index"] == index]
    for key, value in where.items():
        rows = rows[rows[key] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_each_index_is_its_textbook_value_on_a_tiny_example():
    result = sg.compute_segregation(tiny_dataset(TINY), bootstrap=0, spatial=False).indices
    # D: half the summed difference between the group's and the others' distribution over the areas:
    # group 10/60, 50/60, 0/60; others 90/240, 50/240, 100/240.
    d = 0.5 * (abs(10 / 60 - 90 / 240) + abs(50 / 60 - 50 / 240) + abs(0 - 100 / 240))
    assert record(result, "D")["value"] == pytest.approx(d) == pytest.approx(0.625)
    # Isolation: a group member's average share of the group in their area.
    assert record(result, "xPx")["value"] == pytest.approx(10 / 60 * 0.1 + 50 / 60 * 0.5)

    def entropy(p):
        return sum(-q * math.log(q) for q in (p, 1 - p) if q > 0)

    # Theil's H: the residents' average shortfall of their area's entropy below the whole's.
    whole = entropy(0.2)
    h = sum(100 * (whole - entropy(p)) for p in (0.1, 0.5, 0.0)) / (whole * 300)
    assert record(result, "H")["value"] == pytest.approx(h)
    assert record(result, "D")["unit"] == "0001" and record(result, "D")["areas"] == 3


def test_indices_equal_pysal_called_directly():
    from segregation.singlegroup import Dissim, Entropy, Isolation

    rng = np.random.default_rng(3)
    t = rng.integers(700, 2700, 40).astype(float)
    x = np.round(t * rng.beta(2, 5, 40))
    frame = pd.DataFrame({"x": x, "t": t})
    ours = sg.index_values(x, t)
    assert ours["D"] == pytest.approx(Dissim(frame, "x", "t").statistic, rel=1e-12)
    assert ours["H"] == pytest.approx(Entropy(frame, "x", "t").statistic, rel=1e-12)
    assert ours["xPx"] == pytest.approx(Isolation(frame, "x", "t").statistic, rel=1e-12)
    # Every bootstrap replicate too: the rows are resampled areas, as PySAL's bootstrap draws them.
    idx = rng.integers(0, 40, (5, 40))
    replicated = sg.index_values(x[idx], t[idx])
    for r in range(5):
        assert replicated["D"][r] == pytest.approx(Dissim(frame.iloc[idx[r]], "x", "t").statistic, rel=1e-12)
        assert replicated["H"][r] == pytest.approx(Entropy(frame.iloc[idx[r]], "x", "t").statistic, rel=1e-12)


def test_spatial_variant_equals_pysal_with_queen_weights():
    from libpysal.weights import Queen
    from segregation.singlegroup import Dissim, Entropy, Isolation

    rows = [(f"0001C{i:04d}", "grp", int(x), 1000, "ok") for i, x in enumerate([50, 80, 400, 600, 90, 30, 700])]
    ds = tiny_dataset(rows)
    result = sg.compute_segregation(ds, bootstrap=0).indices
    gdf = ds.areas["deso"].copy()
    gdf["x"] = [r[2] for r in rows]
    gdf["t"] = 1000.0
    w = Queen.from_dataframe(gdf, use_index=False)
    assert record(result, "D_spatial")["value"] == pytest.approx(Dissim(gdf, "x", "t", w=w).statistic)
    assert record(result, "H_spatial")["value"] == pytest.approx(Entropy(gdf, "x", "t", w=w).statistic)
    assert record(result, "xPx_spatial")["value"] == pytest.approx(Isolation(gdf, "x", "t", w=w).statistic)
    # Areas in a row: neighbours blur the contrast, so the spatial D is lower than the aspatial one.
    assert record(result, "D_spatial")["value"] < record(result, "D")["value"]


def test_suppressed_and_missing_areas_are_left_out_and_counted_never_zero():
    rows = TINY + [("0001C0004", "grp", 0, 100, "suppressed"), ("0001C0005", "grp", 0, 100, "missing")]
    result = sg.compute_segregation(tiny_dataset(rows), bootstrap=0, spatial=False).indices
    d = record(result, "D")
    # Exactly the value of the three areas with figures: an area read as 0 of 100 would change it.
    assert d["value"] == pytest.approx(0.625)
    assert (d["areas"], d["areas_left_out"]) == (3, 2)


def test_a_named_pair_measures_the_two_groups_only():
    rows = [("0001C0001", "low", 30, 100, "ok"), ("0001C0001", "high", 10, 100, "ok"),
            ("0001C0002", "low", 10, 100, "ok"), ("0001C0002", "high", 30, 100, "ok")]
    pairs = [{"id": "low_vs_high", "groups": ["low", "high"], "label": {"sv": "Låg mot hög"}}]
    result = sg.compute_segregation(tiny_dataset(rows, pairs), bootstrap=0, spatial=False).indices
    pair = result[result["indicator"] == "low_vs_high"]
    assert set(pair["definition"]) == {"pair"}
    # 30 of the 40 "low" live in area 1, 10 of the 40 "high": D = |30/40 - 10/40| = 0.5.
    assert record(pair, "D")["value"] == pytest.approx(0.5)
    assert record(pair, "D")["total"] == 80  # the two groups, not the areas' 200 residents
    assert {"low", "high"} <= set(result["indicator"])


def test_units_are_kommuner_by_code():
    rows = TINY + [("0002C0001", "grp", 50, 100, "ok"), ("0002C0002", "grp", 50, 100, "ok")]
    result = sg.compute_segregation(tiny_dataset(rows), bootstrap=0, spatial=False).indices
    assert record(result, "D", unit="0001")["value"] == pytest.approx(0.625)
    assert record(result, "D", unit="0002")["value"] == pytest.approx(0.0)  # both areas alike: no segregation


def demo_like(years=(2020, 2021), shift=0.0, n=30, seed=1) -> Dataset:
    rng = np.random.default_rng(seed)
    t = rng.integers(700, 2700, n)
    rows = []
    for year in years:
        p = np.clip(np.linspace(0.05, 0.6, n) * (1 + shift * (year - years[0])), 0, 1)
        x = rng.binomial(t, p)
        rows += [(year, f"0001C{i:04d}", int(x[i]), int(t[i])) for i in range(n)]
    frames = []
    for year in years:
        frames.append(tiny_dataset([(a, "grp", x, t, "ok") for y, a, x, t in rows if y == year], years=(year,)).values)
    base = tiny_dataset([(a, "grp", x, t, "ok") for y, a, x, t in rows if y == years[0]])
    return normalise_dataset(Dataset(base.meta, base.areas, pd.concat(frames, ignore_index=True)))


def test_interval_contains_the_index_and_a_real_change_is_told_from_chance():
    steady = sg.compute_segregation(demo_like(shift=0.0), bootstrap=300)
    growing = sg.compute_segregation(demo_like(shift=0.0, seed=2, years=(2020, 2021)), bootstrap=300)
    d = steady.indices[steady.indices["index"] == "D"]
    assert ((d["ci_low"] <= d["value"]) & (d["value"] <= d["ci_high"])).all()
    assert (d["ci_high"] - d["ci_low"] > 0).all()
    # The same areas and shares drawn again: no change beyond chance.
    change = steady.changes[steady.changes["index"] == "D"].iloc[0]
    assert not change["significant"] and change["p_value"] > 0.05
    # Segregation grows when the group moves into the areas where it is already common.
    rng = np.random.default_rng(5)
    t = rng.integers(700, 2700, 30)
    mild, strong = np.linspace(0.15, 0.35, 30), np.linspace(0.0, 0.6, 30)
    frames = [tiny_dataset([(f"0001C{i:04d}", "grp", int(rng.binomial(t[i], p[i])), int(t[i]), "ok")
                            for i in range(30)], years=(year,)).values for year, p in ((2020, mild), (2021, strong))]
    base = tiny_dataset([(f"0001C{i:04d}", "grp", 1, 10, "ok") for i in range(30)])
    rising = sg.compute_segregation(normalise_dataset(Dataset(base.meta, base.areas, pd.concat(frames))),
                                    bootstrap=300)
    change = rising.changes[rising.changes["index"] == "D"].iloc[0]
    assert change["difference"] > 0.2 and change["significant"] and change["p_value"] < 0.001
    assert growing.changes["year_from"].tolist()[0] == 2020


def test_change_test_is_pysals_two_value_test():
    from segregation.inference import TwoValueTest
    from segregation.singlegroup import Dissim

    rng = np.random.default_rng(8)
    t = rng.integers(700, 2700, 25).astype(float)
    one = pd.DataFrame({"x": np.round(t * np.linspace(0.1, 0.4, 25)), "t": t})
    two = pd.DataFrame({"x": np.round(t * np.linspace(0.05, 0.5, 25)), "t": t})
    test = TwoValueTest(Dissim(one, "x", "t"), Dissim(two, "x", "t"), iterations_under_null=50,
                        null_approach="bootstrap", n_jobs=1)
    boot_one, boot_two = test.est_sim
    assert sg.change_test(boot_one, boot_two) == pytest.approx(test.p_value)
    assert sg.change_tests(np.vstack([boot_one, boot_two]))[0, 1] == pytest.approx(test.p_value)


def test_the_same_data_give_the_same_intervals():
    one = sg.compute_segregation(demo_like(), bootstrap=100).indices
    two = sg.compute_segregation(demo_like(), bootstrap=100).indices
    pd.testing.assert_frame_equal(one, two)


# --- At publish, stored with the release, on the command line ------------------------------

@pytest.fixture(scope="module")
def published_demo(tmp_path_factory):
    from geodata.demo import build_demo

    root = tmp_path_factory.mktemp("segregation-demo")
    store.publish(build_demo(), root, bootstrap=50, permutations=99)
    return root


def test_publishing_stores_the_indices_and_reading_never_recomputes(published_demo, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("segregation computed while reading a release")

    monkeypatch.setattr(sg, "compute_segregation", refuse)
    ds = store.DatasetStore(published_demo).get("demo").dataset
    series = segregation_series(ds, "9999", "eftergymnasial_mot_forgymnasial", "D")
    assert series["year"].tolist() == list(range(2011, 2025))
    assert series["value"].between(0, 1).all() and (series["ci_low"] <= series["value"]).all()
    assert set(segregation_series(ds, "9999")["index"]) == {"D", "H", "xPx", "D_spatial", "H_spatial",
                                                             "xPx_spatial"}
    assert len(segregation_change(ds, "9999", 2024, 2011)) > 0


def test_damaged_measures_are_left_out_and_the_release_still_loads(tmp_path, caplog):
    release = store.publish(demo_like(), tmp_path, bootstrap=10, permutations=9)
    (release / "analysis" / "segregation.parquet").write_bytes(b"not parquet")
    ds = store.read_release(release)
    assert measures_of(ds) is None and len(ds.values) > 0
    assert "cannot be read" in caplog.text


def test_a_dataset_built_in_memory_has_no_measures_until_published():
    from geodata.demo import build_demo

    assert measures_of(build_demo()) is None


def test_cli_prints_one_record_per_unit_year_index_and_group(published_demo, capsys):
    assert main(["--data-dir", str(published_demo), "segregation", "demo", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    keys = {"unit", "year", "index", "indicator", "value", "ci_low", "ci_high"}
    assert keys <= set(records[0])
    seen = {(r["unit"], r["year"], r["index"], r["indicator"]) for r in records}
    assert len(seen) == len(records)
    # Seven group definitions (six shares and the named pair), six indices, 14 years.
    assert len(records) == 7 * 6 * 14
    assert main(["--data-dir", str(published_demo), "segregation", "demo"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "unit,year,index,indicator,value,ci_low,ci_high" and len(lines) == len(records) + 1


def test_cli_narrows_the_records_to_a_unit_definition_and_index(published_demo, capsys):
    assert main(["--data-dir", str(published_demo), "segregation", "demo", "--json", "--unit", "9999",
                 "--indicator", "lag_ek_standard", "--index", "D_spatial"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["year"] for r in records] == list(range(2011, 2025))
    assert {(r["unit"], r["indicator"], r["index"]) for r in records} == {("9999", "lag_ek_standard", "D_spatial")}


def test_cli_says_when_a_dataset_has_no_measures(tmp_path, capsys):
    from tests.builders import grid_dataset

    store.publish(grid_dataset(), tmp_path, measures=False)
    assert main(["--data-dir", str(tmp_path), "--lang", "en", "segregation", "grid"]) == 1
    assert "publish it again" in capsys.readouterr().err


# --- Real data: SCB's nationwide DeSO 2022 counts -------------------------------------------

def nationwide_dataset(shared_data) -> Dataset:
    table = pd.read_csv(shared_data / "deso-indicators-2022-nationwide" / "deso_2018_indicators_2022_wide.csv",
                        dtype={"deso": str, "kommunkod": str})
    education = ["utb_forgymnasial_25_64", "utb_gymnasial_25_64", "utb_eftergymn_lt3_25_64",
                 "utb_eftergymn_3plus_25_64", "utb_saknas_25_64"]
    counts = {
        "utlandsk_bakgrund": (table["utlandsk_bakgrund"], table["folkmangd_2022_bakgrund"]),
        "forgymnasial": (table["utb_forgymnasial_25_64"], table[education].sum(axis=1)),
        "eftergymnasial": (table["utb_eftergymn_lt3_25_64"] + table["utb_eftergymn_3plus_25_64"],
                           table[education].sum(axis=1)),
    }
    frames = [pd.DataFrame({"level": "deso", "area_id": table["deso"], "indicator": ind, "year": 2022,
                            "value": 100.0 * x / t, "numerator": x, "denominator": t, "status": "ok"})
              for ind, (x, t) in counts.items()]
    meta = DatasetMeta(name="riket", title={"sv": "DeSO 2022"},
                       levels=(Level("deso", {"sv": "DeSO"}, code_system="deso"),),
                       indicators=tuple(Indicator(i, {"sv": i}) for i in counts),
                       group_pairs=({"id": "eftergymnasial_mot_forgymnasial",
                                     "groups": ["eftergymnasial", "forgymnasial"]},))
    return normalise_dataset(Dataset(meta, {}, pd.concat(frames, ignore_index=True)))


def test_nationwide_deso_counts_give_d_for_all_290_kommuner_as_pysal_does(shared_data):
    from segregation.singlegroup import Dissim

    ds = nationwide_dataset(shared_data)
    result = sg.compute_segregation(ds, bootstrap=0).indices
    d = result[(result["index"] == "D") & (result["indicator"] == "utlandsk_bakgrund")].set_index("unit")
    assert len(d) == 290 and d["value"].between(0, 1).all()
    assert not result["index"].str.endswith("_spatial").any()  # no polygons, no spatial variant
    counts = ds.values[ds.values["indicator"] == "utlandsk_bakgrund"]
    for kommun, rows in counts.groupby(counts["area_id"].str[:4]):
        frame = pd.DataFrame({"x": rows["numerator"].to_numpy(), "t": rows["denominator"].to_numpy()})
        assert d.loc[kommun, "value"] == pytest.approx(Dissim(frame, "x", "t").statistic, rel=1e-10), kommun
    # Every DeSO counted once: the 5,984 DeSO are all in some kommun's index.
    assert d["areas"].sum() == 5984
    # What planners know: Botkyrka, Södertälje and Göteborg are among the most segregated by background
    # (measured here: Borlänge 0.48 highest, Norsjö's two DeSO 0.002 lowest).
    top = d["value"].sort_values(ascending=False).index[:10]
    assert {"0127", "0181", "1480"} <= set(top)
    assert d["value"].idxmin() == "2417" and d.loc["2417", "areas"] == 2
    pair = result[(result["index"] == "D") & (result["indicator"] == "eftergymnasial_mot_forgymnasial")]
    assert len(pair) == 290 and pair["value"].between(0, 1).all()
    # All three indices of the pair in Göteborg (the most segregated by education), by PySAL itself.
    rows = ds.values[ds.values["area_id"].str.startswith("1480")].pivot(index="area_id", columns="indicator",
                                                                        values="numerator")
    theirs = sg.pysal_values(rows["eftergymnasial"], rows["eftergymnasial"] + rows["forgymnasial"])
    ours = result[(result["unit"] == "1480") & (result["indicator"] == "eftergymnasial_mot_forgymnasial")]
    for index in sg.INDICES:
        assert ours.set_index("index").loc[index, "value"] == pytest.approx(theirs[index], rel=1e-10)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_index_has_a_name_a_meaning_and_the_caveat_in_both_languages(lang):
    from geodata.i18n import CATALOG, t

    for index in sg.INDICES:
        for key in (f"segregation.index.{index}.name", f"segregation.index.{index}.meaning",
                    f"segregation.index.{index}{sg.SPATIAL_SUFFIX}.name"):
            assert lang in CATALOG[key], key
        assert index in t(f"segregation.index.{index}.name", lang)
    caveat = t("segregation.caveat", lang)
    assert ("över tid" if lang == "sv" else "over time") in caveat
    assert lang in CATALOG["segregation.index.spatial"] and lang in CATALOG["cluster.explain"]


def test_a_change_across_a_boundary_edition_is_flagged():
    ds = demo_like(years=(2023, 2024))
    values = ds.values.copy()
    values["edition"] = np.where(values["year"] == 2023, "DeSO2018", "DeSO2025")
    flagged = sg.compute_segregation(Dataset(ds.meta, ds.areas, values), bootstrap=50).changes
    assert flagged["boundaries_changed"].all()
    same = sg.compute_segregation(ds, bootstrap=50).changes
    assert not same["boundaries_changed"].any()


def test_republishing_the_same_data_reuses_the_measures_and_new_data_get_new_ones(tmp_path, monkeypatch):
    from geodata import measures

    ds = demo_like(years=(2020, 2021))
    first = store.publish(ds, tmp_path, bootstrap=30, permutations=19)
    calls = []
    real = measures.compute_measures
    monkeypatch.setattr(measures, "compute_measures", lambda *a, **k: calls.append(1) or real(*a, **k))
    second = store.publish(ds, tmp_path, bootstrap=30, permutations=19)
    assert calls == [] and second != first
    for name in measures.TABLES:
        pd.testing.assert_frame_equal(measures.read_measures(second).table(name),
                                      measures.read_measures(first).table(name))
    # Other parameters, or one changed count, and they are computed again.
    store.publish(ds, tmp_path, bootstrap=40, permutations=19)
    values = ds.values.copy()
    values.loc[0, ["numerator", "value"]] = [values.loc[0, "numerator"] + 1, np.nan]
    values.loc[0, "value"] = 100.0 * values.loc[0, "numerator"] / values.loc[0, "denominator"]
    store.publish(Dataset(ds.meta, ds.areas, values), tmp_path, bootstrap=40, permutations=19)
    assert calls == [1, 1]


def test_an_area_without_a_row_in_a_year_is_not_counted_as_left_out():
    ds = demo_like(years=(2020, 2021))
    # The first area has no row at all in 2020 (built later), which is not a gap in the figures.
    values = ds.values[~((ds.values["area_id"] == "0001C0000") & (ds.values["year"] == 2020))]
    result = sg.compute_segregation(Dataset(ds.meta, ds.areas, values), bootstrap=0).indices
    first, second = (record(result, "D", year=y) for y in (2020, 2021))
    assert (first["areas"], first["areas_left_out"]) == (29, 0)
    assert (second["areas"], second["areas_left_out"]) == (30, 0)


def test_views_get_each_definition_and_index_in_words(published_demo):
    from geodata.measures import definition_label, index_texts

    ds = store.DatasetStore(published_demo).get("demo").dataset
    assert definition_label(ds, "eftergymnasial_mot_forgymnasial", "en") == \
        "Post-secondary against compulsory school only"
    assert definition_label(ds, "lag_ek_standard", "sv") == "Låg ekonomisk standard mot övriga"
    spatial = index_texts("D_spatial", "en")
    assert spatial["name"] == "Dissimilarity index, spatial (D)"
    assert spatial["meaning"].startswith(index_texts("D", "en")["meaning"]) and "neighbours" in spatial["meaning"]
    assert "over time" in index_texts("xPx", "en")["caveat"]


def test_a_municipalitys_own_districts_are_one_unit_named_by_the_municipality():
    ds = tiny_dataset([(f"d{i}", "grp", x, 100, "ok") for i, x in enumerate([10, 50, 0])])
    meta = dataclasses.replace(ds.meta, levels=(Level("district", {"sv": "Stadsdel"}),),
                               municipality={"code": "1780", "name": "Karlstad"})
    values = ds.values.assign(level="district")
    result = sg.compute_segregation(Dataset(meta, {"district": ds.areas["deso"]}, values), bootstrap=0).indices
    assert set(result["unit"]) == {"1780"} and set(result["level"]) == {"district"}
    assert record(result, "D")["value"] == pytest.approx(0.625)
