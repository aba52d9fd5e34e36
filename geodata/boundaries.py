"""Polygon sets as coverages: cleaning, the outline, and the faults of a source.

A level's polygons should form a *coverage*: no two overlap and neighbours
share their borders vertex for vertex.  Real files seldom do exactly.  SCB's
own full-resolution DeSO 2025 have borders that cross by fractions of a
millimetre; generalised kommun files overlap by up to a square kilometre;
polygons simplified one by one (Stockholm's DeSO in ``../shared/data``) open
thousands of slivers.  GEOS's coverage functions (``coverage_union``,
``coverage_simplify``) assume a clean coverage and either raise
("CoverageUnion cannot process incorrectly noded inputs") or silently return
garbage on such input, so everything here goes through
:func:`clean_coverage` first (GEOS's CoverageCleaner via
:func:`shapely.coverage_clean`), with a fallback for the rare input it
refuses.

All functions take and return numpy arrays of shapely geometries in a
*metric* CRS (SWEREF 99 TM for Sweden), except :func:`round_coverage`, which
works on the web coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.errors import GEOSException

#: Sweden's metric CRS (SWEREF 99 TM), where areas and widths are measured.
METRIC_CRS = "EPSG:3006"

#: Grid (metres) the fallbacks snap vertices to: coarse enough to merge the
#: sub-millimetre crossings of misnoded borders, far below anything a map or
#: an area figure shows.
NODING_GRID = 0.001

#: An overlap or gap smaller than this (m²) is a noding fault, not a fault of
#: the data: it is cleaned silently and not reported at ingest.
FAULT_MIN_AREA = 1.0

#: A hole in the union of a level's polygons narrower than this (metres, the
#: diameter of the largest circle it holds) is a gap between areas.  Wider
#: holes are ground the areas leave out on purpose (Vänern lies in no kommun
#: of SCB's generalised kommun file).
GAP_MAX_WIDTH = 50.0

#: Web geometry may keep no overlap larger than this (m²) and no gap
#: narrower than the simplification tolerance (see :func:`geodata.webgeo.simplify_coverage`).
WEB_OVERLAP_TOLERANCE = 0.01


def polygonal(geoms: np.ndarray) -> np.ndarray:
    """``make_valid`` keeping only the polygonal parts (an empty polygon when none is left)."""
    fixed = shapely.make_valid(np.asarray(geoms, dtype=object))
    out = np.empty(len(fixed), dtype=object)
    for i, geom in enumerate(fixed):
        if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon"):
            out[i] = geom
            continue
        parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
        out[i] = shapely.union_all(parts) if parts else shapely.Polygon()
    return out


def clean_coverage(geoms: np.ndarray, gap_width: float = 0.0, snapping_distance: float = -1) -> np.ndarray:
    """The polygons as a clean coverage: overlaps given to one neighbour, gaps
    narrower than ``gap_width`` closed, shared borders made identical.

    Parameters
    ----------
    geoms : numpy.ndarray
        Polygons in a metric CRS.
    gap_width : float
        Gaps narrower than this (metres) are merged into the neighbour with
        the longest shared border.
    snapping_distance : float
        Vertices closer than this are snapped together; -1 lets GEOS choose
        a distance from the extent, 0 moves no vertex.

    Returns
    -------
    numpy.ndarray
        One geometry per input, in the same order.  A polygon the cleaning
        would empty (one lying wholly inside another) is kept as it was, so
        that no area disappears.
    """
    valid = polygonal(geoms)
    # Checking is a fifth of the cost of cleaning, and most sets are clean.  Gaps need
    # the cleaning itself: GEOS's gap check (coverage_is_valid with a gap width) takes
    # eight times as long and also flags narrow bays of the outer boundary.
    if gap_width == 0 and is_coverage(valid):
        return valid
    try:
        cleaned = shapely.coverage_clean(valid, gap_width=gap_width, snapping_distance=snapping_distance)
    except GEOSException:
        # Snapping every vertex to a 1 mm grid nodes sub-millimetre crossings
        # the same way on both sides of a border.
        cleaned = shapely.set_precision(valid, NODING_GRID)
    emptied = shapely.is_empty(cleaned) & ~shapely.is_empty(valid)
    cleaned[emptied] = valid[emptied]
    return cleaned


def union(geoms: np.ndarray, gap_width: float = 0.0):
    """The ground covered by ``geoms``, robust to noding faults.

    The union of a clean coverage is exact and fast (``coverage_union_all``);
    if GEOS still refuses, the polygons are snapped to :data:`NODING_GRID`
    and united with the general overlay, and as a last resort each is
    buffered by zero first.  Gaps narrower than ``gap_width`` are closed.
    """
    attempts = (
        lambda: shapely.coverage_union_all(clean_coverage(geoms, gap_width)),
        lambda: shapely.union_all(shapely.set_precision(polygonal(geoms), NODING_GRID)),
        lambda: shapely.union_all(shapely.buffer(polygonal(geoms), 0)),
    )
    error: Exception | None = None
    for attempt in attempts:
        try:
            merged = attempt()
        except GEOSException as exc:
            error = exc
            continue
        if shapely.is_valid(merged):
            return merged
        error = ValueError(shapely.is_valid_reason(merged))
    raise ValueError(f"the polygons cannot be united: {error}")


def round_coverage(geoms: np.ndarray, decimals: int) -> np.ndarray:
    """Round coordinates to ``decimals`` places and keep a valid coverage.

    Rounding moves both copies of a shared vertex alike, but it can fold a
    spike thinner than the grid into a self-intersection or push a vertex
    across a neighbour's border, and repairing the fold opens a sliver.  The
    rounded polygons are therefore cleaned once more without snapping
    (nothing else moves), closing gaps up to five grid steps wide, and
    rounded again; whatever is still invalid after that is repaired on its
    own.
    """
    def rounded(values):
        return shapely.transform(values, lambda xy: np.round(xy, decimals))

    out = rounded(np.asarray(geoms, dtype=object))
    if shapely.is_valid(out).all() and is_coverage(out):
        return out
    try:
        cleaned = shapely.coverage_clean(polygonal(out), gap_width=5 * 10.0 ** -decimals, snapping_distance=0)
        kept = ~shapely.is_empty(cleaned)
        out[kept] = rounded(cleaned[kept])
    except GEOSException:
        pass
    bad = ~shapely.is_valid(out)
    if bad.any():
        out[bad] = polygonal(out[bad])
    return out


def is_coverage(geoms: np.ndarray) -> bool:
    """Whether ``geoms`` form a valid coverage: no overlaps, shared borders vertex for vertex."""
    try:
        return bool(shapely.coverage_is_valid(geoms))
    except GEOSException:
        return False


@dataclass(frozen=True)
class Overlap:
    """Two areas whose polygons cover the same ground."""

    first: str
    second: str
    area: float


@dataclass(frozen=True)
class Gap:
    """Ground inside the level's outline that no area covers."""

    area: float
    width: float
    ids: tuple[str, ...]


