"""A deck's handout: each slide drawn as a 16:9 picture, 1920 × 1080 PNG or one PDF page.

Pure drawing from plain data (:class:`SlideDrawing`): polygons with a fill
colour each, legend rows, the big year, the texts.  What a slide shows is
decided by ``presenters/handout.py``; nothing here knows Dash, a request
or the store.  No tiles and no fonts are fetched: matplotlib's bundled
DejaVu Sans draws every letter, so a handout is made without internet.

matplotlib is imported inside the functions (figures drawn on the Agg and
PDF canvases directly, never through pyplot or a window): importing it takes about a second, which the dashboard's start
should not pay for a feature used now and then.

Sizes are in pixels of the 1920 × 1080 picture and meet the presentation
view's rule for the back of a room: title ≥ 40 px, year ≥ 64 px, legend
≥ 20 px.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from typing import Sequence

import geopandas as gpd

#: The picture, in pixels; the PDF page has the same 16:9 shape (19.2 × 10.8 inches).
WIDTH, HEIGHT = 1920, 1080
DPI = 100
#: Text sizes in pixels (matplotlib takes points: 1 pt = DPI / 72 px).
TITLE_PX, NOTE_PX, YEAR_PX, HEADING_PX = 48, 26, 84, 28
LEGEND_PX, LEGEND_TITLE_PX, FINDING_PX, SMALL_PX, MESSAGE_PX = 22, 24, 27, 18, 34
#: A finding is one or two sentences; longer text is cut with an ellipsis after this many lines.
MAX_FINDING_LINES = 3
#: In a PDF a map of this many areas or more is a picture (at PDF_RASTER_DPI), not vector shapes:
#: 6,000 areas as vectors took 6.5 s a page and made a file slow to open; text stays text.
PDF_RASTER_FROM = 1000
PDF_RASTER_DPI = 150
#: Margins and the column beside the map, in pixels.
MARGIN = 48
LEGEND_WIDTH = 560
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#555555"
EDGE_COLOUR = "#ffffff"


@dataclass(frozen=True)
class LegendEntry:
    """One legend row as the dashboard shows it: swatch colour, label and count text."""

    colour: str
    label: str
    count: str = ""
    no_data: bool = False


@dataclass(frozen=True)
class MapPanel:
    """One map: polygons with a ``fill`` colour column, its legend and its big year.

    ``polygons`` is in a projected CRS (metres); a geographic one is drawn
    in SWEREF 99 TM.  Areas without data carry the no-data colour as their
    fill, and the legend has the row for it.
    """

    polygons: gpd.GeoDataFrame
    legend: tuple[LegendEntry, ...]
    year: str = ""
    heading: str = ""
    legend_title: str = ""
    #: How to read the legend (the dashboard's notes under it), as room allows.
    legend_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlideDrawing:
    """Everything on one slide, as plain text and data.

    ``maps`` holds one map, two side by side (compare) or none; a slide
    without a map shows ``message`` where the map would be (a slide whose
    data no longer exists).
    """

    title: str
    maps: tuple[MapPanel, ...] = ()
    note: str = ""
    finding: str = ""
    source: str = ""
    licence: str = ""
    caveats: tuple[str, ...] = ()
    message: str = ""
    footer: str = ""
    lang: str = "sv"


def _pt(px: float) -> float:
    return px * 72.0 / DPI


def _fx(px: float) -> float:
    return px / WIDTH


def _fy(px_from_top: float) -> float:
    return 1.0 - px_from_top / HEIGHT


def plain(value: object) -> str:
    """Text from data as matplotlib draws it literally (mathtext is off as well: ``parse_math=False``)."""
    return " ".join(str(value or "").split())


@functools.lru_cache(maxsize=4096)
def _char_width(char: str, bold: bool) -> float:
    """The advance of ``char`` in DejaVu Sans at 1 px (kerning aside)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=_pt(100))
    # The width of "x<char>x" less "xx" counts the character's spacing, which a lone glyph's box leaves out.
    with_char = TextToPath().get_text_width_height_descent(f"x{char}x", prop, ismath=False)[0]
    without = TextToPath().get_text_width_height_descent("xx", prop, ismath=False)[0]
    return (with_char - without) * DPI / 72 / 100


