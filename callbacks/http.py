"""Plain HTTP routes beside Dash: geometry files and the health check."""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

import flask

from geodata import classify as cls
from geodata import change, views, webgeo
from geodata.store import DatasetStore

from .context import services

_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
ONE_YEAR = 365 * 24 * 3600


@lru_cache(maxsize=64)
def _geometry(store: DatasetStore, name: str, release: str, level: str) -> tuple[bytes, bytes, str]:
    """(raw, gzipped, etag) of a level's web geometry; computed once per release."""
    ds = store.get(name).dataset
    outline = level.endswith(".outline")
    frame = ds.areas[level[: -len(".outline")] if outline else level]
    raw = webgeo.outline(frame) if outline else webgeo.feature_collection(frame)
    return raw, webgeo.gzipped(raw), hashlib.sha256(raw).hexdigest()[:20]


def _current_dataset(endpoint: str, name: str, release: str, **parts: str):
    """The dataset a versioned URL names, after checking every part of the URL.

    Aborts with 404 for anything malformed or unknown; answers an old
    release with a redirect to the same resource in the current one.
    """
    store = services().store
    if not all(_SAFE.match(part) for part in (name, release, *parts.values())) or name not in store.names():
        flask.abort(404)
    current = store.release_of(name)
    if release != current:
        flask.abort(flask.redirect(flask.url_for(endpoint, name=name, release=current, **parts)))
    return store, store.get(name).dataset


def _encoded(payload: dict) -> tuple[bytes, bytes, str]:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return raw, webgeo.gzipped(raw), hashlib.sha256(raw).hexdigest()[:20]


def geometry(name: str, release: str, level: str) -> flask.Response:
    """Serve ``/geo/<name>/<release>/<level>.geojson``, immutable per release."""
    store, ds = _current_dataset("atlas_geometry", name, release, level=level)
    base = level[: -len(".outline")] if level.endswith(".outline") else level
    if base not in ds.areas:
        flask.abort(404)
    return _immutable(*_geometry(store, name, release, level), "application/geo+json")


def _immutable(raw: bytes, packed: bytes, etag: str, mimetype: str) -> flask.Response:
    """A response for content that never changes at its URL (the URL names the release)."""
    if flask.request.if_none_match.contains(etag):
        response = flask.Response(status=304)
    elif "gzip" in flask.request.headers.get("Accept-Encoding", ""):
        response = flask.Response(packed, mimetype=mimetype)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = flask.Response(raw, mimetype=mimetype)
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.set_etag(etag)
    return response


@lru_cache(maxsize=256)
def _values(store: DatasetStore, name: str, level: str, indicator: str, scheme: str, k: int,
            release: str) -> tuple[bytes, bytes, str]:
    return _encoded(views.map_values(store.get(name).dataset, level, indicator, scheme, k))


def values(name: str, release: str, level: str, indicator: str, scheme: str, k: str) -> flask.Response:
    """Serve ``/values/<name>/<release>/<level>/<indicator>/<scheme>-<k>.json``."""
    store, ds = _current_dataset("atlas_values", name, release, level=level, indicator=indicator, scheme=scheme, k=k)
    if level not in ds.areas or indicator not in {i.id for i in ds.meta.indicators} \
            or scheme != cls.normalise_scheme(scheme) or not k.isdigit() or int(k) != cls.normalise_k(k):
        flask.abort(404)
    return _immutable(*_values(store, name, level, indicator, scheme, int(k), release), "application/json")


@lru_cache(maxsize=256)
def _change(store: DatasetStore, name: str, level: str, indicator: str, year_from: int, year_to: int,
            release: str) -> tuple[bytes, bytes, str]:
    c = change.change_values(store.get(name).dataset, level, indicator, year_from, year_to)
    # The same shape as the values file, with one "year": the browser code draws both alike.
    return _encoded({"ids": c["ids"], "years": [c["to"]], "values": [c["values"]], "classes": [c["classes"]],
                     "status": [c["reasons"]]})


def change_route(name: str, release: str, level: str, indicator: str, year_from: str, year_to: str):
    """Serve ``/change/<name>/<release>/<level>/<indicator>/<from>-<to>.json``."""
    store, ds = _current_dataset("atlas_change", name, release, level=level, indicator=indicator,
                                 year_from=year_from, year_to=year_to)
    if level not in ds.areas or indicator not in {i.id for i in ds.meta.indicators} \
            or not (year_from.isdigit() and year_to.isdigit()):
        flask.abort(404)
    try:
        return _immutable(*_change(store, name, level, indicator, int(year_from), int(year_to), release),
                          "application/json")
    except ValueError:  # a category, unknown years or from >= to
        flask.abort(404)


def healthz() -> flask.Response:
    """200 once at least one dataset is loaded, 503 otherwise."""
    store = services().store
    names = store.names()
    try:
        for name in names:
            store.get(name)
    except Exception:  # a broken release must show as unhealthy, not crash the probe
        return flask.jsonify(status="error"), 503
    if not names:
        return flask.jsonify(status="no-data", datasets=[]), 503
    return flask.jsonify(status="ok", datasets={n: store.release_of(n) for n in names})


def _is_list_of_dicts(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, (dict, list)) for item in value)


def check_callback_request():
    """Refuse malformed callback requests with 400 before Dash parses them.

    Dash answers a body of the wrong shape with an exception (a 500); a
    visitor or a scanner sending junk gets a plain 400 instead.
    """
    if flask.request.method != "POST" or not flask.request.path.endswith("_dash-update-component"):
        return None
    body = flask.request.get_json(silent=True)
    ok = (isinstance(body, dict) and isinstance(body.get("output"), str)
          and _is_list_of_dicts(body.get("inputs")) and _is_list_of_dicts(body.get("state", []))
          and isinstance(body.get("changedPropIds", []), list))
    if not ok:
        return flask.Response("malformed callback request", status=400, mimetype="text/plain")
    return None


def register(server: flask.Flask, prefix: str) -> None:
    server.add_url_rule(f"{prefix}geo/<name>/<release>/<level>.geojson", "atlas_geometry", geometry)
    server.add_url_rule(f"{prefix}values/<name>/<release>/<level>/<indicator>/<scheme>-<k>.json",
                        "atlas_values", values)
    server.add_url_rule(f"{prefix}change/<name>/<release>/<level>/<indicator>/<year_from>-<year_to>.json",
                        "atlas_change", change_route)
    server.add_url_rule(f"{prefix}healthz", "atlas_healthz", healthz)
    server.before_request(check_callback_request)
