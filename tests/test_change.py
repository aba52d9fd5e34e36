"""Change between two years: units, reasons, symmetric classes and polarity."""

import dataclasses
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geodata.i18n import count_text
from shapely.geometry import box

from geodata import change as ch
from geodata.classify import NO_DATA_COLOUR
from geodata.model import (HIGHER_IS_BETTER, HIGHER_IS_WORSE, NEUTRAL, Dataset, DatasetMeta, Indicator,
                           Level, normalise_dataset)

OLD, NEW = "RegSO2020", "RegSO2025"

#: (id, name, (value, status, edition) in 2023, the same in 2024)
PAIRS = [
    ("a", "Alby", (10.0, "ok", OLD), (12.5, "ok", OLD)),
    ("b", "Backa", (20.0, "ok", OLD), (19.0, "ok", OLD)),
    ("c", "Centrum", (5.0, "ok", OLD), (5.0, "ok", OLD)),
    # Suppressed beats a boundary change, missing beats it too.
    ("d", "Dalen", (None, "suppressed", OLD), (7.0, "ok", NEW)),
    ("e", "Ekbacken", (8.0, "ok", OLD), (None, "missing", NEW)),
    # Both values exist but on different editions: never a change.
    ("f", "Forsen", (30.0, "ok", OLD), (26.0, "ok", NEW)),
    ("g", "Gärdet", (12.0, "ok", OLD), (12.4, "ok", OLD)),
    ("h", "Norr, \"gamla\" stan", (50.0, "ok", OLD), (45.6, "ok", OLD)),
    ("i", "Ivarsberg", (0.0, "ok", OLD), (5.0, "ok", OLD)),
]


def pair_dataset(kind: str = "share", polarity: str = HIGHER_IS_WORSE, pairs=PAIRS,
                 years=(2023, 2024)) -> Dataset:
    """One level of square areas and one indicator over two years, values as given."""
    ids = [p[0] for p in pairs]
    areas = gpd.GeoDataFrame(
        {"area_id": ids, "name": [p[1] for p in pairs], "parent_id": None, "edition": None},
        geometry=[box(500000 + i * 1000, 6600000, 501000 + i * 1000, 6601000) for i in range(len(ids))],
        crs="EPSG:3006")
    rows = []
    for area_id, _, *per_year in pairs:
        for year, (value, status, edition) in zip(years, per_year):
            rows.append({"level": "regso", "area_id": area_id, "indicator": "x", "year": year,
                         "value": np.nan if value is None else value, "status": status, "edition": edition})
    unit = {"sv": "%", "en": "%"} if kind == "share" else {"sv": "tkr", "en": "thousand SEK"}
    meta = DatasetMeta(
        name="pairs", title={"sv": "Par", "en": "Pairs"},
        levels=(Level("regso", {"sv": "RegSO", "en": "RegSO"}, code_system=None),),
        indicators=(Indicator("x", {"sv": "Andel x", "en": "Share x"}, unit=unit, polarity=polarity,
                              kind=kind, decimals=1, source={"sv": "SCB", "en": "Statistics Sweden"},
                              licence="CC0 1.0", definition={"sv": "Definition av x.", "en": "Definition of x."}),),
        licence="CC0 1.0")
    return normalise_dataset(Dataset(meta, {"regso": areas}, pd.DataFrame(rows)))


@pytest.fixture(scope="module")
def share():
    return pair_dataset("share")


def test_share_change_is_in_percentage_points_with_reasons(share):
    c = ch.change_values(share, "regso", "x", 2023, 2024)
    assert c["ids"] == list("abcdefghi")
    assert (c["from"], c["to"], c["unit"], c["decimals"]) == (2023, 2024, "pp", 1)
    assert c["values"] == [2.5, -1.0, 0.0, None, None, None, 0.4, -4.4, 5.0]
    assert c["reasons"] == "ooosmbooo"
    assert c["classes"] == "322---204"
    # Five classes, then suppressed, missing, boundary, no base: every area counted once.
    assert c["counts"] == [1, 0, 3, 1, 1] + [1, 1, 1, 0]
    assert sum(c["counts"]) == 9
    assert json.loads(json.dumps(c, allow_nan=False)) == c


def test_amount_change_is_in_per_cent_and_needs_a_positive_base():
    ds = pair_dataset("amount")
    c = ch.change_values(ds, "regso", "x", 2023, 2024)
    assert c["unit"] == "percent"
    assert c["values"] == [25.0, -5.0, 0.0, None, None, None, 3.333, -8.8, None]
    assert c["reasons"] == "ooosmbooz"
    # |changes| 0, 3.3, 5, 8.8, 25: the 95th percentile 21.76 / 5 classes → half-width 5.
    assert c["breaks"] == [-15.0, -5.0, 5.0, 15.0, 25.0] and c["lower"] == -25.0
    assert c["classes"] == "422---21-"
    assert c["counts"][-4:] == [1, 1, 1, 1]


