"""The fictional demo municipality and the synthetic benchmark data.

What a user of the demo would notice if it broke: areas that overlap or
leave slivers, DeSO sticking out of their RegSO, RegSO figures that do not
add up, suppressed cells shown as 0, implausible numbers, flat maps.
"""

import dataclasses
import hashlib
import json

import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from geodata import store
from geodata.demo import (DEMO_NAME, MAX_REGSO_PER_KOMMUN, MIN_GROUP, MIN_TRAIT, YEARS, kommun_strips,
                          build_demo, build_synthetic)
from geodata.model import Dataset
from geodata.model import CODE_PATTERNS, STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, normalise_dataset
from geodata.validate import validate_dataset

ALL_YEARS = list(range(2011, 2025))
SHARES = ["eftergymnasial", "forgymnasial", "sysselsattning", "langtidsarbetsloshet",
          "lag_ek_standard", "utrikes_fodda"]
#: Plausible ranges of DeSO values (shares in per cent).
#: sha256 of every figure, area and metadata field of the demo and of the 300-area synthetic
#: dataset.  The demo's was recorded from the single-module generator before it was split into a
#: package: moving code must not move a single vertex or value (same seed, same draws, same order).
#: The synthetic set's was recorded again when its borders got real weight (geodata.demo.borders:
#: a vertex every 60 m, moved by a smooth field), the one intended change to it; its values are
#: drawn as before, from the centres of the new polygons.
#: The demo's was recorded again when it gained a fictional area type (``omradestyp`` per RegSO,
#: derived from drawn values without drawing) and a named pair of groups for measuring segregation
#: (issue #11), the one intended change to it; ``demo-before-area-type`` is the demo without those
#: two additions, still the recording from the single-module generator.
FINGERPRINTS = {"demo": "62afc09eb65c1f1f116985e529cbe41f8ce4ca23cbd036aacd79854fb1865f53",
                "demo-before-area-type": "d29b28651860223d242ba15bb5c01a229d51b77625494deab50efa9fec7747e1",
                "synthetic-300": "df2a28b1dcbfb8cff95a3f7355187765b9270f966bbb8506c260935a53e85d86"}
PLAUSIBLE = {
    "befolkning": (700, 2700), "eftergymnasial": (5, 90), "forgymnasial": (1, 45),
    "sysselsattning": (40, 96), "langtidsarbetsloshet": (0.5, 20), "lag_ek_standard": (2, 60),
    "medianinkomst": (100, 700), "utrikes_fodda": (1, 80), "ohalsotal": (3, 70),
}


@pytest.fixture(scope="module")
def demo():
    return build_demo()


@pytest.fixture(scope="module")
def synthetic():
    return build_synthetic(n_areas=300)


def values_of(ds, level, indicator=None):
    frame = ds.values[ds.values["level"] == level]
    if indicator is not None:
        frame = frame[frame["indicator"] == indicator]
    return frame


