"""Fictional datasets: the demo municipality and large synthetic benchmark data.

:func:`build_demo` makes *Exempelstad*, a fictional municipality in central
Sweden with about 60 DeSO in 20 RegSO, nine indicators for 2011-2024 and the
gaps real SCB data have (suppressed and missing cells).  :func:`build_synthetic`
makes thousands of DeSO-like areas for benchmarks.  Every figure is invented;
both datasets say so in their metadata.

Both are deterministic: the same arguments give identical frames.

Geometry is built so that it behaves like SCB's: small areas tile the land
without gaps or overlaps (a lake is a hole), share exact borders, and nest
exactly in their parents.  Values are simulated from a spatially smooth latent
socioeconomic score, so maps show patterns and indicators correlate.  Shares
are simulated as integer counts and aggregated as ratios of sums, as the real
DeSO -> RegSO -> kommun tables are.

Pure numpy/pandas/geopandas/shapely; nothing imports dash.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Polygon

from .model import (HIGHER_IS_BETTER, HIGHER_IS_WORSE, NEUTRAL, STATUS_MISSING, STATUS_OK,
                    STATUS_SUPPRESSED, Dataset, DatasetMeta, Indicator, Level, normalise_dataset)

DEMO_NAME = "demo"
DEMO_SEED = 2024
CRS = "EPSG:3006"
YEARS = np.arange(2011, 2025)
LICENCE = "CC0 1.0"
#: Fixed so that two builds are identical (a timestamp would differ).
CREATED = "2025-01-15"
AREA_EDITION = "Exempel2024"
#: Coordinates are snapped to whole metres so that neighbours share exact vertices.
GRID_SIZE = 1.0

#: SCB's disclosure rule: a share is shown only for a group of more than
#: ``MIN_GROUP`` persons of whom more than ``MIN_TRAIT`` have the trait.
MIN_GROUP = 20
MIN_TRAIT = 5

#: Population limits of a DeSO.
DESO_MIN_POPULATION, DESO_MAX_POPULATION = 700, 2700
#: Residents of a DeSO in the last year, by settlement type: towns are denser.
LAST_YEAR_POPULATION = {"C": (1300, 2550), "B": (900, 1900), "A": (730, 1350)}

FICTIONAL_SOURCE = {"sv": "Fiktiva data (Segregationsatlas demo)",
                    "en": "Fictional data (Segregationsatlas demo)"}
FICTIONAL_NOTE = {"sv": " Värdena i exempeldata är påhittade.",
                  "en": " Values in the example data are invented."}


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------

def irregular_blob(centre: tuple[float, float], radius_x: float, radius_y: float,
                   rng: np.random.Generator, roughness: float = 0.12,
                   n_vertices: int = 120) -> Polygon:
    """Return an irregular, star-shaped polygon around ``centre``.

    The radius is an ellipse's, modulated by a few random harmonics, so the
    outline looks like a municipal border or a lake shore rather than a
    circle.

    Parameters
    ----------
    centre : tuple of float
        Centre (x, y) in metres.
    radius_x, radius_y : float
        Semi-axes of the underlying ellipse in metres.
    rng : numpy.random.Generator
        Source of the harmonics' amplitudes and phases.
    roughness : float
        Relative amplitude of the harmonics; keep below about 0.3 so the
        radius stays positive and the polygon simple.
    n_vertices : int
        Number of vertices.

    Returns
    -------
    shapely.Polygon
    """
    angle = np.linspace(0.0, 2.0 * np.pi, n_vertices, endpoint=False)
    factor = np.ones_like(angle)
    for harmonic in range(2, 7):
        amplitude = rng.uniform(0.3, 1.0) * roughness / (harmonic - 1)
        factor += amplitude * np.cos(harmonic * angle + rng.uniform(0.0, 2.0 * np.pi))
    x = centre[0] + radius_x * factor * np.cos(angle)
    y = centre[1] + radius_y * factor * np.sin(angle)
    return Polygon(np.column_stack([x, y]))


def well_spaced(xy: np.ndarray, min_distance: float) -> np.ndarray:
    """Return the indices of points in ``xy`` that keep ``min_distance`` apart.

    A point is dropped when an earlier point lies closer than
    ``min_distance``.  Near-coincident Voronoi seeds would give cells a few
    metres wide that collapse when snapped to the metre grid.
    """
    points = shapely.points(xy)
    first, second = shapely.STRtree(points).query(points, predicate="dwithin", distance=min_distance)
    too_close = np.zeros(len(xy), dtype=bool)
    too_close[second[first < second]] = True
    return np.flatnonzero(~too_close)


def sample_points(polygon, n: int, rng: np.random.Generator, min_distance: float) -> np.ndarray:
    """Draw ``n`` points inside ``polygon``, at least about ``min_distance`` apart.

    Rejection sampling from the bounding box; the spacing is relaxed when the
    polygon is too small to hold ``n`` points that far apart.

    Returns
    -------
    numpy.ndarray
        Array of shape ``(n, 2)``.
    """
    inner = polygon.buffer(-min_distance / 2.0)
    if inner.is_empty:
        inner = polygon
    xmin, ymin, xmax, ymax = inner.bounds
    while True:
        candidates = rng.uniform((xmin, ymin), (xmax, ymax), size=(40 * n + 40, 2))
        candidates = candidates[shapely.contains_xy(inner, candidates[:, 0], candidates[:, 1])]
        kept = candidates[well_spaced(candidates, min_distance)]
        if len(kept) >= n:
            return kept[:n]
        min_distance *= 0.8


def voronoi_cells(region, seeds_xy: np.ndarray) -> np.ndarray:
    """Voronoi cells of ``seeds_xy`` (in seed order) clipped to ``region``."""
    cells = shapely.voronoi_polygons(MultiPoint(seeds_xy), extend_to=region, ordered=True)
    return shapely.intersection(shapely.get_parts(cells), region)


def dissolve_groups(units: np.ndarray, labels: np.ndarray, n_groups: int) -> np.ndarray:
    """Union the polygons ``units`` by integer ``labels`` into ``n_groups`` polygons.

    The units must form a coverage (exact shared borders); their union is
    then a cheap coverage union that keeps every shared vertex, so the
    groups form a valid coverage too.  Group ``k`` is empty when no unit
    has label ``k``.
    """
    order = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[order], np.arange(n_groups + 1))
    groups = np.empty(n_groups, dtype=object)
    for group in range(n_groups):
        members = units[order[starts[group]:starts[group + 1]]]
        groups[group] = shapely.coverage_union_all(members) if len(members) else Polygon()
    return groups


def make_groups_contiguous(units: np.ndarray, labels: np.ndarray, n_groups: int,
                           max_rounds: int = 4) -> np.ndarray:
    """Relabel units so that every group is one connected polygon where possible.

    A lake or a bend in the outline can cut a Voronoi cell in two.  The
    smaller pieces of such a group are handed to the neighbouring group
    they share the longest border with, so areas stay single polygons as
    SCB's almost always are.

    Parameters
    ----------
    units : numpy.ndarray of shapely.Polygon
        Polygons forming a coverage.
    labels : numpy.ndarray of int
        Group of each unit.
    n_groups : int
        Number of groups.
    max_rounds : int
        Passes at most; a pass can create a new split only rarely.

    Returns
    -------
    numpy.ndarray of int
        New labels (the input is not modified).
    """
    labels = labels.copy()
    tree = shapely.STRtree(units)
    inside_points = shapely.point_on_surface(units)
    for _ in range(max_rounds):
        groups = dissolve_groups(units, labels, n_groups)
        split = np.flatnonzero(shapely.get_num_geometries(groups) > 1)
        changed = False
        for group in split:
            parts = shapely.get_parts(groups[group])
            for part in parts[np.argsort(-shapely.area(parts))[1:]]:
                members = np.flatnonzero((labels == group) & shapely.contains(part, inside_points))
                touching = tree.query(part, predicate="intersects")
                touching = touching[labels[touching] != group]
                shared = shapely.length(shapely.intersection(part.boundary, shapely.boundary(units[touching])))
                if not len(touching) or shared.max() <= 0:
                    continue  # an island: nothing to merge it with
                per_label = pd.Series(shared).groupby(labels[touching]).sum()
                labels[members] = int(per_label.idxmax())
                changed = True
        if not changed:
            break
    return labels


def _nearest_within_group(points_xy: np.ndarray, point_group: np.ndarray,
                          seeds_xy: np.ndarray, seed_group: np.ndarray) -> np.ndarray:
    """For each point, the index of the nearest seed of the same group."""
    nearest = np.empty(len(points_xy), dtype=np.int64)
    for group in np.unique(point_group):
        points = np.flatnonzero(point_group == group)
        seeds = np.flatnonzero(seed_group == group)
        distance = ((points_xy[points, None, :] - seeds_xy[None, seeds, :]) ** 2).sum(axis=-1)
        nearest[points] = seeds[distance.argmin(axis=1)]
    return nearest


def nested_partition(region, parent_xy: np.ndarray, child_xy: np.ndarray,
                     child_parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tile ``region`` into child polygons nested exactly in parent polygons.

    Parents are the Voronoi cells of ``parent_xy``; each parent is divided
    into the Voronoi cells of its own children.  All borders (region
    outline, holes, parent and child cell edges) are noded together once
    with snap rounding to :data:`GRID_SIZE`, and the faces of that planar
    graph are assigned to children.  Because every area is a union of the
    same faces, neighbours share identical vertices: the children form a
    valid coverage, and so do parents built as unions of their children.

    Parameters
    ----------
    region : shapely.Polygon
        Land to tile; interior rings (lakes) stay uncovered.
    parent_xy : numpy.ndarray
        Parent seeds, shape ``(n_parents, 2)``.
    child_xy : numpy.ndarray
        Child seeds, shape ``(n_children, 2)``; each must lie in its
        parent's Voronoi cell.
    child_parent : numpy.ndarray of int
        Parent index of each child.

    Returns
    -------
    child_polygons : numpy.ndarray of shapely geometries
        One per child, in input order.
    child_parent : numpy.ndarray of int
        Parent of each child; differs from the input only where a child was
        cut off from its parent (by a lake) and moved to a neighbour.
    """
    n_parents, n_children = len(parent_xy), len(child_xy)
    parent_cells = voronoi_cells(region, parent_xy)
    child_groups = np.array([MultiPoint(child_xy[child_parent == p]) for p in range(n_parents)], dtype=object)
    child_edges = shapely.voronoi_polygons(child_groups, extend_to=parent_cells, only_edges=True)
    parent_edges = shapely.voronoi_polygons(MultiPoint(parent_xy), extend_to=region, only_edges=True)
    lines = np.concatenate([[region.boundary, shapely.intersection(parent_edges, region)],
                            shapely.intersection(child_edges, parent_cells)])
    noded = shapely.union_all(lines, grid_size=GRID_SIZE)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    inside = shapely.point_on_surface(faces)
    on_land = shapely.contains(region, inside)
    faces, inside = faces[on_land], inside[on_land]

    face_xy = shapely.get_coordinates(inside)
    face_index, nearest_parent = shapely.STRtree(shapely.points(parent_xy)).query_nearest(
        inside, all_matches=False)
    face_parent = np.empty(len(faces), dtype=np.int64)
    face_parent[face_index] = nearest_parent
    face_child = _nearest_within_group(face_xy, face_parent, child_xy, child_parent)

    face_child = make_groups_contiguous(faces, face_child, n_children)
    children = dissolve_groups(faces, face_child, n_children)
    if shapely.is_empty(children).any():
        raise RuntimeError("a child seed got no land; seeds are too close to each other or the shore")
    child_parent = make_groups_contiguous(children, child_parent, n_parents)
    return children, child_parent


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


