"""From a planner's files to a checked :class:`~geodata.model.Dataset`.

:func:`build_dataset` reads every polygon and values file of a
:class:`DatasetPlan`, joins the values to the areas and reports every
problem through one :class:`~geodata.ingest.issues.IssueLog`.  It never
publishes; the caller does that only when the log holds no errors.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from ..i18n import CATALOG, LANGUAGES, t
from ..model import CODE_PATTERNS, NAME_PATTERN, Dataset, DatasetMeta, Level, normalise_areas, normalise_dataset
from ..validate import id_problem, validate_dataset
from .builtin import BUILTIN_LEVELS, BUILTIN_SOURCE, builtin_areas
from .codes import cells_to_codes, restore_zeros, shortened, split_edition
from .issues import ERROR, MAX_LISTED_ROWS, IssueLog
from .metadata import make_indicator, read_indicator_file
from .polygons import AreasOptions, read_areas
from .reshape import LongRows, to_long
from .tables import ValuesOptions, read_table

#: Called with a catalog key and its parameters whenever a step starts.
Progress = Callable[..., None]


def _silent(key: str, **params: Any) -> None:
    return None


@dataclass
class ValuesSource:
    path: Path
    options: ValuesOptions = field(default_factory=ValuesOptions)


@dataclass
class LevelPlan:
    """One level: polygons from a file or built in, and the values on it."""

    id: str | None = None
    areas: Path | None = None
    areas_options: AreasOptions | None = None
    builtin: str | None = None
    values: list[ValuesSource] = field(default_factory=list)
    label: dict[str, str] | None = None
    parent: str | None = None
    mappable: bool = True


@dataclass
class DatasetPlan:
    """Everything needed to build one dataset from files."""

    name: str
    levels: list[LevelPlan]
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    licence: str = ""
    sources: list[dict[str, str]] = field(default_factory=list)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicator_file: Path | None = None
    reference: dict[str, str] = field(default_factory=dict)
    municipality: dict[str, str] = field(default_factory=dict)


def level_label(level_id: str) -> dict[str, str]:
    """Display name of a level in every language (from the catalog)."""
    key = f"ingest.level.{level_id}"
    if key not in CATALOG:
        return {lang: level_id for lang in LANGUAGES}
    return {lang: t(key, lang) for lang in LANGUAGES}


@dataclass
class _ReadLevel:
    plan: LevelPlan
    id: str
    areas: gpd.GeoDataFrame | None
    code_system: str | None
    file: str
    rejected: frozenset[str] = frozenset()


def build_dataset(plan: DatasetPlan, log: IssueLog, progress: Progress = _silent) -> Dataset | None:
    """Read and check everything in ``plan``; None when nothing usable was read.

    The returned dataset may still come with errors in ``log``: the caller
    must not publish unless ``log.errors`` is empty.
    """
    if not NAME_PATTERN.match(plan.name):
        log.error("dataset_name", value=plan.name)
    levels: list[_ReadLevel] = []
    for level_plan in plan.levels:
        read = _read_level(level_plan, log, progress)
        if read is not None:
            levels.append(read)
    ids = [lvl.id for lvl in levels]
    for level_id in sorted({i for i in ids if ids.count(i) > 1}):
        log.error("duplicate_level", value=level_id)
    for level_id in dict.fromkeys(ids):
        _log_id_problem(log, "level", level_id)

    indicator_meta = dict(plan.indicators)
    if plan.indicator_file is not None:
        indicator_meta.update(read_indicator_file(plan.indicator_file, log))

    value_frames, labels = [], {}
    for lvl in levels:
        for source in lvl.plan.values:
            progress("ingest.progress.values", file=Path(source.path).name)
            table = read_table(Path(source.path), source.options, log)
            if table is None:
                continue
            if table.encoding == "cp1252":
                log.warning("read_as_cp1252", table.file)
            rows = to_long(table, source.options, log)
            if rows is None:
                continue
            progress("ingest.progress.rows", file=table.file, rows=len(rows.frame))
            target = lvl
            if source.options.level and source.options.level != lvl.id:
                target = next((x for x in levels if x.id == source.options.level), None)
                if target is None:
                    log.error("unknown_level", table.file, value=source.options.level,
                              levels=", ".join(ids))
                    continue
            frame = _join(rows, target, source.options, log)
            value_frames.append(frame)
            labels.update(rows.labels)

    values = (pd.concat(value_frames, ignore_index=True) if value_frames
              else pd.DataFrame(columns=["level", "area_id", "indicator", "year", "value",
                                         "numerator", "denominator", "status", "edition",
                                         "_file", "_sheet", "_row"]))
    values = _drop_duplicates(values, log)
    _check_indicator_ids(values, log)
    if not levels:
        return None
    if values.empty and any(lvl.plan.values for lvl in levels) and not log.errors:
        log.error("no_values")

    indicators = []
    found = [str(i) for i in pd.unique(values["indicator"])]
    undescribed = [i for i in found if i not in indicator_meta]
    if undescribed and (indicator_meta or plan.indicator_file is not None):
        log.warning("indicators_without_metadata", indicators=", ".join(undescribed))
    with_ratio = set(values.loc[values["denominator"].notna(), "indicator"].unique())
    for ind_id in found:
        indicators.append(make_indicator(ind_id, indicator_meta.get(ind_id),
                                         header_label=labels.get(ind_id),
                                         has_ratio=ind_id in with_ratio))
    for ind_id in indicator_meta:
        if ind_id not in found:
            log.warning("metadata_without_values", value=ind_id)

    sources = list(plan.sources)
    for lvl in levels:
        if lvl.plan.builtin:
            sources.append(dict(BUILTIN_SOURCE))
        elif lvl.file:
            sources.append({"name": lvl.file, "kind": "file"})
        for source in lvl.plan.values:
            sources.append({"name": Path(source.path).name, "kind": "file"})
    meta = DatasetMeta(
        name=plan.name,
        title=plan.title or {"sv": plan.name, "en": plan.name},
        levels=tuple(Level(lvl.id, lvl.plan.label or level_label(lvl.id),
                           parent=lvl.plan.parent, code_system=lvl.code_system,
                           mappable=lvl.plan.mappable) for lvl in levels),
        indicators=tuple(indicators),
        description=plan.description,
        sources=tuple(_dedupe_sources(sources)),
        licence=plan.licence,
        created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        reference=plan.reference,
        municipality=plan.municipality,
    )
    areas = {lvl.id: lvl.areas for lvl in levels if lvl.areas is not None}
    return Dataset(meta, areas, values.drop(columns=["_file", "_sheet", "_row"]))


def check_dataset(dataset: Dataset, log: IssueLog) -> None:
    """Run the model's last gate and report what it finds as issues."""
    for problem in validate_dataset(normalise_dataset(dataset)):
        if problem.key:
            log.error(problem.key, **dict(problem.params))
        else:
            log.error("dataset_invariant", value=problem.value or None, where=problem.where,
                      rule_text=problem.rule)


