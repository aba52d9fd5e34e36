"""Segregationsatlas: the composition root.

Settings come from the environment (see :class:`Settings` and the README);
``server`` is the WSGI application that gunicorn serves::

    gunicorn app:server
"""

from __future__ import annotations

import html as html_escape
import logging
import multiprocessing
import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import flask
from dash import Dash
from dash._utils import to_json
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

import callbacks
from callbacks import http, page, safety, statement
from callbacks.context import DASH_APP_KEY, EXTENSION_KEY, Services
from geodata.i18n import DEFAULT_LANGUAGE, normalise_lang, t
from geodata.store import DatasetStore
from presenters.contract import DATA_PRELOAD_ATTRIBUTE, contract_script
from presenters.compare import CompareMode
from presenters.page import EMBED, EMBED_PATH, PAGE, PRESENT, PRESENT_PATH, preload_urls
from presenters.urls import Urls
from settings import env_value

log = logging.getLogger("segregationsatlas")


@dataclass(frozen=True)
class Settings:
    """The dashboard's settings, read once from the environment (declared in :mod:`settings`)."""

    data_dir: Path = Path("data")
    default_dataset: str | None = None
    default_lang: str = DEFAULT_LANGUAGE
    tile_url: str | None = None
    tile_attribution: str = ""
    base_path: str = "/"
    hsts: bool = False
    embed_origins: tuple[str, ...] = ("*",)
    contact: str | None = None

    @classmethod
    def from_env(cls, environ: os._Environ | dict | None = None) -> "Settings":
        def value(name: str) -> str | None:
            return env_value(name, environ)

        base = "/" + (value("ATLAS_BASE_PATH") or "/").strip("/") + "/"
        return cls(
            data_dir=Path(value("ATLAS_DATA_DIR")),
            default_dataset=value("ATLAS_DEFAULT_DATASET"),
            default_lang=normalise_lang(value("ATLAS_DEFAULT_LANG")),
            tile_url=value("ATLAS_TILE_URL"),
            tile_attribution=value("ATLAS_TILE_ATTRIBUTION") or "",
            base_path=base.replace("//", "/"),
            hsts=(value("ATLAS_HSTS") or "").strip().lower() in ("1", "true", "yes"),
            embed_origins=safety.frame_origins(value("ATLAS_EMBED_ORIGINS") or ""),
            contact=(value("ATLAS_CONTACT") or "").strip() or None,
        )


#: Paths below the base path that are pages of the dashboard; any other path is a 404.
PAGES = ("", EMBED_PATH, PRESENT_PATH)

#: Lazily loaded component code every page needs at once (dropdowns, slider, GeoJSON).
DROPDOWN_CHUNK = "async-dropdown.js"
#: Embed controls that are dropdowns (the others are radio items).
DROPDOWN_CONTROLS = {"indicator", "search"}
#: A script Dash puts in every page that no page of the atlas uses: DataTable's (no component of
#: the layout is one).  (Babel's polyfill looks as unused but is not: dcc's bundle needs its
#: regeneratorRuntime.)
UNUSED_BUNDLES = re.compile(r'<script src="[^"]*/dash_table/bundle\.[^"]*"></script>\s*')
#: The atlas's own files that only some surfaces use (a script or stylesheet of assets/ by name):
#: every other surface's index page leaves them out, so an embed view on a municipality's page
#: does not load the presentation's or the export menu's code (test_static_assets.py).
SURFACE_ASSETS = {
    "atlas-70-export.js": {PAGE},
    "atlas-75-embed.js": {PAGE},
    "atlas-84-deck.js": {PAGE, PRESENT},
    "atlas-85-present.js": {PRESENT},
    "atlas-86-deck-dialog.js": {PAGE},
    "atlas-present.css": {PRESENT},
}


def _asset_tag(name: str) -> re.Pattern:
    """The index page's ``<script>`` or ``<link>`` of asset ``name`` (Dash adds ``?m=<mtime>``)."""
    where = r'/assets/' + re.escape(name) + r'(?:\?m=[^"]*)?"'
    return re.compile(r'<script src="[^"]*' + where + r'></script>\s*|<link rel="stylesheet" href="[^"]*' + where
                      + r'>\s*')


ASSET_TAGS = {name: _asset_tag(name) for name in SURFACE_ASSETS}
ASYNC_CHUNKS = ("/_dash-component-suites/dash/dcc/async-dropdown.js",
                "/_dash-component-suites/dash/dcc/async-slider.js",
                "/_dash-component-suites/dash_leaflet/async-GeoJSON.js")