# --------------------------------------------------------------------------
# Indicators and how they are simulated
# --------------------------------------------------------------------------

def _trend(start: float, end: float, shocks: dict[int, float] | None = None,
           geometric: bool = False) -> np.ndarray:
    """A national series over :data:`YEARS` from ``start`` to ``end`` with shocks added."""
    t = (YEARS - YEARS[0]) / (YEARS[-1] - YEARS[0])
    series = start * (end / start) ** t if geometric else start + (end - start) * t
    for year, delta in (shocks or {}).items():
        series[YEARS == year] += delta
    return series


def _texts(sv: str, en: str, note: bool = False) -> dict[str, str]:
    if note:
        return {"sv": sv + FICTIONAL_NOTE["sv"], "en": en + FICTIONAL_NOTE["en"]}
    return {"sv": sv, "en": en}


PERCENT = {"sv": "%", "en": "%"}


@dataclass(frozen=True)
class IndicatorModel:
    """An indicator's metadata and how its fictional values are simulated.

    Parameters
    ----------
    indicator : Indicator
        Metadata as published.
    method : str
        ``"count"`` (population), ``"share"`` (binomial counts over a
        population group), ``"rate"`` (a total over a population group, such
        as sickness days) or ``"median"``.
    national : numpy.ndarray
        The national series over :data:`YEARS`; shares in per cent.
    group : str
        Population group of the denominator: ``"all"``, ``"20-64"`` or
        ``"25-64"``.
    score_effect : float
        Effect of one unit of the latent socioeconomic score (positive =
        advantaged) on the logit (shares) or log (rates, medians).
    rural_effect : float
        Effect of living in a rural area (A-DeSO: 1, B: 0.5, C: 0).
    first_year : int
        First year with small-area figures; earlier cells are missing.
    """

    indicator: Indicator
    method: str
    national: np.ndarray
    group: str = "all"
    score_effect: float = 0.0
    rural_effect: float = 0.0
    first_year: int = int(YEARS[0])


