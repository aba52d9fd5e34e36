"""The export menu: CSV (shown year, every year, Swedish Excel), XLSX, GeoPackage and map images.

CSV comes through a callback (``callbacks/analysis.py``); XLSX and
GeoPackage are links to release-immutable HTTP routes (``callbacks/downloads.py``)
whose addresses the same module sets; map images are drawn in the browser
(``assets/atlas-70-export.js``).
"""

from __future__ import annotations

from dash import dcc, html

from geodata.i18n import t

from . import ids

#: The label of the first CSV item (the shown view) per mode.
CSV_LABELS = {"change": "export.csv_change", "compare": "export.csv_compare"}


def _button(component_id: str, label: str) -> html.Li:
    return html.Li(html.Button(label, id=component_id, n_clicks=0, type="button", className="menu-item"))


def _link(component_id: str, label: str) -> html.Li:
    # The address is set by a callback once the page knows its release (and follows the view).
    return html.Li(html.A(label, id=component_id, className="menu-item", download=""))


def export_menu(mode: str, lang: str) -> html.Div:
    """The map's download menu for ``mode``, with the stores and download target it needs."""
    items = [_button(ids.EXPORT_CSV, t(CSV_LABELS.get(mode, "export.csv_year"), lang))]
    if mode != "change":
        items.append(_button(ids.EXPORT_CSV_SERIES, t("export.csv_series", lang)))
    items += [
        _button(ids.EXPORT_CSV_EXCEL, t("export.csv_excel_shown" if mode == "change" else "export.csv_excel", lang)),
        _link(ids.EXPORT_XLSX, t("export.xlsx", lang)),
        _link(ids.EXPORT_GPKG, t("export.gpkg", lang)),
        _button(ids.EXPORT_PNG, t("export.png_wide", lang)),
        _button(ids.EXPORT_PNG_A4, t("export.png_a4", lang)),
    ]
    if mode == "change":
        # Change mode has its own CSV of both years; the every-year button exists for the callback.
        items.append(html.Li(html.Button(id=ids.EXPORT_CSV_SERIES, n_clicks=0, type="button"), hidden=True))
    return html.Div([
        html.Details([
            html.Summary(t("export.menu", lang), id=ids.EXPORT_MENU_SUMMARY, className="tool-button"),
            html.Ul(items, className="menu-list"),
        ], id=ids.EXPORT_MENU, className="export-menu"),
        dcc.Download(id=ids.DOWNLOAD),
        dcc.Store(id=ids.EXPORT_IMAGE),
        dcc.Store(id=ids.EXPORT_PNG_DONE),
    ], className="map-tools", role="group", **{"aria-label": t("export.group", lang)})
