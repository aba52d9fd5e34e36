"""Health tells the truth: liveness and readiness as JSON, damage named, recovery without a restart."""

import json

from app import Settings, create_app
from geodata import store

from .builders import AREA_CALLBACK, grid_dataset


def _callback(client):
    return client.post("/_dash-update-component", data=json.dumps(AREA_CALLBACK), content_type="application/json")


def test_readiness_counts_callbacks_and_renders_every_dataset(tmp_path):
    store.publish(grid_dataset(), tmp_path)
    client = create_app(Settings(data_dir=tmp_path)).server.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.mimetype == "application/json"
    assert ready.json["ready"] is True and ready.json["callbacks"] >= 6 and ready.json["datasets"] == {"grid": "ok"}
    assert ready.headers["Cache-Control"] == "no-store"


def test_no_data_is_not_ready_and_still_json(tmp_path):
    client = create_app(Settings(data_dir=tmp_path)).server.test_client()
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 503 and response.mimetype == "application/json"


def test_damaged_at_start_then_repaired_serves_callbacks_without_a_restart(tmp_path):
    store.publish(grid_dataset(), tmp_path)
    values = tmp_path / "grid" / "current" / "values.parquet"
    whole = values.read_bytes()
    values.write_bytes(whole[: len(whole) // 2])
    app = create_app(Settings(data_dir=tmp_path))
    app.server.extensions["segregationsatlas"].store.recheck_seconds = 0
    client = app.server.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "values.parquet" in ready.json["datasets"]["grid"]
    assert "grid" in client.get("/healthz").json["damaged"]
    assert _callback(client).status_code == 204, "no update for a dataset that cannot be served"
    values.write_bytes(whole)  # repaired in place
    assert client.get("/readyz").json["datasets"] == {"grid": "ok"}
    answer = _callback(client)
    assert answer.status_code == 200 and "Distrikt 5" in answer.get_data(as_text=True)
