"""Geometry for the browser: simplified as a coverage, in WGS 84, compact.

Districts share borders.  Simplifying each polygon on its own opens slivers
between neighbours, so the whole level is simplified at once with
:func:`shapely.coverage_simplify`, which moves a shared border once for both
sides.  That needs a clean coverage, which real files seldom are, so the
polygons are cleaned first (:func:`geodata.boundaries.clean_coverage`:
overlaps given to one neighbour, gaps narrower than the simplification
tolerance closed).  Coordinates are then rounded to 5 decimals (about 1 m),
far below what a screen shows and roughly half the bytes, in a way that keeps
every polygon valid and the coverage free of overlaps
(:func:`geodata.boundaries.round_coverage`).

What the browser gets is therefore a valid coverage: no invalid ring, no
overlap above :data:`geodata.boundaries.WEB_OVERLAP_TOLERANCE` and no gap
narrower than the tolerance (2–40 m, :func:`default_tolerance`); wider gaps
are the source's own and are reported at ingest.
"""

from __future__ import annotations

import gzip
import json
import logging

import geopandas as gpd
import numpy as np
import shapely

from . import boundaries

WEB_CRS = "EPSG:4326"
SWEREF99TM = "EPSG:3006"
COORD_DECIMALS = 5

logger = logging.getLogger(__name__)


def _metric(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if frame.crs is None:
        raise ValueError("areas have no CRS")
    if frame.crs.is_projected:
        return frame
    try:
        return frame.to_crs(frame.estimate_utm_crs())
    except RuntimeError:  # no UTM zone fits: fall back to Sweden's own grid
        return frame.to_crs(SWEREF99TM)


def default_tolerance(frame_metric: gpd.GeoDataFrame) -> float:
    """A tolerance in metres that keeps small districts recognisable.

    One per cent of the median district's width, between 2 and 40 m: DeSO in
    a city centre are a few hundred metres across, rural ones tens of km.
    """
    widths = np.sqrt(frame_metric.area.to_numpy())
    if widths.size == 0:
        return 2.0
    return float(np.clip(np.median(widths) * 0.01, 2.0, 40.0))


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance: float | None = None) -> gpd.GeoSeries:
    """Simplified geometries of ``frame`` in WGS 84, borders kept shared.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The level's polygons, in any CRS.
    tolerance : float, optional
        Simplification tolerance in metres; :func:`default_tolerance` when
        not given.  Gaps between areas narrower than it are closed.

    Returns
    -------
    geopandas.GeoSeries
        One valid geometry per row of ``frame``, in WGS 84, rounded to
        :data:`COORD_DECIMALS` places, together a coverage without overlaps.
    """
    metric = _metric(frame)
    tol = default_tolerance(metric) if tolerance is None else tolerance
    source = boundaries.polygonal(metric.geometry.to_numpy())
    clean = boundaries.is_coverage(source)
    geoms = source if clean else boundaries.clean_coverage(source, gap_width=tol)
    simplified = shapely.coverage_simplify(geoms, tol, simplify_boundary=True)
    # Simplification may in rare cases collapse a tiny polygon; keep the original.
    empty = shapely.is_empty(simplified)
    simplified[empty] = geoms[empty]
    if not clean:
        # Simplifying the two sides of a wide gap separately can narrow it to
        # a sliver a metre wide; close those too.
        simplified = boundaries.clean_coverage(simplified, gap_width=tol, snapping_distance=0)
    web = gpd.GeoSeries(simplified, crs=metric.crs).to_crs(WEB_CRS)
    rounded = boundaries.round_coverage(web.to_numpy(), COORD_DECIMALS)
    return gpd.GeoSeries(rounded, index=frame.index, crs=WEB_CRS)


