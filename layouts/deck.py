"""The full view's presentation tools: add the current view as a slide, and the deck's dialog.

The deck being prepared lives in the visitor's browser (its local storage),
never on the server: the dialog's list of slides is drawn and edited by
``assets/atlas-86-deck-dialog.js``, which also copies the deck's link,
saves it as a file and opens a saved file.  Decks published with the
command line are listed here by the server.
"""

from __future__ import annotations

import json

from dash import html

from geodata.i18n import CATALOG, t

from . import ids

#: Catalog keys the browser fills for the slides it draws (``data-*`` attributes of the dialog).
WORDS = {"slideTitle": "deck.slide_title", "slideNote": "deck.slide_note", "moveUp": "deck.move_up",
         "moveDown": "deck.move_down", "remove": "deck.remove", "empty": "deck.empty", "added": "deck.added",
         "copied": "deck.copied", "loaded": "deck.loaded", "moved": "deck.moved", "removed": "deck.removed",
         "open": "deck.open", "countOne": "deck.count_one", "count": "deck.count", "png": "deck.handout_png"}


def _template(key: str, lang: str) -> str:
    """A catalog string with its ``{placeholders}`` left for the browser to fill."""
    entry = CATALOG[key]
    return entry.get(lang) or entry["sv"]


def deck_buttons(lang: str, present_href: str) -> list:
    """"Lägg till i presentation", the deck's dialog button (with its number of slides) and "Presentera"."""
    return [
        html.Button(t("deck.add", lang), id=ids.DECK_ADD, type="button", className="tool-button"),
        html.Button(t("deck.open", lang, count=0), id=ids.DECK_OPEN, type="button", className="tool-button",
                    **{"aria-haspopup": "dialog", "aria-controls": ids.DECK_DIALOG}),
        # The browser keeps its query on the shown view (assets/atlas-86-deck-dialog.js).
        html.A(t("present.open", lang), href=present_href, className="tool-button present-link",
               title=t("present.open_title", lang), **{"data-present": "view"}),
    ]


def _published(decks: list[dict], present_path: str, lang: str) -> list:
    if not decks:
        return []
    from geodata.deck import slides_text

    items = []
    for found in decks:
        first = found["first"]
        label = t("deck.published_row", lang, title=found["title"], slides=slides_text(found["slides"], lang))
        items.append(html.Li(html.A(label,
                                    href=f"{present_path}{first}#deck={found['code']}&slide=1")))
    return [html.H3(t("deck.published", lang), className="panel-heading"),
            html.Ul(items, id=ids.DECK_PUBLISHED, className="deck-published")]


def deck_dialog(lang: str, present_path: str, decks: list[dict], handout_path: str) -> html.Dialog:
    """The deck's dialog: its title, its slides (drawn by the browser) and what can be done with it."""
    errors = {key.removeprefix("deck.error."): _template(key, lang) for key in CATALOG if key.startswith("deck.error.")}
    words = {f"data-{name.lower()}": _template(key, lang) for name, key in WORDS.items()}

    def action(control_id: str, key: str) -> html.Button:
        return html.Button(t(key, lang), id=control_id, type="button", className="tool-button")

    return html.Dialog([
        html.H2(t("deck.dialog_title", lang), id=f"{ids.DECK_DIALOG}-heading"),
        html.P(t("deck.intro", lang)),
        html.Label(t("deck.title", lang), htmlFor=ids.DECK_TITLE, className="control-label"),
        # Plain inputs the browser makes (Dash has no plain <input>; its own is a controlled component).
        html.Div(id=f"{ids.DECK_TITLE}-place", **{"data-input": ids.DECK_TITLE}),
        html.Ol(id=ids.DECK_LIST, className="deck-list"),
        html.P(id=ids.DECK_STATUS, role="status", className="hint"),
        html.Div([
            action(ids.DECK_SHOW, "deck.show"),
            action(ids.DECK_COPY, "deck.copy"),
            action(ids.DECK_SAVE, "deck.save"),
            action(ids.DECK_HANDOUT, "deck.handout_pdf"),
            html.Label([t("deck.load", lang), html.Span(id=f"{ids.DECK_FILE}-place", **{"data-input": ids.DECK_FILE})],
                       className="tool-button deck-file", htmlFor=ids.DECK_FILE),
            action(ids.DECK_CLEAR, "deck.clear"),
            html.Form(html.Button(t("present.close", lang), id=ids.DECK_CLOSE, className="tool-button"),
                      method="dialog"),
        ], className="embed-actions"),
        *_published(decks, present_path, lang),
    ], id=ids.DECK_DIALOG, className="embed-dialog deck-dialog",
        **{"aria-labelledby": f"{ids.DECK_DIALOG}-heading", "data-present-path": present_path,
           "data-handout": handout_path, "data-lang": lang,
           "data-errors": json.dumps(errors, ensure_ascii=False), **words})
