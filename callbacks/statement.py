"""The accessibility statement (tillgänglighetsredogörelse), a plain page in Swedish and English.

A page of its own, without Dash: it must be readable by everyone, also when
the dashboard's scripts fail.  Its texts come from the catalog; the contact
for reporting problems is the ``ATLAS_CONTACT`` setting.
"""

from __future__ import annotations

import html as html_escape

import flask

from geodata.i18n import normalise_lang, t
from presenters.urls import ACCESSIBILITY_ROUTE

from .context import services

#: Sections of the statement: heading key and paragraph keys, in order.
SECTIONS = (
    ("a11y.status_heading", ("a11y.status",)),
    ("a11y.how_heading", ("a11y.how",)),
    ("a11y.limits_heading", ("a11y.limit_map", "a11y.limit_colour", "a11y.limit_chart")),
    ("a11y.report_heading", ("a11y.report",)),
    ("a11y.supervision_heading", ("a11y.supervision",)),
    ("a11y.tested_heading", ("a11y.tested",)),
)


def _contact(contact: str | None, lang: str) -> str:
    """The contact as a link (mailto: for an address, the web address itself), escaped."""
    if not contact:
        return html_escape.escape(t("a11y.report_none", lang))
    if contact.startswith(("https://", "http://")):
        href = contact
    elif "@" in contact and " " not in contact:
        href = "mailto:" + contact
    else:
        return html_escape.escape(t("a11y.report", lang, contact=contact))
    link = f'<a href="{html_escape.escape(href)}">{html_escape.escape(contact)}</a>'
    # The sentence is escaped around the link, never the link's own markup.
    before, _, after = t("a11y.report", lang, contact="\0").partition("\0")
    return html_escape.escape(before) + link + html_escape.escape(after)


def statement_html(lang: str, contact: str | None, base_path: str) -> str:
    """The whole statement page in ``lang``."""
    e = html_escape.escape
    other = "en" if lang == "sv" else "sv"
    parts = [f"<h1>{e(t('a11y.title', lang))}</h1>", f"<p>{e(t('a11y.intro', lang))}</p>"]
    for heading, paragraphs in SECTIONS:
        parts.append(f"<h2>{e(t(heading, lang))}</h2>")
        if len(paragraphs) > 1:
            parts.append("<ul>" + "".join(f"<li>{e(t(key, lang))}</li>" for key in paragraphs) + "</ul>")
        for key in paragraphs if len(paragraphs) == 1 else ():
            text = _contact(contact, lang) if key == "a11y.report" else e(t(key, lang))
            parts.append(f"<p>{text}</p>")
    home = e(f"{base_path}?lang={lang}")
    switch = e(f"{base_path}{ACCESSIBILITY_ROUTE}?lang={other}")
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{e(t("a11y.title", lang))}</title>'
            f'<link rel="icon" href="{e(base_path)}assets/favicon.ico">'
            f'<link rel="stylesheet" href="{e(base_path)}assets/atlas.css"></head>'
            f'<body><main class="statement">'
            f'<p class="statement-links"><a href="{home}">{e(t("a11y.back", lang))}</a> '
            f'<a href="{switch}" lang="{other}" hreflang="{other}">{e(t("lang.switch", lang))}</a></p>'
            + "".join(parts) + "</main></body></html>")


def statement() -> flask.Response:
    """``/tillganglighet?lang=sv|en``."""
    svc = services()
    lang = normalise_lang(flask.request.args.get("lang") or svc.settings.default_lang)
    return flask.Response(statement_html(lang, svc.settings.contact, svc.settings.base_path),
                          mimetype="text/html")


def register(server: flask.Flask, prefix: str) -> None:
    server.add_url_rule(f"{prefix}{ACCESSIBILITY_ROUTE}", "atlas_accessibility", statement)