def _model(indicator_id: str, label: tuple[str, str], unit: dict[str, str], definition: tuple[str, str],
           polarity: str, kind: str, decimals: int, **simulation) -> IndicatorModel:
    indicator = Indicator(
        id=indicator_id, label=_texts(*label), unit=unit, definition=_texts(*definition, note=True),
        source=dict(FICTIONAL_SOURCE), licence=LICENCE, polarity=polarity, kind=kind, decimals=decimals)
    return IndicatorModel(indicator=indicator, **simulation)


#: National population (riket), a plausible invented series.
NATIONAL_POPULATION = np.round(_trend(9_480_000, 10_590_000, geometric=True))

MODELS: dict[str, IndicatorModel] = {m.indicator.id: m for m in (
    _model("befolkning", ("Befolkning", "Population"), {"sv": "personer", "en": "persons"},
           ("Antal folkbokförda personer den 31 december.",
            "Number of persons registered as resident on 31 December."),
           NEUTRAL, "count", 0, method="count", national=NATIONAL_POPULATION),
    _model("eftergymnasial", ("Eftergymnasial utbildning, 25–64 år", "Post-secondary education, age 25–64"),
           PERCENT,
           ("Andel av befolkningen 25–64 år vars högsta utbildning är eftergymnasial, oavsett längd.",
            "Share of the population aged 25–64 whose highest education is post-secondary, of any length."),
           HIGHER_IS_BETTER, "share", 1, method="share", national=_trend(39.5, 48.0), group="25-64",
           score_effect=0.75, rural_effect=-0.45),
    _model("forgymnasial", ("Förgymnasial utbildning, 25–64 år", "Compulsory school only, age 25–64"),
           PERCENT,
           ("Andel av befolkningen 25–64 år vars högsta utbildning är förgymnasial (högst grundskola).",
            "Share of the population aged 25–64 with at most compulsory schooling."),
           HIGHER_IS_WORSE, "share", 1, method="share", national=_trend(13.6, 10.4), group="25-64",
           score_effect=-0.7, rural_effect=0.35),
    _model("sysselsattning", ("Förvärvsarbetande, 20–64 år", "Employment rate, age 20–64"), PERCENT,
           ("Andel av befolkningen 20–64 år som är förvärvsarbetande enligt den registerbaserade "
            "arbetsmarknadsstatistiken (november).",
            "Share of the population aged 20–64 in gainful employment according to register-based "
            "labour statistics (November)."),
           HIGHER_IS_BETTER, "share", 1, method="share",
           national=_trend(76.8, 80.6, {2020: -1.4, 2021: -0.9}), group="20-64",
           score_effect=0.5, rural_effect=0.15),
    _model("langtidsarbetsloshet", ("Långtidsarbetslöshet, 25–64 år", "Long-term unemployment, age 25–64"),
           PERCENT,
           ("Andel av befolkningen 25–64 år som varit öppet arbetslösa eller i program med aktivitetsstöd "
            "i minst sex månader.",
            "Share of the population aged 25–64 who have been openly unemployed or in a labour market "
            "programme for at least six months."),
           HIGHER_IS_WORSE, "share", 1, method="share",
           national=_trend(3.4, 3.1, {2020: 0.8, 2021: 1.1}), group="25-64",
           score_effect=-0.65, rural_effect=-0.2),
    _model("lag_ek_standard", ("Låg ekonomisk standard", "Low economic standard"), PERCENT,
           ("Andel personer i hushåll vars disponibla inkomst per konsumtionsenhet är lägre än 60 procent "
            "av medianvärdet för hela riket.",
            "Share of persons in households whose disposable income per consumption unit is below 60 per "
            "cent of the national median."),
           HIGHER_IS_WORSE, "share", 1, method="share", national=_trend(13.9, 15.2),
           score_effect=-0.8, rural_effect=0.1),
    _model("medianinkomst", ("Medianinkomst, disponibel", "Median disposable income"),
           {"sv": "tkr", "en": "thousand SEK"},
           ("Medianvärdet av disponibel inkomst per konsumtionsenhet för personer i hushåll, tusentals "
            "kronor i löpande priser. Medianer kan inte summeras: värdena för RegSO och kommun är egna "
            "beräkningar, inte summor av DeSO.",
            "Median disposable income per consumption unit of persons in households, thousand kronor in "
            "current prices. Medians cannot be added up: RegSO and municipality values are computed on "
            "their own, not from the DeSO."),
           HIGHER_IS_BETTER, "amount", 0, method="median", national=_trend(198.0, 292.0, geometric=True),
           score_effect=0.17, rural_effect=-0.04),
    _model("utrikes_fodda", ("Utrikes födda", "Foreign-born"), PERCENT,
           ("Andel av befolkningen som är född utomlands.",
            "Share of the population born outside Sweden."),
           NEUTRAL, "share", 1, method="share", national=_trend(15.1, 20.3),
           score_effect=-0.9, rural_effect=-0.9),
    _model("ohalsotal", ("Ohälsotal, 20–64 år", "Ill-health days, age 20–64"),
           {"sv": "dagar per person", "en": "days per person"},
           ("Antal utbetalda nettodagar med sjukpenning, rehabiliteringspenning samt sjuk- och "
            "aktivitetsersättning per folkbokförd person 20–64 år. Inte jämförbart med "
            "Försäkringskassans ohälsotal för 16–64 år. Småområdesserien börjar 2013.",
            "Net days paid in sickness benefit, rehabilitation benefit and sickness or activity "
            "compensation per registered resident aged 20–64. Not comparable with the Social Insurance "
            "Agency's measure for ages 16–64. The small-area series starts in 2013."),
           HIGHER_IS_WORSE, "amount", 1, method="rate", national=_trend(28.6, 21.2, {2020: 0.9, 2021: 0.5}),
           group="20-64", score_effect=-0.3, rural_effect=0.2, first_year=2013),
)}


