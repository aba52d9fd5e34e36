"""What is measured once, at publish, and stored with the release (issue #11).

:func:`compute_measures` runs every analysis of a dataset: the degree of
segregation (:mod:`geodata.segregation`), area types (:mod:`geodata.areatypes`),
clusters (:mod:`geodata.clusters`) and the share values a ratio of sums adds
(:mod:`geodata.aggregate`).  :func:`geodata.store.publish` writes the result
into the release as Parquet files under ``analysis/``; reading a release
registers that directory on the dataset, and :func:`measures_of` reads the
files on first use.  Nothing here is ever computed in a page request: a
dataset published without measures simply has none (:func:`measures_of`
returns None).

The getters at the end are the data API of the dashboard's segregation
view: plain DataFrames, no presentation.  Nothing imports dash.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .model import Dataset

log = logging.getLogger("segregationsatlas")

ANALYSIS_DIR = "analysis"
#: The tables of a release's measures, each one Parquet file.
TABLES = ("segregation", "segregation_change", "area_types", "area_type_moves", "area_type_shares",
          "moran", "lisa", "computed")
FINGERPRINT_FILE = "fingerprint.txt"
#: Raise when what the measures contain changes, so that no release reuses measures of an older kind.
MEASURES_VERSION = 1
_DIRECTORY_KEY = ("measures.directory",)
_MEASURES_KEY = ("measures",)


@dataclass
class Measures:
    """The tables of one release's measures, by name (:data:`TABLES`).

    ``seconds`` says how long each part took when they were computed (empty
    when read back): what ``bench/segregation.py`` reports.
    """

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    #: What they were computed from (:func:`fingerprint`); a republish of the same data reuses them.
    fingerprint: str = ""

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def compute_measures(ds: Dataset, bootstrap: int | None = None, permutations: int | None = None) -> Measures:
    """Every measure of ``ds``.

    Parameters
    ----------
    ds : Dataset
        A normalised, valid dataset.
    bootstrap : int, optional
        Bootstrap replicates per segregation index (default
        :data:`geodata.segregation.BOOTSTRAP`); fewer make tests fast.
    permutations : int, optional
        Permutations per local cluster test (default
        :data:`geodata.clusters.PERMUTATIONS`).
    """
    from . import aggregate, areatypes, clusters, segregation

    bootstrap = segregation.BOOTSTRAP if bootstrap is None else bootstrap
    permutations = clusters.PERMUTATIONS if permutations is None else permutations
    seconds = {}
    started = time.perf_counter()
    result = segregation.compute_segregation(ds, bootstrap=bootstrap)
    seconds["segregation"] = time.perf_counter() - started
    distributions, moves, shares = [], [], []
    started = time.perf_counter()
    for indicator, level in areatypes.category_indicators(ds):
        distributions.append(areatypes.type_distribution(ds, indicator, level))
        moves.append(areatypes.all_type_moves(ds, indicator, level))
        shares.append(areatypes.shares_by_type(ds, indicator, level))
    seconds["area_types"] = time.perf_counter() - started
    started = time.perf_counter()
    moran, lisa = clusters.compute_clusters(ds, permutations=permutations)
    seconds["clusters"] = time.perf_counter() - started
    started = time.perf_counter()
    computed = aggregate.computed_values(ds).reset_index(drop=True)
    seconds["computed"] = time.perf_counter() - started
    log.info("measures of %s computed in %s", ds.name,
             ", ".join(f"{part} {value:.1f} s" for part, value in seconds.items()))

    def joined(frames, columns):
        frames = [f for f in frames if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    return Measures({
        "segregation": result.indices, "segregation_change": result.changes,
        "area_types": joined(distributions, areatypes.DISTRIBUTION_COLUMNS),
        "area_type_moves": joined(moves, areatypes.MOVE_COLUMNS),
        "area_type_shares": joined(shares, areatypes.SHARE_COLUMNS),
        "moran": moran, "lisa": lisa, "computed": computed,
    }, seconds)


def fingerprint(ds: Dataset, bootstrap: int | None = None, permutations: int | None = None) -> str:
    """sha256 of everything the measures depend on: values, polygons, metadata and the parameters.

    Cheap next to the measures themselves (tens of milliseconds for 6,000
    polygons of real weight), so a publish can tell that the data did not
    change since the current release and copy its measures instead of
    computing them again (a yearly refresh that changed nothing, or a
    benchmark that publishes one dataset thirty times).
    """
    import json

    import shapely

    from . import clusters, segregation

    digest = hashlib.sha256()
    parameters = {"bootstrap": segregation.BOOTSTRAP if bootstrap is None else bootstrap,
                  "permutations": clusters.PERMUTATIONS if permutations is None else permutations,
                  "version": MEASURES_VERSION}
    digest.update(json.dumps([parameters, ds.meta.to_json()], sort_keys=True, ensure_ascii=False).encode())
    digest.update(pd.util.hash_pandas_object(ds.values, index=False).to_numpy().tobytes())
    for level in sorted(ds.areas):
        areas = ds.areas[level]
        digest.update(pd.util.hash_pandas_object(areas.drop(columns="geometry"), index=False).to_numpy().tobytes())
        digest.update(b"".join(g or b"" for g in shapely.to_wkb(areas.geometry.to_numpy())))
    return digest.hexdigest()


def reuse_or_compute(ds: Dataset, previous_release: Path | None, bootstrap: int | None = None,
                     permutations: int | None = None) -> Measures:
    """The measures of ``ds``: those of ``previous_release`` when it was computed from the same data, else new ones."""
    wanted = fingerprint(ds, bootstrap, permutations)
    if previous_release is not None:
        try:
            stored = (Path(previous_release) / ANALYSIS_DIR / FINGERPRINT_FILE).read_text(encoding="utf-8").strip()
            if stored == wanted:
                previous = read_measures(previous_release)
                if previous is not None:
                    log.info("measures of %s reused from the previous release (same data)", ds.name)
                    previous.fingerprint = wanted
                    return previous
        except OSError:  # no previous measures, or the release went away meanwhile: compute
            pass
    measures = compute_measures(ds, bootstrap=bootstrap, permutations=permutations)
    measures.fingerprint = wanted
    return measures


def write_measures(measures: Measures, release_dir: Path) -> None:
    """Write the tables into ``<release_dir>/analysis/``, with the fingerprint of their data."""
    directory = Path(release_dir) / ANALYSIS_DIR
    directory.mkdir()
    for name in TABLES:
        frame = measures.tables[name]
        # Parquet needs one type per column: an empty frame's object columns become text.
        frame.to_parquet(directory / f"{name}.parquet", index=False)
    if measures.fingerprint:
        (directory / FINGERPRINT_FILE).write_text(measures.fingerprint + "\n", encoding="utf-8")


def read_measures(release_dir: Path) -> Measures | None:
    """The tables written by :func:`write_measures`; None for a release published without them."""
    directory = Path(release_dir) / ANALYSIS_DIR
    if not directory.is_dir():
        return None
    return Measures({name: pd.read_parquet(directory / f"{name}.parquet") for name in TABLES})


def attach(ds: Dataset, release_dir: Path) -> None:
    """Note on ``ds`` the release directory its measures are read from (see :func:`measures_of`)."""
    ds.memo(_DIRECTORY_KEY, lambda: Path(release_dir))


def measures_of(ds: Dataset) -> Measures | None:
    """The measures published with ``ds``'s release, read on first use; None when there are none.

    Never computes: a dataset that was not read from a release (or whose
    release predates measures) has none.  Damaged measures files are logged
    and read as none, so that the maps of the release keep working.
    """
    directory = ds.memo(_DIRECTORY_KEY, lambda: None)
    if directory is None:
        return None

    def read():
        try:
            return read_measures(directory)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            log.error("measures of %s in %s cannot be read and are left out: %s: %s", ds.name, directory,
                      type(exc).__name__, exc)
            return None

    return ds.memo(_MEASURES_KEY, read)


# --- The data API of the segregation view ---------------------------------------------

def _table(ds: Dataset, name: str) -> pd.DataFrame | None:
    measures = measures_of(ds)
    return None if measures is None else measures.table(name)


def _rows(ds: Dataset, name: str, **equal) -> pd.DataFrame:
    """Rows of table ``name`` whose columns equal the given values (None: any); empty without measures."""
    frame = _table(ds, name)
    if frame is None:
        return pd.DataFrame()
    keep = pd.Series(True, index=frame.index)
    for column, value in equal.items():
        if value is not None:
            keep &= frame[column] == value
    return frame[keep].reset_index(drop=True)


def segregation_units(ds: Dataset) -> list[str]:
    """Units with indices (kommun codes, or the municipality)."""
    frame = _table(ds, "segregation")
    return [] if frame is None else sorted(frame["unit"].unique().tolist())


def segregation_series(ds: Dataset, unit: str, indicator: str | None = None,
                       index: str | None = None) -> pd.DataFrame:
    """Index values with their 95 % interval per year for ``unit`` (optionally one definition and index)."""
    rows = _rows(ds, "segregation", unit=unit, indicator=indicator, index=index)
    return rows.sort_values(["indicator", "index", "year"]).reset_index(drop=True) if len(rows) else rows


def segregation_change(ds: Dataset, unit: str, year_from: int, year_to: int) -> pd.DataFrame:
    """Whether each index changed more than chance between two years in ``unit`` (either order)."""
    low, high = sorted((int(year_from), int(year_to)))
    return _rows(ds, "segregation_change", unit=unit, year_from=low, year_to=high)


def segregation_map(ds: Dataset, year: int, indicator: str, index: str) -> pd.DataFrame:
    """One index for every unit in a year: what a kommun map of a national dataset shows."""
    return _rows(ds, "segregation", year=int(year), indicator=indicator, index=index)


def area_types(ds: Dataset, indicator: str | None = None, unit: str | None = None) -> pd.DataFrame:
    """Areas and share of residents per type and year (``unit``: a kommun, ``*`` the whole dataset)."""
    return _rows(ds, "area_types", indicator=indicator, unit=unit)


def area_type_moves(ds: Dataset, indicator: str, year_from: int, year_to: int,
                    unit: str | None = None) -> pd.DataFrame:
    """Areas and residents by type in ``year_from`` and type in ``year_to``."""
    return _rows(ds, "area_type_moves", indicator=indicator, year_from=int(year_from), year_to=int(year_to),
                 unit=unit)


def area_type_shares(ds: Dataset, indicator: str, share_indicator: str | None = None,
                     unit: str | None = None) -> pd.DataFrame:
    """Share indicators per type and year, as ratios of sums."""
    return _rows(ds, "area_type_shares", indicator=indicator, share_indicator=share_indicator, unit=unit)


def clusters(ds: Dataset, level: str, indicator: str, year: int) -> pd.DataFrame:
    """Local clusters of one map: ``area_id``, ``local_i``, ``p_value``, ``cluster`` per area."""
    return _rows(ds, "lisa", level=level, indicator=indicator, year=int(year))


def moran(ds: Dataset, level: str, indicator: str) -> pd.DataFrame:
    """Global Moran's I with its p-value per year for one indicator at one level."""
    return _rows(ds, "moran", level=level, indicator=indicator)