class AtlasDash(Dash):
    """Dash with ``<html lang>`` set from the requested language and layouts cached per view."""

    def serve_layout(self):
        return page.layout_response(lambda: to_json(self.get_layout()))

    def interpolate_index(self, **kwargs):
        index = super().interpolate_index(**kwargs)
        settings = flask.current_app.extensions[EXTENSION_KEY].settings
        lang = normalise_lang(flask.request.args.get("lang") or settings.default_lang)
        index = index.replace("<html>", f'<html lang="{lang}">', 1)
        services = flask.current_app.extensions[EXTENSION_KEY]
        try:
            preloads = preload_urls(services.store, settings, flask.request.args.to_dict(), services.urls)
        except Exception:  # a preload is an optimisation; the page works without it
            log.exception("could not compute preloads")
            preloads = []
        links = "".join(f'<link rel="preload" href="{html_escape.escape(p.url)}" as="fetch" crossorigin="anonymous"'
                        + (f" {DATA_PRELOAD_ATTRIBUTE}" if p.data else "") + ">" for p in preloads)
        # Component chunks Dash would only request after the first render.  An embed view
        # without dropdowns never renders one: it is spared the dropdown's code.
        surface = page.surface_of_path(flask.request.path)
        wanted = set(flask.request.args.get("controls", "").split(",")) & DROPDOWN_CONTROLS
        # The presentation view has dropdowns only on compare mode's right map (hidden, but rendered).
        no_dropdowns = ((surface == EMBED and not wanted)
                        or (surface == PRESENT and flask.request.args.get("mode") != CompareMode.name))
        chunks = [u for u in ASYNC_CHUNKS if not (no_dropdowns and u.endswith(DROPDOWN_CHUNK))]
        links += "".join(f'<link rel="preload" href="{html_escape.escape(self.get_relative_path(u))}" as="script">'
                         for u in chunks)
        index = UNUSED_BUNDLES.sub("", index)
        for name, surfaces in SURFACE_ASSETS.items():
            if surface not in surfaces:
                index = ASSET_TAGS[name].sub("", index)
        return index.replace("</head>", links + contract_script() + "</head>", 1)


def _error_page(error: Exception):
    """No traceback ever reaches a visitor; 4xx stay 4xx, the rest is logged."""
    lang = normalise_lang(flask.request.args.get("lang"))
    if isinstance(error, HTTPException) and error.response is not None:
        return error.response  # a deliberate answer, e.g. a redirect to the current release
    if isinstance(error, HTTPException) and error.code == 404:
        return safety.not_found_page()
    if isinstance(error, HTTPException) and error.code and error.code < 500:
        return flask.Response(error.name, status=error.code, mimetype="text/plain")
    log.exception("unhandled error on %s", flask.request.path)
    return html_escape.escape(t("app.error", lang)), 500


class StaticCompressionCache:
    """Compressed bodies of Dash's bundles and the assets, made once per process.

    Without it every cold page load compresses about 1.5 MB of JavaScript
    again.  Only static paths are kept (keyed by path, not query, so that
    nobody can grow the cache with made-up queries), at most ``limit`` of them.
    """

    SKIP = "|no-cache"

    def __init__(self, limit: int = 256):
        self.limit = limit
        self._bodies: dict[str, bytes] = {}

    def get(self, key: str):
        return self._bodies.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(self.SKIP) and (key in self._bodies or len(self._bodies) < self.limit):
            self._bodies[key] = value


