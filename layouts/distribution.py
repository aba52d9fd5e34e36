"""The distribution panel: a strip chart of one map's values and its paged table twin.

The server sends the data of each chart once, as JSON in a store
(:func:`distribution_spec`); the browser draws the chart on a canvas and
pages the table (``assets/atlas-90-distribution.js``).  Thousands of areas
would otherwise be thousands of Dash components (one per table cell and
plotly point), which froze the page for a minute at 2,000 areas.

Names and every other text from data reach the page only through
``textContent`` (and a canvas), never as HTML.
"""

from __future__ import annotations

import math

from dash import dcc, html

from geodata.categories import class_index
from geodata.classify import NO_DATA_COLOUR
from geodata.i18n import t

from . import ids

#: Rows per page of the table twin.
PAGE_SIZE = 50


def chart_id(i: int) -> str:
    """The element id of map ``i``'s chart container (the browser finds it in the data)."""
    return f"{ids.DISTRIBUTION_CHART}-{i}"


def table_id(i: int) -> str:
    return f"{ids.DISTRIBUTION_CHART}-table-{i}"


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def distribution_spec(shown, area_ids: list[str], names: list[str], selected: list[str], title: str,
                      lang: str, index: int = 0) -> dict:
    """JSON-ready data of one chart and its table (``shown`` is a :class:`presenters.mode.Shown`).

    Areas without a value are left out of the chart and the table (and
    counted in ``missing``); classes are the map's, so the colours match.
    """
    # One character per area, "0".."9" then ":", ";", ... (categories may have any number of classes).
    classes = [class_index(c) for c in shown.classes]
    values = [_number(v) for v in shown.values]
    keep = [i for i, v in enumerate(values) if v is not None]
    chosen = set(selected or ())
    return {
        "title": title, "caption": t("distribution.caption", lang, title=title),
        "unit": shown.unit, "decimals": shown.decimals, "signed": bool(shown.signed), "lang": lang,
        "breaks": [float(b) for b in shown.breaks], "colours": list(shown.colours), "labels": list(shown.labels),
        "noDataColour": NO_DATA_COLOUR,
        "ids": [area_ids[i] for i in keep], "names": [str(names[i]) for i in keep],
        "values": [values[i] for i in keep], "classes": [classes[i] for i in keep],
        "selected": [area_ids[i] for i in keep if area_ids[i] in chosen],
        "missing": len(values) - len(keep), "pageSize": PAGE_SIZE,
        "chartId": chart_id(index), "tableId": table_id(index),
        "text": {"area": t("distribution.area", lang), "value": t("distribution.value", lang),
                 "class": t("distribution.class", lang), "empty": t("distribution.empty", lang),
                 "previous": t("distribution.previous", lang), "next": t("distribution.next", lang),
                 "page": t("distribution.page", lang), "show": t("area.table_show", lang)},
    }


def distribution_section(lang: str) -> html.Details:
    """A closed section: nothing is computed or drawn until a visitor opens it."""
    return html.Details([
        html.Summary(t("distribution.heading", lang), id=ids.DISTRIBUTION_SUMMARY, n_clicks=0),
        html.Div(html.P(t("distribution.loading", lang), className="hint"), id=ids.DISTRIBUTION_BODY),
        dcc.Store(id=ids.DISTRIBUTION_ROWS),
    ], id=ids.DISTRIBUTION, className="distribution", open=False)


def distribution_body(specs: list[dict]) -> list:
    """One heading, chart container and table container per map; the browser fills them."""
    body = []
    for i, spec in enumerate(specs):
        part = [html.Div(id=spec["chartId"], className="dist-chart", role="img", **{"aria-label": spec["caption"]}),
                html.Div(id=spec["tableId"], className="table-twin dist-table")]
        if len(specs) > 1:
            part.insert(0, html.H3(spec["title"], className="dist-heading"))
        body.append(html.Div(part, className="dist-part"))
    return body
