"""Large synthetic datasets for benchmarks: thousands of DeSO-like areas.

Seeds are dense in a few cities and sparse in the countryside, so polygon
sizes vary as SCB's do; the areas are grouped into as few kommuner as SCB's
code patterns allow.  Their borders have real weight (:mod:`.borders`): a
vertex every 60 m or less along lines that wander at every scale, which gives
6,000 areas a median of about 144 vertices and a mean of about 220 (SCB's
DeSO 2025 in Göteborgsregionen: 142 and 247), and after the web
simplification about as many as SCB's keep.
"""

from __future__ import annotations

import numpy as np
import shapely

import pandas as pd

from ..model import Dataset
from .areatypes import INDICATOR as AREA_TYPE_INDICATOR, area_type_rows
from .assembly import build_hierarchy, fictional_dataset, order_children
from .borders import DisplacementField, roughen_coverage
from .geometry import irregular_blob, nested_partition, sample_points, well_spaced
from .indicators import MODELS, YEARS
from .simulation import simulate_values, small_areas, smooth_field

#: Centre of the synthetic region (SWEREF 99 TM) and its half extents: ~300 x 400 km.
SYNTHETIC_CENTRE = np.array([560_000.0, 6_750_000.0])
SYNTHETIC_HALF_SIZE = (150_000.0, 200_000.0)
SYNTHETIC_MODELS = ("eftergymnasial", "langtidsarbetsloshet", "medianinkomst")
#: RegSO codes have three digits, so a synthetic kommun holds at most this many.
MAX_REGSO_PER_KOMMUN = 999
#: Closest two small-area seeds may lie; closer seeds would make cells too thin to snap.
SEED_SPACING = 200.0
#: Largest distance between border vertices, metres.  SCB's full-resolution DeSO have a vertex
#: every 40 m (median; 22-79 m for 80 % of areas); 60 m on these somewhat larger areas gives
#: about the same number of vertices per area.
BORDER_SPACING = 60.0
#: Scales over which borders wander (the displacement's largest and smallest lattice), metres:
#: bends of a km down to kinks of two vertices.  With the roughness below, about 40 % of the
#: vertices survive the web simplification (geodata.webgeo), as with SCB's DeSO.  Each
#: scale's amplitude is this fraction of it: 67 m for the km bends, 4 m for the kinks.
BORDER_SCALES = (1_000.0, BORDER_SPACING)
BORDER_ROUGHNESS = 1 / 15


def _synthetic_region(rng: np.random.Generator):
    """An irregular region with a few lakes cut out."""
    outline = irregular_blob(SYNTHETIC_CENTRE, *SYNTHETIC_HALF_SIZE, rng, roughness=0.12, n_vertices=240)
    lake_xy = SYNTHETIC_CENTRE + rng.uniform(-0.6, 0.6, (4, 2)) * SYNTHETIC_HALF_SIZE
    lakes = [irregular_blob(xy, *rng.uniform(3_000.0, 12_000.0, 2), rng, roughness=0.25, n_vertices=60)
             for xy in lake_xy]
    return outline.difference(shapely.union_all(lakes))


def _synthetic_seeds(rng: np.random.Generator, region, n: int) -> np.ndarray:
    """``n`` well-spaced seeds, dense in a few cities and sparse in the countryside."""
    n_cities = 7
    city_xy = sample_points(region, n_cities, rng, min_distance=60_000.0)
    city_spread = rng.uniform(4_000.0, 18_000.0, n_cities)
    city_weight = rng.dirichlet(np.full(n_cities, 2.0))
    inner = region.buffer(-SEED_SPACING)
    shapely.prepare(inner)
    xmin, ymin, xmax, ymax = inner.bounds
    seeds = np.empty((0, 2))
    while len(seeds) < n:
        batch = 2 * n
        city = rng.choice(n_cities, size=batch, p=city_weight)
        near_city = city_xy[city] + rng.normal(0.0, 1.0, (batch, 2)) * city_spread[city, None]
        anywhere = rng.uniform((xmin, ymin), (xmax, ymax), (batch, 2))
        candidates = np.where((rng.random(batch) < 0.6)[:, None], near_city, anywhere)
        candidates = candidates[shapely.contains_xy(inner, candidates[:, 0], candidates[:, 1])]
        seeds = np.concatenate([seeds, candidates])
        seeds = seeds[well_spaced(seeds, SEED_SPACING)]
    return seeds[:n]


def _settlement_by_size(polygons: np.ndarray) -> np.ndarray:
    """Large areas are rural (A), middling ones other towns (B), small ones central towns (C)."""
    rank = shapely.area(polygons).argsort().argsort() / len(polygons)
    return np.where(rank >= 0.65, "A", np.where(rank >= 0.4, "B", "C"))