# --------------------------------------------------------------------------
# Simulating values
# --------------------------------------------------------------------------

#: How "rural" each settlement type is, as a covariate of the simulation.
RURALITY = {"A": 1.0, "B": 0.5, "C": 0.0}


def smooth_field(anchor_xy: np.ndarray, anchor_values: np.ndarray, xy: np.ndarray,
                 bandwidth: float) -> np.ndarray:
    """Kernel-weighted average of ``anchor_values`` at the points ``xy``.

    Gives a spatially autocorrelated surface: nearby points get similar
    values, and a point far from every anchor takes its nearest anchors'.
    """
    squared = ((xy[:, None, :] - anchor_xy[None, :, :]) ** 2).sum(axis=-1)
    # Shift by the row minimum so that remote points do not underflow to 0/0.
    weights = np.exp(-(squared - squared.min(axis=1, keepdims=True)) / (2.0 * bandwidth ** 2))
    return (weights @ anchor_values) / weights.sum(axis=1)


@dataclass(frozen=True)
class SmallAreas:
    """Simulation inputs per DeSO-like area and year (arrays ``(n, len(YEARS))``).

    Parameters
    ----------
    score : numpy.ndarray
        Latent socioeconomic score; positive is advantaged.
    rurality : numpy.ndarray
        Per area, from :data:`RURALITY`.
    population : numpy.ndarray of int
        Residents; 0 where the area has none yet (``exists`` False).
    exists : numpy.ndarray of bool
        Whether the area has residents and statistics that year.
    share_25_64, share_20_64 : numpy.ndarray
        Per area, the share of residents in these age groups.
    """

    score: np.ndarray
    rurality: np.ndarray
    population: np.ndarray
    exists: np.ndarray
    share_25_64: np.ndarray
    share_20_64: np.ndarray

    def group_population(self, group: str) -> np.ndarray:
        """Residents in age ``group`` (``"all"``, ``"20-64"``, ``"25-64"``), whole persons."""
        if group == "all":
            return self.population
        share = {"25-64": self.share_25_64, "20-64": self.share_20_64}[group]
        return np.round(self.population * share[:, None]).astype(np.int64)


