"""Map payloads, legends and series computed from a dataset."""

import json

import numpy as np
import pytest

from geodata import views
from geodata.model import normalise_dataset
from geodata.store import LoadedRelease
from geodata.viewstate import View
from presenters.common import area_options, map_payload, search_area_options
from presenters.urls import Urls

from .builders import grid_dataset


@pytest.fixture(scope="module")
def ds():
    return normalise_dataset(grid_dataset())


def test_values_have_every_year_and_no_number_for_suppressed(ds):
    p = views.map_values(ds, "district", "lowinc", "quantiles", 5)
    assert p["years"] == [2020, 2021, 2022]
    assert p["ids"] == [f"d{i:02d}" for i in range(16)]
    pos = p["ids"].index("d01")
    assert p["values"][0][pos] is None
    assert p["status"][0][pos] == "s" and p["classes"][0][pos] == "-"
    assert p["status"][2][p["ids"].index("d02")] == "m"
    # The suppressed value must not reach the browser in any form.
    assert "NaN" not in json.dumps(p)


def test_pooled_classes_mean_the_same_value_every_year(ds):
    p = views.map_values(ds, "district", "lowinc", "quantiles", 4)
    breaks = np.asarray(views.classification(ds, "district", "lowinc", "quantiles", 4).breaks)
    for year_values, classes in zip(p["values"], p["classes"]):
        for value, klass in zip(year_values, classes):
            if value is None:
                continue
            k = int(klass)
            assert value <= breaks[k] and (k == 0 or value > breaks[k - 1])
    # Values rise with the year, so later years have darker (higher) classes on average.
    mean_class = [np.mean([int(c) for c in s if c != "-"]) for s in p["classes"]]
    assert mean_class[0] < mean_class[-1]


def test_payload_is_small_and_counts_per_year_add_up_with_no_data(ds):
    view = View("grid", "en", "district", "lowinc", 2022)
    p = map_payload(LoadedRelease("r1", ds), view, Urls())
    assert "values" not in p and "ids" not in p, "per-area arrays travel by URL, not through Dash"
    assert p["label"] == "Low economic standard" and len(p["colours"]) == 5
    for counts in p["counts"]:
        assert sum(counts) == 16
    assert p["counts"][0][-2:] == [1, 0] and p["counts"][2][-2:] == [0, 1]


def test_legend_rows_have_bounds_as_text_in_swedish(ds):
    ind = ds.meta.indicator("lowinc")
    rows = views.legend_rows(ind, views.classification(ds, "district", "lowinc", "quantiles", 3), "sv")
    assert len(rows) == 3
    assert rows[0]["label"].startswith("10,0 – ")
    assert rows[-1]["label"].endswith("\u00a0%")


def test_area_series_ranks_highest_first_and_skips_gaps(ds):
    series = views.area_series(ds, "district", "d15", "lowinc")
    assert list(series["rank"]) == [1.0, 1.0, 1.0]
    gap = views.area_series(ds, "district", "d01", "lowinc")
    assert np.isnan(gap["value"].iloc[0]) and gap["status"].iloc[0] == "suppressed"
    assert np.isnan(gap["rank"].iloc[0])
    assert list(gap["ranked"]) == [15, 16, 15]


def test_area_options_are_sorted_by_name_with_code(ds):
    options = area_options(ds, "district")
    assert options[0] == {"label": "Distrikt 0 (d00)", "value": "d00"}
    assert len(options) == 16


def test_search_matches_name_or_code_case_insensitively(ds):
    assert [o["value"] for o in search_area_options(ds, "district", "DISTRIKT 1")][:2] == ["d01", "d10"]
    assert [o["value"] for o in search_area_options(ds, "district", "d07")] == ["d07"]
    assert len(search_area_options(ds, "district", "", limit=5)) == 5