def kommun_strips(parent_xy: np.ndarray, n_kommuner: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Group RegSO-like parents into west-to-east strips, few enough RegSO each for their codes.

    ``n_kommuner`` asks for that many strips (a national dataset's 290)
    instead of as few as the codes allow; their codes then end at 9999.

    Returns
    -------
    parent_kommun : numpy.ndarray of str
        Kommun code per parent, in the new parent order.
    new_index : numpy.ndarray of int
        New index of each old parent: kommun by kommun, north to south.
    """
    n_parents = len(parent_xy)
    fewest = -(-n_parents // MAX_REGSO_PER_KOMMUN)
    first_code = 9901 if n_kommuner is None else 10_000 - n_kommuner
    n_kommuner = fewest if n_kommuner is None else n_kommuner
    if not fewest <= n_kommuner <= n_parents or first_code < 1000:
        raise ValueError(f"{n_parents} parents cannot make {n_kommuner} kommuner")
    strip = np.empty(n_parents, dtype=np.int64)
    for kommun, members in enumerate(np.array_split(np.argsort(parent_xy[:, 0], kind="stable"), n_kommuner)):
        strip[members] = kommun
    order = np.lexsort((parent_xy[:, 0], -parent_xy[:, 1], strip))
    new_index = np.empty(n_parents, dtype=np.int64)
    new_index[order] = np.arange(n_parents)
    return np.array([f"{first_code + k}" for k in strip[order]]), new_index


def build_synthetic(n_areas: int = 6000, name: str = "synthetic", seed: int = 7, n_kommuner: int | None = None,
                    models: tuple[str, ...] = SYNTHETIC_MODELS, group_pairs: tuple[dict, ...] = (),
                    area_type_parts: tuple[str, ...] = ()) -> Dataset:
    """Build a large fictional dataset for benchmarks.

    ``n_areas`` irregular DeSO-like polygons over a region of about
    300 x 400 km in central Sweden, denser in a few cities, with borders as
    detailed as SCB's (a vertex every 60 m at most), nested in about
    ``n_areas / 10`` RegSO-like areas, grouped into as few kommuner as the
    code patterns allow (one up to 9,990 areas).  Three indicators for
    2011-2024: a share where higher is better, a share where higher is
    worse (with suppressed cells) and an amount.  Deterministic for a
    given ``seed``.

    Parameters
    ----------
    n_areas : int
        Number of DeSO-like areas (at least 20).
    name : str
        Dataset name.
    seed : int
        Seed of the random generator.
    n_kommuner : int, optional
        Group the areas into this many kommuner (290 for a national
        dataset) instead of as few as the codes allow.
    models : tuple of str
        Ids of the fictional indicators to simulate (:data:`~.indicators.MODELS`).
    group_pairs : tuple of dict
        Pairs of groups whose segregation is measured (``DatasetMeta.group_pairs``).
    area_type_parts : tuple of str
        Give the RegSO a fictional area type from these shares (as the demo's,
        :func:`~.areatypes.area_type_rows`); none by default.

    Returns
    -------
    Dataset
        Normalised and valid (:func:`geodata.validate.validate_dataset`).
    """
    if n_areas < 20:
        raise ValueError(f"n_areas must be at least 20, got {n_areas}")
    rng = np.random.default_rng(seed)
    region = _synthetic_region(rng)
    child_xy = _synthetic_seeds(rng, region, n_areas)
    # Seeds come in random order, so the first tenth is a parent sample that follows the density.
    n_parents = max(2, round(n_areas / 10))
    parent_xy = child_xy[:n_parents]
    _, child_parent = shapely.STRtree(shapely.points(parent_xy)).query_nearest(
        shapely.points(child_xy), all_matches=False)
    children, child_parent = nested_partition(region, parent_xy, child_xy, child_parent)
    # Its own generator, so the draws of the values below are those of straight-bordered areas.
    field = DisplacementField.fractal(np.random.default_rng([seed, 1]), *BORDER_SCALES, roughness=BORDER_ROUGHNESS)
    children = roughen_coverage(children, field, BORDER_SPACING)

    parent_kommun, new_index = kommun_strips(parent_xy, n_kommuner)
    child_parent = new_index[child_parent]
    n_kommuner = len(set(parent_kommun))
    order = order_children(child_parent, shapely.get_coordinates(shapely.centroid(children)))
    children, child_parent = children[order], child_parent[order]

    names = {"regso": [f"Syntetisk stadsdel {k + 1}" for k in range(n_parents)],
             "kommun": [f"Syntetisk kommun {k + 1}" for k in range(n_kommuner)],
             "deso": [f"Syntetiskt område {k + 1}" for k in range(n_areas)]}
    settlement = _settlement_by_size(children)
    hierarchy = build_hierarchy(children, child_parent, settlement, parent_kommun, names, step=1)

    centres = hierarchy.centres
    anchors = rng.choice(n_areas, size=max(8, n_areas // 30), replace=False)
    base = smooth_field(centres[anchors], rng.normal(0.0, 1.0, len(anchors)), centres, 4_000.0)
    base = (base - base.mean()) / base.std() + rng.normal(0.0, 0.3, n_areas)
    drift = 0.4 * smooth_field(centres[anchors], rng.normal(0.0, 1.0, len(anchors)), centres, 4_000.0)
    small = small_areas(rng, settlement, base, drift, np.full(n_areas, YEARS[0]))
    models = [MODELS[m] for m in models]
    values = simulate_values(rng, models, small, hierarchy.levels, with_nation=False)
    extra = ()
    if area_type_parts:
        # Derived from drawn values without drawing, as in the demo.
        values = pd.concat([values, area_type_rows(values, "regso", area_type_parts)], ignore_index=True)
        extra = (AREA_TYPE_INDICATOR,)
    return fictional_dataset(
        name,
        title={"sv": f"Syntetiska testdata ({n_areas} fiktiva områden)",
               "en": f"Synthetic test data ({n_areas} fictional areas)"},
        description={"sv": "Påhittade områden och siffror för prestandatester; beskriver ingen verklig plats.",
                     "en": "Invented areas and figures for performance tests; they describe no real place."},
        hierarchy=hierarchy, models=models, values=values, with_nation=False, group_pairs=group_pairs,
        extra_indicators=extra)
