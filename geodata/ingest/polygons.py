"""Reading area polygons: GeoPackage, GeoJSON, shapefile (also zipped), GeoParquet.

Whatever CRS the file is in, areas leave here in WGS 84 (EPSG:4326), the CRS
web maps need, with ids as strings.  Every feature is checked: a missing CRS,
points or lines among the polygons, invalid polygons, empty or duplicate ids
and coordinates outside Sweden are all reported with the feature's row
(header = row 1, as in the attribute table exported to a spreadsheet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from .. import boundaries
from .codes import cells_to_codes, detect_code_system, normalise_codes, split_edition
from .formats import POLYGONS, find_format, format_names
from .issues import ERROR, MAX_LISTED_ROWS, IssueLog

TARGET_CRS = "EPSG:4326"

#: A repair by make_valid is accepted when it changes the area by at most
#: this fraction: enough for slivers and self-touching rings, far too little
#: for a bow-tie whose halves cancel out.
NEGLIGIBLE_AREA_CHANGE = 0.001

#: Overlaps (and gaps) listed one by one after the line that counts them all.
FAULTS_LISTED = 5

#: Sweden with a margin (WGS 84 lon/lat): coordinates outside point to a
#: wrong CRS, typically SWEREF 99 TM metres declared as degrees.
SWEDEN_BOUNDS = (10.0, 54.8, 24.6, 69.5)

#: CRSs a Swedish file without an EPSG code most likely means.
SWEDISH_CRS_CANDIDATES = (3006, 4326, 4619, 3021) + tuple(range(3007, 3019))

#: ``version`` attribute of SCB's WFS polygons: ``2025_v2``.
SCB_VERSION = re.compile(r"^(\d{4})_v\d+$")


@dataclass
class AreasOptions:
    """How to read one polygon file (see the ``ingest`` command)."""

    id_column: str
    layer: str | None = None
    name_column: str | None = None
    parent_column: str | None = None
    crs: str | None = None
    edition: str | None = None
    code_system: str | None = "auto"


@dataclass
class Areas:
    """Areas read from a file: normalised frame plus what was learnt."""

    file: str
    layer: str | None
    frame: gpd.GeoDataFrame
    code_system: str | None
    rows: dict[str, int]
    #: Ids of features dropped for a reported problem: values on them are
    #: not reported again as "no polygon".
    rejected: frozenset[str] = frozenset()


def parse_crs(text: str | int) -> CRS:
    """``3006``, ``"EPSG:3006"`` or any pyproj input."""
    text = str(text).strip()
    if text.isdigit():
        text = f"EPSG:{text}"
    return CRS.from_user_input(text)


def _identify_crs(crs: CRS, bounds: tuple[float, float, float, float]) -> int | None:
    """EPSG code of a known Swedish CRS that places ``bounds`` where ``crs`` does."""
    xs = np.array([bounds[0], bounds[2], (bounds[0] + bounds[2]) / 2])
    ys = np.array([bounds[1], bounds[3], (bounds[1] + bounds[3]) / 2])
    try:
        ref_x, ref_y = Transformer.from_crs(crs, 4326, always_xy=True).transform(xs, ys)
    except Exception:
        return None
    for code in SWEDISH_CRS_CANDIDATES:
        try:
            x, y = Transformer.from_crs(code, 4326, always_xy=True).transform(xs, ys)
        except Exception:
            continue
        # 1e-5 degrees is about a metre: the same CRS under another name.
        if np.all(np.isfinite(x)) and np.allclose(x, ref_x, atol=1e-5) and np.allclose(y, ref_y, atol=1e-5):
            return code
    return None


def read_areas(path: Path, options: AreasOptions, log: IssueLog) -> Areas | None:
    """Read, check and normalise one polygon file.

    Returns None when the file cannot be used at all; otherwise the areas
    that passed (every problem is in ``log``).
    """
    path = Path(path)
    name = path.name
    if not log.file_is_usable(path):
        return None
    file_format = find_format(path, POLYGONS)
    if file_format is None:
        log.error("unsupported_areas_format", name, value=path.suffix, formats=format_names(POLYGONS))
        return None
    try:
        read = file_format.read(path, options.layer, log)
    except Exception as exc:  # GDAL and pyarrow raise many types for broken files
        log.error("unreadable_file", name, reason=f"{type(exc).__name__}: {exc}")
        return None
    if read is None:
        return None
    frame, sheet = read
    return check_areas(frame, name, sheet, options, log)


def check_areas(frame: gpd.GeoDataFrame, name: str, sheet: str | None, options: AreasOptions,
                log: IssueLog) -> Areas | None:
    """Check and normalise polygons already read (from a file or SCB's WFS)."""
    if len(frame) == 0:
        log.error("no_features", name, sheet=sheet)
        return None
    rows = np.arange(len(frame)) + 2
    frame = frame.reset_index(drop=True)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    missing = [c for c in (options.id_column, options.name_column, options.parent_column)
               if c is not None and c not in columns]
    if missing:
        log.error("missing_columns", name, sheet=sheet, columns=", ".join(missing),
                  available=", ".join(columns))
        return None

    crs = _resolve_crs(frame, options, name, sheet, log)
    if crs is None:
        return None
    frame = frame.set_crs(crs, allow_override=True)

    keep, geoms = _check_geometries(frame, rows, name, sheet, log)
    frame[frame.geometry.name] = gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs)
    ids, system, id_ok = _check_ids(frame[options.id_column], rows, options, name, sheet, log)
    keep &= id_ok
    frame = frame.assign(area_id=ids)
    rejected = set(ids[~keep])
    frame = frame[keep].copy()
    rows = rows[keep]
    if frame.empty:
        return None
    frame = frame.to_crs(TARGET_CRS)
    inside = _check_bounds(frame, rows, name, sheet, options, log)
    rejected |= set(frame["area_id"][~inside])
    frame, rows = frame[inside], rows[inside]

    out = gpd.GeoDataFrame({
        "area_id": frame["area_id"].to_numpy(dtype=object),
        "name": (frame[options.name_column].astype(object).where(frame[options.name_column].notna(), None)
                 .map(lambda v: None if v is None else str(v)).to_numpy(dtype=object)
                 if options.name_column else None),
        "parent_id": (normalise_codes(frame[options.parent_column],
                                      _parent_system(system)).codes.to_numpy(dtype=object)
                      if options.parent_column else None),
        "edition": _edition(frame, options, system),
    }, geometry=frame.geometry.to_numpy(), crs=TARGET_CRS)
    check_coverage(out, name, sheet, log)
    return Areas(name, sheet, out.reset_index(drop=True), system,
                 dict(zip(out["area_id"], (int(r) for r in rows))), frozenset(rejected - {""}))


