"""The selected-areas panel: a time-series chart and its table twin."""

from __future__ import annotations

import html as html_escape
import math

import plotly.graph_objects as go
from dash import dcc, html

from geodata.fmt import format_number, format_value
from geodata.i18n import t
from presenters.area import AreaPanel, Series

from . import ids

def _number(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def area_panel(lang: str, heading: str | None = None, body=None) -> list:
    """Panel content: a heading and either the chart and table or a hint."""
    return [
        html.H2(heading or t("area.heading", lang), id=ids.AREA_HEADING, className="panel-heading"),
        html.Div(body if body is not None else html.P(t("area.none", lang), className="hint"),
                 className="area-body"),
    ]


def series_figure(years: list[int], series: list[Series], unit: str, decimals: int, lang: str,
                  breaks: tuple[dict, ...] = ()) -> go.Figure:
    """Line chart of the selected areas against the municipality (and nation).

    Gaps stay gaps: a suppressed or missing year is not drawn as a value.
    Names come from data and are escaped for plotly's HTML-like labels.
    A change of boundary edition is a vertical line between its years,
    dashed and labelled as a break where an area's ground changed.
    """
    fig = go.Figure()
    for line in series:
        label = html_escape.escape(line.label)
        fig.add_trace(go.Scatter(
            x=list(years), y=[_number(v) for v in line.values], name=label, mode="lines+markers",
            line={"color": line.colour, "width": 3 if line.dash is None else 2, "dash": line.dash},
            connectgaps=False,
            hovertemplate=f"%{{x}}: %{{y:,.{decimals}f}} {html_escape.escape(unit)}<extra>{label}</extra>"))
    for mark in breaks:
        fig.add_vline(x=mark["x"], line={"color": "#333333" if mark["changed"] else "#8c8c8c", "width": 1.5,
                                         "dash": "dash" if mark["changed"] else "dot"},
                      annotation={"text": html_escape.escape(mark["label"]), "font": {"size": 11},
                                  "xanchor": "right", "yanchor": "top"}, annotation_position="top left")
    fig.update_layout(
        margin={"l": 48, "r": 12, "t": 12, "b": 36}, height=280,
        legend={"orientation": "h", "y": -0.22}, separators=", " if lang == "sv" else ".,",
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#ffffff",
        yaxis={"title": {"text": html_escape.escape(unit)}, "gridcolor": "#e5e5e5", "zeroline": False},
        xaxis={"dtick": 1 if len(years) <= 15 else 2, "gridcolor": "#f0f0f0"},
        font={"family": "system-ui, sans-serif", "size": 13})
    return fig


def series_table(rows: list[dict], unit: str, decimals: int, lang: str, caption: str,
                 references: list[str]) -> html.Table:
    """The chart's table twin: area, year, value, references, rank, percentile and status."""
    head = [t("area.area", lang), t("area.year", lang), t("area.value", lang)] + references + \
        [t("area.rank", lang), t("area.percentile", lang), t("area.status", lang)]
    body = []
    for row in rows:
        cells = [html.Td(row["name"]), html.Th(str(row["year"]), scope="row"),
                 html.Td(format_value(row["value"], decimals, unit, lang) or "–")]
        for ref in row["references"]:
            cells.append(html.Td(format_value(ref, decimals, unit, lang) or "–"))
        rank = _number(row.get("rank"))
        cells.append(html.Td(f"{format_number(rank, 0, lang)} {t('tooltip.of', lang)} {row['ranked']}"
                             if rank is not None else "–"))
        pct = _number(row.get("percentile"))
        cells.append(html.Td(format_number(pct, 0, lang) if pct is not None else "–"))
        status = row["status"]
        cells.append(html.Td(t(f"status.{status}", lang), className=f"status-{status}"))
        body.append(html.Tr(cells))
    return html.Table([html.Caption(caption), html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                       html.Tbody(body)], id=ids.AREA_TABLE, className="data-table")


def area_body(fig: go.Figure, table: html.Table, chart_label: str, lang: str, extra=None) -> list:
    """Chart in a captioned figure, then its table for screen readers and copying."""
    return [
        html.Figure([
            dcc.Graph(id=ids.AREA_CHART, figure=fig, config={"displaylogo": False, "responsive": True},
                      className="area-chart"),
            html.Figcaption(chart_label, className="chart-caption"),
        ], className="chart-figure"),
        html.Details([html.Summary(t("area.table_show", lang)), table],
                     className="table-twin", open=True),
    ] + (extra or [])


def render_area_panel(data: AreaPanel | None, lang: str) -> list:
    """The panel's content: a hint when nothing is selected, else the chart and its table."""
    if data is None:
        return area_panel(lang)
    table = series_table(data.rows, data.unit, data.decimals, lang, data.table_caption, data.reference_names)
    figure = series_figure(data.years, data.lines, data.unit, data.decimals, lang, data.breaks)
    return area_panel(lang, data.heading, area_body(figure, table, data.chart_label, lang))