def test_breaks_are_symmetric_round_and_centred_on_zero(share):
    c = ch.change_values(share, "regso", "x", 2023, 2024)
    # |changes| 0, 0.4, 1, 2.5, 4.4, 5: 95th percentile 4.85 / 5 → half-width 1.
    assert c["breaks"] == [-3.0, -1.0, 1.0, 3.0, 5.0] and c["lower"] == -5.0
    inner = c["breaks"][:-1]
    assert inner == [-b for b in reversed(inner)]
    seven = ch.change_values(share, "regso", "x", 2023, 2024, 7)
    # 4.85 / 7 = 0.69 → half-width 1; the extent still reaches the largest change (5).
    assert seven["breaks"] == [-5.0, -3.0, -1.0, 1.0, 3.0, 5.0, 7.0] and seven["lower"] == -7.0
    assert len(seven["colours"]) == 7 and seven["colours"][3] == "#f7f7f7"


def test_ties_on_a_bound_go_to_the_middle_on_both_sides():
    breaks = [-3.0, -1.0, 1.0, 3.0, 5.0]
    assert ch.assign_symmetric(np.array([-1.0, 1.0, -1.01, 1.01, -3.0, 3.0, -9.0, np.nan]), breaks).tolist() \
        == [2, 2, 1, 3, 1, 3, 0, -1]


def test_one_outlier_does_not_flatten_the_classes():
    changes = np.array([-12.0, 30.0] + [0.5, -0.5, 1.5, -1.5, 2.5, -2.5] * 10)
    breaks, lower = ch.symmetric_breaks(changes, 5, 1)
    # The 95th percentile of |change| (2.5) sets the step; the outer classes reach the outlier.
    assert breaks == [-1.5, -0.5, 0.5, 1.5, 30.0] and lower == -30.0
    assert np.bincount(ch.assign_symmetric(changes, breaks)).tolist() == [11, 10, 20, 10, 11]


def test_no_change_at_all_gets_one_shown_unit_as_middle_class():
    breaks, lower = ch.symmetric_breaks(np.array([0.0, 0.0]), 5, 1)
    assert breaks == [-0.3, -0.1, 0.1, 0.3, 0.5] and lower == -0.5
    assert ch.symmetric_breaks(np.array([np.nan]), 5, 1) == ([], None)


def test_a_change_for_the_worse_has_the_same_colour_whatever_the_polarity():
    worse_up = ch.change_values(pair_dataset("share", HIGHER_IS_WORSE), "regso", "x", 2023, 2024)
    # The same areas with the values negated: what rose now falls, and falling is worse.
    flipped = [(i, n, (None if a[0] is None else 100 - a[0], *a[1:]), (None if b[0] is None else 100 - b[0], *b[1:]))
               for i, n, a, b in PAIRS]
    worse_down = ch.change_values(pair_dataset("share", HIGHER_IS_BETTER, flipped), "regso", "x", 2023, 2024)
    a = 0  # area a: +2.5 pp of a bad thing, then −2.5 pp of a good thing
    colour_up = worse_up["colours"][int(worse_up["classes"][a])]
    colour_down = worse_down["colours"][int(worse_down["classes"][a])]
    assert colour_up == colour_down == "#f4a582"
    assert worse_up["colours"][-1] == worse_down["colours"][0] == "#ca0020"  # the worst class is dark red
    neutral = ch.change_values(pair_dataset("share", NEUTRAL), "regso", "x", 2023, 2024)
    assert neutral["colours"] == ["#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"]


def _lab(hex_colour: str, sim: np.ndarray) -> np.ndarray:
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255.0
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(sim @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 0.008856, np.cbrt(f), 7.787 * f + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


#: Machado, Oliveira & Fernandes (2009), full severity, on linear RGB.
VISION = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}


@pytest.mark.parametrize("polarity", [HIGHER_IS_BETTER, HIGHER_IS_WORSE, NEUTRAL])
@pytest.mark.parametrize("k", [3, 5, 7])
def test_no_data_grey_is_far_from_every_class_colour(polarity, k):
    for vision, sim in VISION.items():
        grey = _lab(NO_DATA_COLOUR, sim)
        for colour in ch.diverging_palette(k, polarity):
            assert np.linalg.norm(_lab(colour, sim) - grey) > 15, (vision, colour)


