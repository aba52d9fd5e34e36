"""From a planner's files to a checked :class:`~geodata.model.Dataset`.

:func:`build_dataset` reads every polygon and values file of a
:class:`DatasetPlan`, joins the values to the areas and reports every
problem through one :class:`~geodata.ingest.issues.IssueLog`.  It never
publishes; the caller does that only when the log holds no errors.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from ..i18n import CATALOG, LANGUAGES, t
from ..model import (CODE_PATTERNS, NAME_PATTERN, STATUS_MISSING, STATUS_OK, Dataset, DatasetMeta, Level,
                     normalise_areas, normalise_dataset)
from ..validate import id_problem, validate_dataset
from .builtin import BUILTIN_LEVELS, BUILTIN_SOURCE, builtin_areas
from .codes import cells_to_codes, restore_zeros, shortened, split_edition
from .issues import ERROR, MAX_LISTED_ROWS, IssueLog
from .metadata import category_codes, make_indicator, read_indicator_file
from .polygons import AreasOptions, read_areas
from . import subset
from .reshape import LongRows, to_long
from .tables import ValuesOptions, read_table

#: How messages name the official code systems, and an id of each.
CODE_SYSTEM_NAMES = {"lan": "län", "kommun": "kommun", "deso": "DeSO", "regso": "RegSO"}
CODE_EXAMPLES = {"lan": "17", "kommun": "1780", "deso": "1780C1040", "regso": "1780R001"}

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
    #: Without polygons: the code system its ids follow (``regso``), else the
    #: level id names it when it is one; ``id_pattern`` is a planner's own rule
    #: for ids (a regular expression such as ``^S\d{2}$``).
    code_system: str | None = None
    id_pattern: str | None = None


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
    id_pattern: re.Pattern | None = None


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
    values = _apply_categories(values, indicator_meta, log)
    values = _check_shares(values, indicator_meta, log)
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


def _apply_categories(values: pd.DataFrame, meta: dict[str, dict[str, Any]],
                      log: IssueLog) -> pd.DataFrame:
    """Check the codes of category indicators and store declared no-data codes as missing.

    A category's value is a code: a whole number, and when the indicator
    file lists ``categories`` one of them.  A code listed under ``no_data``
    (Göteborg's 99 "Ej klassificerat") says there is no value, so it becomes
    ``missing``: drawn as a class it would read as the best (or worst) one.
    Rows with other values are reported with their cell and dropped.
    """
    if values.empty:
        return values
    bad = np.zeros(len(values), dtype=bool)
    for ind_id, entry in meta.items():
        if entry.get("kind") != "category":
            continue
        declared, no_data = category_codes(entry)
        rows = (values["indicator"] == ind_id).to_numpy() & (values["status"] == STATUS_OK).to_numpy()
        if not rows.any():
            continue
        value = values["value"].to_numpy(dtype="float64")
        whole = np.isfinite(value) & (np.floor(value) == value)
        codes = np.array([str(int(v)) if w else "" for v, w in zip(value, whole)], dtype=object)
        not_code = rows & ~whole
        _log_cells(log, "category_not_a_code", values, not_code)
        if declared:
            undeclared = rows & whole & ~np.isin(codes, declared + no_data)
            _log_cells(log, "category_not_declared", values, undeclared, codes=", ".join(declared))
            bad |= undeclared
        bad |= not_code
        empty = rows & whole & np.isin(codes, no_data)
        if empty.any():
            values = values.copy()
            values.loc[empty, ["value", "numerator", "denominator"]] = np.nan
            values.loc[empty, "status"] = STATUS_MISSING
    return values[~bad].reset_index(drop=True)


def _written_tolerance(value: np.ndarray) -> np.ndarray:
    """Half a unit in the last decimal each value is written with (0.05 for 42.6, 0.5 for 43).

    A share rounded to the decimals it shows is never further than this from
    the exact ratio; a value with more than six decimals is taken as exact.
    """
    tol = np.full(value.shape, 5e-7)
    for decimals in range(6, -1, -1):
        exact = np.abs(np.round(value, decimals) - value) <= 1e-9 * np.maximum(1.0, np.abs(value))
        tol = np.where(exact, 0.5 * 10.0 ** -decimals, tol)
    return tol + 1e-9 * np.maximum(1.0, np.abs(value))


def _check_shares(values: pd.DataFrame, meta: dict[str, dict[str, Any]], log: IssueLog) -> pd.DataFrame:
    """Refuse shares that their numerator and denominator contradict; read fractions as per cent.

    A share is ``100 × numerator / denominator``.  A denominator of 0 or
    less is an error for any indicator.  A share further from the ratio
    than its written rounding allows is an error naming the cell, with
    the ratio it should be.  A file that gives every checkable share of an
    indicator as a fraction (0.426 with 184/432) is recognised: its
    values of that indicator are multiplied by 100, with a warning.
    """
    if values.empty or values["denominator"].isna().all():
        return values
    ok = (values["status"] == STATUS_OK).to_numpy()
    num = values["numerator"].to_numpy(dtype="float64")
    den = values["denominator"].to_numpy(dtype="float64")
    value = values["value"].to_numpy(dtype="float64")
    bad_den = ok & np.isfinite(den) & (den <= 0)
    _log_cells(log, "denominator_not_positive", values, bad_den, denominator=den)
    with_ratio = set(values.loc[values["denominator"].notna(), "indicator"])
    shares = [i for i in pd.unique(values["indicator"])
              if meta.get(i, {}).get("kind", "share" if i in with_ratio else "index") == "share"]
    checkable = (ok & np.isfinite(num) & np.isfinite(den) & (den > 0)
                 & values["indicator"].isin(shares).to_numpy())
    bad = bad_den.copy()
    if checkable.any():
        ratio = np.divide(num, den, out=np.full(len(num), np.nan), where=checkable)
        tol = _written_tolerance(value)
        as_percent = np.abs(value - 100 * ratio) <= tol
        as_fraction = (np.abs(value - ratio) <= tol) & ~as_percent
        groups = values.loc[checkable, ["indicator", "_file"]].drop_duplicates()
        for ind_id, file in zip(groups["indicator"], groups["_file"]):
            group = (values["indicator"] == ind_id).to_numpy() & (values["_file"] == file).to_numpy()
            # A share of 0 reads the same either way and settles nothing.
            zero = (value == 0) & (ratio == 0)
            mine = group & checkable
            if (as_fraction | zero)[mine].all() and as_fraction[mine].any():
                convert = group & ok
                values = values.copy() if convert.any() else values
                values.loc[convert, "value"] = values.loc[convert, "value"] * 100
                first = values[group & checkable].iloc[0]
                log.warning("share_as_fraction", file, row=int(first["_row"]), column=first["_column"],
                            value=value[np.flatnonzero(group & checkable)[0]], indicator=ind_id,
                            count=int((group & checkable).sum()))
                value = values["value"].to_numpy(dtype="float64")
                as_percent |= group & checkable
        mismatch = checkable & ~as_percent
        _log_cells(log, "share_mismatch", values, mismatch,
                   ratio=np.round(100 * ratio, 4), numerator=num, denominator=den)
        bad |= mismatch
    return values[~bad].reset_index(drop=True)


def _log_cells(log: IssueLog, rule: str, values: pd.DataFrame, mask: np.ndarray, **params: Any) -> None:
    """One error per offending value row, file by file, with the rows' cells.

    A parameter given as an array aligned with ``values`` differs per row
    (the ratio a share should be); the others are the same for all.  Past
    :data:`MAX_LISTED_ROWS` rows of a file and column one line sums up the rest.
    """
    if not mask.any():
        return
    per_row = {k: v for k, v in params.items() if isinstance(v, np.ndarray)}
    common = {k: v for k, v in params.items() if k not in per_row}
    hit = np.flatnonzero(mask)
    frame = values.iloc[hit]
    keys = list(zip(frame["_file"], frame["_sheet"].fillna(""), frame["_column"]))
    for key in dict.fromkeys(keys):
        rows = [pos for pos, k in zip(hit, keys) if k == key]
        file, sheet, column = key
        for pos in rows[:MAX_LISTED_ROWS]:
            row_params = {k: _shown(v[pos]) for k, v in per_row.items()}
            log.error(rule, file, sheet=sheet or None, row=int(values["_row"].iloc[pos]), column=column,
                      value=values["value"].iloc[pos], **common, **row_params)
        if len(rows) > MAX_LISTED_ROWS:
            rest = values["_row"].to_numpy()[rows[MAX_LISTED_ROWS:]]
            first = {k: _shown(v[rows[MAX_LISTED_ROWS]]) for k, v in per_row.items()}
            log.more(ERROR, rule, file, sheet=sheet or None, column=column, rows=rest, **common, **first)


def _shown(number: float) -> str:
    """A number as a message shows it: no trailing .0, no float noise."""
    number = float(number)
    return str(int(number)) if number.is_integer() else f"{number:.6g}"


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
        code_system = plan.code_system or (plan.id if plan.id in CODE_PATTERNS else None)
        if code_system is not None and code_system not in CODE_PATTERNS:
            log.error("unknown_code_system", value=code_system, systems=", ".join(CODE_PATTERNS))
            code_system = None
        pattern = None
        if plan.id_pattern is not None:
            try:
                pattern = re.compile(plan.id_pattern)
            except re.error as exc:
                log.error("bad_id_pattern", value=plan.id_pattern, reason=str(exc))
        return _ReadLevel(plan, plan.id, None, code_system, "", id_pattern=pattern)
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
    if level.areas is None:
        # Without polygons nothing else stops a name ("Ale (Alafors)") or a
        # footnote from being published as an id of the level.
        pattern = CODE_PATTERNS.get(level.code_system or "") or level.id_pattern
        if pattern is not None:
            off = ~codes.str.match(pattern).fillna(False).to_numpy(dtype=bool) & ~blank
            if off.any():
                bad = pd.DataFrame({"row": frame["row"].to_numpy()[off],
                                    "code": codes.to_numpy()[off]}).drop_duplicates("row")
                system = level.code_system
                log.rows(ERROR, "id_not_in_code_system" if system else "id_not_in_own_pattern", file,
                         sheet=sheet, rows=bad["row"].to_numpy(), column=rows.id_column,
                         values=bad["code"].tolist(), level=level.id,
                         system=CODE_SYSTEM_NAMES.get(system, system or ""),
                         example=CODE_EXAMPLES.get(system, ""), pattern=pattern.pattern)
                ok &= ~off
    if level.areas is not None:
        known = set(level.areas["area_id"])
        # Values on polygons rejected for a reported problem are dropped quietly.
        rejected = codes.isin(level.rejected).to_numpy()
        ok &= ~rejected
        # A national or county file onto fewer polygons: the rows --only leaves out.
        omitted = subset.left_out(codes, frame["row"].to_numpy(), ~blank & ~rejected, known, level.id,
                                  level.code_system, level.file, getattr(options, "only", None), file,
                                  sheet, log)
        ok &= ~omitted
        unknown = ~codes.isin(known).to_numpy() & ~blank & ~rejected & ~omitted
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