def small_areas(rng: np.random.Generator, settlement: np.ndarray, base_score: np.ndarray,
                drift: np.ndarray, first_year: np.ndarray) -> SmallAreas:
    """Simulate populations and age structure around a given latent score.

    Parameters
    ----------
    rng : numpy.random.Generator
    settlement : numpy.ndarray of str
        "A", "B" or "C" per area.
    base_score : numpy.ndarray
        Latent score in the first year.
    drift : numpy.ndarray
        Change of the score from the first to the last year; areas that
        diverge make change maps worth looking at.
    first_year : numpy.ndarray of int
        First year an area has residents (later for new-built areas).
    """
    n = len(settlement)
    progress = (YEARS - YEARS[0]) / (YEARS[-1] - YEARS[0])
    score = base_score[:, None] + drift[:, None] * progress[None, :]
    rurality = np.array([RURALITY[s] for s in settlement])
    low, high = np.array([LAST_YEAR_POPULATION[s] for s in settlement]).T
    last = rng.uniform(low, high)
    # Towns grow, the countryside shrinks slowly.
    growth = rng.uniform(0.004, 0.02, n) - 0.014 * rurality
    years_before_last = (YEARS - YEARS[-1])[None, :]
    population = last[:, None] * np.exp(growth[:, None] * years_before_last
                                        + rng.normal(0.0, 0.006, (n, len(YEARS))))
    # A new-built area fills up steadily from just above the DeSO minimum.
    filling = np.clip((YEARS[None, :] - first_year[:, None] + 1) / (YEARS[-1] - first_year[:, None] + 1), 0, 1)
    new_built = first_year > YEARS[0]
    first = DESO_MIN_POPULATION + 40
    population[new_built] = first + (last[new_built, None] - first) * filling[new_built]
    population = np.clip(np.round(population), DESO_MIN_POPULATION, DESO_MAX_POPULATION)
    exists = YEARS[None, :] >= first_year[:, None]
    population = np.where(exists, population, 0).astype(np.int64)
    share_25_64 = rng.uniform(0.47, 0.56, n)
    return SmallAreas(score=score, rurality=rurality, population=population, exists=exists,
                      share_25_64=share_25_64, share_20_64=share_25_64 + rng.uniform(0.05, 0.08, n))


