"""The page itself: Dash's layout is the view the page's address asks for.

The first render carries the small map payload of the requested view, so the
browser colours the map as soon as geometry and values (preloaded) arrive,
without waiting for a callback.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from urllib.parse import parse_qs, urlsplit

import flask
from dash import html

from geodata.deck import DECKS_DIR
from geodata.i18n import normalise_lang, t
from layouts.embed import build_embed
from layouts.page import build_page, empty_page
from layouts.present import build_present
from presenters import query
from presenters.page import EMBED, PAGE, PRESENT, choose_dataset, page_data, page_view, surface_of

from .context import services


def page_params() -> dict[str, str]:
    """The link parameters of the page being rendered (see :func:`page_address`)."""
    return page_address()[1]


def page_surface() -> str:
    """The surface (full page or embed view) of the page being rendered, from its path."""
    return surface_of_path(page_address()[0])


def surface_of_path(path: str) -> str:
    """The surface a path on this site shows (see ``presenters.page.surface_of``)."""
    base = services().settings.base_path
    return surface_of(path[len(base):] if path.startswith(base) else "")


def page_address() -> tuple[str, dict[str, str]]:
    """The path and link parameters of the page being rendered.

    Dash fetches its layout from ``/_dash-layout`` without the page's query
    string; the browser names the page in the ``Referer`` header of that
    request.  The referrer counts when it is this site's own page: the
    browser says so (``Sec-Fetch-Site: same-origin``), or its host is the one
    this request was sent to.  Behind a reverse proxy that rewrites ``Host``
    (nginx's default) only the browser's word can tell; another site's
    address is never read as a view.
    """
    request = flask.request
    referrer = request.referrer or ""
    if not (request.path.endswith("_dash-layout") and referrer):
        return request.path, request.args.to_dict()
    parts = urlsplit(referrer)
    hosts = {request.host, request.headers.get("X-Forwarded-Host", "").split(",")[0].strip()}
    if request.headers.get("Sec-Fetch-Site") == "same-origin" or parts.netloc in hosts - {""}:
        return parts.path, {k: v[0] for k, v in parse_qs(parts.query).items() if v}
    return "", {}


class LayoutCache:
    """The serialised layouts of one release, by view, at most ``limit`` of them (least recently used go).

    A page view's dynamic half is the layout; rendering and serialising it
    costs far more than serving a static file, and most visitors open the
    same few views.  One cache lives on each loaded release (its dataset's
    memo), so a new release starts empty and a dropped one takes its cache
    along.  The bound keeps made-up links (every selection of areas is a
    view) from growing it without end.
    """

    def __init__(self, limit: int = 256):
        self.limit = limit
        self._lock = threading.Lock()
        self._bodies: OrderedDict[tuple, bytes] = OrderedDict()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: tuple, body: bytes) -> None:
        with self._lock:
            self._bodies[key] = body
            self._bodies.move_to_end(key)
            while len(self._bodies) > self.limit:
                self._bodies.popitem(last=False)


def layout_response(serialise) -> flask.Response:
    """The layout of the page being rendered, from the release's cache when it was rendered before.

    ``serialise`` renders and serialises the layout (Dash's own way).  The
    key is the view's canonical link plus the published datasets (the
    dataset picker lists them), so equal views share one entry whatever
    order or spelling their links used.
    """
    svc = services()
    params = page_params()
    loaded = choose_dataset(svc.store, svc.settings, params)
    if loaded is None:
        return flask.Response(serialise(), mimetype="application/json")
    view = page_view(loaded, svc.settings, params)
    # The picker lists the datasets by title: another dataset's new release leaves this layout as it is.
    surface = page_surface()
    # A presentation slide says what its link asked for that the data lacks: the raw link is part of its key.
    asked = tuple(sorted(params.items())) if surface == PRESENT else ()
    key = (surface, query(view), asked, deck_signature(svc.store.root), tuple((e.name, tuple(sorted(e.meta.title.items()))) for e in svc.store.catalog() if e.ok))
    cache = loaded.dataset.memo(("layout-cache",), LayoutCache)
    body = cache.get(key)
    if body is None:
        body = serialise().encode("utf-8")
        cache.put(key, body)
    return flask.Response(body, mimetype="application/json")


def deck_signature(root) -> tuple:
    """What changes when a deck is published or withdrawn (the page lists them): names and times."""
    folder = root / DECKS_DIR
    try:
        return tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in folder.iterdir()
                            if entry.suffix == ".json"))
    except OSError:
        return ()


def render_for_request() -> html.Div:
    """Dash's layout for the current request: the view the page's address asks for."""
    renderers = {PAGE: render, EMBED: render_embed, PRESENT: render_present}
    return renderers[page_surface()](**page_params())


def render(**params) -> html.Div:
    """Layout of the full page for the link ``params`` (untrusted, all optional)."""
    return _render(PAGE, params)


def render_embed(**params) -> html.Div:
    """Layout of the embed view for the link ``params`` (untrusted, all optional)."""
    return _render(EMBED, params)


def render_present(**params) -> html.Div:
    """Layout of the presentation view for the link ``params`` (untrusted, all optional)."""
    return _render(PRESENT, params)


#: How each surface builds its component tree from the same page data.
BUILDERS = {PAGE: build_page, EMBED: build_embed, PRESENT: build_present}


def _render(surface: str, params: dict) -> html.Div:
    svc = services()
    data = page_data(svc.store, svc.settings, params, svc.urls, surface=surface)
    if data is None:
        lang = normalise_lang(params.get("lang") or svc.settings.default_lang)
        return empty_page(t("app.no_data", lang, path=str(svc.store.root)))
    return BUILDERS[surface](data)
