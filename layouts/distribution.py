"""The distribution of one map's values: a strip plot and the data of its table twin.

Pure figure building, no callbacks.  Every text from data (area names, the
title, the unit) is escaped before it reaches plotly, whose labels interpret
a subset of HTML: a name such as ``<b>x</b>`` is shown as written.
"""

from __future__ import annotations

import html
import zlib

import numpy as np
import plotly.graph_objects as go

from geodata.change import format_change
from geodata.classify import NO_DATA_COLOUR, assign_classes
from geodata.fmt import format_value
from geodata.i18n import t

#: Half the height of the band the dots are jittered in (the y axis runs -0.5..0.5).
JITTER = 0.32
DOT_SIZE, SELECTED_SIZE = 8, 15
SELECTED_OUTLINE = "#000000"
BREAK_COLOUR = "#737373"


def plot_text(value) -> str:
    """Data text for a plotly label: ``<``, ``>`` and ``&`` escaped.

    Plotly decodes ``&lt;``, ``&gt;`` and ``&amp;`` back to characters, so
    the reader sees the text as written.  (It does not decode ``&quot;``, so
    quotes stay as they are: they carry no markup outside a tag.)
    """
    return html.escape("" if value is None else str(value), quote=False)


def jitter(area_id: str) -> float:
    """A vertical offset in ``[-JITTER, JITTER]`` fixed by the area id.

    Deterministic across runs, processes and years, so that an area's dot
    does not jump when the year or the selection changes.
    """
    return (zlib.crc32(str(area_id).encode("utf-8")) % 10001 / 10000.0 - 0.5) * 2 * JITTER


def _present(values) -> np.ndarray:
    v = np.array([np.nan if x is None else float(x) for x in values], dtype="float64")
    return np.isfinite(v)


def point_classes(values, breaks, classes=None, symmetric: bool = False) -> np.ndarray:
    """Class index per area: from ``classes`` (a payload class string or list) when given.

    Otherwise computed from ``breaks`` as the map does (a change map always
    gives its ``classes``: they depend on the side of zero, not only on the bounds).
    """
    if classes is not None:
        return np.array([int(c) if str(c).isdigit() else -1 for c in classes], dtype="int64")
    v = np.array([np.nan if x is None else float(x) for x in values], dtype="float64")
    return assign_classes(v, np.asarray(breaks, dtype="float64"))


def _value_text(value: float, decimals: int, unit: str, lang: str, signed: bool) -> str:
    return format_change(value, decimals, unit, lang) if signed else format_value(value, decimals, unit, lang)


def distribution_figure(values: list[float | None], ids: list[str], names: list[str], selected: list[str],
                        breaks: list[float], colours: list[str], unit: str, decimals: int, lang: str,
                        title: str, *, classes=None, signed: bool = False) -> go.Figure:
    """A strip plot: one dot per area with a value, coloured by class.

    Parameters
    ----------
    values, ids, names : lists in the same order (the payload's order)
        Areas without a value (``None``) get no dot.
    selected : list of str
        Area ids drawn larger, outlined and labelled with their name.
    breaks, colours : class upper bounds and colours, as in the map
        A vertical line marks each bound between two classes.
    classes : str or list, optional
        The map's class per area (e.g. ``map_values()["classes"][year]`` or a
        change map's ``classes``); computed from ``breaks`` when omitted.
    signed : bool
        Values are changes: shown with a sign (``+1,2 p.e.``).

    The trace of ordinary dots comes first and the selected dots second;
    each dot's ``customdata`` is ``[area id, escaped name, value text]``.
    """
    present = _present(values)
    klass = point_classes(values, breaks, classes, symmetric=signed)
    chosen = set(selected or [])
    palette = list(colours)

    def colour(i: int) -> str:
        return palette[klass[i]] if 0 <= klass[i] < len(palette) else NO_DATA_COLOUR

    groups = {False: [], True: []}
    for i in np.flatnonzero(present):
        groups[ids[i] in chosen].append(i)

    fig = go.Figure()
    hover = "%{customdata[1]}<br>%{customdata[2]}<extra></extra>"
    for is_selected in (False, True):
        idx = groups[is_selected]
        if not idx and is_selected:
            continue
        custom = [[ids[i], plot_text(names[i]), plot_text(_value_text(float(values[i]), decimals, unit, lang, signed))]
                  for i in idx]
        fig.add_trace(go.Scatter(
            x=[float(values[i]) for i in idx], y=[jitter(ids[i]) for i in idx],
            mode="markers+text" if is_selected else "markers",
            text=[plot_text(names[i]) for i in idx] if is_selected else None,
            textposition="top center", cliponaxis=False,
            name=t("distribution.selected", lang) if is_selected else plot_text(title),
            customdata=custom, hovertemplate=hover, showlegend=False,
            marker={"color": [colour(i) for i in idx],
                    "size": SELECTED_SIZE if is_selected else DOT_SIZE,
                    "opacity": 1.0 if is_selected else 0.85,
                    "line": {"color": SELECTED_OUTLINE if is_selected else "#525252",
                             "width": 2.5 if is_selected else 0.5}}))

    for bound in list(breaks)[:-1]:
        fig.add_vline(x=float(bound), line={"color": BREAK_COLOUR, "width": 1, "dash": "dot"}, layer="below")
    if signed and breaks:
        fig.add_vline(x=0.0, line={"color": "#252525", "width": 1}, layer="below")
    if not present.any():
        fig.add_annotation(text=plot_text(t("distribution.empty", lang)), showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.5)

    sv = lang == "sv"
    tick_sign = "+" if signed else ""
    fig.update_layout(
        title={"text": plot_text(title), "x": 0, "xanchor": "left", "font": {"size": 14}},
        margin={"l": 12, "r": 12, "t": 36, "b": 44}, height=220,
        separators=("," if sv else ".") + (" " if sv else ","),
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#ffffff",
        xaxis={"title": {"text": plot_text(unit)}, "gridcolor": "#ececec", "zeroline": False,
               "tickformat": f"{tick_sign},.{max(decimals, 0)}~f"},
        yaxis={"visible": False, "range": [-0.5, 0.65], "fixedrange": True},
        font={"family": "system-ui, sans-serif", "size": 13}, hovermode="closest")
    return fig


def distribution_table(values: list[float | None], ids: list[str], names: list[str], class_labels: list[str],
                       unit: str, decimals: int, lang: str, *, breaks: list[float] | None = None,
                       classes=None, selected: list[str] | None = None, signed: bool = False,
                       descending: bool = False) -> list[dict]:
    """Rows of the chart's table twin, areas with a value only, sorted by value.

    Each row: ``id``, ``name`` (plain text: render it as text, never as
    HTML), ``value``, ``valueText`` (formatted for ``lang``), ``class``
    (index, -1 if none), ``classLabel`` (from ``class_labels``, e.g. the
    legend rows' labels) and ``selected``.  Lowest value first unless
    ``descending``; ties in name order.
    """
    present = _present(values)
    klass = point_classes(values, breaks or [], classes, symmetric=signed)
    chosen = set(selected or [])
    rows = []
    for i in np.flatnonzero(present):
        value = float(values[i])
        k = int(klass[i])
        rows.append({"id": ids[i], "name": names[i], "value": value,
                     "valueText": _value_text(value, decimals, unit, lang, signed),
                     "class": k, "classLabel": class_labels[k] if 0 <= k < len(class_labels) else "",
                     "selected": ids[i] in chosen})
    rows.sort(key=lambda r: (-r["value"] if descending else r["value"], str(r["name"]).casefold()))
    return rows