def check_coverage(areas: gpd.GeoDataFrame, name: str, sheet: str | None, log: IssueLog) -> None:
    """Warn about overlaps and gaps between areas, with their size and the ids involved.

    Neither stops publishing: the map draws a cleaned coverage
    (:mod:`geodata.boundaries`).  But an overlap means the file's values may
    count the same ground twice, and the planner should know.  Faults below
    :data:`geodata.boundaries.FAULT_MIN_AREA` (a square metre) are noding
    noise and not reported; holes wider than
    :data:`geodata.boundaries.GAP_MAX_WIDTH` are ground the areas leave out
    on purpose (lakes, the sea).
    """
    if len(areas) < 2:
        return
    metric = areas.to_crs(boundaries.METRIC_CRS).geometry.to_numpy()
    ids = areas["area_id"].tolist()
    found = boundaries.overlaps(metric, ids)
    if found:
        log.warning("areas_overlaps", name, sheet=sheet, count=len(found), size=_size(sum(o.area for o in found)))
    for o in found[:FAULTS_LISTED]:
        log.warning("areas_overlap", name, sheet=sheet, first=o.first, second=o.second, size=_size(o.area))
    holes = boundaries.gaps(metric, ids)
    if holes:
        log.warning("areas_gaps", name, sheet=sheet, count=len(holes), size=_size(sum(g.area for g in holes)))
    for g in holes[:FAULTS_LISTED]:
        log.warning("areas_gap", name, sheet=sheet, size=_size(g.area), width=f"{g.width:.1f} m",
                    ids=", ".join(g.ids))


def _size(square_metres: float) -> str:
    """An area as a planner reads it: m² up to a hectare, km² above."""
    if square_metres < 10_000:
        return f"{square_metres:,.0f} m²".replace(",", " ")
    return f"{square_metres / 1e6:.2f} km²"


def _parent_system(system: str | None) -> str | None:
    return {"deso": "regso", "regso": "kommun", "kommun": "lan"}.get(system or "")


def _edition(frame: gpd.GeoDataFrame, options: AreasOptions, system: str | None) -> object:
    if options.edition:
        return options.edition
    if system in ("deso", "regso") and "version" in frame.columns:
        # SCB's WFS layers carry "2025_v2"; the edition is "DeSO2025".
        versions = frame["version"].astype(str).str.extract(SCB_VERSION)[0]
        prefix = "DeSO" if system == "deso" else "RegSO"
        return versions.map(lambda y: f"{prefix}{y}" if isinstance(y, str) else None).to_numpy(dtype=object)
    return None


def _resolve_crs(frame: gpd.GeoDataFrame, options: AreasOptions, name: str,
                 sheet: str | None, log: IssueLog) -> CRS | None:
    declared = frame.crs
    if options.crs is not None:
        try:
            given = parse_crs(options.crs)
        except Exception:
            log.error("unknown_crs", name, value=options.crs)
            return None
        if declared is not None and not declared.equals(given):
            log.warning("crs_overridden", name, sheet=sheet, declared=_crs_name(declared),
                        given=_crs_name(given))
        return given
    if declared is None:
        log.error("missing_crs", name, sheet=sheet)
        return None
    if declared.to_epsg() is None:
        code = _identify_crs(declared, tuple(frame.total_bounds))
        if code is not None:
            log.warning("crs_without_epsg_identified", name, sheet=sheet, epsg=code)
            return CRS.from_epsg(code)
        log.warning("crs_without_epsg", name, sheet=sheet, crs=declared.name)
    return declared


