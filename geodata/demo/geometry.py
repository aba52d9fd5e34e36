"""Planar tilings that behave like SCB's areas, for the fictional datasets.

Irregular outlines (:func:`irregular_blob`), well-spaced seeds
(:func:`sample_points`), Voronoi cells, and :func:`nested_partition`, which
tiles a region into small areas nested exactly in larger ones: no gaps or
overlaps (a lake is a hole), exact shared borders, one polygon per area where
the land allows (:func:`make_groups_contiguous`).  Coordinates are metres.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Polygon

#: Coordinates are snapped to whole metres so that neighbours share exact vertices.
GRID_SIZE = 1.0


def irregular_blob(centre: tuple[float, float], radius_x: float, radius_y: float,
                   rng: np.random.Generator, roughness: float = 0.12,
                   n_vertices: int = 120) -> Polygon:
    """Return an irregular, star-shaped polygon around ``centre``.

    The radius is an ellipse's, modulated by a few random harmonics, so the
    outline looks like a municipal border or a lake shore rather than a
    circle.

    Parameters
    ----------
    centre : tuple of float
        Centre (x, y) in metres.
    radius_x, radius_y : float
        Semi-axes of the underlying ellipse in metres.
    rng : numpy.random.Generator
        Source of the harmonics' amplitudes and phases.
    roughness : float
        Relative amplitude of the harmonics; keep below about 0.3 so the
        radius stays positive and the polygon simple.
    n_vertices : int
        Number of vertices.

    Returns
    -------
    shapely.Polygon
    """
    angle = np.linspace(0.0, 2.0 * np.pi, n_vertices, endpoint=False)
    factor = np.ones_like(angle)
    for harmonic in range(2, 7):
        amplitude = rng.uniform(0.3, 1.0) * roughness / (harmonic - 1)
        factor += amplitude * np.cos(harmonic * angle + rng.uniform(0.0, 2.0 * np.pi))
    x = centre[0] + radius_x * factor * np.cos(angle)
    y = centre[1] + radius_y * factor * np.sin(angle)
    return Polygon(np.column_stack([x, y]))


def well_spaced(xy: np.ndarray, min_distance: float) -> np.ndarray:
    """Return the indices of points in ``xy`` that keep ``min_distance`` apart.

    A point is dropped when an earlier point lies closer than
    ``min_distance``.  Near-coincident Voronoi seeds would give cells a few
    metres wide that collapse when snapped to the metre grid.
    """
    points = shapely.points(xy)
    first, second = shapely.STRtree(points).query(points, predicate="dwithin", distance=min_distance)
    too_close = np.zeros(len(xy), dtype=bool)
    too_close[second[first < second]] = True
    return np.flatnonzero(~too_close)


def sample_points(polygon, n: int, rng: np.random.Generator, min_distance: float) -> np.ndarray:
    """Draw ``n`` points inside ``polygon``, at least about ``min_distance`` apart.

    Rejection sampling from the bounding box; the spacing is relaxed when the
    polygon is too small to hold ``n`` points that far apart.

    Returns
    -------
    numpy.ndarray
        Array of shape ``(n, 2)``.
    """
    inner = polygon.buffer(-min_distance / 2.0)
    if inner.is_empty:
        inner = polygon
    xmin, ymin, xmax, ymax = inner.bounds
    while True:
        candidates = rng.uniform((xmin, ymin), (xmax, ymax), size=(40 * n + 40, 2))
        candidates = candidates[shapely.contains_xy(inner, candidates[:, 0], candidates[:, 1])]
        kept = candidates[well_spaced(candidates, min_distance)]
        if len(kept) >= n:
            return kept[:n]
        min_distance *= 0.8


def voronoi_cells(region, seeds_xy: np.ndarray) -> np.ndarray:
    """Voronoi cells of ``seeds_xy`` (in seed order) clipped to ``region``."""
    cells = shapely.voronoi_polygons(MultiPoint(seeds_xy), extend_to=region, ordered=True)
    return shapely.intersection(shapely.get_parts(cells), region)


def dissolve_groups(units: np.ndarray, labels: np.ndarray, n_groups: int) -> np.ndarray:
    """Union the polygons ``units`` by integer ``labels`` into ``n_groups`` polygons.

    The units must form a coverage (exact shared borders); their union is
    then a cheap coverage union that keeps every shared vertex, so the
    groups form a valid coverage too.  Group ``k`` is empty when no unit
    has label ``k``.
    """
    order = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[order], np.arange(n_groups + 1))
    groups = np.empty(n_groups, dtype=object)
    for group in range(n_groups):
        members = units[order[starts[group]:starts[group + 1]]]
        groups[group] = shapely.coverage_union_all(members) if len(members) else Polygon()
    return groups


def make_groups_contiguous(units: np.ndarray, labels: np.ndarray, n_groups: int,
                           max_rounds: int = 4) -> np.ndarray:
    """Relabel units so that every group is one connected polygon where possible.

    A lake or a bend in the outline can cut a Voronoi cell in two.  The
    smaller pieces of such a group are handed to the neighbouring group
    they share the longest border with, so areas stay single polygons as
    SCB's almost always are.

    Parameters
    ----------
    units : numpy.ndarray of shapely.Polygon
        Polygons forming a coverage.
    labels : numpy.ndarray of int
        Group of each unit.
    n_groups : int
        Number of groups.
    max_rounds : int
        Passes at most; a pass can create a new split only rarely.

    Returns
    -------
    numpy.ndarray of int
        New labels (the input is not modified).
    """
    labels = labels.copy()
    tree = shapely.STRtree(units)
    inside_points = shapely.point_on_surface(units)
    for _ in range(max_rounds):
        groups = dissolve_groups(units, labels, n_groups)
        split = np.flatnonzero(shapely.get_num_geometries(groups) > 1)
        changed = False
        for group in split:
            parts = shapely.get_parts(groups[group])
            for part in parts[np.argsort(-shapely.area(parts))[1:]]:
                members = np.flatnonzero((labels == group) & shapely.contains(part, inside_points))
                touching = tree.query(part, predicate="intersects")
                touching = touching[labels[touching] != group]
                shared = shapely.length(shapely.intersection(part.boundary, shapely.boundary(units[touching])))
                if not len(touching) or shared.max() <= 0:
                    continue  # an island: nothing to merge it with
                per_label = pd.Series(shared).groupby(labels[touching]).sum()
                labels[members] = int(per_label.idxmax())
                changed = True
        if not changed:
            break
    return labels


def _nearest_within_group(points_xy: np.ndarray, point_group: np.ndarray,
                          seeds_xy: np.ndarray, seed_group: np.ndarray) -> np.ndarray:
    """For each point, the index of the nearest seed of the same group."""
    nearest = np.empty(len(points_xy), dtype=np.int64)
    for group in np.unique(point_group):
        points = np.flatnonzero(point_group == group)
        seeds = np.flatnonzero(seed_group == group)
        distance = ((points_xy[points, None, :] - seeds_xy[None, seeds, :]) ** 2).sum(axis=-1)
        nearest[points] = seeds[distance.argmin(axis=1)]
    return nearest


def nested_partition(region, parent_xy: np.ndarray, child_xy: np.ndarray,
                     child_parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tile ``region`` into child polygons nested exactly in parent polygons.

    Parents are the Voronoi cells of ``parent_xy``; each parent is divided
    into the Voronoi cells of its own children.  All borders (region
    outline, holes, parent and child cell edges) are noded together once
    with snap rounding to :data:`GRID_SIZE`, and the faces of that planar
    graph are assigned to children.  Because every area is a union of the
    same faces, neighbours share identical vertices: the children form a
    valid coverage, and so do parents built as unions of their children.

    Parameters
    ----------
    region : shapely.Polygon
        Land to tile; interior rings (lakes) stay uncovered.
    parent_xy : numpy.ndarray
        Parent seeds, shape ``(n_parents, 2)``.
    child_xy : numpy.ndarray
        Child seeds, shape ``(n_children, 2)``; each must lie in its
        parent's Voronoi cell.
    child_parent : numpy.ndarray of int
        Parent index of each child.

    Returns
    -------
    child_polygons : numpy.ndarray of shapely geometries
        One per child, in input order.
    child_parent : numpy.ndarray of int
        Parent of each child; differs from the input only where a child was
        cut off from its parent (by a lake) and moved to a neighbour.
    """
    n_parents, n_children = len(parent_xy), len(child_xy)
    parent_cells = voronoi_cells(region, parent_xy)
    child_groups = np.array([MultiPoint(child_xy[child_parent == p]) for p in range(n_parents)], dtype=object)
    child_edges = shapely.voronoi_polygons(child_groups, extend_to=parent_cells, only_edges=True)
    parent_edges = shapely.voronoi_polygons(MultiPoint(parent_xy), extend_to=region, only_edges=True)
    lines = np.concatenate([[region.boundary, shapely.intersection(parent_edges, region)],
                            shapely.intersection(child_edges, parent_cells)])
    noded = shapely.union_all(lines, grid_size=GRID_SIZE)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    inside = shapely.point_on_surface(faces)
    on_land = shapely.contains(region, inside)
    faces, inside = faces[on_land], inside[on_land]

    face_xy = shapely.get_coordinates(inside)
    face_index, nearest_parent = shapely.STRtree(shapely.points(parent_xy)).query_nearest(
        inside, all_matches=False)
    face_parent = np.empty(len(faces), dtype=np.int64)
    face_parent[face_index] = nearest_parent
    face_child = _nearest_within_group(face_xy, face_parent, child_xy, child_parent)

    face_child = make_groups_contiguous(faces, face_child, n_children)
    children = dissolve_groups(faces, face_child, n_children)
    if shapely.is_empty(children).any():
        raise RuntimeError("a child seed got no land; seeds are too close to each other or the shore")
    child_parent = make_groups_contiguous(children, child_parent, n_parents)
    return children, child_parent
