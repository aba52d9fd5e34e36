"""Borders of real weight in the synthetic benchmark data (geodata.demo.borders).

What a benchmark would get wrong if these broke: polygons as light as the
old seven-vertex cells (a flattering benchmark), neighbours whose shared
border differs by a hair (slivers and overlaps the coverage simplification
turns into gaps), rings that cross themselves, or a dataset that differs
between two machines.
"""

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon

from geodata.demo import build_synthetic
from geodata.demo.borders import DisplacementField, densify_ring, roughen_coverage
from geodata.demo.geometry import nested_partition, well_spaced
from geodata.demo.synthetic import BORDER_ROUGHNESS, BORDER_SCALES, BORDER_SPACING


@pytest.fixture(scope="module")
def synthetic():
    return build_synthetic(n_areas=300)


@pytest.fixture(scope="module")
def field():
    return DisplacementField.fractal(np.random.default_rng(5), *BORDER_SCALES, roughness=BORDER_ROUGHNESS)


def test_a_shared_segment_gets_the_same_points_from_both_sides():
    # Two triangles sharing the edge (0, 0)-(1000, 7): one runs along it, the other against it.
    left = np.array([[0.0, 0.0], [1000.0, 7.0], [500.0, 900.0], [0.0, 0.0]])
    right = np.array([[1000.0, 7.0], [0.0, 0.0], [500.0, -900.0], [1000.0, 7.0]])
    a, b = densify_ring(left, 60.0), densify_ring(right, 60.0)
    shared_a = a[:np.flatnonzero((a == [1000.0, 7.0]).all(axis=1))[0] + 1]
    shared_b = b[:np.flatnonzero((b == [0.0, 0.0]).all(axis=1))[0] + 1][::-1]
    assert len(shared_a) == 18, "1000 m in pieces of at most 60 m: 17 pieces"
    assert shared_a.tobytes() == shared_b.tobytes(), "bit for bit, not merely close"
    steps = np.hypot(*np.diff(a, axis=0).T)
    assert steps.max() <= 60.0
    assert (a[[0, -1]] == left[[0, -1]]).all() and [1000.0, 7.0] in a.tolist(), "original vertices kept exactly"


def test_the_field_is_smooth_deterministic_and_bounded(field):
    xy = np.random.default_rng(1).uniform((400_000, 6_500_000), (700_000, 7_000_000), (20_000, 2))
    moved = field(xy)
    assert np.array_equal(moved, field(xy.copy())), "a function of position only"
    # Each octave moves a point by at most its amplitude along x and along y.
    assert np.hypot(*moved.T).max() <= np.sqrt(2) * field.amplitudes.sum()
    assert np.abs(moved).max() > 20, "borders visibly wander"
    step = 0.5
    slope = np.hypot(*(field(xy + [step, 0.0]) - moved).T) / step
    assert slope.max() < 1.0, "steeper than 1 could fold the plane"


def test_the_same_field_parameters_give_the_same_bits(field):
    again = DisplacementField.fractal(np.random.default_rng(5), *BORDER_SCALES, roughness=BORDER_ROUGHNESS)
    xy = np.array([[560_123.25, 6_750_987.5], [0.0, 0.0], [-12_345.0, 7_654_321.0]])
    assert field(xy).tobytes() == again(xy).tobytes()


def test_roughening_keeps_a_coverage_without_gaps_or_overlaps(field):
    rng = np.random.default_rng(3)
    region = Polygon([(0, 0), (20_000, 0), (20_000, 15_000), (0, 15_000)],
                     [[(8_000, 6_000), (11_000, 6_000), (11_000, 8_000), (8_000, 8_000)]])
    child_xy = rng.uniform((300, 300), (19_700, 14_700), (150, 2))
    child_xy = child_xy[~shapely.contains_xy(Polygon(region.interiors[0]).buffer(300), *child_xy.T)]
    child_xy = child_xy[well_spaced(child_xy, 400.0)]
    parent_xy = child_xy[:12]
    _, child_parent = shapely.STRtree(shapely.points(parent_xy)).query_nearest(shapely.points(child_xy),
                                                                               all_matches=False)
    cells, _ = nested_partition(region, parent_xy, child_xy, child_parent)
    rough = roughen_coverage(cells, field, BORDER_SPACING)
    assert shapely.is_valid(rough).all()
    assert shapely.coverage_is_valid(rough)
    assert shapely.is_empty(shapely.coverage_invalid_edges(rough)).all()
    union = shapely.coverage_union_all(rough)
    assert union.geom_type == "Polygon" and len(union.interiors) == 1, "one hole, the lake; no gap"
    assert abs(union.area - region.area) / region.area < 0.01, "moved, not shrunk or grown"
    assert shapely.get_num_coordinates(rough).sum() > 8 * shapely.get_num_coordinates(cells).sum()


def test_a_field_too_steep_for_the_areas_is_refused():
    square = np.array([Polygon([(0, 0), (100, 0), (100, 100), (0, 100)]),
                       Polygon([(100, 0), (200, 0), (200, 100), (100, 100)])], dtype=object)
    steep = DisplacementField.fractal(np.random.default_rng(2), 40.0, 10.0, roughness=2.0)
    with pytest.raises(ValueError, match="folded"):
        roughen_coverage(square, steep, 5.0)


def test_synthetic_areas_are_a_valid_nested_coverage(synthetic):
    for level in ("deso", "regso", "kommun"):
        geoms = synthetic.areas[level].geometry.values
        assert set(shapely.get_type_id(geoms)) == {3}, f"{level}: one Polygon per area"
        assert shapely.is_valid(geoms).all(), level
        assert shapely.coverage_is_valid(geoms), level
        assert shapely.is_empty(shapely.coverage_invalid_edges(geoms)).all(), level
    deso, regso = synthetic.areas["deso"], synthetic.areas["regso"]
    dissolved = deso.dissolve("parent_id").geometry.loc[regso["area_id"]].values
    assert shapely.area(shapely.symmetric_difference(dissolved, regso.geometry.values)).max() < 1.0


def test_synthetic_borders_have_real_weight(synthetic):
    """Vertices as dense along a border as SCB's (a vertex every 40 m in Göteborgsregionen's DeSO)."""
    deso = synthetic.areas["deso"].geometry.values
    coords = shapely.get_coordinates(deso)
    assert len(coords) / shapely.length(deso).sum() > 1 / 80, "at least a vertex per 80 m of border"
    assert shapely.get_num_coordinates(deso).min() > 50


def test_national_size_has_the_vertex_counts_of_real_deso():
    """6,000 areas: median and mean vertices near SCB's full-resolution DeSO (142 and 247)."""
    deso = build_synthetic(n_areas=6000).areas["deso"].geometry.values
    counts = shapely.get_num_coordinates(deso)
    assert 110 <= np.median(counts) <= 180
    assert 180 <= counts.mean() <= 300
