"""Hostile requests get a 4xx or no update, never a 500, and leave no traceback in the log.

The variants (``tests/fuzz/hostile.py``) are built from callback bodies and
links captured from a real browser session on the demo
(``tests/fuzz/captured.json``, made by ``python -m tests.fuzz.capture``).
"""

import json
import logging
from pathlib import Path

import pytest

from app import Settings, create_app
from callbacks.safety import server_outputs
from geodata import store
from geodata.demo import build_demo

from .fuzz.hostile import RAW_BODIES, callback_variants, link_variants

CAPTURED = json.loads((Path(__file__).parent / "fuzz" / "captured.json").read_text(encoding="utf-8"))
MAX_LOGGED = 500


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    store.publish(build_demo(), root)
    return create_app(Settings(data_dir=root, default_dataset="demo"))


def _requests(release: str):
    for base in CAPTURED["callbacks"]:
        for what, body in callback_variants(base):
            yield f"callback {base['output'][:40]} {what}", "POST", "/_dash-update-component", body, {}
    for body in RAW_BODIES:
        yield f"raw {body[:20]!r}", "POST", "/_dash-update-component", body, {}
    for link in CAPTURED["links"]:
        for variant in link_variants(link):
            query = "&".join(f"{k}={v}" for k, values in variant.items()
                             for v in (values if isinstance(values, list) else [values]))
            yield f"page {query[:60]}", "GET", "/?" + query, None, {}
            yield f"layout {query[:60]}", "GET", "/_dash-layout", None, {
                "Referer": "http://localhost/?" + query, "Sec-Fetch-Site": "same-origin"}
    for part in ("..", "%2e%2e", "x" * 300, "²", "deso%00", "deso.outline.outline", "regso/../deso"):
        yield f"geo {part[:20]}", "GET", f"/geo/demo/{release}/{part}.geojson", None, {}
        yield f"values {part[:20]}", "GET", f"/values/demo/{release}/deso/{part}/quantiles-5.json", None, {}
        yield f"change {part[:20]}", "GET", f"/change/demo/{release}/deso/eftergymnasial/{part}-2024.json", None, {}
    for k in ("²", "05", "5.0", "99999", "-5", "1e1"):
        yield f"values k={k}", "GET", f"/values/demo/{release}/deso/eftergymnasial/quantiles-{k}.json", None, {}


def test_captured_callbacks_are_the_apps_server_callbacks(app):
    outputs = server_outputs(app)
    assert {body["output"] for body in CAPTURED["callbacks"]} <= set(outputs), \
        "re-capture tests/fuzz/captured.json: the app's callbacks changed"
    assert len({body["output"] for body in CAPTURED["callbacks"]}) >= 6


def test_no_hostile_request_is_a_500_or_leaves_a_traceback(app, caplog):
    client = app.server.test_client()
    release = client.get("/healthz").json["datasets"]["demo"]
    answers, sent = {}, 0
    with caplog.at_level(logging.INFO):
        for what, method, path, body, headers in _requests(release):
            response = client.open(path, method=method, data=body, headers=headers,
                                   content_type="application/json" if body is not None else None)
            sent += 1
            answers.setdefault(response.status_code, []).append(what)
    assert sent >= 500
    assert 500 not in answers, answers.get(500, [])[:20]
    assert all(code < 500 for code in answers)
    tracebacks = [r.getMessage()[:200] for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert tracebacks == []
    longest = max((len(r.getMessage()) for r in caplog.records), default=0)
    assert longest <= MAX_LOGGED, f"a log line of {longest} characters repeats what a visitor sent"
