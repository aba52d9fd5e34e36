"""The selected-area panel: a time-series chart and its table twin."""

from __future__ import annotations

import math

import plotly.graph_objects as go
from dash import dcc, html

from geodata.fmt import format_number, format_value
from geodata.i18n import t

from . import ids

SERIES_COLOUR = "#b30000"
REFERENCE_COLOUR = "#4d4d4d"
NATIONAL_COLOUR = "#2171b5"


def area_panel(lang: str, heading: str | None = None, body=None) -> list:
    """Panel content: a heading and either the chart and table or a hint."""
    return [
        html.H2(heading or t("area.heading", lang), id=ids.AREA_HEADING, className="panel-heading"),
        html.Div(body if body is not None else html.P(t("area.none", lang), className="hint"),
                 className="area-body"),
    ]


def series_figure(years, values, reference, unit: str, decimals: int, lang: str,
                  name: str, reference_name: str, national=None, national_name: str = "") -> go.Figure:
    """Line chart of one area against the municipality (and nation).

    Gaps stay gaps: a suppressed or missing year is not drawn as a value.
    """
    fig = go.Figure()
    sep = "," if lang == "sv" else "."

    def trace(y, label, colour, dash=None):
        fig.add_trace(go.Scatter(
            x=list(years), y=[None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in y],
            name=label, mode="lines+markers", line={"color": colour, "width": 3, "dash": dash},
            connectgaps=False,
            hovertemplate=f"%{{x}}: %{{y:,.{decimals}f}} {unit}<extra>{label}</extra>"))

    trace(values, name, SERIES_COLOUR)
    if reference is not None:
        trace(reference, reference_name, REFERENCE_COLOUR, "dash")
    if national is not None:
        trace(national, national_name, NATIONAL_COLOUR, "dot")
    fig.update_layout(
        margin={"l": 48, "r": 12, "t": 12, "b": 36}, height=260,
        legend={"orientation": "h", "y": -0.2}, separators=sep + (" " if lang == "sv" else ","),
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#ffffff",
        yaxis={"title": {"text": unit}, "gridcolor": "#e5e5e5", "zeroline": False},
        xaxis={"dtick": 1 if len(years) <= 15 else 2, "gridcolor": "#f0f0f0"},
        font={"family": "system-ui, sans-serif", "size": 13})
    return fig


def series_table(rows: list[dict], unit: str, decimals: int, lang: str, caption: str,
                 reference_name: str | None) -> html.Table:
    """The chart's table twin: year, value, reference, rank and status."""
    head = [t("area.year", lang), t("area.value", lang)]
    if reference_name:
        head.append(reference_name)
    head += [t("area.rank", lang), t("area.status", lang)]
    body = []
    for row in rows:
        cells = [html.Th(str(row["year"]), scope="row"),
                 html.Td(format_value(row["value"], decimals, unit, lang) or "–")]
        if reference_name:
            cells.append(html.Td(format_value(row.get("reference"), decimals, unit, lang) or "–"))
        rank = row.get("rank")
        cells.append(html.Td(f"{format_number(rank, 0, lang)} {t('tooltip.of', lang)} {row['ranked']}"
                             if rank is not None and not math.isnan(rank) else "–"))
        status = row["status"]
        cells.append(html.Td(t(f"status.{status}", lang), className=f"status-{status}"))
        body.append(html.Tr(cells))
    return html.Table([html.Caption(caption), html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                       html.Tbody(body)], id=ids.AREA_TABLE, className="data-table")


def area_body(fig: go.Figure, table: html.Table, chart_label: str) -> list:
    """Chart in a captioned figure, followed by its table for screen readers and copying."""
    return [
        html.Figure([
            dcc.Graph(id=ids.AREA_CHART, figure=fig, config={"displaylogo": False, "responsive": True},
                      className="area-chart"),
            html.Figcaption(chart_label, className="chart-caption"),
        ], className="chart-figure"),
        table,
    ]
