"""Presenters: each mode's page parts from a store and settings, without a request."""

import re

import pytest

from geodata import change, store, views
from geodata.i18n import CATALOG
from geodata.store import DatasetStore, LoadedRelease
from layouts.page import MODE_LAYOUTS
from presenters import MODES, mode_of, parse_view, query
from presenters.contract import browser_contract
from presenters.page import dataset_options, page_data, preload_urls
from presenters.urls import Urls

from .builders import grid_dataset


class Settings:
    default_dataset = None
    default_lang = "sv"
    tile_url = None
    tile_attribution = ""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("presenters")
    store.publish(grid_dataset(), root)
    return root


@pytest.fixture(scope="module")
def loaded(data_dir) -> LoadedRelease:
    return DatasetStore(data_dir).get("grid")


def test_every_mode_has_a_layout_branch_strings_and_a_contract_entry():
    contract = browser_contract()
    for name in MODES:
        assert name in MODE_LAYOUTS, f"layouts/page.py has no branch for mode {name!r}"
        assert CATALOG[f"mode.{name}"]["sv"] and CATALOG[f"mode.{name}"]["en"]
        assert contract["modes"][name]["params"] == list(MODES[name].params)
    assert set(contract["modes"]) == set(MODES)


@pytest.mark.parametrize("params, mode, second", [
    ({}, "map", False),
    ({"mode": "compare", "year2": "2020"}, "compare", True),
    ({"mode": "change", "year": "2022", "year2": "2020"}, "change", False),
])
def test_each_mode_gives_its_parts_without_a_request(loaded, params, mode, second):
    view = parse_view(params, loaded.dataset)
    assert view.mode == mode
    parts = mode_of(view).parts(loaded, view, Urls("/atlas/"))
    assert parts.main.data_url.startswith(f"/atlas/{'change' if mode == 'change' else 'values'}/grid/{loaded.release}/")
    assert parts.main.geo_url == f"/atlas/geo/grid/{loaded.release}/district.geojson"
    assert (parts.second is not None) == second
    assert parts.main.legend.rows and parts.slider_years == (2020, 2021, 2022)


def test_page_data_and_preloads_come_from_store_and_settings(data_dir):
    reader = DatasetStore(data_dir)
    data = page_data(reader, Settings(), {"mode": "change", "year": "2022", "year2": "2021", "lang": "en"}, Urls())
    assert data.view.mode == "change" and data.view.year_b == 2021
    assert [o["value"] for o in data.mode_options] == list(MODES)
    assert data.lang_href.startswith("/?ds=grid&lang=sv") and "mode=change" in data.lang_href
    urls = preload_urls(reader, Settings(), {"mode": "change", "year": "2022", "year2": "2021"}, Urls())
    assert [p.url for p in urls if p.data] == [f"/change/grid/{data.parts.main.payload['url'].split('/')[3]}"
                                               "/district/lowinc/2021-2022.json"]
    assert dataset_options(reader, "en") == [{"label": "Grid town", "value": "grid"}]


def test_a_mode_that_cannot_show_the_view_falls_back_to_the_map(loaded):
    ds = loaded.dataset
    view = parse_view({"mode": "change", "year": "2020"}, ds)
    # The earliest year has no earlier year to compare with: the pair widens to first–last.
    assert (view.mode, view.year_b, view.year) == ("change", 2020, 2022)
    assert parse_view({"mode": "nonsense"}, ds).mode == "map"


def test_links_leave_out_what_the_mode_does_not_use(loaded):
    ds = loaded.dataset
    compare = parse_view({"mode": "compare", "year2": "2021"}, ds)
    assert "year2=2021" in query(compare) and "ind2" not in query(compare)
    assert "year2" not in query(compare, mode="map")
    assert parse_view(dict(p.split("=") for p in query(compare)[1:].split("&")), ds) == compare


CAMEL = re.compile(r"^[a-z]+[A-Z]")


def test_geodata_returns_data_not_browser_shaped_dicts(loaded):
    ds = loaded.dataset
    produced = [views.map_values(ds, "district", "lowinc"), change.change_values(ds, "district", "lowinc", 2020, 2022)]
    produced += change.change_legend_rows(ds.meta.indicator("lowinc"), produced[1], "sv")
    keys = {key for item in produced for key in item}
    assert not [k for k in keys if CAMEL.match(k)], "camelCase keys belong to the presenters"
    assert all(isinstance(pair, tuple) for pair in views.area_labels(ds, "district"))