def text_width(value: str, size_px: float, bold: bool = False) -> float:
    """The width of ``value`` in pixels at ``size_px`` in DejaVu Sans."""
    # Drawn text comes out a little wider than the sum of its advances (hinting): a margin keeps it inside.
    return sum(_char_width(char, bold) for char in value) * size_px * 1.05


def _cut(value: str, width_px: float, size_px: float, bold: bool) -> str:
    """``value`` shortened with an ellipsis to fit ``width_px``."""
    room = width_px - text_width("…", size_px, bold)
    used, end = 0.0, 0
    for end, char in enumerate(value):
        used += text_width(char, size_px, bold)
        if used > room:
            break
    else:
        end = len(value)
    return value[:end].rstrip() + "…"


def wrap(value: str, width_px: float, size_px: float, max_lines: int, bold: bool = False) -> str:
    """``value`` wrapped to ``width_px`` at ``size_px``, cut with an ellipsis after ``max_lines``."""
    lines: list[str] = []
    for word in plain(value).split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size_px, bold) <= width_px:
            lines[-1] = candidate
        else:
            lines.append(word)
    lines = [line if text_width(line, size_px, bold) <= width_px else _cut(line, width_px, size_px, bold)
             for line in lines] or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _cut(lines[-1], width_px, size_px, bold)
    return "\n".join(lines)


def _text(fig, x_px: float, y_px: float, value: str, size_px: float, **kw):
    """Plain text at pixel position (from the top left), never parsed as maths or TeX."""
    kw.setdefault("color", TEXT_COLOUR)
    kw.setdefault("va", "top")
    return fig.text(_fx(x_px), _fy(y_px), value, fontsize=_pt(size_px), parse_math=False, usetex=False,
                    fontfamily="DejaVu Sans", **kw)