def fingerprint(ds) -> str:
    """sha256 of the values (sorted), each level's attributes and WKB geometries, and the metadata."""
    values = ds.values.sort_values(["level", "indicator", "year", "area_id"]).reset_index(drop=True)
    digest = hashlib.sha256(values.to_csv(index=False).encode())
    for level in sorted(ds.areas):
        areas = ds.areas[level]
        digest.update(areas.drop(columns="geometry").to_csv(index=False).encode())
        digest.update(b"".join(shapely.to_wkb(areas.geometry.values, hex=False)))
        digest.update(str(areas.crs).encode())
    digest.update(json.dumps(ds.meta.to_json(), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def test_demo_and_synthetic_data_are_exactly_the_recorded_ones(demo, synthetic):
    assert fingerprint(demo) == FINGERPRINTS["demo"]
    assert fingerprint(synthetic) == FINGERPRINTS["synthetic-300"]


def test_the_area_type_added_to_the_demo_changed_nothing_else(demo):
    meta = dataclasses.replace(demo.meta, group_pairs=(),
                               indicators=tuple(i for i in demo.meta.indicators if i.id != "omradestyp"))
    values = demo.values[demo.values["indicator"] != "omradestyp"].reset_index(drop=True)
    assert fingerprint(Dataset(meta, demo.areas, values)) == FINGERPRINTS["demo-before-area-type"]


def assert_nested_coverage(ds):
    """DeSO and RegSO tile without overlaps, share exact borders and nest exactly."""
    for level in ("deso", "regso", "kommun"):
        areas = ds.areas[level]
        assert areas.crs.to_epsg() == 3006
        assert set(areas.geom_type) == {"Polygon"}, f"{level}: MultiPolygons where none are needed"
        assert areas.is_valid.all()
        assert shapely.coverage_is_valid(areas.geometry.values), f"{level}: overlaps or unmatched borders"
    deso, regso = ds.areas["deso"], ds.areas["regso"]
    own_regso = regso.set_index("area_id").geometry.loc[deso["parent_id"]].values
    inside = shapely.area(shapely.intersection(deso.geometry.values, own_regso)) / deso.area.values
    assert inside.min() >= 0.999, "a DeSO sticks out of its RegSO"
    dissolved = deso.dissolve("parent_id").geometry.loc[regso["area_id"]].values
    assert shapely.area(shapely.symmetric_difference(dissolved, regso.geometry.values)).max() < 1.0, \
        "a RegSO is not exactly the union of its DeSO"
    assert set(deso["parent_id"]) == set(regso["area_id"])
    assert set(regso["parent_id"]) <= set(ds.areas["kommun"]["area_id"])


def test_demo_is_deterministic(demo):
    again = build_demo()
    pd.testing.assert_frame_equal(demo.values, again.values)
    for level, areas in demo.areas.items():
        assert_geodataframe_equal(areas, again.areas[level])
    assert demo.meta == again.meta


def test_demo_has_about_sixty_deso_in_twenty_regso_with_scb_codes(demo):
    deso, regso, kommun = demo.areas["deso"], demo.areas["regso"], demo.areas["kommun"]
    assert 55 <= len(deso) <= 65
    assert 18 <= len(regso) <= 22
    assert list(kommun["area_id"]) == ["9999"]
    assert deso["area_id"].str.match(CODE_PATTERNS["deso"]).all()
    assert deso["area_id"].str.startswith("9999").all()
    assert set(deso["area_id"].str[4]) == {"A", "B", "C"}, "rural, other-town and central-town DeSO"
    assert regso["area_id"].str.match(r"^9999R\d{3}$").all()
    assert (regso["parent_id"] == "9999").all()
    for level in ("deso", "regso"):
        assert demo.areas[level]["name"].is_unique, f"{level} names repeat"
        assert demo.areas[level]["area_id"].is_unique


def test_demo_polygons_are_a_nested_coverage_of_plausible_size(demo):
    assert_nested_coverage(demo)
    xmin, ymin, xmax, ymax = demo.areas["kommun"].total_bounds
    assert 20_000 <= xmax - xmin <= 32_000 and 15_000 <= ymax - ymin <= 26_000, "about 25 x 20 km"
    assert 350_000 <= xmin and xmax <= 600_000 and 6_500_000 <= ymin and ymax <= 6_750_000, \
        "inland central Sweden in SWEREF 99 TM"


def test_demo_lake_is_a_hole_no_area_covers(demo):
    kommun = demo.areas["kommun"].geometry.iloc[0]
    assert len(kommun.interiors) >= 1
    lake = shapely.Polygon(kommun.interiors[0])
    assert lake.area > 1_000_000, "a lake of at least a square kilometre"
    assert shapely.area(shapely.intersection(demo.areas["deso"].geometry.values, lake)).max() < 1.0


def test_demo_deso_are_irregular_and_denser_in_town(demo):
    deso = demo.areas["deso"]
    area_by_type = deso.area.groupby(deso["area_id"].str[4]).median()
    assert area_by_type["C"] * 5 < area_by_type["A"], "town DeSO much smaller than rural DeSO"
    assert deso.geometry.count_coordinates().nunique() > 5, "not a regular grid"


def test_demo_has_every_level_indicator_and_year(demo):
    every_level = set(SHARES) | {"befolkning", "medianinkomst", "ohalsotal"}
    # The area type is a RegSO's, as SCB's områdestyp is.
    assert {ind.id for ind in demo.meta.indicators} == every_level | {"omradestyp"}
    for level in ("deso", "regso", "kommun", "riket"):
        frame = values_of(demo, level)
        expected_indicators = every_level | ({"omradestyp"} if level == "regso" else set())
        assert set(frame["indicator"]) == expected_indicators, level
        assert sorted(frame["year"].unique()) == ALL_YEARS, level
        ids = set(frame["area_id"])
        assert ids == ({"00"} if level == "riket" else set(demo.areas[level]["area_id"])), level
        assert len(frame) == len(ids) * len(expected_indicators) * len(ALL_YEARS), "one row per cell"
    assert "riket" not in demo.areas, "the nation has values only"
    assert [lvl.id for lvl in demo.meta.map_levels] == ["deso", "regso"]


def test_demo_is_valid(demo):
    assert validate_dataset(demo) == []
    assert validate_dataset(normalise_dataset(demo)) == []


def test_demo_metadata_says_fictional_everywhere(demo):
    meta = demo.meta
    assert meta.fictional and meta.name == DEMO_NAME
    assert "fiktiv" in meta.title["sv"] and "fictional" in meta.title["en"]
    assert "påhittade" in meta.description["sv"] and "invented" in meta.description["en"]
    assert meta.municipality == {"code": "9999", "name": "Exempelstad"}
    assert meta.reference == {"level": "kommun", "area_id": "9999"}
    assert meta.licence == "CC0 1.0" and meta.created
    for level in meta.levels:
        assert "fiktiv" in level.label["sv"] and "fictional" in level.label["en"], level.id
    for ind in meta.indicators:
        assert ind.label["sv"] and ind.label["en"] and ind.unit["sv"] and ind.definition["en"], ind.id
        assert ind.source["sv"].startswith("Fiktiva data") and ind.licence == "CC0 1.0", ind.id


def test_demo_gaps_are_honest(demo):
    deso = values_of(demo, "deso")
    suppressed = deso[deso["status"] == STATUS_SUPPRESSED]
    missing = deso[deso["status"] == STATUS_MISSING]
    assert len(suppressed) > 0 and len(missing) > 0
    not_ok = demo.values[demo.values["status"] != STATUS_OK]
    assert not_ok[["value", "numerator", "denominator"]].isna().all().all(), "a gap must be NaN, never 0"
    ok = demo.values[demo.values["status"] == STATUS_OK]
    assert ok["value"].notna().all()
    assert set(suppressed["indicator"]) <= set(SHARES), "only shares fall under the disclosure rule"
    # The national series carries values only; every other shown share has its counts.
    shown_shares = ok[ok["indicator"].isin(SHARES) & (ok["level"] != "riket")]
    assert ((shown_shares["denominator"] > MIN_GROUP) & (shown_shares["numerator"] > MIN_TRAIT)).all(), \
        "a shown share must satisfy SCB's disclosure rule"
    ill_health = values_of(demo, "deso", "ohalsotal")
    assert (ill_health.loc[ill_health["year"] <= 2012, "status"] == STATUS_MISSING).all()


def test_demo_has_a_new_built_deso_without_figures_before_2016(demo):
    status = values_of(demo, "deso").pivot_table(index="area_id", columns="year", values="status",
                                                aggfunc=lambda s: set(s))
    new_built = [area for area, row in status.iterrows()
                 if row[2015] == {STATUS_MISSING} and STATUS_OK in row[2016]]
    assert len(new_built) == 1
    population = values_of(demo, "deso", "befolkning").set_index(["area_id", "year"])["status"]
    assert population[(new_built[0], 2015)] == STATUS_MISSING


def test_demo_shares_aggregate_as_ratio_of_sums(demo):
    parent = demo.areas["deso"].set_index("area_id")["parent_id"]
    deso = values_of(demo, "deso").assign(regso=lambda f: f["area_id"].map(parent), kommun="9999")
    checked = 0
    for level in ("regso", "kommun"):
        children = deso[deso["indicator"].isin(SHARES)].groupby([level, "indicator", "year"])
        visible = children[["numerator", "denominator"]].sum()
        # A suppressed DeSO hides its counts, yet its parent is computed from them: compare the rest.
        complete = ~children["status"].agg(lambda s: (s == STATUS_SUPPRESSED).any()).to_numpy()
        own = values_of(demo, level).set_index(["area_id", "indicator", "year"]).loc[visible.index]
        shown = (own["status"] == STATUS_OK).to_numpy()
        assert (own["numerator"][shown] >= visible["numerator"][shown].to_numpy()).all(), level
        own, expected = own[complete & shown], visible[complete & shown]
        assert (own["numerator"].to_numpy() == expected["numerator"].to_numpy()).all(), level
        assert (own["denominator"].to_numpy() == expected["denominator"].to_numpy()).all(), level
        assert (own["value"].to_numpy() == 100.0 * expected["numerator"].to_numpy()
                / expected["denominator"].to_numpy()).all(), level
        checked += len(own)
    assert checked > 0.9 * len(SHARES) * len(ALL_YEARS) * (len(demo.areas["regso"]) + 1)
    population = deso[deso["indicator"] == "befolkning"].groupby(["regso", "year"])["value"].sum()
    regso_population = values_of(demo, "regso", "befolkning").set_index(["area_id", "year"])["value"]
    assert (regso_population.loc[population.index].to_numpy() == population.to_numpy()).all()


def test_demo_values_are_plausible(demo):
    deso = values_of(demo, "deso")
    for indicator, (low, high) in PLAUSIBLE.items():
        shown = deso.loc[(deso["indicator"] == indicator) & (deso["status"] == STATUS_OK), "value"]
        assert low <= shown.min() and shown.max() <= high, indicator
    shares = demo.values[demo.values["indicator"].isin(SHARES)]["value"].dropna()
    assert shares.between(0, 100).all()
    total = values_of(demo, "kommun", "befolkning")["value"]
    assert total.between(60_000, 150_000).all()


def wide(ds, level, year):
    frame = values_of(ds, level)
    return frame[frame["year"] == year].pivot(index="area_id", columns="indicator", values="value")


def test_demo_indicators_correlate_as_in_real_segregation(demo):
    ranks = wide(demo, "deso", 2024).rank()
    correlation = ranks.corr()["eftergymnasial"]
    assert correlation["medianinkomst"] > 0.6
    for worse in ("langtidsarbetsloshet", "ohalsotal", "forgymnasial", "lag_ek_standard"):
        assert correlation[worse] < -0.4, worse


def test_demo_maps_show_spatial_patterns(demo):
    deso = demo.areas["deso"]
    first, second = deso.sindex.query(deso.geometry, predicate="touches")
    neighbours = first < second
    education = wide(demo, "deso", 2024)["eftergymnasial"].loc[deso["area_id"]].to_numpy()
    pairs = np.corrcoef(education[first[neighbours]], education[second[neighbours]])[0, 1]
    assert pairs > 0.4, "neighbouring DeSO should resemble each other"


def test_demo_trends_are_plausible(demo):
    kommun = values_of(demo, "kommun").pivot(index="year", columns="indicator", values="value")
    assert kommun.loc[2024, "eftergymnasial"] > kommun.loc[2011, "eftergymnasial"] + 3
    assert kommun.loc[2024, "ohalsotal"] < kommun.loc[2013, "ohalsotal"] - 2
    assert kommun.loc[2021, "langtidsarbetsloshet"] > kommun.loc[2019, "langtidsarbetsloshet"]
    change = (wide(demo, "regso", 2024) - wide(demo, "regso", 2011))["lag_ek_standard"]
    assert change.max() - change.min() > 5, "some areas diverge, so change maps are worth a look"
    riket = values_of(demo, "riket", "befolkning").set_index("year")["value"]
    assert riket.is_monotonic_increasing and 9e6 < riket.min() and riket.max() < 11e6


def test_demo_round_trips_through_the_store(demo, tmp_path):
    store.publish(demo, tmp_path)
    loaded = store.DatasetStore(tmp_path).get(DEMO_NAME).dataset
    pd.testing.assert_frame_equal(loaded.values, demo.values)
    for level, areas in demo.areas.items():
        assert_geodataframe_equal(loaded.areas[level], areas)
    assert loaded.meta == demo.meta


def test_synthetic_is_valid_nested_and_deterministic(synthetic):
    assert validate_dataset(synthetic) == []
    assert len(synthetic.areas["deso"]) == 300
    assert len(synthetic.areas["regso"]) == 30
    assert_nested_coverage(synthetic)
    assert synthetic.meta.fictional
    assert [ind.id for ind in synthetic.meta.indicators] == \
        ["eftergymnasial", "langtidsarbetsloshet", "medianinkomst"]
    assert sorted(synthetic.values["year"].unique()) == list(YEARS)
    assert (synthetic.values["status"] == STATUS_SUPPRESSED).any()
    pd.testing.assert_frame_equal(build_synthetic(n_areas=300).values, synthetic.values)


def test_synthetic_splits_kommuner_when_regso_codes_would_run_out():
    parent_xy = np.random.default_rng(1).uniform(0, 100_000, (2500, 2))
    kommun, new_index = kommun_strips(parent_xy)
    sizes = pd.Series(kommun).value_counts()
    assert len(sizes) == 3 and sizes.max() <= MAX_REGSO_PER_KOMMUN
    assert sorted(new_index) == list(range(2500)), "a renumbering, nothing lost"
    assert pd.Series(kommun).is_monotonic_increasing, "RegSO numbered kommun by kommun"


def test_synthetic_national_data_have_as_many_kommuner_as_asked_with_valid_codes():
    # A national benchmark: ~616 RegSO in SCB's 290 kommuner, codes of four digits ending at 9999.
    parent_xy = np.random.default_rng(2).uniform(0, 100_000, (616, 2))
    kommun, new_index = kommun_strips(parent_xy, n_kommuner=290)
    assert len(set(kommun)) == 290 and all(CODE_PATTERNS["kommun"].match(k) for k in kommun)
    assert max(kommun) == "9999" and sorted(new_index) == list(range(616))
    with pytest.raises(ValueError):
        kommun_strips(parent_xy, n_kommuner=700)  # more kommuner than RegSO
