"""Exempelstad, the fictional demo municipality.

About 60 DeSO in 20 RegSO around a lake in central Sweden, with a planned
character per district (affluent lakeside, challenged suburbs, a mill
village, countryside) so that the maps tell a story a planner recognises,
and the gaps real data have: suppressed cells, a DeSO built in 2015, an
ill-health series that starts in 2013.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from ..model import Dataset
from .areatypes import GROUP_PAIRS, INDICATOR as AREA_TYPE_INDICATOR, area_type_rows
from .assembly import Hierarchy, build_hierarchy, fictional_dataset, order_children
from .geometry import irregular_blob, nested_partition, sample_points, voronoi_cells
from .indicators import MODELS, YEARS
from .simulation import SmallAreas, simulate_values, small_areas, smooth_field

DEMO_NAME = "demo"
DEMO_SEED = 2024

DEMO_KOMMUN = "9999"
DEMO_KOMMUN_NAME = "Exempelstad"
#: Town centre in SWEREF 99 TM: inland central Sweden.
TOWN_CENTRE = np.array([450_000.0, 6_600_000.0])
LAKE_CENTRE = TOWN_CENTRE + (5_000.0, 300.0)


@dataclass(frozen=True)
class District:
    """A planned RegSO of the demo: where it lies and what it is like.

    ``x_km``/``y_km`` are offsets from the town centre; ``score`` is the
    latent socioeconomic score (positive = advantaged) in 2011 and
    ``drift`` its change until 2024.
    """

    name: str
    x_km: float
    y_km: float
    settlement: str
    n_deso: int
    score: float
    drift: float


#: A lakeside east with affluent villas, challenged suburbs to the north-west,
#: a mixed centre, an old mill village to the west and countryside around.
DISTRICTS = (
    District("Centrum", 0.0, 0.0, "C", 5, 0.3, 0.2),
    District("Stationsområdet", -1.4, -0.3, "C", 3, -0.3, 0.7),   # gentrifying
    District("Sjöstaden", 2.4, 0.6, "C", 3, 1.0, 0.4),            # new-built harbour
    District("Strandängen", 3.3, -1.7, "C", 3, 1.6, 0.2),
    District("Udden", 3.7, 2.4, "C", 2, 1.9, 0.1),
    District("Ekbacken", 1.2, 2.2, "C", 3, 0.9, 0.0),
    District("Norra Ängen", -0.9, 2.6, "C", 5, -1.7, -0.6),       # falling behind
    District("Västerhöjden", -3.0, 1.0, "C", 4, -1.5, -0.2),
    District("Björkhagen", -2.6, -1.9, "C", 4, -0.6, -0.4),
    District("Söderslätt", 0.6, -2.4, "C", 4, 0.4, 0.0),
    District("Tallbacken", 1.4, -4.6, "C", 3, 0.6, 0.1),
    District("Kyrkbyn", -8.5, -2.5, "B", 4, -0.2, 0.0),
    District("Bruket", -7.8, 1.2, "B", 3, -0.9, -0.3),
    District("Skogsbo", -3.5, 6.5, "A", 2, -0.3, -0.1),
    District("Hagby", 2.5, 7.5, "A", 2, 0.2, 0.0),
    District("Lövnäs", 7.5, 5.5, "A", 2, 0.5, 0.1),
    District("Östanå", 9.0, -2.5, "A", 2, 0.4, 0.0),
    District("Sörby", 3.0, -7.5, "A", 2, 0.0, -0.1),
    District("Mossen", -5.5, -6.8, "A", 2, -0.4, -0.1),
    District("Tallmon", -10.5, 5.0, "A", 2, -0.2, -0.2),
)

DIRECTIONS = ("östra", "nordöstra", "norra", "nordvästra", "västra", "sydvästra", "södra", "sydöstra")


def district_names(parent_names: list[str], parent_centres: np.ndarray, child_parent: np.ndarray,
                   child_centres: np.ndarray) -> list[str]:
    """Name each small area after its parent and its direction from the parent's centre.

    In parents with four or more children the one nearest the centre is
    "centrala"; names that would repeat get a number.
    """
    offset = child_centres - parent_centres[child_parent]
    sector = np.round(np.arctan2(offset[:, 1], offset[:, 0]) / (np.pi / 4)).astype(int) % 8
    names = [f"{parent_names[p]} {DIRECTIONS[s]}" for p, s in zip(child_parent, sector)]
    distance = np.hypot(offset[:, 0], offset[:, 1])
    for parent in np.unique(child_parent):
        members = np.flatnonzero(child_parent == parent)
        if len(members) >= 4:
            names[members[distance[members].argmin()]] = f"{parent_names[parent]} centrala"
    repeated = pd.Series(names)
    number = repeated.groupby(repeated).cumcount() + 1
    return [f"{name} {k}" if (repeated == name).sum() > 1 else name for name, k in zip(names, number)]


def _demo_geometry(rng: np.random.Generator):
    """Plan positions and nested DeSO polygons of Exempelstad, in code order."""
    outline = irregular_blob(TOWN_CENTRE + (-500.0, 500.0), 12_500.0, 10_000.0, rng, roughness=0.2)
    lake = irregular_blob(LAKE_CENTRE, 1_900.0, 1_100.0, rng, roughness=0.25, n_vertices=60)
    region = outline.difference(lake)
    plan_xy = TOWN_CENTRE + 1000.0 * np.array([(d.x_km, d.y_km) for d in DISTRICTS])
    parent_xy = plan_xy + rng.normal(0.0, 150.0, plan_xy.shape)
    cells = voronoi_cells(region, parent_xy)
    child_xy = np.concatenate([
        sample_points(cell, d.n_deso, rng, min_distance=0.6 * np.sqrt(cell.area / d.n_deso))
        for cell, d in zip(cells, DISTRICTS)])
    child_parent = np.repeat(np.arange(len(DISTRICTS)), [d.n_deso for d in DISTRICTS])
    children, child_parent = nested_partition(region, parent_xy, child_xy, child_parent)
    order = order_children(child_parent, shapely.get_coordinates(shapely.centroid(children)))
    return plan_xy, children[order], child_parent[order]


def _demo_small_areas(rng: np.random.Generator, plan_xy: np.ndarray, hierarchy: Hierarchy,
                      child_parent: np.ndarray, settlement: np.ndarray) -> SmallAreas:
    """Latent scores (smooth around the planned districts), populations and the two special DeSO."""
    centres = hierarchy.centres
    parent_names = [d.name for d in DISTRICTS]

    def deso_of(district: str, by_distance_to: np.ndarray, pick) -> int:
        members = np.flatnonzero(child_parent == parent_names.index(district))
        return members[pick(np.hypot(*(centres[members] - by_distance_to).T))]

    # The harbour DeSO nearest the lake was built in 2015: no residents, no figures before 2016.
    first_year = np.full(len(centres), YEARS[0])
    first_year[deso_of("Sjöstaden", LAKE_CENTRE, np.argmin)] = 2016
    base = smooth_field(plan_xy, np.array([d.score for d in DISTRICTS]), centres, 1_300.0)
    base += rng.normal(0.0, 0.3, len(centres))
    # A villa DeSO at the edge of a mixed RegSO: a RegSO average can hide very different DeSO.
    base[deso_of("Björkhagen", TOWN_CENTRE, np.argmax)] += 1.6
    drift = smooth_field(plan_xy, np.array([d.drift for d in DISTRICTS]), centres, 1_300.0)
    drift += rng.normal(0.0, 0.1, len(centres))
    return small_areas(rng, settlement, base, drift, first_year)


def build_demo() -> Dataset:
    """Build Exempelstad, the fictional demo municipality.

    About 60 DeSO in 20 RegSO around a lake in central Sweden, nine
    indicators for 2011-2024 at DeSO, RegSO, kommun and national level, a
    fictional area type per RegSO and one named pair of groups (post-secondary
    against compulsory school) for measuring segregation.
    All figures are invented; the metadata says so.  Deterministic.

    Returns
    -------
    Dataset
        Normalised and valid (:func:`geodata.validate.validate_dataset`).
    """
    rng = np.random.default_rng(DEMO_SEED)
    plan_xy, children, child_parent = _demo_geometry(rng)
    parent_names = [d.name for d in DISTRICTS]
    settlement = np.array([DISTRICTS[p].settlement for p in child_parent])
    hierarchy = build_hierarchy(children, child_parent, settlement, np.full(len(DISTRICTS), DEMO_KOMMUN),
                                {"regso": parent_names, "kommun": [DEMO_KOMMUN_NAME]}, step=10)
    hierarchy.areas["deso"]["name"] = district_names(parent_names, hierarchy.regso_centres, child_parent,
                                                     hierarchy.centres)
    small = _demo_small_areas(rng, plan_xy, hierarchy, child_parent, settlement)
    models = list(MODELS.values())
    values = simulate_values(rng, models, small, hierarchy.levels, with_nation=True)
    # Derived from the drawn values without drawing: every other figure stays as it was.
    values = pd.concat([values, area_type_rows(values)], ignore_index=True)
    return fictional_dataset(
        DEMO_NAME,
        title={"sv": "Exempelstad (fiktiv kommun)", "en": "Exempelstad (fictional municipality)"},
        description={
            "sv": "En påhittad kommun för att visa Segregationsatlas. Alla områden, namn och siffror "
                  "är fiktiva och påhittade för demonstration; de beskriver ingen verklig plats.",
            "en": "An invented municipality to demonstrate Segregationsatlas. All areas, names and "
                  "figures are fictional, invented for demonstration; they describe no real place."},
        hierarchy=hierarchy, models=models, values=values, with_nation=True,
        extra_indicators=(AREA_TYPE_INDICATOR,), group_pairs=GROUP_PAIRS)