@dataclass(frozen=True)
class AreaLevel:
    """Areas of one level and which of them each small area belongs to.

    ``member`` is None for the small-area level itself, else the index into
    ``area_ids`` of each small area.
    """

    level: str
    area_ids: list[str]
    member: np.ndarray | None = None

    def total(self, per_small_area: np.ndarray) -> np.ndarray:
        """Sum rows of a small-area array into this level's areas."""
        if self.member is None:
            return per_small_area
        out = np.zeros((len(self.area_ids),) + per_small_area.shape[1:], dtype=per_small_area.dtype)
        np.add.at(out, self.member, per_small_area)
        return out


def _logit(p):
    return np.log(p / (1.0 - p))


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _predictor(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
               national_link: np.ndarray) -> np.ndarray:
    """Linear predictor: national level + score and rural effects + area and year noise."""
    n, n_years = small.score.shape
    return (national_link[None, :] + model.score_effect * small.score
            + model.rural_effect * small.rurality[:, None]
            + rng.normal(0.0, 0.12, (n, 1)) + rng.normal(0.0, 0.04, (n, n_years)))


def _rows(level: str, area_ids, indicator: str, value: np.ndarray, status: np.ndarray,
          numerator: np.ndarray | None = None, denominator: np.ndarray | None = None) -> pd.DataFrame:
    """Long-form value rows from ``(areas, years)`` arrays; not-ok cells lose their figures."""
    n, n_years = value.shape
    shown = status == STATUS_OK
    empty = np.full(value.shape, np.nan)

    def figures(array):
        return np.where(shown, array, np.nan).ravel() if array is not None else empty.ravel()

    return pd.DataFrame({
        "level": level, "area_id": np.repeat(np.asarray(area_ids, dtype=object), n_years),
        "indicator": indicator, "year": np.tile(YEARS, n), "value": figures(value),
        "numerator": figures(numerator), "denominator": figures(denominator),
        "status": status.ravel(), "edition": None})


def _status(present: np.ndarray, model: IndicatorModel, shown: np.ndarray | bool = True) -> np.ndarray:
    """Statuses: missing where no figure exists, suppressed where not ``shown``, else ok."""
    status = np.where(shown, STATUS_OK, STATUS_SUPPRESSED).astype(object)
    status = np.broadcast_to(status, present.shape).copy()
    status[~present | (YEARS < model.first_year)[None, :]] = STATUS_MISSING
    return status