def _log_id_problem(log: IssueLog, kind: str, value: str, file: str = "", **where: Any) -> None:
    problem = id_problem(kind, value)
    if problem is not None:
        log.error(problem.key, file, **where, **dict(problem.params))


def _check_indicator_ids(values: pd.DataFrame, log: IssueLog) -> None:
    """Refuse indicator ids the web cannot serve, naming where each was first read.

    The last gate refuses them too, but only the values still know the file
    and row, which tell the planner what to change.
    """
    if values.empty:
        return
    first = values.drop_duplicates("indicator")
    for ind_id, file, sheet, row in zip(first["indicator"], first["_file"], first["_sheet"], first["_row"]):
        _log_id_problem(log, "indicator", str(ind_id), file,
                        sheet=None if pd.isna(sheet) else sheet, row=int(row))


def _dedupe_sources(sources: list[dict[str, str]]) -> list[dict[str, str]]:
    seen, out = set(), []
    for source in sources:
        key = tuple(sorted(source.items()))
        if key not in seen:
            seen.add(key)
            out.append(source)
    return out


def _read_level(plan: LevelPlan, log: IssueLog, progress: Progress) -> _ReadLevel | None:
    if plan.builtin:
        if plan.builtin not in BUILTIN_LEVELS:
            log.error("unknown_builtin_level", value=plan.builtin, levels=", ".join(BUILTIN_LEVELS))
            return None
        progress("ingest.progress.builtin", level=plan.builtin)
        return _ReadLevel(plan, plan.id or plan.builtin, builtin_areas(plan.builtin),
                          plan.builtin, "")
    if plan.areas is None:
        # A reference level without polygons (the whole country, say).
        if plan.id is None:
            raise ValueError("a level without polygons needs an id")
        code_system = plan.id if plan.id in CODE_PATTERNS else None
        return _ReadLevel(plan, plan.id, None, code_system, "")
    progress("ingest.progress.areas", file=Path(plan.areas).name)
    read = read_areas(Path(plan.areas), plan.areas_options, log)
    if read is None:
        return None
    progress("ingest.progress.areas_read", file=read.file, count=len(read.frame))
    level_id = plan.id or read.code_system or "district"
    return _ReadLevel(plan, level_id, normalise_areas(read.frame), read.code_system, read.file,
                      read.rejected)


