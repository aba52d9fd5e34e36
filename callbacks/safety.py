"""What stands between the public and the app: bounded, checked requests and safe responses.

- Bodies over :data:`MAX_BODY` get 413 before they are read.
- Callback requests of the wrong shape get 400 before Dash parses them.
- Only the dashboard's own pages serve the app shell; any other path is a
  404 page in the visitor's language, and a component bundle Dash does not
  know is a 404, not an error.
- Every response carries security headers, with a Content-Security-Policy
  whose script hashes are computed from the index page Dash renders.
- Text a visitor sent is cut short before it reaches the log.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_escape
import logging
import re
from typing import Callable, Iterable, Mapping
from urllib.parse import urlsplit

import flask

from geodata.i18n import normalise_lang, t

log = logging.getLogger("segregationsatlas")

#: The largest request body read at all (callback bodies are a few kilobytes).
MAX_BODY = 1024 * 1024
#: The most characters of anything a visitor sent that goes into the log.
LOG_TEXT_LIMIT = 200
#: Nesting deeper than this in a callback body is refused (Dash's own bodies are shallow).
MAX_DEPTH = 32

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def clip(text: object, limit: int = LOG_TEXT_LIMIT) -> str:
    """``text`` as a one-line string of at most ``limit`` characters, for the log."""
    one_line = repr(str(text))
    return one_line if len(one_line) <= limit else one_line[:limit] + f"… ({len(one_line)} chars)"


def _depth(value, limit: int) -> int:
    """Nesting depth of a JSON value, counted without recursion and only up to ``limit + 1``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _bad(message: str, status: int = 400) -> flask.Response:
    return flask.Response(message, status=status, mimetype="text/plain")


def _is_prop(item) -> bool:
    """One component property as Dash sends it: ``{"id": ..., "property": "..."}``."""
    return isinstance(item, dict) and isinstance(item.get("property"), str) and isinstance(item.get("id"), (str, dict))


def _props_match(items, expected: int) -> bool:
    """``expected`` entries, each a property or (for a wildcard) a list of properties."""
    return isinstance(items, list) and len(items) == expected and all(
        _is_prop(item) or (isinstance(item, list) and all(_is_prop(i) for i in item)) for item in items)


def check_callback_body(body, outputs: Mapping[str, dict]) -> str | None:
    """Why a parsed callback body is refused, or None when it has the shape its callback expects.

    ``outputs`` maps the output keys of the server callbacks to Dash's
    description of them (``inputs`` and ``state``).
    """
    if not isinstance(body, dict):
        return "not a JSON object"
    if _depth(body, MAX_DEPTH) > MAX_DEPTH:
        return "nested too deeply"
    output = body.get("output")
    if not isinstance(output, str) or output not in outputs:
        return "unknown output"
    spec = outputs[output]
    n_outputs = output.count("...") + 1 if output.startswith("..") else 1
    shown = body.get("outputs")
    if not (_props_match(shown, n_outputs) if output.startswith("..") else _is_prop(shown) or _props_match(shown, 1)):
        return "outputs do not match the callback"
    if not _props_match(body.get("inputs"), len(spec.get("inputs", []))):
        return "inputs do not match the callback"
    if not _props_match(body.get("state", []), len(spec.get("state", []))):
        return "state does not match the callback"
    if not isinstance(body.get("changedPropIds", []), list):
        return "changedPropIds must be a list"
    return None


def server_outputs(dash_app) -> dict[str, dict]:
    """The callbacks that run on the server by output key (clientside ones never reach it)."""
    return {key: spec for key, spec in dash_app.callback_map.items() if "callback" in spec}