def _simulate_share(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                    levels: list[AreaLevel]) -> list[pd.DataFrame]:
    """Binomial counts per small area, summed per level; SCB's disclosure rule at every level."""
    persons = small.group_population(model.group)
    having = rng.binomial(persons, _expit(_predictor(rng, model, small, _logit(model.national / 100.0))))
    frames = []
    for lvl in levels:
        numerator, denominator = lvl.total(having), lvl.total(persons)
        shown = (denominator > MIN_GROUP) & (numerator > MIN_TRAIT)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = 100.0 * numerator / denominator
        frames.append(_rows(lvl.level, lvl.area_ids, model.indicator.id, value,
                            _status(denominator > 0, model, shown), numerator, denominator))
    return frames


def _simulate_total(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                    levels: list[AreaLevel]) -> list[pd.DataFrame]:
    """A head count, or a rate (a total such as sickness days per person), summed per level."""
    persons = small.group_population(model.group)
    is_count = model.method == "count"
    total = persons if is_count else np.round(
        persons * np.exp(_predictor(rng, model, small, np.log(model.national))))
    frames = []
    for lvl in levels:
        level_total, level_persons = lvl.total(total), lvl.total(persons)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = level_total.astype(float) if is_count else np.round(level_total / level_persons, 1)
        frames.append(_rows(lvl.level, lvl.area_ids, model.indicator.id, value,
                            _status(level_persons > 0, model)))
    return frames


def _simulate_median(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                     levels: list[AreaLevel]) -> list[pd.DataFrame]:
    """Medians cannot be aggregated: a parent gets its children's population-weighted mean, perturbed."""
    median = np.exp(_predictor(rng, model, small, np.log(model.national)))
    weight = small.population.astype(float)
    frames = []
    for lvl in levels:
        level_weight = lvl.total(weight)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = lvl.total(median * weight) / level_weight
        if lvl.member is not None:
            value = value * np.exp(rng.normal(0.0, 0.015, value.shape))
        frames.append(_rows(lvl.level, lvl.area_ids, model.indicator.id, np.round(value, 1),
                            _status(level_weight > 0, model)))
    return frames


_SIMULATORS = {"share": _simulate_share, "count": _simulate_total, "rate": _simulate_total,
               "median": _simulate_median}


def simulate_indicator(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                       levels: list[AreaLevel]) -> pd.DataFrame:
    """Simulate one indicator for the small areas and aggregate it to every level.

    Counts, shares and rates are aggregated as sums (shares and rates as a
    ratio of sums), exactly as figures computed from the same individuals
    would be; medians get their own values per level.
    """
    if model.method not in _SIMULATORS:
        raise ValueError(f"unknown simulation method {model.method!r}")
    return pd.concat(_SIMULATORS[model.method](rng, model, small, levels), ignore_index=True)


def national_rows(model: IndicatorModel, area_id: str = "00") -> pd.DataFrame:
    """The national series of ``model`` as rows of level ``riket`` (values only)."""
    value = np.round(model.national, 0 if model.method == "count" else 1)[None, :]
    return _rows("riket", [area_id], model.indicator.id, value, np.full(value.shape, STATUS_OK, dtype=object))


