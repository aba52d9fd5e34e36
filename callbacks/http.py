"""Plain HTTP routes beside Dash: geometry and data files, and the health check.

Every data URL names a release.  It is answered from that release's own
loaded object (the current one, or a recent one kept for pages rendered
just before a publish) and never from another release: the bytes are
computed from the object the URL names and memoised on it.
"""

from __future__ import annotations

import hashlib
import json
import re

import logging

import flask

from geodata import change, views, webgeo
from geodata import classify as cls
from geodata.model import Dataset, derived
from geodata.store import DatasetUnavailable, LoadedRelease
from geodata.viewstate import parse_year

from presenters import parse_view
from presenters.common import outline_level
from presenters.page import page_data

from .context import DASH_APP_KEY, services
from .safety import server_outputs

log = logging.getLogger("segregationsatlas")

_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
ONE_YEAR = 365 * 24 * 3600
OUTLINE_SUFFIX = ".outline"


def _release(endpoint: str, name: str, release: str, **parts: str) -> LoadedRelease:
    """The release a versioned URL names, after checking every part of the URL.

    404 for anything malformed or unknown.  A release that no longer exists
    (removed, or never was) is answered with an uncached redirect to the
    same resource in the current release, never with the current bytes.
    """
    if not all(_SAFE.match(part) for part in (name, release, *parts.values())):
        flask.abort(404)
    store = services().store
    if name not in store.names():
        flask.abort(404)
    try:
        return store.get(name, release)
    except DatasetUnavailable:
        current = store.release_of(name)
        if current is None or current == release:
            flask.abort(404)
        redirect = flask.redirect(flask.url_for(endpoint, name=name, release=current, **parts))
        redirect.headers["Cache-Control"] = "no-store"
        flask.abort(redirect)


def _encoded(raw: bytes) -> tuple[bytes, bytes, str]:
    return raw, webgeo.gzipped(raw), hashlib.sha256(raw).hexdigest()[:20]


