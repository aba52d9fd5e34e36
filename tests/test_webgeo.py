"""Browser geometry: coverage simplification keeps neighbours touching."""

import json

import geopandas as gpd
import pytest
import shapely

from geodata import boundaries, webgeo

from .builders import grid_dataset
from .real_polygons import POLYGON_SETS, load_areas


def _karlstad(shared_data, layer):
    return gpd.read_file(shared_data / "karlstad-scb" / "derived" / "karlstad_deso_regso_2025_sweref99tm.gpkg",
                         layer=layer)


def test_karlstad_deso_simplified_as_a_coverage_without_gaps(shared_data):
    deso = _karlstad(shared_data, "deso_2025").rename(columns={"desokod": "area_id"})
    simplified = webgeo.simplify_coverage(deso)
    assert simplified.crs.to_epsg() == 4326
    assert len(simplified) == 57
    assert shapely.is_valid(simplified.to_numpy()).all()
    # Neighbours still meet: no gap wider than rounding opens between them.
    metric = simplified.to_crs(3006)
    union = shapely.coverage_union_all(metric.to_numpy())
    holes_before = shapely.get_num_interior_rings(shapely.coverage_union_all(deso.geometry.to_numpy()))
    assert shapely.get_num_interior_rings(union) <= holes_before
    # And it is much smaller than the source.
    before = shapely.get_num_coordinates(deso.geometry.to_numpy()).sum()
    after = shapely.get_num_coordinates(simplified.to_numpy()).sum()
    assert after < before * 0.5


def test_feature_collection_carries_only_id_name_and_label_point(shared_data):
    regso = _karlstad(shared_data, "regso_2025").rename(columns={"regsokod": "area_id", "regsonamn": "name"})
    collection = json.loads(webgeo.feature_collection(regso))
    assert len(collection["features"]) == 31
    first = collection["features"][0]
    assert set(first["properties"]) == {"id", "name", "lp", "lr"}
    assert first["properties"]["id"] == regso["area_id"].iloc[0]
    lon, lat = first["geometry"]["coordinates"][0][0][:2] if first["geometry"]["type"] == "Polygon" \
        else first["geometry"]["coordinates"][0][0][0][:2]
    assert 13 < lon < 14 and 59 < lat < 60, "Karlstad lies near 13.5 E, 59.4 N"


def test_label_points_lie_inside_the_original_polygons_with_the_room_around_them(shared_data):
    regso = _karlstad(shared_data, "regso_2025").rename(columns={"regsokod": "area_id", "regsonamn": "name"})
    features = json.loads(webgeo.feature_collection(regso))["features"]
    metric = regso.to_crs(3006)
    points = gpd.GeoSeries(gpd.points_from_xy([f["properties"]["lp"][0] for f in features],
                                              [f["properties"]["lp"][1] for f in features]), crs=4326).to_crs(3006)
    for feature, point, polygon in zip(features, points, metric.geometry):
        lon, lat = feature["properties"]["lp"]
        assert (round(lon, 5), round(lat, 5)) == (lon, lat), "5 decimals"
        assert polygon.contains(point), feature["properties"]["name"]
        # lr is the distance to the border, in whole metres (within the 5-decimal rounding of the point).
        assert abs(polygon.boundary.distance(point) - feature["properties"]["lr"]) <= 2
        # Better than the centroid whenever the centroid has less room.
        assert feature["properties"]["lr"] >= polygon.boundary.distance(polygon.centroid) - 2 \
            or not polygon.contains(polygon.centroid)


def test_label_room_is_widest_for_the_pole_of_inaccessibility():
    # A U shape: its centroid lies in the notch, outside the polygon; the label point is in an arm.
    u_shape = shapely.Polygon([(0, 0), (3000, 0), (3000, 3000), (2000, 3000), (2000, 1000), (1000, 1000),
                               (1000, 3000), (0, 3000)])
    frame = gpd.GeoDataFrame({"area_id": ["u"], "name": ["U"]}, geometry=[u_shape], crs=3006)
    (lon, lat), = webgeo.label_points(frame)[0].tolist()
    point = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs=4326).to_crs(3006).iloc[0]
    assert u_shape.contains(point) and not u_shape.contains(u_shape.centroid)
    # In a corner where an arm meets the base: the circle touching both outer walls and the inner
    # corner has r = sqrt(2) (1000 - r), r = 586 m; a tolerance of 2 % of the width may lose a few.
    assert 570 <= webgeo.label_points(frame)[1][0] <= 586


def test_outline_is_one_feature_and_bounds_are_south_west_first():
    areas = grid_dataset(n=3).areas["district"]
    outline = json.loads(webgeo.outline(areas))
    assert len(outline["features"]) == 1
    assert set(outline["features"][0]["properties"]) == {"id", "name"}, "no name to place on the outline"
    (south, west), (north, east) = webgeo.bounds(areas)
    assert south < north and west < east


def test_gzip_is_deterministic():
    assert webgeo.gzipped(b"abc" * 100) == webgeo.gzipped(b"abc" * 100)


@pytest.mark.parametrize("name", sorted(POLYGON_SETS))
def test_web_geometry_of_every_real_polygon_set_is_a_valid_coverage_after_rounding(shared_data, name):
    # Regression (#12, point 5): after simplification and rounding, SCB's full-resolution
    # Göteborgsregionen DeSO had invalid rings and a 27 m² overlap, the okfse kommuner kept a
    # 0.97 km² overlap and Stockholm's DeSO 2,094 overlaps.
    areas = load_areas(shared_data, name)
    web = webgeo.simplify_coverage(areas)
    geoms = web.to_numpy()
    assert shapely.is_valid(geoms).all(), [shapely.is_valid_reason(g) for g in geoms if not g.is_valid]
    assert not shapely.is_empty(geoms).any()
    # A coverage in the very coordinates the browser draws: no overlaps, borders shared.
    assert shapely.coverage_is_valid(geoms)
    metric = web.to_crs(3006).to_numpy()
    assert boundaries.overlaps(metric, areas["area_id"], min_area=boundaries.WEB_OVERLAP_TOLERANCE) == []
    # No sliver between neighbours: gaps narrower than half the simplification tolerance are closed.
    tolerance = webgeo.default_tolerance(areas.to_crs(3006))
    assert boundaries.gaps(metric, areas["area_id"], max_width=tolerance / 2) == []
