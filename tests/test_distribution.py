"""The distribution panel's data: one entry per area with a value, the map's classes, the texts of its table."""

import json

import pytest

from callbacks.analysis import distribution_content
from geodata import change as ch
from geodata.model import normalise_dataset
from geodata.viewstate import View
from layouts.distribution import PAGE_SIZE, distribution_spec
from presenters import MODES

from .builders import HOSTILE_NAME, grid_dataset
from .test_change import pair_dataset


@pytest.fixture(scope="module")
def hostile():
    return normalise_dataset(grid_dataset(name="hostile", hostile=True))


def view(**changes) -> View:
    fields = dict(dataset="hostile", lang="sv", level="district", indicator="lowinc", year=2020, scheme="quantiles",
                  k=4)
    return View(**{**fields, **changes})


def test_one_entry_per_area_with_a_value_in_the_maps_class(hostile):
    shown = MODES["map"].shown(hostile, view())
    spec = distribution_spec(shown, hostile.areas["district"]["area_id"].tolist(),
                             hostile.areas["district"]["name"].tolist(), ["d05"], "Låg ekonomisk standard 2020", "sv")
    assert len(spec["ids"]) == 15 and "d01" not in spec["ids"], "the suppressed area has no dot and no row"
    assert spec["missing"] == 1
    for area_id, value, k in zip(spec["ids"], spec["values"], spec["classes"]):
        i = shown.values.index(value)
        assert k == int(shown.classes[i])
    assert spec["breaks"] == list(shown.breaks) and spec["colours"] == list(shown.colours)
    assert spec["selected"] == ["d05"] and spec["pageSize"] == PAGE_SIZE
    assert spec["text"]["page"].startswith("Sida {page} av {pages}")


def test_names_travel_as_data_never_as_markup(hostile):
    body, specs = distribution_content(hostile, view(year=2021, areas=("d01",)), ["d01"])
    assert HOSTILE_NAME in specs[0]["names"], "the name as written; the browser sets it as text"
    rendered = json.dumps([c.to_plotly_json() for c in body], default=str)
    assert "<img" not in rendered, "no name in the component tree at all"


def test_compare_mode_has_a_chart_and_table_per_map(hostile):
    body, specs = distribution_content(hostile, view(mode="compare", year_b=2022, indicator_b="lowinc",
                                                     level_b="district"), [])
    assert len(body) == len(specs) == 2
    assert [s["title"] for s in specs] == ["Låg ekonomisk standard 2020", "Låg ekonomisk standard 2022"]
    assert specs[0]["chartId"] != specs[1]["chartId"] and specs[0]["tableId"] != specs[1]["tableId"]
    assert specs[1]["missing"] == 1  # d02 is missing in 2022


def test_change_values_are_signed_with_the_change_classes():
    ds = pair_dataset("share")
    c = ch.change_values(ds, "regso", "x", 2023, 2024)
    body, specs = distribution_content(ds, View("pairs", "sv", "regso", "x", 2024, mode="change", year_b=2023), [])
    spec = specs[0]
    assert spec["signed"] and spec["unit"] == "p.e." and len(spec["ids"]) == 6
    assert spec["classes"] == [int(k) for k in c["classes"] if k != "-"]
    assert spec["labels"][2] == "Oförändrat (0,0\u00a0p.e.)"