def _projected(polygons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if polygons.crs is not None and polygons.crs.is_geographic:
        return polygons.to_crs(3006)
    return polygons


def _paths(geoms) -> list:
    """One matplotlib path per area (``None`` for an empty one), holes and parts included."""
    from matplotlib.path import Path

    paths = []
    for geom in geoms:
        vertices, codes = [], []
        if geom is not None and not geom.is_empty:
            for part in getattr(geom, "geoms", [geom]):
                for ring in (part.exterior, *part.interiors):
                    xy = ring.coords
                    if len(xy) < 3:
                        continue
                    vertices.extend(xy)
                    codes += [Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY]
        paths.append(Path(vertices, codes) if vertices else None)
    return paths


def _draw_map(fig, panel: MapPanel, left: float, top: float, width: float, height: float,
              rasterize_from: int | None = None) -> None:
    """The polygons in the box (pixels from the top left), filled, with thin white borders, no axes.

    With ``rasterize_from``, a map of at least that many areas goes into a
    PDF as a picture rather than as thousands of vector shapes.
    """
    from matplotlib.collections import PathCollection

    ax = fig.add_axes((_fx(left), _fy(top + height), _fx(width), height / HEIGHT))
    ax.set_axis_off()
    frame = _projected(panel.polygons)
    if frame.empty:
        return
    minx, miny, maxx, maxy = frame.total_bounds
    # Detail below half a pixel is invisible and costs drawing time (SCB's borders have a vertex every few
    # metres); simplified without keeping topology, as nothing is computed from these shapes.
    metres_per_px = max((maxx - minx) / width, (maxy - miny) / height, 1e-9)
    geoms = frame.geometry.simplify(metres_per_px * 0.5, preserve_topology=False)
    drawn = [(path, colour) for path, colour in zip(_paths(geoms), frame["fill"]) if path is not None]
    # Borders thin out with the number of areas, so that a city's many small areas keep their colour.
    line = 0.6 if len(drawn) < 500 else 0.25 if len(drawn) < 2000 else 0.1
    collection = PathCollection([path for path, _ in drawn], facecolors=[colour for _, colour in drawn],
                                edgecolors=EDGE_COLOUR, linewidths=line)
    collection.set_transform(ax.transData)
    if rasterize_from is not None and len(drawn) >= rasterize_from:
        collection.set_rasterized(True)
    ax.add_collection(collection, autolim=False)
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box", anchor="C")


def _swatch(fig, x: float, y: float, entry: LegendEntry, size: float) -> None:
    from matplotlib.patches import Rectangle

    rect = Rectangle((_fx(x), _fy(y + size)), _fx(size), size / HEIGHT, transform=fig.transFigure,
                     facecolor=entry.colour, edgecolor="#333333" if entry.no_data else "#777777",
                     linewidth=1.2, linestyle="--" if entry.no_data else "-")
    fig.add_artist(rect)


def _draw_legend(fig, panel: MapPanel, left: float, top: float, width: float, bottom: float) -> float:
    """The legend from ``top`` down (pixels); returns where it ends.  Rows that do not fit are left out."""
    y = top
    if panel.legend_title:
        title = wrap(panel.legend_title, width, LEGEND_TITLE_PX, 2, bold=True)
        _text(fig, left, y, title, LEGEND_TITLE_PX, fontweight="bold")
        y += (title.count("\n") + 1) * LEGEND_TITLE_PX * 1.3 + 10
    row = LEGEND_PX * 1.65
    size = LEGEND_PX * 1.15
    label_left = size + 14
    for entry in panel.legend:
        if y + row > bottom:
            break
        if entry.no_data:
            y += LEGEND_PX * 0.5  # set apart from the classes, as in the dashboard
        _swatch(fig, left, y, entry, size)
        count_size = LEGEND_PX * 0.9
        # The count takes what it needs, as long as the label keeps what it needs or half the row.
        room = width - label_left - 12
        label_need = min(text_width(plain(entry.label), LEGEND_PX), room / 2)
        count_width = min(text_width(plain(entry.count), count_size) + 2, room - label_need)
        label = wrap(entry.label, room - count_width, LEGEND_PX, 1)
        _text(fig, left + label_left, y + size / 2, label, LEGEND_PX, va="center")
        if entry.count:
            _text(fig, left + width, y + size / 2, wrap(entry.count, count_width, count_size, 1), count_size,
                  va="center", ha="right", color=MUTED_COLOUR)
        y += row
    y += LEGEND_PX * 0.4
    for note in panel.legend_notes:
        lines = int((bottom - y) // (LEGEND_PX * 1.25))
        if lines < 1:
            break
        shown = wrap(note, width, LEGEND_PX, min(lines, 3))
        _text(fig, left, y, shown, LEGEND_PX, color=MUTED_COLOUR, linespacing=1.15)
        y += (shown.count("\n") + 1) * LEGEND_PX * 1.25 + 6
    return y


def _draw_slide(fig, slide: SlideDrawing, rasterize_from: int | None = None) -> None:
    fig.patch.set_facecolor("white")
    line_width = WIDTH - 2 * MARGIN
    title = wrap(slide.title, line_width, TITLE_PX, 1, bold=True)
    _text(fig, MARGIN, 36, title, TITLE_PX, fontweight="bold")
    top = 36 + TITLE_PX * 1.3
    if slide.note:
        _text(fig, MARGIN, top, wrap(slide.note, line_width, NOTE_PX, 1), NOTE_PX, color=MUTED_COLOUR)
    top += NOTE_PX * 1.6 + 8
    # The bottom band: the finding (two lines at most), then source, licence and caveats.
    small_top = HEIGHT - 30 - SMALL_PX * 1.3 * (2 if slide.caveats else 1)
    finding = wrap(slide.finding, line_width, FINDING_PX, MAX_FINDING_LINES) if slide.finding else ""
    finding_top = small_top - 12 - FINDING_PX * 1.25 * (finding.count("\n") + 1 if finding else 0)
    map_bottom = finding_top - 16
    if finding:
        _text(fig, MARGIN, finding_top, finding, FINDING_PX, linespacing=1.25)
    small = "  ·  ".join(p for p in (plain(slide.source), plain(slide.licence)) if p)
    _text(fig, MARGIN, small_top, wrap(small, line_width - 420, SMALL_PX, 1), SMALL_PX, color=MUTED_COLOUR)
    if slide.caveats:
        _text(fig, MARGIN, small_top + SMALL_PX * 1.3, wrap(" ".join(slide.caveats), line_width, SMALL_PX, 1),
              SMALL_PX, color=MUTED_COLOUR)
    if slide.footer:
        _text(fig, WIDTH - MARGIN, small_top, wrap(slide.footer, 400, SMALL_PX, 1), SMALL_PX, ha="right",
              color=MUTED_COLOUR)
    map_width = WIDTH - 2 * MARGIN - LEGEND_WIDTH - 40
    legend_left = WIDTH - MARGIN - LEGEND_WIDTH
    if not slide.maps:
        message = slide.message or "–"
        lines = [wrap(part, map_width + LEGEND_WIDTH, MESSAGE_PX, 3) for part in message.split("\n") if part]
        _text(fig, WIDTH / 2, (top + map_bottom) / 2, "\n\n".join(lines), MESSAGE_PX, ha="center", va="center",
              multialignment="center", linespacing=1.3)
        return
    if slide.message:  # a notice above the map, e.g. what the slide cannot show
        _text(fig, MARGIN, top, wrap(slide.message, map_width, NOTE_PX, 1), NOTE_PX, color="#8a3b00")
        top += NOTE_PX * 1.5
    if len(slide.maps) == 1:
        panel = slide.maps[0]
        _text(fig, legend_left, top, plain(panel.year), YEAR_PX, fontweight="bold")
        _draw_map(fig, panel, MARGIN, top, map_width, map_bottom - top, rasterize_from)
        _draw_legend(fig, panel, legend_left, top + YEAR_PX * 1.35, LEGEND_WIDTH, map_bottom)
        return
    # Two maps side by side, each with its year and heading; their legends one under the other.
    gap = 24
    each = (map_width - gap) / 2
    heading_h = YEAR_PX * 1.15 + (HEADING_PX * 1.5 if any(p.heading for p in slide.maps) else 0)
    legend_top = top
    share = (map_bottom - top) / len(slide.maps)
    for i, panel in enumerate(slide.maps[:2]):
        left = MARGIN + i * (each + gap)
        _text(fig, left, top, plain(panel.year), YEAR_PX, fontweight="bold")
        if panel.heading:
            _text(fig, left, top + YEAR_PX * 1.15, wrap(panel.heading, each, HEADING_PX, 1), HEADING_PX,
                  color=MUTED_COLOUR)
        _draw_map(fig, panel, left, top + heading_h, each, map_bottom - top - heading_h, rasterize_from)
        end = _draw_legend(fig, panel, legend_left, legend_top, LEGEND_WIDTH, legend_top + share - 8)
        legend_top = max(end + 12, top + share * (i + 1))


def _figure(slide: SlideDrawing, rasterize_from: int | None = None):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
    _draw_slide(fig, slide, rasterize_from)
    return fig


def _settings() -> dict:
    """matplotlib settings of every handout: bundled fonts, text kept as text in a PDF, no TeX."""
    return {"font.family": "DejaVu Sans", "text.usetex": False, "pdf.fonttype": 42, "svg.fonttype": "none",
            "axes.unicode_minus": True, "path.simplify": True}


def slide_png(slide: SlideDrawing) -> bytes:
    """One slide as PNG bytes of exactly 1920 × 1080 pixels."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with rc_context(_settings()):
        fig = _figure(slide)
        FigureCanvasAgg(fig)  # the Agg canvas, whatever backend pyplot may have chosen in this process
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI, facecolor="white")
    return out.getvalue()


def deck_pdf(slides: Sequence[SlideDrawing], title: str = "") -> bytes:
    """Every slide as one page of a PDF, 16:9 (19.2 × 10.8 in), text as selectable text."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    out = io.BytesIO()
    with rc_context(_settings()):
        # A fixed creation date keeps the same deck's PDF byte-for-byte the same.
        with PdfPages(out, metadata={"Title": plain(title), "Creator": "Segregationsatlas",
                                     "CreationDate": None}) as pdf:
            for slide in slides:
                fig = _figure(slide, rasterize_from=PDF_RASTER_FROM)
                pdf.savefig(fig, facecolor="white", dpi=PDF_RASTER_DPI)
    return out.getvalue()
