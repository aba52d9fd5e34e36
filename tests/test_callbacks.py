"""Callbacks called as plain functions, and the HTTP routes beside them."""

import gzip
import json

import pytest
from dash.exceptions import PreventUpdate

from app import Settings, create_app
from callbacks.analysis import show_distribution
from callbacks.area import show_areas
from callbacks.change import change_years
from callbacks.map_view import change_indicator, change_level, nearest_year
from callbacks.page import render
from geodata import store
from layouts import ids

from .builders import grid_dataset


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    store.publish(grid_dataset(), root)
    return create_app(Settings(data_dir=root))


@pytest.fixture()
def ctx(app):
    with app.server.test_request_context("/"):
        yield app


VIEW = {"dataset": "grid", "lang": "sv", "level": "district", "indicator": "lowinc", "year": 2022,
        "scheme": "quantiles", "k": 5, "areas": [], "mode": "map", "year_b": None, "indicator_b": None,
        "level_b": None, "at": None}


def test_change_indicator_returns_payload_legend_and_years(ctx):
    out = change_indicator("lowinc", "district", "equal_interval", 2021, VIEW)
    payload, legend, definition, lo, hi, marks, step, year, view, indicator = out
    assert payload["years"] == [2020, 2021, 2022] and (lo, hi, step, year) == (2020, 2022, 1, 2021)
    assert payload["url"].endswith("/district/lowinc/equal_interval-5.json")
    assert view["scheme"] == "equal_interval" and indicator == "lowinc"
    assert definition == "Andel med låg ekonomisk standard."
    assert "geometry" not in json.dumps(payload), "a year or indicator change never sends geometry"


@pytest.mark.parametrize("args", [
    ("lowinc", "nope", "quantiles", 2021, VIEW),
    ("lowinc", "district", "quantiles", 2021, {**VIEW, "dataset": "../../etc"}),
    ("lowinc", "district", "quantiles", 2021, "not a dict"),
    ("lowinc", "district", "quantiles", 2021, {**VIEW, "dataset": ["grid"]}),
])
def test_bad_callback_input_is_no_update(ctx, args):
    with pytest.raises(PreventUpdate):
        change_indicator(*args)


def test_change_level_points_to_versioned_geometry(ctx):
    url, options, value, indicator_options = change_level("district", VIEW)
    assert url.startswith("/geo/grid/") and url.endswith("/district.geojson")
    assert value is None and len(options) == 16
    assert indicator_options == [{"label": "Låg ekonomisk standard", "value": "lowinc"}]


def test_show_areas_builds_chart_and_table_and_rejects_unknown_area(ctx):
    panel = show_areas(["d05"], VIEW)
    text = json.dumps(panel, default=str)
    assert "Distrikt 5 (d05)" in text and ids.AREA_TABLE in text
    two = json.dumps(show_areas(["d05", "d06"], VIEW), default=str, ensure_ascii=False)
    assert "2 valda områden" in two and "Distrikt 6" in two
    for bad in (["<b>x</b>"], [5], {"a": 1}, ["d01"] * 9):
        with pytest.raises(PreventUpdate):
            show_areas(bad, VIEW)


def test_nearest_year_prefers_the_later_on_a_tie():
    assert nearest_year([2018, 2022], 2020) == 2022
    assert nearest_year([2018, 2022], None) == 2022
    assert nearest_year([], 2020) is None


def test_render_falls_back_on_unknown_dataset(ctx):
    page = render(ds="nope", lang="en", year="abc")
    assert ids.MAP in json.dumps(page, default=str)


def test_geometry_route_is_gzipped_cacheable_and_validated(app):
    client = app.server.test_client()
    release = store.current_release(app.server.extensions["segregationsatlas"].store.root, "grid")
    url = f"/geo/grid/{release}/district.geojson"
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    body = json.loads(gzip.decompress(response.data))
    assert len(body["features"]) == 16
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/geo/grid/old-release/district.geojson").status_code == 302
    assert client.get(f"/geo/grid/{release}/nope.geojson").status_code == 404
    sneaky = client.get(f"/geo/..%2f..%2fetc/{release}/district.geojson")
    assert sneaky.mimetype != "application/geo+json"


def test_values_route_serves_classes_and_rejects_unknown_parts(app):
    client = app.server.test_client()
    release = store.current_release(app.server.extensions["segregationsatlas"].store.root, "grid")
    ok = client.get(f"/values/grid/{release}/district/lowinc/quantiles-5.json")
    assert ok.status_code == 200 and "immutable" in ok.headers["Cache-Control"]
    body = ok.json
    assert body["years"] == [2020, 2021, 2022] and len(body["classes"][0]) == 16
    for bad in ("district/nope/quantiles-5", "district/lowinc/evil-5", "district/lowinc/quantiles-99",
                "nolevel/lowinc/quantiles-5"):
        assert client.get(f"/values/grid/{release}/{bad}.json").status_code == 404


