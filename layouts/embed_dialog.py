"""The "Bädda in" dialog of the full view: iframe code for the current view, sizes, a preview.

The code is built in the browser (``assets/atlas-75-embed.js``) from the
address of the view shown when the dialog opens, so it needs nothing from
the server; the choices are ordinary Dash controls.
"""

from __future__ import annotations

from dash import dcc, html

from geodata.i18n import t
from geodata.viewstate import EMBED_CONTROLS

from . import ids

#: Size presets: catalog key and "WIDTHxHEIGHT" (a width of 100% fills the host page's column).
SIZES = (("embed.size_medium", "600x450"), ("embed.size_small", "400x500"),
         ("embed.size_large", "800x600"), ("embed.size_wide", "100%x600"))


def embed_button(lang: str) -> html.Button:
    """"Bädda in": opens the dialog."""
    return html.Button(t("embed.button", lang), id=ids.EMBED_BUTTON, n_clicks=0, type="button",
                       className="tool-button", **{"aria-haspopup": "dialog", "aria-controls": ids.EMBED_DIALOG})


def embed_dialog(lang: str, embed_path: str) -> html.Dialog:
    """The dialog; ``embed_path`` is the embed view's path on this site (``/embed`` or ``/atlas/embed``)."""
    return html.Dialog([
        html.H2(t("embed.dialog_title", lang), id=ids.EMBED_DIALOG_TITLE),
        html.P(t("embed.intro", lang)),
        html.Fieldset([
            html.Legend(t("embed.size", lang), className="control-label"),
            dcc.RadioItems(id=ids.EMBED_SIZE, options=[{"label": t(key, lang), "value": size} for key, size in SIZES],
                           value=SIZES[0][1], className="embed-options"),
        ], className="control"),
        html.Fieldset([
            html.Legend(t("embed.controls", lang), className="control-label"),
            dcc.Checklist(id=ids.EMBED_CONTROLS, value=[], className="embed-options",
                          options=[{"label": t(f"embed.control_{name}", lang), "value": name}
                                   for name in EMBED_CONTROLS]),
        ], className="control"),
        dcc.Checklist(id=ids.EMBED_RESIZE, value=[], options=[{"label": t("embed.resize", lang), "value": "resize"}],
                      className="embed-options"),
        html.Label(t("embed.code", lang), htmlFor=ids.EMBED_CODE, className="control-label"),
        dcc.Textarea(id=ids.EMBED_CODE, readOnly=True, rows=6, className="embed-code", spellCheck="false"),
        html.Div([
            html.Button(t("embed.copy", lang), id=ids.EMBED_COPY, type="button", className="tool-button",
                        **{"data-code": ids.EMBED_CODE, "data-note": ids.EMBED_COPIED}),
            html.Span(id=ids.EMBED_COPIED, role="status", className="hint",
                      **{"data-copied": t("embed.copied", lang), "data-failed": t("embed.copy_failed", lang)}),
            # A form of method "dialog" closes its dialog without any script.
            html.Form(html.Button(t("embed.close", lang), id=ids.EMBED_CLOSE, className="tool-button"),
                      method="dialog"),
        ], className="embed-actions"),
        html.H3(t("embed.preview", lang), className="panel-heading"),
        html.Div(html.Iframe(id=ids.EMBED_FRAME, title=t("embed.preview", lang), className="embed-frame"),
                 className="embed-preview"),
    ], id=ids.EMBED_DIALOG, className="embed-dialog",
        **{"aria-labelledby": ids.EMBED_DIALOG_TITLE, "data-embed-path": embed_path,
           "data-frame-title": t("embed.frame_title", lang, title="{title}")})
