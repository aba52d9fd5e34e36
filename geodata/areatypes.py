"""Who lives where: areas and residents per area type, moves between types, shares per type.

An area type is a category indicator: SCB's områdestyp 1-5 per RegSO, or a
municipality's own classes.  For each such indicator this module gives

* per year, the number of areas and the share of residents in each type
  (:func:`type_distribution`), per kommun and for the whole dataset when it
  spans several kommuner (``unit``; ``*`` is the whole);
* between two years, how many areas and residents moved from one type to
  another (:func:`type_moves`, built on :func:`geodata.change.category_changes`);
* every share with numerator and denominator summarised per type as a
  ratio of sums (:func:`shares_by_type`).

Residents come from the dataset's population indicator (a ``count`` such
as ``befolkning``; :func:`population_indicator`); without one, only areas are
counted.  An area without a type or without a population figure is counted
as such, never as 0 residents of some type.

Nothing imports dash.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import STATUS_OK, Dataset

#: Ids a population indicator is recognised by (the demo's, SCB's and common spellings).
POPULATION_IDS = ("befolkning", "folkmangd", "population", "invanare", "antal_invanare")
#: The ``unit`` of the rows about the whole dataset, beside one per kommun when it spans several.
WHOLE = "*"
DISTRIBUTION_COLUMNS = ["indicator", "level", "unit", "year", "code", "areas", "residents", "share_areas",
                        "share_residents", "areas_without_type", "areas_without_population"]
MOVE_COLUMNS = ["indicator", "level", "unit", "year_from", "year_to", "code_from", "code_to", "areas",
                "residents"]
SHARE_COLUMNS = ["indicator", "level", "unit", "year", "code", "share_indicator", "value", "numerator",
                 "denominator", "areas", "areas_left_out"]


def category_indicators(ds: Dataset) -> list[tuple[str, str]]:
    """(indicator, level) of every category indicator with values."""
    out = []
    for ind in ds.meta.indicators:
        if ind.kind != "category":
            continue
        for level in sorted(ds.values.loc[ds.values["indicator"] == ind.id, "level"].unique()):
            out.append((ind.id, str(level)))
    return out


def population_indicator(ds: Dataset) -> str | None:
    """The indicator that counts residents: a ``count`` whose id names a population."""
    counts = [ind.id for ind in ds.meta.indicators if ind.kind == "count"]
    for wanted in POPULATION_IDS:
        for ind in counts:
            if ind == wanted or ind.startswith(wanted):
                return ind
    return None


def _code(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _with_units(ds: Dataset, level: str, frame: pd.DataFrame, key: str = "area_id") -> pd.DataFrame:
    """``frame`` with a ``unit`` per row (its kommun, or the municipality), plus a copy for the whole.

    A dataset of one municipality has one unit and no copy; a national or
    regional dataset gets each kommun's rows and the whole's (unit ``*``).
    """
    from .segregation import units_of

    units = units_of(ds, level)
    out = frame.assign(unit=frame[key].map(units).fillna(WHOLE))
    if out["unit"].nunique() > 1:
        out = pd.concat([out, frame.assign(unit=WHOLE)], ignore_index=True)
    return out


def _types(ds: Dataset, indicator: str, level: str) -> pd.DataFrame:
    rows = ds.values[(ds.values["indicator"] == indicator) & (ds.values["level"] == level)]
    out = rows[["area_id", "year", "status", "value"]].copy()
    out["code"] = [(_code(v) if s == STATUS_OK and np.isfinite(v) else None)
                   for v, s in zip(out["value"], out["status"])]
    return out[["area_id", "year", "code"]]


def _population(ds: Dataset, level: str) -> pd.DataFrame | None:
    population = population_indicator(ds)
    if population is None:
        return None
    rows = ds.values[(ds.values["indicator"] == population) & (ds.values["level"] == level)
                     & (ds.values["status"] == STATUS_OK)]
    if not len(rows):
        return None
    return rows[["area_id", "year", "value"]].rename(columns={"value": "residents"})


def type_distribution(ds: Dataset, indicator: str, level: str) -> pd.DataFrame:
    """Per unit, year and type: the number of areas and the share of residents.

    ``share_residents`` is the type's residents over the residents of all
    typed areas with a population figure that year; NaN when the dataset
    counts no residents at the level.  ``areas_without_type`` (suppressed or
    missing type) and ``areas_without_population`` are per unit and year,
    repeated on each row of the year.  Units as :func:`_with_units` makes them.
    """
    types = _types(ds, indicator, level)
    population = _population(ds, level)
    if population is not None:
        types = types.merge(population, on=["area_id", "year"], how="left")
    else:
        types["residents"] = np.nan
    types = _with_units(ds, level, types)
    typed = types[types["code"].notna()]
    per_type = typed.groupby(["unit", "year", "code"]).agg(areas=("area_id", "size"),
                                                           residents=("residents", lambda s: s.sum(min_count=1)))
    per_type = per_type.reset_index()
    per_year = typed.groupby(["unit", "year"]).agg(all_areas=("area_id", "size"),
                                                   all_residents=("residents", lambda s: s.sum(min_count=1)),
                                                   without_population=("residents", lambda s: int(s.isna().sum())))
    without_type = types[types["code"].isna()].groupby(["unit", "year"]).size().rename("areas_without_type")
    out = per_type.join(per_year, on=["unit", "year"]).join(without_type, on=["unit", "year"])
    out["areas_without_type"] = out["areas_without_type"].fillna(0).astype("int64")
    out["share_areas"] = 100.0 * out["areas"] / out["all_areas"]
    # Residents of areas without a population figure are unknown: the share is of the known ones.
    out["share_residents"] = 100.0 * out["residents"] / out["all_residents"]
    out["areas_without_population"] = out["without_population"].astype("int64")
    out["indicator"], out["level"] = indicator, level
    order = {code: i for i, code in enumerate(ds.meta.indicator(indicator).categories)}
    out["order"] = out["code"].map(lambda c: order.get(c, len(order) + float(c) if _numeric(c) else 1e9))
    out = out.sort_values(["unit", "year", "order", "code"])
    return out[DISTRIBUTION_COLUMNS].reset_index(drop=True)


def _numeric(code: str) -> bool:
    try:
        float(code)
    except ValueError:
        return False
    return True


def type_moves(ds: Dataset, indicator: str, level: str, year_from: int, year_to: int) -> pd.DataFrame:
    """Areas and residents that moved from one type to another between two years.

    One row per (type in ``year_from``, type in ``year_to``) with any area;
    the diagonal is the areas that kept their type.  Residents are those of
    ``year_to`` (who lives in the areas now).  Areas without a comparison
    are left out exactly as :func:`geodata.change.category_changes` leaves
    them out (no type in either year, or boundaries that changed between the
    editions).
    """
    return _moves(ds, indicator, level, [(int(year_from), int(year_to))])


def all_type_moves(ds: Dataset, indicator: str, level: str) -> pd.DataFrame:
    """:func:`type_moves` for every pair of years the indicator has at the level."""
    years = ds.years(indicator, level)
    return _moves(ds, indicator, level, [(a, b) for i, a in enumerate(years) for b in years[i + 1:]])


def _moves(ds: Dataset, indicator: str, level: str, pairs: list[tuple[int, int]]) -> pd.DataFrame:
    # The areas compared and why not are change.py's (_pair), so moves and the change map agree;
    # the counting is numpy, since 91 pairs of years through pandas groupbys took seconds for 20 areas.
    from .change import REASON_OK, _pair
    from .segregation import units_of

    population = _population(ds, level)
    unit_of = units_of(ds, level)
    residents_by_year = (population.pivot_table(index="area_id", columns="year", values="residents", aggfunc="first")
                         if population is not None else None)
    parts = []
    for year_from, year_to in pairs:
        ids, first, last, reasons = _pair(ds, level, indicator, year_from, year_to)
        ok = reasons == REASON_OK
        if not ok.any():
            continue
        a = first["value"].to_numpy(dtype=float)[ok]
        b = last["value"].to_numpy(dtype=float)[ok]
        if residents_by_year is not None and year_to in residents_by_year.columns:
            residents = residents_by_year[year_to].reindex(pd.Index(ids)[ok]).to_numpy(dtype=float)
        else:
            residents = np.full(int(ok.sum()), np.nan)
        units = pd.Index(ids)[ok].map(unit_of).to_numpy(dtype=object)
        names, unit = np.unique(units.astype(str), return_inverse=True)
        unit = unit.ravel()
        if len(names) > 1:  # each kommun, then the whole (index len(names))
            names = np.append(names, WHOLE)
            unit, a, b, residents = (np.concatenate([unit, np.full(len(unit), len(names) - 1)]),
                                     np.tile(a, 2), np.tile(b, 2), np.tile(residents, 2))
        cells, which = np.unique(np.column_stack([unit, a, b]), axis=0, return_inverse=True)
        which = which.ravel()
        known = np.isfinite(residents)
        summed = np.bincount(which, weights=np.where(known, residents, 0.0), minlength=len(cells))
        # A cell none of whose areas has a population figure has unknown residents, not 0.
        summed[np.bincount(which, weights=known.astype(float), minlength=len(cells)) == 0] = np.nan
        parts.append(pd.DataFrame({
            "indicator": indicator, "level": level, "unit": names[cells[:, 0].astype(int)],
            "year_from": year_from, "year_to": year_to,
            "code_from": [_code(c) for c in cells[:, 1]], "code_to": [_code(c) for c in cells[:, 2]],
            "areas": np.bincount(which, minlength=len(cells)).astype("int64"), "residents": summed}))
    return pd.concat(parts, ignore_index=True)[MOVE_COLUMNS] if parts else pd.DataFrame(columns=MOVE_COLUMNS)


def shares_by_type(ds: Dataset, indicator: str, level: str) -> pd.DataFrame:
    """Every share with numerator and denominator summarised per type and year as a ratio of sums.

    The share's figures are taken at the type's own level when it has them
    there, else at the finest level below whose areas lie in the typed areas
    (DeSO in their RegSO).  An area whose figures are suppressed or missing
    is left out of its type's sums and counted in ``areas_left_out``.
    """
    from .aggregate import _hierarchy, aggregatable, parent_of

    types = _types(ds, indicator, level)
    frames = []
    below = [child for child, parent in _hierarchy(ds) if parent == level]
    for share in ds.meta.indicators:
        if share.kind != "share":
            continue
        source = level if aggregatable(ds, share.id, level) else next(
            (c for c in below if aggregatable(ds, share.id, c)), None)
        if source is None:
            continue
        rows = ds.values[(ds.values["indicator"] == share.id) & (ds.values["level"] == source)].copy()
        rows["typed_area"] = rows["area_id"] if source == level else rows["area_id"].map(parent_of(ds, source, level))
        rows = rows.merge(types.rename(columns={"area_id": "typed_area"}), on=["typed_area", "year"], how="inner")
        rows = rows[rows["code"].notna()]
        if not len(rows):
            continue
        rows["left_out"] = rows["status"] != STATUS_OK
        rows = _with_units(ds, level, rows, key="typed_area")
        agg = rows.groupby(["unit", "year", "code"]).agg(
            numerator=("numerator", "sum"), denominator=("denominator", "sum"),
            areas=("left_out", lambda s: int((~s).sum())), areas_left_out=("left_out", "sum")).reset_index()
        with np.errstate(invalid="ignore", divide="ignore"):
            agg["value"] = np.where(agg["denominator"] > 0, 100.0 * agg["numerator"] / agg["denominator"], np.nan)
        agg["share_indicator"] = share.id
        agg["areas_left_out"] = agg["areas_left_out"].astype("int64")
        frames.append(agg)
    if not frames:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["indicator"], out["level"] = indicator, level
    return out[SHARE_COLUMNS].sort_values(["unit", "share_indicator", "year", "code"]).reset_index(drop=True)
