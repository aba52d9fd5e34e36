"""Shares of a higher level computed from the level below, as a ratio of sums.

A share stored with numerator and denominator (the people with a trait and
the people it is a share of) can be added up: a RegSO's share is the sum of
its DeSO's numerators over the sum of their denominators, and so on to the
kommun, the län and the nation, or to a parent in a municipality's own
districts.  Medians, amounts, indices and categories cannot: they are never
aggregated here.

Every row this module makes is marked ``computed`` (True), so that a map,
tooltip, table or CSV can say it is not a published figure.  A parent is
computed only from *all* its children: when one of them is suppressed or
missing, a sum of the others would be too small, so the parent gets that
status (suppressed wins over missing), never a number made of what is left.

Pure pandas; nothing imports dash.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import (CODE_PATTERNS, STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, VALUE_COLUMNS, Dataset,
                    derived)

#: Area id of the nation when a dataset's ``riket`` level has no polygons to name it.
NATION_ID = "00"
#: Where a code system's id holds its kommun and län code (SCB's codes start with them).
_PREFIX = {"kommun": 4, "lan": 2}


def aggregatable(ds: Dataset, indicator: str, level: str | None = None) -> bool:
    """Whether ``indicator`` is a share whose rows (at ``level``, or any) carry numerator and denominator.

    A level may publish a share without its counts (a national series of
    values only): such a level cannot be summed, the others still can.
    """
    if ds.meta.indicator(indicator).kind != "share":
        return False
    counted = _counted(ds)
    if level is not None:
        return (indicator, level) in counted
    return any(ind == indicator for ind, _ in counted)


@derived
def _counted(ds: Dataset) -> frozenset[tuple[str, str]]:
    """(indicator, level) pairs whose ``ok`` rows all carry numerator and denominator (one pass, memoised)."""
    ok = ds.values[ds.values["status"] == STATUS_OK]
    complete = (ok["numerator"].notna() & ok["denominator"].notna()).groupby([ok["indicator"], ok["level"]]).all()
    return frozenset((str(i), str(lvl)) for (i, lvl), whole in complete.items() if whole)


def _level_ids(ds: Dataset, level: str) -> list[str]:
    """Areas of ``level``: its polygons, else the ids its value rows use."""
    frame = ds.areas.get(level)
    if frame is not None and len(frame):
        return frame["area_id"].astype(str).tolist()
    return sorted(ds.values.loc[ds.values["level"] == level, "area_id"].astype(str).unique().tolist())


def _code_system(ds: Dataset, level: str) -> str | None:
    try:
        return ds.meta.level(level).code_system
    except KeyError:
        return None


def parent_of(ds: Dataset, child_level: str, parent_level: str) -> pd.Series:
    """The area of ``parent_level`` that holds each area of ``child_level``.

    Follows the levels' ``parent`` chain through the areas' ``parent_id``
    (DeSO -> RegSO -> kommun, or a municipality's own districts), else the
    official codes (a DeSO or RegSO code starts with its kommun code, a
    kommun code with its län code); every area belongs to the nation.

    Returns
    -------
    pandas.Series
        Indexed by child area id; NaN where no parent is known.

    Raises
    ------
    KeyError
        When the two levels are not related in either way.
    """
    children = pd.Index(_level_ids(ds, child_level), name="area_id")
    if parent_level == "riket":
        nation = _level_ids(ds, "riket") or [NATION_ID]
        return pd.Series(nation[0], index=children, dtype=object)
    # The parent chain, one step at a time, as far as the areas carry parent ids.
    mapping = pd.Series(children, index=children, dtype=object)
    level = child_level
    while level != parent_level:
        try:
            up = ds.meta.level(level).parent
        except KeyError:
            up = None
        frame = ds.areas.get(level)
        if up is None or frame is None or frame["parent_id"].isna().all():
            break
        step = frame.set_index(frame["area_id"].astype(str))["parent_id"]
        mapping = mapping.map(step)
        level = up
    if level == parent_level:
        return mapping
    system = _code_system(ds, child_level)
    target = _code_system(ds, parent_level)
    # SCB's codes start with the codes of the kommun and län that hold them.
    finer = {"deso": ("kommun", "lan"), "regso": ("kommun", "lan"), "kommun": ("lan",)}
    if target in finer.get(system, ()):
        width = _PREFIX[target]
        return pd.Series([c[:width] if CODE_PATTERNS[system].match(c) else np.nan for c in children],
                         index=children, dtype=object)
    raise KeyError(f"no way to place areas of level {child_level!r} in level {parent_level!r}")


def aggregate_share(ds: Dataset, indicator: str, child_level: str, parent_level: str) -> pd.DataFrame:
    """Values of ``parent_level`` computed from ``child_level`` as a ratio of sums.

    Parameters
    ----------
    ds : Dataset
    indicator : str
        A share with numerator and denominator (:func:`aggregatable`).
    child_level, parent_level : str
        The level summed and the level computed.

    Returns
    -------
    pandas.DataFrame
        :data:`~geodata.model.VALUE_COLUMNS` plus ``computed`` (always True)
        and ``children`` (areas summed), one row per parent area and year in
        which any child has a row.  ``value`` is ``100 * numerator /
        denominator``; a parent with a suppressed or missing child has that
        status and no figures.

    Raises
    ------
    ValueError
        For a median, amount, index, count or category, or a share without
        numerator and denominator: such values cannot be summed.
    """
    ind = ds.meta.indicator(indicator)
    if not aggregatable(ds, indicator, child_level):
        raise ValueError(f"indicator {ind.id!r} ({ind.kind}) is not a share with numerator and denominator: "
                         "it cannot be computed as a ratio of sums")
    parents = parent_of(ds, child_level, parent_level)
    rows = ds.values[(ds.values["level"] == child_level) & (ds.values["indicator"] == indicator)].copy()
    rows["parent"] = rows["area_id"].map(parents)
    rows = rows[rows["parent"].notna()]
    # Every child of a parent must have a row for the year; a child without one counts as missing.
    members = parents.dropna()
    expected = members.groupby(members).size().rename("expected")
    rows["suppressed"] = rows["status"] == STATUS_SUPPRESSED
    rows["not_ok"] = rows["status"] != STATUS_OK
    rows["edition"] = rows["edition"].fillna("")
    grouped = rows.groupby(["parent", "year"])
    out = grouped.agg(numerator=("numerator", "sum"), denominator=("denominator", "sum"),
                      children=("area_id", "size"), suppressed=("suppressed", "any"), not_ok=("not_ok", "any"),
                      editions=("edition", "nunique"), edition=("edition", "first")).reset_index()
    out = out.join(expected, on="parent")
    status = np.where(out["suppressed"], STATUS_SUPPRESSED,
                      np.where(out["not_ok"] | (out["children"] < out["expected"]) | (out["denominator"] <= 0),
                               STATUS_MISSING, STATUS_OK))
    ok = status == STATUS_OK
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(ok, 100.0 * out["numerator"] / out["denominator"], np.nan)
    result = pd.DataFrame({
        "level": parent_level, "area_id": out["parent"].astype(str), "indicator": indicator,
        "year": out["year"].astype("int64"), "value": value,
        "numerator": np.where(ok, out["numerator"], np.nan), "denominator": np.where(ok, out["denominator"], np.nan),
        "status": status,
        # A parent summed from children of different boundary editions has none.
        "edition": np.where((out["editions"] == 1) & (out["edition"] != ""), out["edition"], None),
        "computed": True, "children": out["children"].astype("int64"),
    })
    return result[VALUE_COLUMNS + ["computed", "children"]].sort_values(["year", "area_id"]).reset_index(drop=True)


def _hierarchy(ds: Dataset) -> list[tuple[str, str]]:
    """(child, parent) level pairs a dataset's shares can be summed along, finest children first."""
    ids = [lvl.id for lvl in ds.meta.levels]
    pairs = []
    for child in ids:
        for parent in ids:
            if parent == child:
                continue
            try:
                mapped = parent_of(ds, child, parent)
            except KeyError:
                continue
            # A pair is useful only when parents hold several children (else it is the same area).
            if mapped.notna().any() and mapped.nunique() < mapped.notna().sum():
                pairs.append((child, parent))
    return pairs


def _fully_published(ds: Dataset, indicator: str, child: str, parent: str) -> bool:
    """Whether every parent area already has a published row in every year the children have one."""
    values = ds.values[ds.values["indicator"] == indicator]
    parents = parent_of(ds, child, parent).dropna().unique()
    years = values.loc[values["level"] == child, "year"].unique()
    have = values[(values["level"] == parent) & values["area_id"].isin(parents) & values["year"].isin(years)]
    return len(have.drop_duplicates(["area_id", "year"])) == len(parents) * len(years)


@derived
def computed_values(ds: Dataset) -> pd.DataFrame:
    """Every share value the dataset lacks that a ratio of sums can give.

    For each share with numerator and denominator and each level above a
    level that has it, the parent values from the finest level below that
    has complete figures; only (level, area, year) cells without a published
    row are kept, so a published figure is never replaced.

    Returns
    -------
    pandas.DataFrame
        As :func:`aggregate_share`; empty when nothing can be added.
    """
    frames = []
    published = ds.values.set_index(["level", "indicator", "area_id", "year"]).index
    pairs = _hierarchy(ds)
    for ind in ds.meta.indicators:
        if not aggregatable(ds, ind.id):
            continue
        at = ds.values.loc[ds.values["indicator"] == ind.id, "level"].unique()
        seen = published[:0]
        for child, parent in pairs:
            if child not in at or not aggregatable(ds, ind.id, child):
                continue
            if _fully_published(ds, ind.id, child, parent):
                continue
            frame = aggregate_share(ds, ind.id, child, parent)
            key = pd.MultiIndex.from_arrays([frame["level"], frame["indicator"], frame["area_id"], frame["year"]])
            # Finest children first: a cell already computed from them is not computed again.
            fresh = ~key.isin(published) & ~key.isin(seen)
            seen = seen.append(key[fresh])
            frames.append(frame[fresh])
    if not frames:
        return pd.DataFrame(columns=VALUE_COLUMNS + ["computed", "children"])
    return pd.concat(frames, ignore_index=True)


def reference_series(ds: Dataset, indicator: str, computed: pd.DataFrame | None = None) -> pd.DataFrame:
    """The series of the dataset's reference area (its kommun), computed where none is published.

    For the area panel's reference line: the published rows of
    ``ds.meta.reference`` when the dataset has them for ``indicator``,
    else the ratio of sums from the finest level below (marked computed).

    Parameters
    ----------
    ds : Dataset
    indicator : str
    computed : pandas.DataFrame, optional
        The computed values stored with the release
        (:func:`geodata.measures.computed_reference` passes them, so that a
        page request never sums); by default :func:`computed_values`.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``value``, ``status``, ``computed``; empty when neither exists.
    """
    ref = ds.meta.reference
    columns = ["year", "value", "status", "computed"]
    if not ref:
        return pd.DataFrame(columns=columns)
    rows = ds.values[(ds.values["level"] == ref.get("level")) & (ds.values["area_id"] == ref.get("area_id"))
                     & (ds.values["indicator"] == indicator)]
    if len(rows):
        return rows.assign(computed=False)[columns].sort_values("year").reset_index(drop=True)
    extra = computed_values(ds) if computed is None else computed
    extra = extra[(extra["level"] == ref.get("level")) & (extra["area_id"] == ref.get("area_id"))
                  & (extra["indicator"] == indicator)]
    return extra[columns].sort_values("year").reset_index(drop=True)