def simulate_values(rng: np.random.Generator, models: list[IndicatorModel], small: SmallAreas,
                    levels: list[AreaLevel], with_nation: bool) -> pd.DataFrame:
    """All value rows of ``models`` for ``levels`` (and the nation when asked)."""
    frames = [simulate_indicator(rng, model, small, levels) for model in models]
    if with_nation:
        frames += [national_rows(model) for model in models]
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------
# Assembly shared by the demo and the synthetic data
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Hierarchy:
    """DeSO, RegSO and kommun areas of a fictional dataset, nested by construction.

    ``levels`` maps DeSO-level arrays to every level for
    :func:`simulate_values`; ``centres`` are the DeSO centroids.
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
                      with_nation: bool) -> Dataset:
    """Wrap fictional areas and values in a normalised :class:`Dataset`.

    The first kommun is the municipality and the reference area.
    """
    kommun = hierarchy.areas["kommun"].iloc[0]
    meta = DatasetMeta(
        name=name, title=title, description=description,
        levels=_levels(with_nation), indicators=tuple(m.indicator for m in models),
        fictional=True, municipality={"code": kommun["area_id"], "name": kommun["name"]},
        sources=({"name": dict(FICTIONAL_SOURCE), "licence": LICENCE},), licence=LICENCE,
        created=CREATED, reference={"level": "kommun", "area_id": kommun["area_id"]},
    )
    return normalise_dataset(Dataset(meta, hierarchy.areas, values))


def _order_children(child_parent: np.ndarray, child_xy: np.ndarray) -> np.ndarray:
    """Order small areas by parent, then north to south, so codes run in a readable order."""
    return np.lexsort((child_xy[:, 0], -child_xy[:, 1], child_parent))


# --------------------------------------------------------------------------
# The demo municipality
# --------------------------------------------------------------------------

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
    order = _order_children(child_parent, shapely.get_coordinates(shapely.centroid(children)))
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
    indicators for 2011-2024 at DeSO, RegSO, kommun and national level.
    All figures are invented; the metadata says so.  Deterministic.

    Returns
    -------
    Dataset
        Normalised and valid (:func:`geodata.model.validate_dataset`).
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
    return fictional_dataset(
        DEMO_NAME,
        title={"sv": "Exempelstad (fiktiv kommun)", "en": "Exempelstad (fictional municipality)"},
        description={
            "sv": "En påhittad kommun för att visa Segregationsatlas. Alla områden, namn och siffror "
                  "är fiktiva och påhittade för demonstration; de beskriver ingen verklig plats.",
            "en": "An invented municipality to demonstrate Segregationsatlas. All areas, names and "
                  "figures are fictional, invented for demonstration; they describe no real place."},
        hierarchy=hierarchy, models=models, values=values, with_nation=True)


# --------------------------------------------------------------------------
# Synthetic benchmark data
# --------------------------------------------------------------------------

#: Centre of the synthetic region (SWEREF 99 TM) and its half extents: ~300 x 400 km.
SYNTHETIC_CENTRE = np.array([560_000.0, 6_750_000.0])
SYNTHETIC_HALF_SIZE = (150_000.0, 200_000.0)
SYNTHETIC_MODELS = ("eftergymnasial", "langtidsarbetsloshet", "medianinkomst")
#: RegSO codes have three digits, so a synthetic kommun holds at most this many.
MAX_REGSO_PER_KOMMUN = 999
#: Closest two small-area seeds may lie; closer seeds would make cells too thin to snap.
SEED_SPACING = 200.0


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


def kommun_strips(parent_xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group RegSO-like parents into west-to-east strips, few enough RegSO each for their codes.

    Returns
    -------
    parent_kommun : numpy.ndarray of str
        Kommun code per parent, in the new parent order.
    new_index : numpy.ndarray of int
        New index of each old parent: kommun by kommun, north to south.
    """
    n_parents = len(parent_xy)
    n_kommuner = -(-n_parents // MAX_REGSO_PER_KOMMUN)
    strip = np.empty(n_parents, dtype=np.int64)
    for kommun, members in enumerate(np.array_split(np.argsort(parent_xy[:, 0], kind="stable"), n_kommuner)):
        strip[members] = kommun
    order = np.lexsort((parent_xy[:, 0], -parent_xy[:, 1], strip))
    new_index = np.empty(n_parents, dtype=np.int64)
    new_index[order] = np.arange(n_parents)
    return np.array([f"{9901 + k}" for k in strip[order]]), new_index


def build_synthetic(n_areas: int = 6000, name: str = "synthetic", seed: int = 7) -> Dataset:
    """Build a large fictional dataset for benchmarks.

    ``n_areas`` irregular DeSO-like polygons over a region of about
    300 x 400 km in central Sweden, denser in a few cities, nested in about
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

    Returns
    -------
    Dataset
        Normalised and valid (:func:`geodata.model.validate_dataset`).
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

    parent_kommun, new_index = kommun_strips(parent_xy)
    child_parent = new_index[child_parent]
    n_kommuner = len(set(parent_kommun))
    order = _order_children(child_parent, shapely.get_coordinates(shapely.centroid(children)))
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
    models = [MODELS[m] for m in SYNTHETIC_MODELS]
    values = simulate_values(rng, models, small, hierarchy.levels, with_nation=False)
    return fictional_dataset(
        name,
        title={"sv": f"Syntetiska testdata ({n_areas} fiktiva områden)",
               "en": f"Synthetic test data ({n_areas} fictional areas)"},
        description={"sv": "Påhittade områden och siffror för prestandatester; beskriver ingen verklig plats.",
                     "en": "Invented areas and figures for performance tests; they describe no real place."},
        hierarchy=hierarchy, models=models, values=values, with_nation=False)
