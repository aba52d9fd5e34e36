"""Releases own their data: URLs answered from the release they name, damaged datasets isolated."""

import gzip
import json
import logging
import os
from pathlib import Path

import pytest

from app import Settings, create_app
from callbacks.page import render
from geodata import store
from geodata.store import DatasetStore, DatasetUnavailable

from .builders import grid_dataset


def _values(client, release):
    response = client.get(f"/values/grid/{release}/district/lowinc/quantiles-5.json")
    return response.status_code, response.json


def test_values_of_a_release_come_from_that_release_even_when_a_publish_lands_in_between(tmp_path, monkeypatch):
    """Forced interleaving: release B is published after the route has looked release A up."""
    first = store.publish(grid_dataset(), tmp_path).name
    app = create_app(Settings(data_dir=tmp_path))
    client = app.server.test_client()
    svc = app.server.extensions["segregationsatlas"]
    real_get = DatasetStore.get
    published = []

    def get_then_publish(self, name, release=None):
        loaded = real_get(self, name, release)
        if not published:  # publish B between the route's look-up and its computing
            bumped = grid_dataset()
            bumped.values["value"] = bumped.values["value"] + 100
            published.append(store.publish(bumped, tmp_path).name)
        return loaded

    monkeypatch.setattr(DatasetStore, "get", get_then_publish)
    status, body_a = _values(client, first)
    monkeypatch.setattr(DatasetStore, "get", real_get)
    assert status == 200 and published and published[0] != first
    status, body_b = _values(client, published[0])
    assert status == 200
    assert body_a != body_b, "release A's URL must not serve release B's classes"
    # A's URL keeps answering with A's bytes after B became current.
    assert _values(client, first) == (200, body_a)
    assert svc.store.release_of("grid") == published[0]


def test_an_unknown_release_redirects_uncached_to_the_current_one(tmp_path):
    current = store.publish(grid_dataset(), tmp_path).name
    client = create_app(Settings(data_dir=tmp_path)).server.test_client()
    response = client.get("/geo/grid/20000101T000000000000Z-deadbeef/district.geojson")
    assert response.status_code == 302 and current in response.headers["Location"]
    assert response.headers["Cache-Control"] == "no-store"


def test_a_replaced_release_is_dropped_with_everything_derived_from_it(tmp_path):
    reader = DatasetStore(tmp_path, old_releases=0)
    store.publish(grid_dataset(), tmp_path)
    first = reader.get("grid")
    first.dataset.memo(("probe",), lambda: object())
    store.publish(grid_dataset(), tmp_path)
    second = reader.get("grid")
    assert second is not first and ("probe",) not in second.dataset._memo
    assert [lr for lr in reader._current.values()] == [second] and not reader._old


def _damage(root: Path, name: str, how: str) -> None:
    release = root / name / "current"
    if how == "truncated parquet":
        path = release / "values.parquet"
        path.write_bytes(path.read_bytes()[:200])
    elif how == "missing dataset.json":
        (release / "dataset.json").unlink()
    elif how == "dangling current":
        target = release.resolve()
        os.rename(target, target.with_name(".gone"))


@pytest.mark.parametrize("how", ["truncated parquet", "missing dataset.json", "dangling current"])
def test_a_damaged_dataset_leaves_the_picker_and_the_others_keep_working(tmp_path, how, caplog):
    store.publish(grid_dataset(name="aaa", title="Skadad"), tmp_path)  # first by name: the default
    store.publish(grid_dataset(name="good", title="Frisk"), tmp_path)
    store.publish(grid_dataset(name="other", title="Annan"), tmp_path)
    _damage(tmp_path, "aaa", how)
    app = create_app(Settings(data_dir=tmp_path))
    client = app.server.test_client()
    with caplog.at_level(logging.ERROR, logger="segregationsatlas"):
        health = client.get("/healthz")
    assert health.status_code == 200 and health.mimetype == "application/json"
    assert set(health.json["datasets"]) == {"good", "other"} and "aaa" in health.json["damaged"]
    assert any("aaa" in r.getMessage() for r in caplog.records), "the reason is logged"
    with app.server.test_request_context("/"):
        page = json.dumps(render(), default=str, ensure_ascii=False)
        named = json.dumps(render(ds="aaa"), default=str, ensure_ascii=False)
    assert "Frisk" in page and "Annan" in page and "Skadad" not in page
    assert "Skadad" not in named, "a link to the damaged dataset opens a healthy one"
    assert client.get("/").status_code == 200


def test_a_dataset_that_fails_to_load_is_reported_and_comes_back_when_repaired(tmp_path):
    store.publish(grid_dataset(name="grid"), tmp_path)
    values = tmp_path / "grid" / "current" / "values.parquet"
    whole = values.read_bytes()
    # The magic bytes survive, the metadata between them does not.
    values.write_bytes(whole[:8] + b"\0" * (len(whole) - 16) + whole[-8:])
    reader = DatasetStore(tmp_path, recheck_seconds=60)
    with pytest.raises(DatasetUnavailable):
        reader.get("grid")
    assert reader.names() == [] and reader.catalog()[0].problem.startswith("values.parquet")
    values.write_bytes(whole)
    reader.recheck_seconds = 0  # the time a damaged dataset stays reported has passed
    assert reader.get("grid").dataset.values["value"].notna().any()
    assert reader.names() == ["grid"]


def test_geometry_of_an_old_release_is_its_own(tmp_path):
    first = store.publish(grid_dataset(n=3), tmp_path).name
    client = create_app(Settings(data_dir=tmp_path)).server.test_client()
    assert client.get(f"/geo/grid/{first}/district.geojson").status_code == 200
    store.publish(grid_dataset(n=4), tmp_path)
    old = client.get(f"/geo/grid/{first}/district.geojson", headers={"Accept-Encoding": "gzip"})
    assert old.status_code == 200
    assert len(json.loads(gzip.decompress(old.data))["features"]) == 9