def _json(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def _immutable(encoded: tuple[bytes, bytes, str], mimetype: str) -> flask.Response:
    """A response for content that never changes at its URL (the URL names the release)."""
    raw, packed, etag = encoded
    gzipped = "gzip" in flask.request.headers.get("Accept-Encoding", "")
    # The two encodings are different bytes, so they carry different entity tags; either one
    # proves the client holds this release's content, which never changes at its URL.
    tag = etag + "-gz" if gzipped else etag
    if flask.request.if_none_match.contains(etag) or flask.request.if_none_match.contains(etag + "-gz"):
        response = flask.Response(status=304)
    elif gzipped:
        response = flask.Response(packed, mimetype=mimetype)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = flask.Response(raw, mimetype=mimetype)
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.set_etag(tag)
    return response


@derived
def geometry_bytes(ds: Dataset, level: str) -> tuple[bytes, bytes, str]:
    """(raw, gzipped, etag) of a level's web geometry (``<level>.outline``: its outline)."""
    if level.endswith(OUTLINE_SUFFIX):
        return _encoded(webgeo.outline(ds.areas[level[: -len(OUTLINE_SUFFIX)]]))
    return _encoded(webgeo.feature_collection(ds.areas[level]))


@derived
def values_bytes(ds: Dataset, level: str, indicator: str, scheme: str, k: int) -> tuple[bytes, bytes, str]:
    """(raw, gzipped, etag) of one indicator's values and classes at one level, every year."""
    return _encoded(_json(views.map_values(ds, level, indicator, scheme, k)))


def warm(loaded: LoadedRelease) -> None:
    """Compute what first visitors ask for: every level's geometry, every indicator's values at the
    default level and classification.

    Called in gunicorn's master before it forks, so every worker starts with
    them in memory shared with the others, instead of each computing (and
    holding) its own copy on its first requests.
    """
    ds = loaded.dataset
    for level in ds.meta.map_levels:
        if level.id in ds.areas:
            geometry_bytes(ds, level.id)
    outline = outline_level(ds)
    if outline:
        geometry_bytes(ds, outline + OUTLINE_SUFFIX)
    view = parse_view({}, ds)
    for indicator in sorted(ds.indicators_at(view.level)):
        values_bytes(ds, view.level, indicator, cls.normalise_scheme(view.scheme), cls.normalise_k(view.k))


def geometry(name: str, release: str, level: str) -> flask.Response:
    """Serve ``/geo/<name>/<release>/<level>.geojson``, immutable per release."""
    loaded = _release("atlas_geometry", name, release, level=level)
    ds = loaded.dataset
    base = level[: -len(OUTLINE_SUFFIX)] if level.endswith(OUTLINE_SUFFIX) else level
    if base not in ds.areas:
        flask.abort(404)
    return _immutable(geometry_bytes(ds, level), "application/geo+json")


def _known_indicator(ds: Dataset, level: str, indicator: str) -> bool:
    return level in ds.areas and indicator in {i.id for i in ds.meta.indicators}


def values(name: str, release: str, level: str, indicator: str, scheme: str, k: str) -> flask.Response:
    """Serve ``/values/<name>/<release>/<level>/<indicator>/<scheme>-<k>.json``."""
    ds = _release("atlas_values", name, release, level=level, indicator=indicator, scheme=scheme, k=k).dataset
    number = parse_year(k)  # one to four ASCII digits, like a year
    if not _known_indicator(ds, level, indicator) or scheme != cls.normalise_scheme(scheme) \
            or number is None or number != cls.normalise_k(number):
        flask.abort(404)
    return _immutable(values_bytes(ds, level, indicator, scheme, number), "application/json")


def _change_bytes(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int) -> tuple[bytes, bytes, str]:
    c = change.change_values(ds, level, indicator, year_from, year_to)
    # The same shape as the values file, with one "year": the browser code draws both alike.
    return _encoded(_json({"ids": c["ids"], "years": [c["to"]], "values": [c["values"]], "classes": [c["classes"]],
                           "status": [c["reasons"]], "from": c["value_from"], "to": c["value_to"],
                           "bridged": c["bridged"]}))


def change_route(name: str, release: str, level: str, indicator: str, year_from: str, year_to: str):
    """Serve ``/change/<name>/<release>/<level>/<indicator>/<from>-<to>.json``."""
    ds = _release("atlas_change", name, release, level=level, indicator=indicator, year_from=year_from,
                  year_to=year_to).dataset
    first, last = parse_year(year_from), parse_year(year_to)
    if not _known_indicator(ds, level, indicator) or first is None or last is None:
        flask.abort(404)
    try:
        encoded = ds.memo(("http.change", level, indicator, first, last),
                          lambda: _change_bytes(ds, level, indicator, first, last))
    except ValueError:  # a category, unknown years or from >= to
        flask.abort(404)
    return _immutable(encoded, "application/json")


def clusters_route(name: str, release: str, level: str, indicator: str) -> flask.Response:
    """Serve ``/clusters/<name>/<release>/<level>/<indicator>.json``: the values file's shape, classes the clusters."""
    from presenters.clusters import cluster_values, cluster_years

    ds = _release("atlas_clusters", name, release, level=level, indicator=indicator).dataset
    if not _known_indicator(ds, level, indicator) or not cluster_years(ds, level, indicator):
        flask.abort(404)
    encoded = ds.memo(("http.clusters", level, indicator),
                      lambda: _encoded(_json(cluster_values(ds, level, indicator))))
    return _immutable(encoded, "application/json")


def healthz() -> flask.Response:
    """Liveness: 200 while at least one dataset can be served, 503 otherwise; damaged datasets are named."""
    try:
        catalog = services().store.catalog()
    except Exception as exc:  # the probe answers in JSON whatever happens
        log.exception("health check failed")
        return _json_status({"status": "error", "error": type(exc).__name__}, 503)
    healthy = {entry.name: entry.release for entry in catalog if entry.ok}
    damaged = {entry.name: entry.problem for entry in catalog if not entry.ok}
    status = "ok" if healthy else ("error" if damaged else "no-data")
    return _json_status({"status": status, "datasets": healthy, "damaged": damaged}, 200 if healthy else 503)


def readyz() -> flask.Response:
    """Whether this worker can serve pages and callbacks for its datasets, as JSON.

    200 when the callbacks are registered and at least one dataset loads and
    renders its default page; 503 otherwise.  Each damaged dataset is named
    with its reason.  Never HTML, even when something fails unexpectedly.
    """
    svc = services()
    datasets: dict[str, str] = {}
    try:
        n_callbacks = len(server_outputs(flask.current_app.extensions[DASH_APP_KEY]))
        for entry in svc.store.catalog():
            if not entry.ok:
                datasets[entry.name] = entry.problem
                continue
            try:
                page = page_data(svc.store, svc.settings, {"ds": entry.name}, svc.urls)
                datasets[entry.name] = "ok" if page is not None and page.view.dataset == entry.name \
                    else "does not load"
            except Exception as exc:  # a dataset that breaks while rendering is reported, not raised
                log.exception("readiness: dataset %s cannot render", entry.name)
                datasets[entry.name] = f"cannot render: {type(exc).__name__}"
    except Exception as exc:
        log.exception("readiness check failed")
        return _json_status({"ready": False, "error": type(exc).__name__}, 503)
    ready = n_callbacks > 0 and "ok" in datasets.values()
    return _json_status({"ready": ready, "callbacks": n_callbacks, "datasets": datasets}, 200 if ready else 503)


def _json_status(body: dict, status: int) -> flask.Response:
    response = flask.jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def register(server: flask.Flask, prefix: str) -> None:
    server.add_url_rule(f"{prefix}geo/<name>/<release>/<level>.geojson", "atlas_geometry", geometry)
    server.add_url_rule(f"{prefix}values/<name>/<release>/<level>/<indicator>/<scheme>-<k>.json",
                        "atlas_values", values)
    server.add_url_rule(f"{prefix}change/<name>/<release>/<level>/<indicator>/<year_from>-<year_to>.json",
                        "atlas_change", change_route)
    server.add_url_rule(f"{prefix}clusters/<name>/<release>/<level>/<indicator>.json", "atlas_clusters",
                        clusters_route)
    from . import downloads  # XLSX and GeoPackage files, beside the data files
    downloads.register(server, prefix)
    from . import handout  # a deck's slides as PNG and PDF, made on request
    handout.register(server, prefix)
    server.add_url_rule(f"{prefix}healthz", "atlas_healthz", healthz)
    server.add_url_rule(f"{prefix}readyz", "atlas_readyz", readyz)