def computed_reference(ds: Dataset, indicator: str) -> pd.DataFrame:
    """The reference area's series for the area panel: published, else the stored computed values.

    ``year``, ``value``, ``status``, ``computed`` (True for a ratio of sums);
    empty when neither exists.  Reads only what was stored at publish.
    """
    from .aggregate import reference_series

    computed = _table(ds, "computed")
    if computed is None:
        computed = pd.DataFrame(columns=["level", "area_id", "indicator", "year", "value", "status", "computed"])
    return reference_series(ds, indicator, computed=computed)


# --- Texts for the views (the catalog's, by index and group definition) -------------------

def definition_label(ds: Dataset, definition: str, lang: str) -> str:
    """What a group definition measures, e.g. "Låg ekonomisk standard mot övriga".

    A pair the dataset names keeps its own label when it has one; otherwise
    the two groups' indicator labels are joined by the catalog's wording.
    """
    from .i18n import t
    from .model import text

    for pair in ds.meta.group_pairs:
        if str(pair.get("id")) == definition:
            if pair.get("label"):
                return text(pair["label"], lang)
            group, other = (text(ds.meta.indicator(g).label, lang) for g in pair["groups"])
            return t("segregation.definition.pair", lang, group=group, other=other)
    return t("segregation.definition.rest", lang, group=text(ds.meta.indicator(definition).label, lang))


def index_texts(index: str, lang: str) -> dict[str, str]:
    """``name``, ``meaning`` and ``caveat`` of an index id (``D``, ``H_spatial``, ...) in ``lang``.

    A spatial variant's meaning is its index's, followed by what the spatial
    variant adds.
    """
    from .i18n import t
    from .segregation import SPATIAL_SUFFIX

    base = index.removesuffix(SPATIAL_SUFFIX)
    meaning = t(f"segregation.index.{base}.meaning", lang)
    if index != base:
        meaning = f"{meaning} {t('segregation.index.spatial', lang)}"
    return {"name": t(f"segregation.index.{index}.name", lang), "meaning": meaning,
            "caveat": t("segregation.caveat", lang)}