def test_change_route_serves_reasons_and_redirects_old_releases(app):
    client = app.server.test_client()
    release = store.current_release(app.server.extensions["segregationsatlas"].store.root, "grid")
    body = client.get(f"/values/grid/{release}/district/lowinc/quantiles-5.json").json
    change = client.get(f"/change/grid/{release}/district/lowinc/2020-2022.json")
    assert change.status_code == 200
    data = change.json
    assert data["years"] == [2022] and len(data["status"][0]) == 16
    # d01 was suppressed in 2020 and d02 missing in 2022: no change, each with its reason.
    assert data["status"][0][1] == "s" and data["status"][0][2] == "m"
    assert data["values"][0][1] is None and data["values"][0][0] == pytest.approx(4.0)
    assert body["years"] == [2020, 2021, 2022]
    old = client.get("/change/grid/20000101T000000000000Z-deadbeef/district/lowinc/2020-2022.json")
    assert old.status_code == 302 and release in old.headers["Location"]
    for bad in ("2022-2020", "2020-2020", "1999-2022", "x-2022"):
        assert client.get(f"/change/grid/{release}/district/lowinc/{bad}.json").status_code == 404


def test_healthz_reports_loaded_datasets(app, tmp_path):
    client = app.server.test_client()
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["status"] == "ok"
    empty = create_app(Settings(data_dir=tmp_path)).server.test_client().get("/healthz")
    assert empty.status_code == 503


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"output": "x", "inputs": 5}',
                                  b'{"output": "x", "inputs": [1, 2]}'])
def test_malformed_callback_request_is_not_a_500_with_traceback(app, body):
    response = app.server.test_client().post("/_dash-update-component", data=body,
                                             content_type="application/json")
    assert response.status_code < 500
    assert b"Traceback" not in response.data


def test_distribution_waits_until_opened_then_follows_the_year(ctx):
    # Closed, the browser sends nothing (atlas.distributionTrigger); a missing trigger is no update.
    with pytest.raises(PreventUpdate):
        show_distribution(None, VIEW)
    opened = {"year": 2021, "year_b": None, "areas": ["d05"], "data": None}
    body = json.dumps(show_distribution(opened, VIEW), default=str, ensure_ascii=False)
    assert "2021" in body and "Distrikt 5" in body


def test_change_years_recomputes_legend_and_rejects_bad_pairs(ctx):
    change_view = {**VIEW, "mode": "change", "year_b": 2020}
    payload, legend = change_years([2020, 2022], change_view)
    assert payload["yearLabel"] == "2020–2022" and payload["url"].endswith("/2020-2022.json")
    for bad in ([2022, 2022], ["2020", 2022], [2020], None):
        with pytest.raises(PreventUpdate):
            change_years(bad, change_view)
    with pytest.raises(PreventUpdate):
        change_years([2020, 2022], VIEW)


def test_static_bundles_are_compressed_once_and_callbacks_never_cached(app):
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    bundle = next(part.split('"')[0] for part in index.split('src="')[1:] if "dash_core_components" in part)
    first = client.get(bundle, headers={"Accept-Encoding": "gzip"})
    again = client.get(bundle, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip" and first.data == again.data
    cache = app.server.extensions["compress"].cache
    assert cache.get(f"gzip;{bundle.split('?')[0]}") == first.data
    client.post("/_dash-update-component", data=b"{}", content_type="application/json",
                headers={"Accept-Encoding": "gzip"})
    assert not any(key.endswith("_dash-update-component") for key in cache._bodies)


def test_layout_follows_the_page_address_but_not_other_sites(app):
    client = app.server.test_client()
    own = client.get("/_dash-layout", headers={"Referer": "http://localhost/?ds=grid&year=2020&lang=en"})
    assert own.status_code == 200
    body = own.get_data(as_text=True)
    assert '"lang": "en"' in body.replace('":"', '": "') and "Low economic standard (2020)" in body
    foreign = client.get("/_dash-layout", headers={"Referer": "http://elsewhere.example/?year=2020&lang=en"})
    assert "(2022)" in foreign.get_data(as_text=True), "another site's address is not a view"
    assert '<meta name="referrer" content="same-origin">' in client.get("/").get_data(as_text=True)