def _join(rows: LongRows, level: _ReadLevel, options: ValuesOptions, log: IssueLog) -> pd.DataFrame:
    """Normalise the value ids towards ``level`` and report ids without a polygon."""
    frame = rows.frame
    file, sheet = rows.file, rows.sheet
    # Work on the distinct id cells (a long table repeats each id many times)
    # and broadcast back; index -1 (an empty cell) picks the appended filler.
    index, uniques = pd.factorize(frame["area_cell"].astype(object), use_na_sentinel=True)
    unique_codes = cells_to_codes(pd.Series(uniques, dtype=object))
    unique_codes, unique_edition = split_edition(unique_codes)
    system = level.code_system
    unique_restored = np.zeros(len(unique_codes), dtype=bool)
    if system in CODE_PATTERNS:
        unique_codes = _code_before_name(unique_codes, system)
        unique_codes, unique_restored = restore_zeros(unique_codes, system)
    codes = pd.Series(np.append(unique_codes.to_numpy(dtype=object), "")[index], dtype=object)
    suffix_edition = pd.Series(np.append(unique_edition.to_numpy(dtype=object), None)[index],
                               dtype=object)
    restored = np.append(unique_restored, False)[index]
    if restored.any():
        first = int(np.flatnonzero(restored)[0])
        log.warning("leading_zero_restored", file, sheet=sheet,
                    row=int(frame["row"].iloc[first]), column=rows.id_column,
                    value=cells_to_codes(frame["area_cell"].iloc[[first]]).iloc[0],
                    restored=codes.iloc[first],
                    count=int(pd.Series(frame["row"].to_numpy()[restored]).nunique()))
    ok = np.ones(len(codes), dtype=bool)
    blank = (codes == "").to_numpy()
    if blank.any():
        blank_rows = pd.unique(frame["row"].to_numpy()[blank])
        log.rows(ERROR, "empty_id", file, sheet=sheet, rows=blank_rows, column=rows.id_column)
        ok &= ~blank
    if level.areas is not None:
        known = set(level.areas["area_id"])
        # Values on polygons rejected for a reported problem are dropped quietly.
        rejected = codes.isin(level.rejected).to_numpy()
        ok &= ~rejected
        unknown = ~codes.isin(known).to_numpy() & ~blank & ~rejected
        if unknown.any():
            # One problem per row, even if a wide row has many value columns.
            bad = pd.DataFrame({"row": frame["row"].to_numpy()[unknown],
                                "code": codes.to_numpy()[unknown]}).drop_duplicates("row")
            rule = "unknown_area" if level.file else "unknown_builtin_area"
            log.rows(ERROR, rule, file, sheet=sheet, rows=bad["row"].to_numpy(),
                     column=rows.id_column, values=bad["code"].tolist(), level=level.id,
                     file_areas=level.file)
            ok &= ~unknown
    edition = frame["edition"].reset_index(drop=True)
    edition = edition.where(edition.notna(), suffix_edition)
    if getattr(options, "edition", None):
        edition = edition.where(edition.notna(), options.edition)
    out = pd.DataFrame({
        "level": level.id,
        "area_id": codes.to_numpy(dtype=object),
        "indicator": frame["indicator"].to_numpy(dtype=object),
        "year": frame["year"].to_numpy(dtype="int64"),
        "value": frame["value"].to_numpy(dtype="float64"),
        "numerator": frame["numerator"].to_numpy(dtype="float64"),
        "denominator": frame["denominator"].to_numpy(dtype="float64"),
        "status": frame["status"].to_numpy(dtype=object),
        "edition": edition.to_numpy(dtype=object),
        "_file": file,
        "_sheet": sheet,
        "_row": frame["row"].to_numpy(),
        "_column": frame["column"].to_numpy(dtype=object),
    })
    return out[ok].reset_index(drop=True)


def _code_before_name(codes: pd.Series, system: str) -> pd.Series:
    """``"1780 Karlstad"`` (SCB's region column) -> ``"1780"``."""
    pattern = CODE_PATTERNS[system]
    whole_ok = codes.str.match(pattern).fillna(False)
    if whole_ok.all():
        return codes
    first = codes.str.extract(r"^(\S+)\s+\S", expand=False)
    first_filled = first.fillna("")
    first_ok = first_filled.str.match(pattern).fillna(False) | pd.Series(
        shortened(first_filled, system), index=codes.index)
    use = first.notna() & ~whole_ok & first_ok
    return codes.where(~use, first)


def _drop_duplicates(values: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
    key = ["level", "area_id", "indicator", "year"]
    if values.empty:
        return values
    dup = values.duplicated(key, keep="first")
    if not dup.any():
        return values.drop(columns=["_column"], errors="ignore")
    first = values[~dup].set_index(key)[["_file", "_row"]]
    later = values[dup]
    for _, row in later.head(MAX_LISTED_ROWS).iterrows():
        origin = first.loc[(row["level"], row["area_id"], row["indicator"], row["year"])]
        log.error("duplicate_value", row["_file"], sheet=None if pd.isna(row["_sheet"]) else row["_sheet"],
                  row=int(row["_row"]), column=row["_column"],
                  value=f"{row['area_id']}/{row['indicator']}/{row['year']}",
                  first_file=origin["_file"], first_row=int(origin["_row"]))
    if len(later) > MAX_LISTED_ROWS:
        rest = later.iloc[MAX_LISTED_ROWS:]
        log.more(ERROR, "duplicate_value_plain", rest["_file"].iloc[0], sheet=None, column=None,
                 rows=rest["_row"].to_numpy())
    # Keep no copy: which one is right cannot be known.
    dup_all = values.duplicated(key, keep=False)
    return values[~dup_all].drop(columns=["_column"]).reset_index(drop=True)
