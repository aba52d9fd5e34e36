"""Our scripts and styles travel compressed, and with Dash's fingerprint they are cached for good."""

import gzip
from pathlib import Path

import pytest

from app import Settings, create_app
from geodata import store

from .builders import grid_dataset
from .conftest import REPO

ASSETS = sorted(p for p in (REPO / "assets").iterdir() if p.suffix in (".js", ".css"))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("assets")
    store.publish(grid_dataset(), root, measures=False)
    return create_app(Settings(data_dir=root)).server.test_client()


@pytest.mark.parametrize("asset", ASSETS, ids=lambda p: p.name)
def test_each_script_and_style_is_sent_gzipped_and_arrives_whole(client, asset: Path):
    response = client.get(f"/assets/{asset.name}?m=1", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == asset.read_bytes()
    assert len(response.data) < 0.6 * asset.stat().st_size


def test_fingerprinted_assets_are_cached_for_good_and_others_are_revalidated(client):
    fingerprinted = client.get("/assets/atlas.css?m=1795980483.61")
    assert fingerprinted.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = client.get("/assets/atlas.css")
    assert "immutable" not in plain.headers.get("Cache-Control", "")
    assert client.get("/assets/missing.js?m=1").status_code == 404


def test_the_page_names_its_assets_with_fingerprints(client):
    index = client.get("/").get_data(as_text=True)
    assert "/assets/atlas-50-map.js?m=" in index and "/assets/atlas.css?m=" in index


@pytest.mark.parametrize("path, loaded, left_out", [
    ("/", {"atlas-70-export.js", "atlas-75-embed.js", "atlas-84-deck.js", "atlas-86-deck-dialog.js"},
     {"atlas-85-present.js", "atlas-present.css"}),
    ("/embed", {"atlas-50-map.js", "atlas-55-labels.js", "atlas.css"},
     {"atlas-70-export.js", "atlas-75-embed.js", "atlas-84-deck.js", "atlas-85-present.js",
      "atlas-86-deck-dialog.js", "atlas-present.css"}),
    ("/present", {"atlas-84-deck.js", "atlas-85-present.js", "atlas-present.css", "atlas.css"},
     {"atlas-70-export.js", "atlas-75-embed.js", "atlas-86-deck-dialog.js"}),
])
def test_each_surface_loads_only_the_atlas_files_it_uses(client, path, loaded, left_out):
    index = client.get(path).get_data(as_text=True)
    for name in loaded:
        assert f"/assets/{name}?m=" in index, name
    for name in left_out:
        assert f"/assets/{name}" not in index, name
    # What is left is a well-formed page: every script tag closed, the contract still there.
    assert index.count("<script") == index.count("</script>") and 'id="atlas-contract"' in index