def label_points(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Where each area's name goes on the map, and how much room it has there.

    The point is the pole of inaccessibility of the area's *original*
    polygon, computed in metres (:func:`shapely.maximum_inscribed_circle`,
    the algorithm of ``shapely.ops.polylabel``, vectorised): the point inside
    it farthest from its border, which a centroid is not for a crescent or a
    ring; for a multipolygon, in whichever part has most room.  Points come
    back in WGS 84 as ``[[lon, lat], ...]`` rounded to :data:`COORD_DECIMALS`,
    with the radius of that largest inscribed circle in whole metres (at least
    1; 0 for an area with nothing polygonal, which gets no label): the
    browser draws a name only where its district has room for it, larger
    rooms first.
    """
    metric = _metric(frame)
    geoms = boundaries.polygonal(metric.geometry.to_numpy())
    empty = shapely.is_empty(geoms)
    # Within 2 % of the polygon's width of the best point (a few metres in a city): 1.4 s for
    # 6,000 synthetic DeSO against 2.3 s at 1 %, and the same room within half a per cent.
    tolerance = np.maximum(1.0, 0.02 * np.sqrt(shapely.area(geoms)))
    circles = shapely.maximum_inscribed_circle(np.where(empty, shapely.box(0, 0, 1, 1), geoms), tolerance)
    web = gpd.GeoSeries(shapely.get_point(circles, 0), crs=metric.crs).to_crs(WEB_CRS)
    lonlat = np.round(np.column_stack([web.x.to_numpy(), web.y.to_numpy()]), COORD_DECIMALS)
    radii = np.where(empty, 0, np.maximum(1, np.round(shapely.length(circles)))).astype(int)
    return lonlat, radii


def feature_collection(frame: gpd.GeoDataFrame, tolerance: float | None = None, labels: bool = True) -> bytes:
    """GeoJSON FeatureCollection bytes with properties ``id``, ``name`` and the label's place.

    ``lp`` is ``[lon, lat]`` of the point where the area's name goes and
    ``lr`` the room around it in metres (:func:`label_points`); ``labels=False``
    leaves both out (the outline has no name to place).  Indicator values never
    travel with the geometry: they change with the year and indicator, the
    geometry does not.
    """
    geoms = simplify_coverage(frame, tolerance)
    geo_json = shapely.to_geojson(geoms.to_numpy())
    lonlat, radii = label_points(frame) if labels else (np.empty((len(frame), 0)), np.zeros(len(frame), dtype=int))
    parts = []
    for area_id, name, geometry, point, radius in zip(frame["area_id"], frame["name"], geo_json, lonlat.tolist(),
                                                      radii.tolist()):
        props = {"id": str(area_id), "name": str(name)}
        if radius > 0:
            props["lp"], props["lr"] = point, radius
        text_ = json.dumps(props, ensure_ascii=False)
        parts.append('{"type":"Feature","properties":%s,"geometry":%s}' % (text_, geometry))
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}").encode("utf-8")


def outline(frame: gpd.GeoDataFrame) -> bytes:
    """The dissolved outer boundary of ``frame`` as a one-feature collection.

    It is the union of ``frame``'s own polygons (gaps narrower than the
    simplification tolerance closed), so it never cuts through an area, and
    it is computed even when the polygons are not perfectly noded.  Should
    every way of uniting them fail, the collection is empty (logged): the map
    draws no boundary rather than answer 500.
    """
    metric = _metric(frame)
    try:
        merged = boundaries.union(metric.geometry.to_numpy(), gap_width=default_tolerance(metric))
    except ValueError:
        # The map works without its outline; a page must never fail for it.
        logger.exception("no outline: the polygons could not be united")
        return b'{"type":"FeatureCollection","features":[]}'
    single = gpd.GeoDataFrame({"area_id": ["outline"], "name": [""]}, geometry=[merged], crs=metric.crs)
    return feature_collection(single, tolerance=default_tolerance(metric), labels=False)


def bounds(frame: gpd.GeoDataFrame) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of ``frame`` in WGS 84, for Leaflet."""
    west, south, east, north = frame.to_crs(WEB_CRS).total_bounds
    return [[round(float(south), 5), round(float(west), 5)], [round(float(north), 5), round(float(east), 5)]]


def gzipped(payload: bytes) -> bytes:
    """Gzip at a fixed mtime so equal payloads give equal bytes (and ETags)."""
    return gzip.compress(payload, compresslevel=9, mtime=0)