def test_legend_rows_have_signed_bounds_and_reason_counts(share):
    ind = share.meta.indicator("x")
    c = ch.change_values(share, "regso", "x", 2023, 2024)
    rows = ch.change_legend_rows(ind, c, "sv")
    assert [r["label"] for r in rows[:5]] == [
        "−5,0 – −3,0\u00a0p.e.", "−3,0 – −1,0\u00a0p.e.", "−1,0 – +1,0\u00a0p.e.",
        "+1,0 – +3,0\u00a0p.e.", "+3,0 – +5,0\u00a0p.e."]
    assert [r["count"] for r in rows[:5]] == [1, 0, 3, 1, 1]
    assert [(r["reason"], r["count"], r["colour"]) for r in rows[5:]] == [
        ("s", 1, NO_DATA_COLOUR), ("m", 1, NO_DATA_COLOUR), ("b", 1, NO_DATA_COLOUR)]
    assert rows[7]["label"] == "Ändrad områdesindelning mellan åren" and count_text(rows[7]["count"], "sv") == "1 område"
    english = ch.change_legend_rows(ind, c, "en")
    assert english[0]["label"] == "-5.0 – -3.0\u00a0pp" and english[5]["label"].startswith("Suppressed")
    amount = pair_dataset("amount")
    rows = ch.change_legend_rows(amount.meta.indicator("x"), ch.change_values(amount, "regso", "x", 2023, 2024), "sv")
    assert rows[0]["label"] == "−25,0 – −15,0\u00a0%"
    assert rows[-1]["reason"] == "z" and rows[-1]["count"] == 1


def test_units_and_signed_numbers():
    share_ind = Indicator("s", {"sv": "s"}, kind="share")
    amount_ind = Indicator("a", {"sv": "a"}, kind="amount")
    assert ch.change_unit(share_ind, "sv") == "procentenheter"
    assert ch.change_unit(share_ind, "en") == "percentage points"
    assert ch.change_unit(share_ind, "sv", short=True) == "p.e."
    assert ch.change_unit(amount_ind, "en") == "%"
    assert ch.format_change(1.25, 1, "p.e.", "sv") == "+1,3\u00a0p.e."  # a 5 rounds away from zero
    assert ch.format_change(0.01, 1, "pp", "en") == "0.0\u00a0pp"
    assert ch.format_change(-3.0, 1, "%", "sv") == "−3,0\u00a0%"
    assert ch.format_change(None, 1, "%", "sv") == ""


def test_categories_years_and_order_are_checked(share):
    category = dataclasses.replace(share.meta, indicators=(dataclasses.replace(share.meta.indicators[0],
                                                                               kind="category"),))
    ds = Dataset(category, share.areas, share.values)
    with pytest.raises(ValueError):
        ch.change_values(ds, "regso", "x", 2023, 2024)
    with pytest.raises(ValueError):
        ch.change_values(share, "regso", "x", 2024, 2023)
    with pytest.raises(ValueError):
        ch.change_values(share, "regso", "x", 2020, 2024)


def test_results_are_cached_per_dataset_object(share):
    first = ch.change_values(share, "regso", "x", 2023, 2024)
    assert ch.change_values(share, "regso", "x", 2023, 2024) is first
    other = pair_dataset("share")
    assert ch.change_values(other, "regso", "x", 2023, 2024) is not first


def test_category_changes_count_moves_between_types():
    pairs = [("a", "A", (1.0, "ok", OLD), (2.0, "ok", OLD)), ("b", "B", (3.0, "ok", OLD), (3.0, "ok", OLD)),
             ("c", "C", (5.0, "ok", OLD), (4.0, "ok", OLD)), ("d", "D", (2.0, "ok", OLD), (3.0, "ok", NEW)),
             ("e", "E", (None, "suppressed", OLD), (3.0, "ok", OLD))]
    ds = pair_dataset("category", HIGHER_IS_BETTER, pairs)
    moves = ch.category_changes(ds, "regso", "x", 2023, 2024)
    assert moves["moves"] == "u=d--" and moves["reasons"] == "ooobs"
    assert moves["codes"] == [1, 2, 3, 4, 5]
    assert moves["matrix"][0][1] == 1 and moves["matrix"][2][2] == 1 and moves["matrix"][4][3] == 1
    assert moves["counts"] == {"up": 1, "down": 1, "same": 1, "s": 1, "m": 0, "b": 1, "z": 0}
    with pytest.raises(ValueError):
        ch.category_changes(pair_dataset("share"), "regso", "x", 2023, 2024)
