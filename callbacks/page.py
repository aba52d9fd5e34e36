"""The page itself: Dash's layout is the view the page's address asks for.

The first render carries the small map payload of the requested view, so the
browser colours the map as soon as geometry and values (preloaded) arrive,
without waiting for a callback.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import flask
from dash import html

from geodata.i18n import normalise_lang, t
from layouts.page import build_page, empty_page
from presenters.page import page_data

from .context import services


def page_params() -> dict[str, str]:
    """The link parameters of the page being rendered.

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
        return request.args.to_dict()
    parts = urlsplit(referrer)
    hosts = {request.host, request.headers.get("X-Forwarded-Host", "").split(",")[0].strip()}
    if request.headers.get("Sec-Fetch-Site") == "same-origin" or parts.netloc in hosts - {""}:
        return {k: v[0] for k, v in parse_qs(parts.query).items() if v}
    return {}


def render_for_request() -> html.Div:
    """Dash's layout for the current request: the view the page's address asks for."""
    return render(**page_params())


def render(**params) -> html.Div:
    """Layout of ``/`` for the link ``params`` (untrusted, all optional)."""
    svc = services()
    data = page_data(svc.store, svc.settings, params, svc.urls)
    if data is None:
        lang = normalise_lang(params.get("lang") or svc.settings.default_lang)
        return empty_page(t("app.no_data", lang, path=str(svc.store.root)))
    return build_page(data)
