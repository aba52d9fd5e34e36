"""From fictional polygons and values to a dataset: codes, levels, names and metadata.

Shared by the demo municipality and the synthetic benchmark data: small
areas are coded like SCB's DeSO and RegSO, dissolved into their parents and
wrapped with metadata that says, everywhere, that they are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model import Dataset, DatasetMeta, Indicator, Level, normalise_dataset
from .geometry import dissolve_groups
from .indicators import FICTIONAL_SOURCE, LICENCE, IndicatorModel
from .simulation import AreaLevel

#: SWEREF 99 TM, the CRS SCB publishes its polygons in; the geometry works in its metres.
CRS = "EPSG:3006"
#: Fixed so that two builds are identical (a timestamp would differ).
CREATED = "2025-01-15"
AREA_EDITION = "Exempel2024"


def _single_parts(polygons: np.ndarray) -> np.ndarray:
    """Turn one-part MultiPolygons into Polygons (so readers see the simple type)."""
    out = polygons.copy()
    single = (shapely.get_type_id(out) == 6) & (shapely.get_num_geometries(out) == 1)
    out[single] = shapely.get_geometry(out[single], 0)
    return out


def area_frame(ids, names, parent_ids, polygons) -> gpd.GeoDataFrame:
    """Assemble one level's areas in the model's columns."""
    return gpd.GeoDataFrame(
        {"area_id": list(ids), "name": list(names), "parent_id": list(parent_ids),
         "edition": AREA_EDITION},
        geometry=list(_single_parts(np.asarray(polygons, dtype=object))), crs=CRS)


def area_codes(parent_kommun: np.ndarray, child_parent: np.ndarray, settlement: np.ndarray,
               step: int) -> tuple[list[str], list[str]]:
    """SCB-style codes for RegSO-like parents and DeSO-like children.

    Parents become ``<kommun>R<3 digits>`` numbered in index order within
    their kommun; children ``<kommun><A|B|C><4 digits>``, numbered in index
    order per kommun and settlement type ("A" rural, "B" other town, "C"
    central town), ``step`` apart to leave gaps as SCB's codes do.

    Returns
    -------
    parent_codes, child_codes : list of str
    """
    parent_codes, per_kommun = [], {}
    for kommun in parent_kommun:
        per_kommun[kommun] = per_kommun.get(kommun, 0) + 1
        parent_codes.append(f"{kommun}R{per_kommun[kommun]:03d}")
    child_codes, counters = [], {}
    for parent, letter in zip(child_parent, settlement):
        key = (parent_kommun[parent], letter)
        counters[key] = counters.get(key, 0) + step
        child_codes.append(f"{key[0]}{letter}{counters[key]:04d}")
    return parent_codes, child_codes


@dataclass(frozen=True)
class Hierarchy:
    """DeSO, RegSO and kommun areas of a fictional dataset, nested by construction.

    ``levels`` maps DeSO-level arrays to every level for
    :func:`~geodata.demo.simulation.simulate_values`; ``centres`` are the DeSO centroids.
    """

    areas: dict[str, gpd.GeoDataFrame]
    levels: list[AreaLevel]
    centres: np.ndarray
    regso_centres: np.ndarray


def build_hierarchy(children: np.ndarray, child_parent: np.ndarray, settlement: np.ndarray,
                    parent_kommun: np.ndarray, names: dict[str, list[str]], step: int) -> Hierarchy:
    """Code, name and dissolve small areas into the three levels of a dataset.

    Parameters
    ----------
    children : numpy.ndarray of shapely geometries
        DeSO polygons, already in code order.
    child_parent : numpy.ndarray of int
        RegSO index of each DeSO.
    settlement : numpy.ndarray of str
        "A", "B" or "C" per DeSO (the letter in its code).
    parent_kommun : numpy.ndarray of str
        Kommun code of each RegSO.
    names : dict
        ``"regso"`` and ``"kommun"`` names (kommun names in order of first
        appearance in ``parent_kommun``); ``"deso"`` names, or absent to
        name DeSO after their codes.
    step : int
        Gap between DeSO code numbers.
    """
    regso_codes, deso_codes = area_codes(parent_kommun, child_parent, settlement, step)
    kommun_codes, regso_kommun = np.unique(parent_kommun, return_inverse=True)
    regso_polygons = dissolve_groups(children, child_parent, len(regso_codes))
    kommun_polygons = dissolve_groups(regso_polygons, regso_kommun, len(kommun_codes))
    areas = {
        "deso": area_frame(deso_codes, names.get("deso", deso_codes),
                           [regso_codes[p] for p in child_parent], children),
        "regso": area_frame(regso_codes, names["regso"], parent_kommun, regso_polygons),
        "kommun": area_frame(kommun_codes, names["kommun"], [None] * len(kommun_codes), kommun_polygons),
    }
    levels = [AreaLevel("deso", deso_codes), AreaLevel("regso", regso_codes, child_parent),
              AreaLevel("kommun", list(kommun_codes), regso_kommun[child_parent])]
    return Hierarchy(areas=areas, levels=levels,
                     centres=shapely.get_coordinates(shapely.centroid(children)),
                     regso_centres=shapely.get_coordinates(shapely.centroid(regso_polygons)))


def _levels(with_nation: bool) -> tuple[Level, ...]:
    levels = (
        Level("deso", {"sv": "DeSO-område (fiktivt)", "en": "DeSO area (fictional)"},
              parent="regso", code_system="deso"),
        Level("regso", {"sv": "RegSO-område (fiktivt)", "en": "RegSO area (fictional)"},
              parent="kommun", code_system="regso"),
        Level("kommun", {"sv": "Kommun (fiktiv)", "en": "Municipality (fictional)"},
              code_system="kommun", mappable=False),
    )
    if with_nation:
        levels += (Level("riket", {"sv": "Riket (fiktiv serie)", "en": "Sweden (fictional series)"},
                         mappable=False),)
    return levels


def fictional_dataset(name: str, title: dict[str, str], description: dict[str, str],
                      hierarchy: Hierarchy, models: list[IndicatorModel], values: pd.DataFrame,
                      with_nation: bool, extra_indicators: tuple[Indicator, ...] = (),
                      group_pairs: tuple[dict, ...] = ()) -> Dataset:
    """Wrap fictional areas and values in a normalised :class:`Dataset`.

    The first kommun is the municipality and the reference area.
    ``extra_indicators`` describe values that were derived rather than
    simulated (the demo's area type); ``group_pairs`` name the pairs of
    groups whose segregation is measured.
    """
    kommun = hierarchy.areas["kommun"].iloc[0]
    meta = DatasetMeta(
        name=name, title=title, description=description,
        levels=_levels(with_nation), indicators=tuple(m.indicator for m in models) + tuple(extra_indicators),
        fictional=True, municipality={"code": kommun["area_id"], "name": kommun["name"]},
        sources=({"name": dict(FICTIONAL_SOURCE), "licence": LICENCE},), licence=LICENCE,
        created=CREATED, reference={"level": "kommun", "area_id": kommun["area_id"]},
        group_pairs=tuple(group_pairs),
    )
    return normalise_dataset(Dataset(meta, hierarchy.areas, values))


def order_children(child_parent: np.ndarray, child_xy: np.ndarray) -> np.ndarray:
    """Order small areas by parent, then north to south, so codes run in a readable order."""
    return np.lexsort((child_xy[:, 0], -child_xy[:, 1], child_parent))

