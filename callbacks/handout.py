"""The deck's handout as a download: ``POST <base>handout`` answers a PDF or one slide's PNG.

A POST, because a deck's code can be longer than a request line may be
(gunicorn's ``limit_request_line`` is 4094 bytes) and it never belongs in
a server log.  Form fields: ``deck`` (the code of
:func:`geodata.deck.encode`), ``lang`` (``sv``/``en``), ``format``
(``pdf`` or ``png``) and ``slide`` (1-based, for a PNG).  Nothing is
written on the server.  Anything malformed is a 4xx with a one-line
message in the requested language, never a 500.
"""

from __future__ import annotations

import flask
from werkzeug.exceptions import RequestEntityTooLarge

from geodata import deck as decks
from geodata.i18n import normalise_lang, t
from geodata.viewstate import parse_year
from presenters import handout
from presenters.urls import HANDOUT_ROUTE

from .context import services

#: The largest body read: a deck's longest code and the other fields.
MAX_BODY = decks.MAX_CODE + 4096
MIMETYPES = {"pdf": "application/pdf", "png": "image/png"}


def _refuse(message: str, status: int = 400) -> flask.Response:
    response = flask.Response(message + "\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def handout_route() -> flask.Response:
    """Serve ``POST <base>handout``."""
    request = flask.request
    lang = normalise_lang(request.args.get("lang"))
    if request.content_length is not None and request.content_length > MAX_BODY:
        return _refuse(t("handout.error.too_large", lang, limit=MAX_BODY), 413)
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        # No state changes here, but a handout costs seconds of work: other sites do not order them.
        return _refuse(t("handout.error.cross_site", lang), 403)
    request.max_content_length = MAX_BODY  # also for a body sent without a length
    try:
        form = request.form
    except RequestEntityTooLarge:
        return _refuse(t("handout.error.too_large", lang, limit=MAX_BODY), 413)
    lang = normalise_lang(form.get("lang") or lang)
    fmt = form.get("format", "pdf")
    if fmt not in MIMETYPES:
        return _refuse(t("handout.error.format", lang))
    try:
        deck = decks.decode(form.get("deck", ""))
    except decks.DeckError as exc:
        return _refuse(t("handout.error.deck", lang, reason=exc.text(lang)))
    svc = services()
    number = None
    if fmt == "png":
        raw = (form.get("slide") or "1").strip()
        number = parse_year(raw)  # one to four ASCII digits
        if number is None or not 1 <= number <= len(deck.slides):
            return _refuse(t("handout.error.slide", lang, slide=raw[:8], total=len(deck.slides)))
        body = handout.handout_png(svc.store, svc.settings, deck, lang, number, svc.urls)
    else:
        body = handout.handout_pdf(svc.store, svc.settings, deck, lang, svc.urls)
    response = flask.Response(body, mimetype=MIMETYPES[fmt])
    name = handout.handout_filename(deck, lang, fmt, number)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    # The data behind a deck changes with each release: never cached.
    response.headers["Cache-Control"] = "no-store"
    return response


def register(server: flask.Flask, prefix: str) -> None:
    server.add_url_rule(f"{prefix}{HANDOUT_ROUTE}", "atlas_handout", handout_route, methods=["POST"])
