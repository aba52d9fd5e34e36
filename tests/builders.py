"""Small datasets built in code, for tests that need full control of the data."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from geodata.model import (HIGHER_IS_WORSE, STATUS_MISSING, STATUS_SUPPRESSED, Dataset,
                           DatasetMeta, Indicator, Level)

HOSTILE_NAME = '<img src=x onerror="window.__xss=1">Söder'


def grid_dataset(name: str = "grid", n: int = 4, years=(2020, 2021, 2022), hostile: bool = False,
                 title: str = "Rutstad") -> Dataset:
    """``n × n`` square districts in SWEREF 99 TM with one share indicator.

    Values rise with the district number and the year; district ``d01`` is
    suppressed in the first year and ``d02`` missing in the last, so every
    status appears.  With ``hostile`` the second district's name is markup.
    """
    size = 1000.0
    ids, names, geoms = [], [], []
    for i in range(n * n):
        row, col = divmod(i, n)
        x0, y0 = 500000 + col * size, 6600000 + row * size
        ids.append(f"d{i:02d}")
        names.append(f"Distrikt {i}")
        geoms.append(box(x0, y0, x0 + size, y0 + size))
    if hostile:
        names[1] = HOSTILE_NAME
    areas = gpd.GeoDataFrame({"area_id": ids, "name": names, "parent_id": None, "edition": None},
                             geometry=geoms, crs="EPSG:3006")
    rows = []
    for y_i, year in enumerate(years):
        for i, area_id in enumerate(ids):
            value, status = 10.0 + i + y_i * 2.0, "ok"
            if area_id == "d01" and y_i == 0:
                value, status = np.nan, STATUS_SUPPRESSED
            if area_id == "d02" and y_i == len(years) - 1:
                value, status = np.nan, STATUS_MISSING
            rows.append({"level": "district", "area_id": area_id, "indicator": "lowinc", "year": year,
                         "value": value, "status": status})
    meta = DatasetMeta(
        name=name, title={"sv": title, "en": "Grid town"}, fictional=True,
        levels=(Level("district", {"sv": "Stadsdel", "en": "District"}),),
        indicators=(Indicator("lowinc", {"sv": "Låg ekonomisk standard", "en": "Low economic standard"},
                              unit={"sv": "%", "en": "%"}, polarity=HIGHER_IS_WORSE,
                              definition={"sv": "Andel med låg ekonomisk standard.",
                                          "en": "Share with low economic standard."}),),
        sources=({"name": "Test"},), licence="CC0 1.0")
    return Dataset(meta, {"district": areas}, pd.DataFrame(rows))


#: The view the browser holds for :func:`grid_dataset`'s default map (``View.to_json``).
GRID_VIEW = {"dataset": "grid", "lang": "sv", "level": "district", "indicator": "lowinc", "year": 2022,
             "scheme": "quantiles", "k": 5, "areas": [], "mode": "map", "year_b": None, "indicator_b": None,
             "level_b": None, "at": None}
#: The area panel callback as the browser sends it when district d05 is clicked on that map.
AREA_CALLBACK = {"output": "area-panel.children", "outputs": {"id": "area-panel", "property": "children"},
                 "inputs": [{"id": "area-search", "property": "value", "value": ["d05"]},
                            {"id": "view-state", "property": "data", "value": GRID_VIEW}],
                 "changedPropIds": ["area-search.value"], "state": []}
