"""Area types (geodata/areatypes.py): areas and residents per type, moves, shares per type.

What a planner would notice if it broke: SCB's national distribution of
area types not reproduced, residents' shares that do not add up to 100 %,
moves that lose or invent areas, an unknown type counted as some type.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geodata import areatypes as at
from geodata import store
from geodata.demo import build_demo
from geodata.measures import area_type_moves, area_types
from geodata.model import STATUS_OK, Dataset, DatasetMeta, Indicator, Level, normalise_dataset


@pytest.fixture(scope="module")
def demo():
    return build_demo()


def test_the_demo_has_a_fictional_area_type_for_every_regso_and_year(demo):
    assert at.category_indicators(demo) == [("omradestyp", "regso")]
    ind = demo.meta.indicator("omradestyp")
    assert ind.kind == "category" and list(ind.categories) == ["1", "2", "3", "4", "5"]
    assert "fiktiv" in ind.label["sv"] and "fictional" in ind.label["en"]
    rows = demo.values[demo.values["indicator"] == "omradestyp"]
    assert len(rows) == 20 * 14 and (rows["status"] == STATUS_OK).all()
    distribution = at.type_distribution(demo, "omradestyp", "regso")
    # Every type occurs, so every view has something to show.
    assert set(distribution["code"]) == {"1", "2", "3", "4", "5"}


def test_areas_and_residents_per_type_add_up(demo):
    distribution = at.type_distribution(demo, "omradestyp", "regso")
    per_year = distribution.groupby("year")
    assert (per_year["areas"].sum() == 20).all()
    assert np.allclose(per_year["share_residents"].sum(), 100.0)
    population = demo.values[(demo.values["indicator"] == "befolkning") & (demo.values["level"] == "regso")]
    assert np.allclose(per_year["residents"].sum().to_numpy(), population.groupby("year")["value"].sum().to_numpy())


def test_moves_between_types_keep_every_area_and_resident(demo):
    moves = at.type_moves(demo, "omradestyp", "regso", 2011, 2024)
    assert moves["areas"].sum() == 20
    population = demo.values[(demo.values["indicator"] == "befolkning") & (demo.values["level"] == "regso")
                             & (demo.values["year"] == 2024)]
    assert moves["residents"].sum() == population["value"].sum()
    kept = moves[moves["code_from"] == moves["code_to"]]["areas"].sum()
    assert 0 < kept < 20  # some areas changed type over 14 years, most did not
    types = demo.values[(demo.values["indicator"] == "omradestyp")].pivot(index="area_id", columns="year",
                                                                          values="value")
    assert kept == int((types[2011] == types[2024]).sum())


def test_a_suppressed_type_is_counted_as_without_type(demo):
    values = demo.values.copy()
    hide = (values["indicator"] == "omradestyp") & (values["area_id"] == "9999R001") & (values["year"] == 2020)
    values.loc[hide, ["value", "status"]] = [np.nan, "suppressed"]
    distribution = at.type_distribution(Dataset(demo.meta, demo.areas, values), "omradestyp", "regso")
    year = distribution[distribution["year"] == 2020]
    assert year["areas"].sum() == 19 and (year["areas_without_type"] == 1).all()
    assert np.isclose(year["share_residents"].sum(), 100.0)


def test_shares_per_type_are_ratios_of_sums(demo):
    shares = at.shares_by_type(demo, "omradestyp", "regso")
    row = shares[(shares["share_indicator"] == "lag_ek_standard") & (shares["year"] == 2024)
                 & (shares["code"] == "1")].iloc[0]
    types = demo.values[(demo.values["indicator"] == "omradestyp") & (demo.values["year"] == 2024)]
    typ1 = types.loc[types["value"] == 1, "area_id"]
    share = demo.values[(demo.values["indicator"] == "lag_ek_standard") & (demo.values["year"] == 2024)
                        & (demo.values["level"] == "regso") & demo.values["area_id"].isin(typ1)]
    assert row["value"] == pytest.approx(100.0 * share["numerator"].sum() / share["denominator"].sum())
    # Type 1 has the greatest challenges: most low economic standard, type 5 the least.
    last = shares[(shares["share_indicator"] == "lag_ek_standard") & (shares["year"] == 2024)].set_index("code")
    assert last["value"].is_monotonic_decreasing
    assert "medianinkomst" not in set(shares["share_indicator"])  # a median is not summed per type


def test_publishing_the_demo_stores_area_types_and_moves(tmp_path, demo):
    ds = store.read_release(store.publish(demo, tmp_path, bootstrap=0, permutations=0))
    assert len(area_types(ds, "omradestyp")) == 14 * 5
    moves = area_type_moves(ds, "omradestyp", 2011, 2024)
    pd.testing.assert_frame_equal(moves, at.type_moves(demo, "omradestyp", "regso", 2011, 2024),
                                  check_dtype=False)


def test_scb_area_types_2022_for_all_regso(shared_data):
    """SCB's områdestyp 2022 for all 3,363 RegSO, residents from the DeSO counts and the official key."""
    folder = shared_data / "regso-omradestyp-2022-and-deso-regso-key"
    key = pd.read_csv(folder / "koppling-deso2018-regso2020.csv", dtype=str, encoding="utf-8-sig")
    types = pd.read_csv(folder / "deso_with_index_2022.csv", dtype={"RegSOkod_2020": str})
    types = types.drop_duplicates("RegSOkod_2020").set_index("RegSOkod_2020")["socioekonomiskt_index"]
    table = pd.read_csv(shared_data / "deso-indicators-2022-nationwide" / "deso_2018_indicators_2022_wide.csv",
                        dtype={"deso": str})
    residents = table.set_index("deso")["folkmangd_2022"].groupby(key.set_index("DeSO_2018")["RegSOkod_2020"]).sum()
    education = ["utb_forgymnasial_25_64", "utb_gymnasial_25_64", "utb_eftergymn_lt3_25_64",
                 "utb_eftergymn_3plus_25_64", "utb_saknas_25_64"]
    by_regso = table.assign(regso=table["deso"].map(key.set_index("DeSO_2018")["RegSOkod_2020"])).groupby("regso")
    post = (by_regso["utb_eftergymn_lt3_25_64"].sum() + by_regso["utb_eftergymn_3plus_25_64"].sum())
    persons = by_regso[education].sum().sum(axis=1)
    regso = sorted(types.index)
    rows = [pd.DataFrame({"area_id": regso, "indicator": "omradestyp", "value": types.reindex(regso).to_numpy(float)}),
            pd.DataFrame({"area_id": regso, "indicator": "befolkning", "value": residents.reindex(regso).to_numpy(float)}),
            pd.DataFrame({"area_id": regso, "indicator": "eftergymnasial",
                          "value": 100.0 * (post / persons).reindex(regso).to_numpy(),
                          "numerator": post.reindex(regso).to_numpy(), "denominator": persons.reindex(regso).to_numpy()})]
    values = pd.concat(rows, ignore_index=True).assign(level="regso", year=2022, status="ok")
    meta = DatasetMeta(name="riket", title={"sv": "RegSO 2022"},
                       levels=(Level("regso", {"sv": "RegSO"}, code_system="regso"),),
                       indicators=(Indicator("omradestyp", {"sv": "Områdestyp"}, kind="category",
                                             categories={str(c): {"sv": str(c)} for c in range(1, 6)}),
                                   Indicator("befolkning", {"sv": "Befolkning"}, kind="count"),
                                   Indicator("eftergymnasial", {"sv": "Eftergymnasial"})))
    ds = normalise_dataset(Dataset(meta, {}, values))
    every = at.type_distribution(ds, "omradestyp", "regso")
    distribution = every[every["unit"] == at.WHOLE].set_index("code")
    assert distribution["areas"].to_dict() == {"1": 160, "2": 289, "3": 855, "4": 1770, "5": 289}
    assert distribution["residents"].sum() == table["folkmangd_2022"].sum() == 10_521_556
    by_type = residents.groupby(types).sum()
    expected = (100.0 * by_type / by_type.sum()).round(6)
    assert distribution["share_residents"].round(6).to_dict() == {str(k): v for k, v in expected.items()}
    # About one resident in twenty lives in a type 1 area; most live in type 4.
    assert 4 < distribution.loc["1", "share_residents"] < 7 and distribution["share_residents"].idxmax() == "4"
    shares = at.shares_by_type(ds, "omradestyp", "regso")
    # Post-secondary education rises from type 1 to type 5 nationally.
    assert shares[shares["unit"] == at.WHOLE].set_index("code")["value"].is_monotonic_increasing
    # Per kommun: 290 of them, their areas adding up to the nation's; Karlstad's 31 RegSO.
    kommuner = every[every["unit"] != at.WHOLE]
    assert kommuner["unit"].nunique() == 290 and kommuner["areas"].sum() == 3363
    karlstad = kommuner[kommuner["unit"] == "1780"]
    assert karlstad["areas"].sum() == 31 and np.isclose(karlstad["share_residents"].sum(), 100.0)
