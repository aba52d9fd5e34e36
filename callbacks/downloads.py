"""File downloads as plain HTTP routes: an indicator's XLSX and a level's GeoPackage.

The URLs name the release (``/export/<dataset>/<release>/<lang>/...``), so
the bytes never change at a URL and are cached as immutable; they are built
once per release from that release's own loaded object and memoised on it.
Nothing travels through a Dash callback.
"""

from __future__ import annotations

import hashlib

import flask

from geodata import export
from geodata.i18n import LANGUAGES

from .http import ONE_YEAR, _known_indicator, _release

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GPKG_TYPE = "application/geopackage+sqlite3"


def _attachment(body: bytes, mimetype: str, filename: str) -> flask.Response:
    etag = hashlib.sha256(body).hexdigest()[:20]
    if flask.request.if_none_match.contains(etag):
        response = flask.Response(status=304)
    else:
        response = flask.Response(body, mimetype=mimetype)
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.set_etag(etag)
    return response


def xlsx(name: str, release: str, lang: str, level: str, indicator: str) -> flask.Response:
    """Serve ``/export/<name>/<release>/<lang>/<level>/<indicator>.xlsx``."""
    ds = _release("atlas_export_xlsx", name, release, lang=lang, level=level, indicator=indicator).dataset
    if lang not in LANGUAGES or not _known_indicator(ds, level, indicator) \
            or indicator not in ds.indicators_at(level):
        flask.abort(404)
    body = ds.memo(("export.xlsx", lang, level, indicator), lambda: export.series_xlsx(ds, level, indicator, lang))
    return _attachment(body, XLSX_TYPE,
                       export.export_filename(ds.name, indicator, ds.years(indicator, level), "xlsx"))


def gpkg(name: str, release: str, lang: str, level: str) -> flask.Response:
    """Serve ``/export/<name>/<release>/<lang>/<level>.gpkg``."""
    ds = _release("atlas_export_gpkg", name, release, lang=lang, level=level).dataset
    if lang not in LANGUAGES or level not in ds.areas:
        flask.abort(404)
    body = ds.memo(("export.gpkg", lang, level), lambda: export.level_geopackage(ds, level, lang))
    return _attachment(body, GPKG_TYPE, export.export_filename(ds.name, level, [], "gpkg"))


def register(server: flask.Flask, prefix: str) -> None:
    server.add_url_rule(f"{prefix}export/<name>/<release>/<lang>/<level>/<indicator>.xlsx", "atlas_export_xlsx",
                        xlsx)
    server.add_url_rule(f"{prefix}export/<name>/<release>/<lang>/<level>.gpkg", "atlas_export_gpkg", gpkg)