def _crs_name(crs: CRS) -> str:
    code = crs.to_epsg()
    return f"EPSG:{code}" if code else crs.name


def _check_geometries(frame: gpd.GeoDataFrame, rows: np.ndarray, name: str,
                      sheet: str | None, log: IssueLog) -> tuple[np.ndarray, np.ndarray]:
    geoms = frame.geometry.to_numpy().copy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        log.rows(ERROR, "no_geometry", name, sheet=sheet, rows=rows[missing], column="geometry")
    types = np.asarray(shapely.get_type_id(geoms))
    polygonal = np.isin(types, (3, 6)) & ~missing
    wrong = ~polygonal & ~missing
    if wrong.any():
        type_names = frame.geom_type.to_numpy(dtype=object)
        log.rows(ERROR, "not_a_polygon", name, sheet=sheet, rows=rows[wrong], column="geometry",
                 values=type_names[wrong].tolist())
    keep = polygonal.copy()
    invalid = polygonal & ~shapely.is_valid(geoms)
    for i in np.flatnonzero(invalid):
        repaired, change = _repair(geoms[i])
        reason = shapely.is_valid_reason(geoms[i])
        percent = f"{change * 100:.2f}"
        if repaired is not None and change <= NEGLIGIBLE_AREA_CHANGE:
            log.warning("polygon_repaired", name, sheet=sheet, row=int(rows[i]), column="geometry",
                        value=reason, change=percent)
            geoms[i] = repaired
        else:
            log.error("polygon_invalid", name, sheet=sheet, row=int(rows[i]), column="geometry",
                      value=reason, change=percent)
            keep[i] = False
    return keep, geoms


def _repair(geom) -> tuple[object | None, float]:
    """make_valid, keeping only polygonal parts; return it and the relative area change."""
    fixed = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(fixed) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None, 1.0
    fixed = shapely.union_all(parts)
    before, after = abs(geom.area), fixed.area
    change = abs(after - before) / max(before, after, 1e-30)
    return fixed, change


def _check_ids(cells: pd.Series, rows: np.ndarray, options: AreasOptions, name: str,
               sheet: str | None, log: IssueLog) -> tuple[pd.Series, str | None, np.ndarray]:
    raw = cells_to_codes(cells.reset_index(drop=True))
    stripped, _ = split_edition(raw)
    if options.code_system == "auto":
        system = detect_code_system(stripped)
    else:
        system = options.code_system
    normal = normalise_codes(cells.reset_index(drop=True), system)
    ids = normal.codes
    ok = np.ones(len(ids), dtype=bool)
    blank = (ids == "").to_numpy()
    if blank.any():
        log.rows(ERROR, "empty_id", name, sheet=sheet, rows=rows[blank], column=options.id_column)
        ok &= ~blank
    if normal.restored.any():
        restored_rows = rows[normal.restored]
        log.warning("leading_zero_restored", name, sheet=sheet, row=int(restored_rows[0]),
                    column=options.id_column, value=raw[normal.restored].iloc[0],
                    restored=ids[normal.restored].iloc[0], count=int(normal.restored.sum()))
    dup = ids.duplicated(keep="first").to_numpy() & ~blank
    if dup.any():
        first_row = {}
        for area_id, row in zip(ids, rows):
            first_row.setdefault(area_id, int(row))
        idx = np.flatnonzero(dup)
        for i in idx[:MAX_LISTED_ROWS]:
            log.error("duplicate_id", name, sheet=sheet, row=int(rows[i]), column=options.id_column,
                      value=ids.iloc[i], first=first_row[ids.iloc[i]])
        if len(idx) > MAX_LISTED_ROWS:
            log.more(ERROR, "duplicate_id_plain", name, sheet=sheet, column=options.id_column,
                     rows=rows[idx[MAX_LISTED_ROWS:]])
        # Neither copy can be trusted to be the right one.
        ok &= ~ids.isin(set(ids[dup])).to_numpy()
    return ids, system, ok


def _check_bounds(frame: gpd.GeoDataFrame, rows: np.ndarray, name: str, sheet: str | None,
                  options: AreasOptions, log: IssueLog) -> np.ndarray:
    bounds = frame.geometry.bounds.to_numpy()
    west, south, east, north = SWEDEN_BOUNDS
    with np.errstate(invalid="ignore"):
        inside = ((bounds[:, 0] >= west) & (bounds[:, 2] <= east)
                  & (bounds[:, 1] >= south) & (bounds[:, 3] <= north))
    if not inside.all():
        idx = np.flatnonzero(~inside)
        values = [f"{b[0]:.2f} {b[1]:.2f} {b[2]:.2f} {b[3]:.2f}" for b in bounds[idx[:10]]]
        log.rows(ERROR, "outside_sweden", name, sheet=sheet, rows=rows[idx], column="geometry",
                 values=values)
    return inside