def _compress(server: flask.Flask, base_path: str) -> None:
    static = (f"{base_path}_dash-component-suites/", f"{base_path}assets/")

    def key(request) -> str:
        if request.method == "GET" and request.path.startswith(static):
            return request.path
        return StaticCompressionCache.SKIP

    server.config.update(COMPRESS_STREAMS=False, COMPRESS_CACHE_BACKEND=StaticCompressionCache,
                         COMPRESS_CACHE_KEY=key)
    server.extensions["compress"] = Compress(server)
    assets = static[1]

    # Registered after Compress, so it runs before it (Flask runs these hooks last-registered first).
    @server.after_request
    def _assets_for_compression(response: flask.Response) -> flask.Response:
        """Dash sends assets/ as streamed files, which flask-compress passes by uncompressed
        (103 kB of our scripts and styles, about 30 kB gzipped): read into memory, they are
        compressed (once per process, StaticCompressionCache).  With Dash's fingerprint
        (``?m=``, which changes with the file) they are cached for good."""
        if not (flask.request.path.startswith(assets) and response.status_code == 200):
            return response
        if response.direct_passthrough:
            response.direct_passthrough = False
            response.make_sequence()
        if flask.request.args.get("m"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def create_app(settings: Settings | None = None) -> Dash:
    """Build the Dash app for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()
    app = AtlasDash(
        __name__,
        title="Segregationsatlas",
        suppress_callback_exceptions=True,
        serve_locally=True,
        compress=False,
        url_base_pathname=settings.base_path,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   # The layout request names the page's address in its Referer (see
                   # callbacks.page.render_for_request); other sites get no referrer at all.
                   {"name": "referrer", "content": "same-origin"}],
    )
    app.server.extensions[DASH_APP_KEY] = app
    app.server.extensions[EXTENSION_KEY] = Services(settings=settings, store=DatasetStore(settings.data_dir),
                                                    urls=Urls(settings.base_path))
    _compress(app.server, settings.base_path)
    app.layout = page.render_for_request
    http.register(app.server, settings.base_path)
    statement.register(app.server, settings.base_path)
    safety.guard_requests(app.server, app, settings.base_path)
    safety.restrict_routes(app.server, settings.base_path, PAGES)
    app.server.register_error_handler(Exception, _error_page)
    index_html = _register_resources(app)
    _load_before_forking(app.server.extensions[EXTENSION_KEY])
    app.server.extensions[RENEWAL_KEY] = Renewal(app.server.extensions[EXTENSION_KEY].store)
    hashes = safety.script_hashes(index_html)
    policy = safety.content_security_policy(hashes, settings.tile_url)
    # The embed view may be framed by the sites the settings name; every other page only by the atlas.
    embed_policy = safety.content_security_policy(
        hashes, settings.tile_url, frame_ancestors=" ".join(dict.fromkeys(("'self'",) + settings.embed_origins)))

    def is_embed() -> bool:  # the document itself, not the layout request it makes
        return page.surface_of_path(flask.request.path) == EMBED

    safety.security_headers(app.server, lambda: embed_policy if is_embed() else policy, settings.hsts,
                            framed_by_others=is_embed)
    return app


RENEWAL_KEY = "segregationsatlas.renewal"


class Renewal:
    """Fresh workers for newly published releases, so that a publish costs no memory for good.

    Workers are forked from gunicorn's master with the releases the master
    loaded (:func:`_load_before_forking`), sharing those pages.  A worker
    that serves a newer release must load it into its own memory, while the
    master's copy of the old one stays mapped in it: after a few publishes
    every worker carries both.  So when a worker notices that the published
    releases differ from those it was forked with, it asks the master
    (``SIGHUP``, gunicorn's graceful reload) to load the new ones and fork
    fresh workers; gunicorn starts them before it stops the old ones, which
    finish their requests.  One worker of a generation asks, once.

    Parameters
    ----------
    store : DatasetStore
        The master's store, whose releases the workers inherit.
    every : float
        Seconds between two looks at the published releases, per worker.
    """

    def __init__(self, store: DatasetStore, every: float = 1.0):
        self.store = store
        self.every = every
        self.forked_with = store.published()
        self._asked = multiprocessing.Value("b", 0)  # in shared memory: one per generation of workers
        self._next_look = 0.0

    def stale(self) -> bool:
        """Whether a publish, rollback, new or removed dataset happened since the fork."""
        return self.store.published() != self.forked_with

    def ask_if_stale(self, master_pid: int) -> bool:
        """Called after each request in a worker: signal ``master_pid`` once if releases changed."""
        now = time.monotonic()
        if now < self._next_look:
            return False
        self._next_look = now + self.every
        if not self.stale():
            return False
        with self._asked.get_lock():
            if self._asked.value:
                return False
            self._asked.value = 1
        log.info("published releases changed since this worker started: asking for fresh workers")
        os.kill(master_pid, signal.SIGHUP)
        return True


def renew_before_forking(server: flask.Flask) -> None:
    """gunicorn's ``on_reload`` (master): drop the old releases, load the current ones, before forking."""
    services = server.extensions[EXTENSION_KEY]
    services.store.forget()
    _load_before_forking(services)
    server.extensions[RENEWAL_KEY] = Renewal(services.store)


def ask_for_renewal(server: flask.Flask, master_pid: int) -> None:
    """gunicorn's ``post_request`` (worker): see :meth:`Renewal.ask_if_stale`."""
    renewal = server.extensions.get(RENEWAL_KEY)
    if renewal is not None:
        renewal.ask_if_stale(master_pid)


def _load_before_forking(services: Services) -> None:
    """Load every dataset and what its first visitors ask for, once, in gunicorn's master.

    Workers forked afterwards share these pages with the master and with
    each other (copy-on-write) instead of each loading its own copy; a
    replacement worker starts with them too.  A dataset that fails is left
    to the store's catalog, which reports it.
    """
    for name in services.store.names():
        try:
            http.warm(services.store.get(name))
        except Exception:  # one damaged dataset must not stop the others from starting
            log.exception("could not load dataset %s before starting the workers", name)


def _register_resources(app: Dash) -> str:
    """Finish Dash's set-up before the first request, so every worker starts ready.

    Dash copies the registered callbacks into the app on its first request,
    in a ``before_request`` hook that marks itself done *before* the copy:
    concurrent first requests of a fresh worker then answered 500
    "Callback function not found".  Running it here, in the master before
    gunicorn forks (``preload_app``), means no worker ever sees a request
    before its callbacks are in place.  Rendering the index once also tells
    Dash which component bundles it may serve.
    """
    callbacks.hand_over()
    with app.server.test_request_context(app.config.requests_pathname_prefix):
        app._setup_server()
        return app.index()


app = create_app()
server = app.server

if __name__ == "__main__":  # development only; production runs gunicorn
    app.run(debug=False, host=env_value("HOST"), port=int(env_value("PORT")))
