"""Safe for the public: security headers, bounded bodies, real 404s."""

import base64
import hashlib
import re

import pytest

from app import Settings, create_app
from callbacks.safety import check_callback_body, content_security_policy, script_hashes, tile_origin
from geodata import store

from .builders import grid_dataset


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("safety")
    store.publish(grid_dataset(), root)
    return create_app(Settings(data_dir=root)).server.test_client()


def test_every_response_carries_security_headers(client):
    release = client.get("/healthz").json["datasets"]["grid"]
    for path in ("/", "/healthz", f"/geo/grid/{release}/district.geojson", "/_dash-layout", "/nope"):
        headers = client.get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"], path
        assert headers["Referrer-Policy"] == "same-origin" and "geolocation=()" in headers["Permissions-Policy"]
        assert "Strict-Transport-Security" not in headers, "HSTS only when asked for"


def test_the_policy_allows_exactly_the_inline_scripts_dash_writes(client):
    page = client.get("/").get_data(as_text=True)
    policy = client.get("/").headers["Content-Security-Policy"]
    inline = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", page, re.S)
              if "src=" not in m.group(1) and "application/json" not in m.group(1)]
    assert inline, "Dash's renderer is started by an inline script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'sha256-" in policy
    assert script_hashes('<script src="/x.js"></script><script type="application/json">{}</script>') == []


def test_tiles_from_a_configured_server_are_allowed_as_images():
    assert tile_origin("https://{s}.tile.example/{z}/{x}/{y}.png") == "https://*.tile.example"
    assert tile_origin("javascript:alert(1)") is None
    assert "img-src 'self' data: blob: https://tiles.example" in content_security_policy(
        [], "https://tiles.example/{z}/{x}/{y}.png")


def test_hsts_when_configured_and_served_over_https(tmp_path):
    store.publish(grid_dataset(), tmp_path)
    secure = create_app(Settings(data_dir=tmp_path, hsts=True)).server.test_client()
    assert "max-age=" in secure.get("/healthz", base_url="https://atlas.example").headers["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in secure.get("/healthz").headers


def test_a_body_over_one_mebibyte_is_refused_unread(client):
    response = client.post("/_dash-update-component", data=b"{" + b" " * (1024 * 1024 + 10) + b"}",
                           content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize("path", ["/.git/config", "/wp-login.php", "/assets/../app.py", "/%C2%B2"])
def test_unknown_paths_are_a_404_page_in_the_visitors_language(client, path):
    response = client.get(path, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.status_code == 404
    assert 'lang="en"' in response.get_data(as_text=True) and "Page not found" in response.get_data(as_text=True)
    swedish = client.get(path)
    assert swedish.status_code == 404 and "Sidan finns inte" in swedish.get_data(as_text=True)


@pytest.mark.parametrize("path", ["dash/nope.js", "nope/x.js", "dash/dcc/../../../etc/passwd", "dash_leaflet/x.v1m1.js",
                                  "plotly/package_data/nope.min.js"])
def test_unknown_component_bundles_are_404(client, path):
    assert client.get(f"/_dash-component-suites/{path}").status_code == 404


def test_a_link_with_a_superscript_year_opens_the_default_year(client):
    page = client.get("/_dash-layout", headers={"Referer": "http://localhost/?year=%C2%B2",
                                                 "Sec-Fetch-Site": "same-origin"})
    assert page.status_code == 200 and "(2022)" in page.get_data(as_text=True)
    assert client.get("/?year=%C2%B2&at=nan,nan,nan&k=1e309").status_code == 200


def test_callback_bodies_of_the_wrong_shape_are_named():
    outputs = {"area-panel.children": {"inputs": [{"id": "area-search", "property": "value"}], "state": []}}
    good = {"output": "area-panel.children", "outputs": {"id": "area-panel", "property": "children"},
            "inputs": [{"id": "area-search", "property": "value", "value": None}], "changedPropIds": []}
    assert check_callback_body(good, outputs) is None
    assert check_callback_body({**good, "output": "x.y"}, outputs) == "unknown output"
    assert check_callback_body({**good, "outputs": "x"}, outputs) == "outputs do not match the callback"
    assert check_callback_body({**good, "inputs": []}, outputs) == "inputs do not match the callback"
    assert check_callback_body({**good, "state": [{"id": "x"}]}, outputs) == "state does not match the callback"
    deep = []
    for _ in range(100):
        deep = [deep]
    assert check_callback_body({**good, "inputs": deep}, outputs) == "nested too deeply"


def test_the_two_encodings_of_a_data_file_carry_different_entity_tags(client):
    release = client.get("/healthz").json["datasets"]["grid"]
    url = f"/geo/grid/{release}/district.geojson"
    packed = client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = client.get(url)
    assert packed.headers["ETag"] != plain.headers["ETag"]
    assert client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}).status_code == 304
