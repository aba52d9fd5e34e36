"""DeSO and RegSO polygons from SCB's WFS (GeoServer), one kommun at a time."""

from __future__ import annotations

import io
from urllib.parse import quote

import geopandas as gpd

from .pxweb import Answer, HttpFetcher

WFS_BASE = "https://geodata.scb.se/geoserver/stat/ows"

#: Polygon layers by (level, edition).  DeSO 2018 goes with RegSO 2020: SCB
#: calls the pair "the 2018/2020 edition" and the 2025 pair "2025".
LAYERS = {
    ("deso", "2025"): "stat:DeSO_2025",
    ("regso", "2025"): "stat:RegSO_2025",
    ("deso", "2018"): "stat:DeSO_2018",
    ("regso", "2018"): "stat:RegSO_2020",
}
#: The edition name recorded for the polygons of each layer.
LAYER_EDITION = {
    "stat:DeSO_2025": "DeSO2025", "stat:RegSO_2025": "RegSO2025",
    "stat:DeSO_2018": "DeSO2018", "stat:RegSO_2020": "RegSO2020",
}


def wfs_url(layer: str, kommun: str, base: str = WFS_BASE) -> str:
    """GetFeature URL for the polygons of ``layer`` in one kommun, as GeoJSON in WGS 84."""
    cql = quote(f"kommunkod='{kommun}'", safe="'")
    return (f"{base}?service=WFS&version=2.0.0&request=GetFeature&typeNames={layer}"
            f"&outputFormat=application/json&srsName=EPSG:4326&cql_filter={cql}")


def read_features(answer: Answer) -> gpd.GeoDataFrame:
    """Parse a GeoJSON answer; SCB's start with a BOM that GDAL does not accept."""
    body = answer.body
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    return gpd.read_file(io.BytesIO(body))


def fetch_layer(fetcher: HttpFetcher, layer: str, kommun: str, base: str = WFS_BASE
                ) -> tuple[gpd.GeoDataFrame, Answer]:
    answer = fetcher.get(wfs_url(layer, kommun, base), layer)
    return read_features(answer), answer