def guard_requests(server: flask.Flask, dash_app, base_path: str) -> None:
    """Register the request checks on ``server``."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    callback_path = base_path + "_dash-update-component"

    @server.before_request
    def check_request():
        request = flask.request
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _bad("request body too large", 413)
        if request.method != "POST" or request.path != callback_path:
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:
            body = None
        except Exception as exc:  # werkzeug's 413 for a body longer than it said, and the like
            return _bad("unreadable request body", getattr(exc, "code", 400) or 400)
        problem = check_callback_body(body, server_outputs(dash_app))
        if problem:
            log.warning("callback request refused: %s (output %s)", problem,
                        clip(body.get("output") if isinstance(body, dict) else None))
            return _bad(f"malformed callback request: {problem}")
        return None


def not_found_page(lang: str | None = None) -> flask.Response:
    """A small 404 page in the visitor's language (``?lang=``, else the browser's)."""
    if lang is None:
        lang = normalise_lang(flask.request.args.get("lang")
                              or flask.request.accept_languages.best_match(["sv", "en"]))
    home = html_escape.escape(flask.request.script_root + "/")
    body = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html_escape.escape(t("app.not_found", lang))}</title></head>'
            f'<body><main><h1>{html_escape.escape(t("app.not_found", lang))}</h1>'
            f'<p><a href="{home}">{html_escape.escape(t("app.name", lang))}</a></p></main></body></html>')
    return flask.Response(body, status=404, mimetype="text/html")


def restrict_routes(server: flask.Flask, base_path: str, pages: Iterable[str]) -> None:
    """Serve the app shell only on the dashboard's pages; bundles Dash does not know are 404.

    ``pages`` are paths below ``base_path`` that are views (``""`` is the
    start page).  Dash answers every other path with the shell, which made
    ``/.git/config`` a 200.
    """
    allowed = {base_path + page for page in pages}
    catchall = base_path + "<path:path>"
    suites = base_path + "_dash-component-suites/<string:package_name>/<path:fingerprinted_path>"
    views = server.view_functions

    shell = views[catchall]

    def page_or_404(*args, **kwargs):
        if flask.request.path not in allowed:
            return not_found_page()
        return shell(*args, **kwargs)

    views[catchall] = page_or_404
    bundle = views[suites]

    def bundle_or_404(package_name: str, fingerprinted_path: str):
        try:
            return bundle(package_name, fingerprinted_path)
        except Exception:  # unknown package, unregistered or missing file
            log.info("unknown component bundle %s/%s", clip(package_name, 80), clip(fingerprinted_path, 120))
            return flask.Response("not found", status=404, mimetype="text/plain")

    views[suites] = bundle_or_404


def script_hashes(index_html: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) of the inline scripts that run in ``index_html``.

    Scripts with a ``src`` and inert data blocks (``type="application/json"``)
    need none.
    """
    hashes = []
    for match in _INLINE_SCRIPT.finditer(index_html):
        attrs = match.group("attrs").lower()
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(set(hashes))


def tile_origin(tile_url: str) -> str | None:
    """The origin background tiles come from (``{s}.tile.example`` becomes ``*.tile.example``)."""
    parts = urlsplit(tile_url)
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*" + host[3:]
    if parts.scheme not in ("http", "https") or not host or "{" in host:
        return None
    return f"{parts.scheme}://{host}"


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def frame_origins(raw: str) -> tuple[str, ...]:
    """The sites that may frame the embed view, from ``ATLAS_EMBED_ORIGINS``.

    Space-separated ``https://host[:port]`` origins, ``*`` (any site) or
    ``'self'`` (only the atlas itself).  Anything else stops the start with
    a message naming the value, since a mistyped origin would silently
    refuse the municipality's own site.
    """
    origins = tuple(raw.split()) or ("*",)
    for origin in origins:
        if origin not in ("*", "'self'") and not _ORIGIN.match(origin.rstrip("/")):
            raise ValueError(f"ATLAS_EMBED_ORIGINS: {origin!r} is not an origin; write it as "
                             "https://www.example.se (scheme and host, no path), or * for any site, "
                             "or 'self' for none but the atlas")
    return tuple(origin.rstrip("/") for origin in origins)


def content_security_policy(hashes: list[str], tile_url: str | None, frame_ancestors: str = "'self'") -> str:
    """The policy: only this site's scripts (and the hashed inline ones), no plugins, no framing by others."""
    img = ["'self'", "data:", "blob:"] + ([tile_origin(tile_url)] if tile_url and tile_origin(tile_url) else [])
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *hashes],
        # Dash's widgets and Leaflet set inline styles.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": img,
        "connect-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": [frame_ancestors],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers(server: flask.Flask, policy: Callable[[], str], hsts: bool,
                     framed_by_others: Callable[[], bool] = lambda: False) -> None:
    """Add the security headers to every response.

    ``policy`` gives the Content-Security-Policy of the current request;
    where ``framed_by_others`` says so (the embed view), its
    ``frame-ancestors`` alone decides who may frame the page, without the
    ``X-Frame-Options: SAMEORIGIN`` that would refuse every other site.
    """

    @server.after_request
    def add_headers(response: flask.Response) -> flask.Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy())
        headers.setdefault("X-Content-Type-Options", "nosniff")
        if not framed_by_others():
            headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                                                 "fullscreen=(self)")
        if hsts and (flask.request.is_secure or flask.request.headers.get("X-Forwarded-Proto") == "https"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