def overlaps(geoms: np.ndarray, ids, min_area: float = FAULT_MIN_AREA) -> list[Overlap]:
    """Pairs of polygons overlapping by more than ``min_area`` m², largest first."""
    valid = polygonal(geoms)
    ids = [str(i) for i in ids]
    tree = shapely.STRtree(valid)
    left, right = tree.query(valid, predicate="intersects")
    pair = left < right
    left, right = left[pair], right[pair]
    areas = shapely.area(shapely.intersection(valid[left], valid[right]))
    found = [Overlap(ids[a], ids[b], float(area)) for a, b, area in zip(left, right, areas) if area > min_area]
    return sorted(found, key=lambda o: -o.area)


def gaps(geoms: np.ndarray, ids, min_area: float = FAULT_MIN_AREA,
         max_width: float = GAP_MAX_WIDTH) -> list[Gap]:
    """Holes in the union between two or more areas, narrower than ``max_width`` and larger
    than ``min_area``, largest first.

    ``ids`` of a gap are the areas whose polygons touch it.
    """
    valid = polygonal(geoms)
    ids = [str(i) for i in ids]
    merged = union(valid)
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(merged) for ring in part.interiors]
    holes = [h for h in holes if h.area > min_area]
    if not holes:
        return []
    tree = shapely.STRtree(valid)
    found = []
    for hole in holes:
        width = 2 * shapely.maximum_inscribed_circle(hole, max_width / 100).length
        if width > max_width:
            continue
        # A gap touches its neighbours along its ring; a small buffer finds
        # them despite the noding faults that opened it.
        near = tree.query(hole.buffer(NODING_GRID * 10), predicate="intersects")
        if len(near) < 2:
            continue  # a hole in one area's own polygon (a pond it leaves out), not a gap between areas
        found.append(Gap(float(hole.area), float(width), tuple(sorted(ids[i] for i in near))))
    return sorted(found, key=lambda g: -g.area)
