"""Borders of real weight for a coverage: dense vertices along wandering lines.

A tiling from Voronoi cells (:mod:`.geometry`) has straight borders and about
seven vertices per area; SCB's DeSO follow streets, streams and property
lines with a vertex every 20-80 m, a median of about 140 vertices and a mean
of about 250 (Göteborgsregionen's DeSO 2025 at full resolution).  What a map
costs to simplify, send, parse and draw grows with those vertices, so a
benchmark on straight borders flatters it.

:func:`roughen_coverage` gives a coverage such borders and keeps it a
coverage.  Two steps, each a function of position only, so a border shared
by two areas comes out identical on both sides:

1. every segment gets extra vertices at most ``spacing`` apart, computed from
   the segment's end points in a fixed order (whichever side it is read from);
2. every vertex moves by one smooth displacement field
   (:class:`DisplacementField`), value noise over several octaves.

Shared borders therefore stay shared by construction.  Validity is a matter
of degree: where the field's slope stays below 1, moving the plane by it is
one-to-one, so borders that did not cross still do not.  The synthetic
data's field has a slope of 0.22 typically and 0.83 at the steepest of two
million points sampled over its region; a guaranteed bound below 1 would
leave the borders too smooth to be real (a quarter of the vertices would
survive the web simplification instead of four in ten), so
:func:`roughen_coverage` checks its result instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon


def _lattice_values(i: np.ndarray, j: np.ndarray, stream: int) -> np.ndarray:
    """A value in [-1, 1) for each lattice point ``(i, j)``, fixed by ``stream``: a hash, not a draw.

    A hash needs no table, so the lattice may be as fine and as wide as the
    region; it is integer arithmetic (splitmix64's finaliser), the same bits
    on every machine.
    """
    with np.errstate(over="ignore"):
        h = (i.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (j.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))
        h ^= np.uint64(stream) * np.uint64(0x165667B19E3779F9)
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return (h >> np.uint64(11)).astype(np.float64) * (2.0 ** -52) - 1.0


@dataclass(frozen=True)
class DisplacementField:
    """A smooth vector field of position: ``xy + field(xy)`` bends straight lines into borders.

    Value noise over several octaves: octave ``o`` has a square lattice of
    ``cells[o]`` metres (shifted by ``offsets[o]`` so no two octaves' lines
    coincide) with a hashed value per lattice point and component, blended
    between lattice points with a quintic fade (smooth, and flat at the
    lattice points), times ``amplitudes[o]`` metres.  It uses only integer
    arithmetic and IEEE's basic operations, no ``cos`` or BLAS, whose last
    bits vary between CPUs, so a dataset built from it has the same
    fingerprint everywhere.
    """

    cells: np.ndarray        # (n,) metres
    amplitudes: np.ndarray   # (n,) metres
    offsets: np.ndarray      # (n, 2) metres
    key: int

    @classmethod
    def fractal(cls, rng: np.random.Generator, largest: float, smallest: float,
                roughness: float) -> "DisplacementField":
        """Octaves of lattice spacing from ``largest`` down to ``smallest``, halving each time.

        Each octave's amplitude is ``roughness`` times its lattice spacing,
        so a border wanders alike at every scale as real ones do: bends of a
        kilometre and kinks of a few tens of metres.
        """
        cells = largest / 2.0 ** np.arange(int(np.floor(np.log2(largest / smallest))) + 1)
        return cls(cells=cells, amplitudes=roughness * cells,
                   offsets=rng.uniform(0.0, 1.0, (cells.size, 2)) * cells[:, None],
                   key=int(rng.integers(0, 2 ** 31)))

    def __call__(self, xy: np.ndarray) -> np.ndarray:
        """Displacement at each point of ``xy`` (shape ``(n, 2)``), in metres."""
        out = np.zeros_like(xy, dtype=float)
        for octave, (cell, amplitude, offset) in enumerate(zip(self.cells, self.amplitudes, self.offsets)):
            u = (xy - offset) / cell
            corner = np.floor(u)
            t = u - corner
            fade = t * t * t * (t * (t * 6.0 - 15.0) + 10.0)
            i, j = corner[:, 0].astype(np.int64), corner[:, 1].astype(np.int64)
            for component in range(2):
                stream = (self.key * 64 + octave) * 2 + component
                v00, v10 = _lattice_values(i, j, stream), _lattice_values(i + 1, j, stream)
                v01, v11 = _lattice_values(i, j + 1, stream), _lattice_values(i + 1, j + 1, stream)
                low = v00 + (v10 - v00) * fade[:, 0]
                high = v01 + (v11 - v01) * fade[:, 0]
                out[:, component] += amplitude * (low + (high - low) * fade[:, 1])
        return out


def densify_ring(xy: np.ndarray, spacing: float) -> np.ndarray:
    """The closed ring ``xy`` with vertices added so that none is more than ``spacing`` apart.

    The points inside a segment are computed from its lexicographically
    smaller end towards the larger one, whichever way the ring runs, so a
    segment two rings share gets bit-identical points in both.  (GEOS's
    segmentize interpolates from the ring's own start of the segment, which
    can differ in the last bit between the two sides.)  Original vertices are
    kept exactly.
    """
    start, end = xy[:-1], xy[1:]
    flip = (start[:, 0] > end[:, 0]) | ((start[:, 0] == end[:, 0]) & (start[:, 1] > end[:, 1]))
    low = np.where(flip[:, None], end, start)
    high = np.where(flip[:, None], start, end)
    # sqrt of a sum of squares is correctly rounded everywhere (hypot need not be): same pieces on
    # every machine.
    delta = high - low
    pieces = np.maximum(1, np.ceil(np.sqrt((delta * delta).sum(axis=1)) / spacing)).astype(np.int64)
    segment = np.repeat(np.arange(len(start)), pieces)
    # Step within the segment along the ring: 0 is the segment's own first vertex.
    step = np.arange(segment.size) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    along = np.where(flip[segment], pieces[segment] - step, step) / pieces[segment]
    points = low[segment] + (high[segment] - low[segment]) * along[:, None]
    first = step == 0
    points[first] = start[segment[first]]
    return np.vstack([points, xy[-1:]])


def _densify_polygon(polygon, spacing: float):
    if isinstance(polygon, MultiPolygon):
        return MultiPolygon([_densify_polygon(part, spacing) for part in polygon.geoms])
    return Polygon(densify_ring(np.asarray(polygon.exterior.coords), spacing),
                   [densify_ring(np.asarray(ring.coords), spacing) for ring in polygon.interiors])


def roughen_coverage(polygons: np.ndarray, field: DisplacementField, spacing: float) -> np.ndarray:
    """Densify every border of the coverage ``polygons`` to ``spacing`` and move it by ``field``.

    Parameters
    ----------
    polygons : numpy.ndarray of shapely Polygon or MultiPolygon
        A valid coverage (neighbours share exact vertices).
    field : DisplacementField
        Its slope should stay well below 1 (see the module's notes).
    spacing : float
        Largest distance between consecutive vertices before the move, metres.

    Returns
    -------
    numpy.ndarray of shapely geometries
        Same order and types; still a coverage.

    Raises
    ------
    ValueError
        If the field folded a border over another (a ring crosses itself or
        a neighbour): it is too steep for polygons this small.
    """
    dense = np.array([_densify_polygon(p, spacing) for p in polygons], dtype=object)
    rough = shapely.transform(dense, lambda xy: xy + field(xy))
    invalid = int((~shapely.is_valid(rough)).sum())
    if invalid or not shapely.coverage_is_valid(rough):
        raise ValueError(f"the displacement folded borders ({invalid} invalid polygons, or overlaps between "
                         "neighbours); use a smaller roughness")
    return rough
