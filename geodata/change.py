"""Change between two years of one indicator, for change maps.

A change is a difference in percentage points for shares, a difference in
points for indices (SCB's socioeconomic index) and a change in per cent of
the first year's value for amounts and counts.  An area
without a comparable pair of values is no-data with a reason, one character
per area like the status strings of :func:`geodata.views.map_values`:

``o``  change computed (it may still be ``None`` only for reason ``z``)
``s``  suppressed in either year
``m``  missing in either year
``b``  the values were published on different boundary editions and the
       area's ground changed between them (or nothing says it did not:
       ``DatasetMeta.continuity``, :mod:`geodata.editions`), so they are
       never shown as a change
``z``  a change in per cent has no positive base (first value zero or below)

Precedence is ``s`` > ``m`` > ``b`` > ``z``.

Classes come from the distribution of the changes (see
:func:`geodata.classify.change_classes`): quantiles on either side of zero, a
middle class of changes that round to zero.  The palette is ColorBrewer's
RdBu for indicators with a polarity, turned so that a change for the worse is
red for every indicator, and PuOr for neutral ones (orange = decrease,
purple = increase) so that nobody reads good or bad into them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import classify as cls
from .editions import CHANGED, OLD_LEVEL, estimate_counts, parent_ground, same_ground, split_parent
from .fmt import format_number
from .i18n import t
from .model import (HIGHER_IS_BETTER, HIGHER_IS_WORSE, STATUS_MISSING, STATUS_OK,
                    STATUS_SUPPRESSED, Dataset, Indicator, derived)
from .views import NO_CLASS, indicator_values, level_ids

REASON_OK, REASON_SUPPRESSED, REASON_MISSING, REASON_BOUNDARY, REASON_NO_BASE = "o", "s", "m", "b", "z"
#: Reasons counted after the classes in ``counts``, in this order.
NO_DATA_REASONS = (REASON_SUPPRESSED, REASON_MISSING, REASON_BOUNDARY, REASON_NO_BASE)

UNIT_PP, UNIT_PERCENT, UNIT_POINTS = "pp", "percent", "points"
#: Decimals of a change in per cent, whatever the indicator's own decimals.
PERCENT_DECIMALS = 1

DEFAULT_K = cls.DEFAULT_K
K_CHOICES = (3, 5, 7)


def change_kind(ind: Indicator) -> str:
    """``"pp"`` for shares, ``"points"`` for indices, ``"percent"`` for amounts and counts.

    An index has no natural zero (a low value is not a small quantity), so a
    change in per cent of it would make low-index areas look like the
    biggest movers: its change is a difference in points.

    Raises ``ValueError`` for categories: a change of area type is counted
    by :func:`category_changes`, not measured.
    """
    if ind.kind == "category":
        raise ValueError(f"indicator {ind.id!r} is a category: use category_changes")
    return {"share": UNIT_PP, "index": UNIT_POINTS}.get(ind.kind, UNIT_PERCENT)


def change_decimals(ind: Indicator) -> int:
    """Decimals to show a change with."""
    return PERCENT_DECIMALS if change_kind(ind) == UNIT_PERCENT else max(ind.decimals, 0)


def change_unit(ind: Indicator, lang: str, short: bool = False) -> str:
    """"procentenheter" / "percentage points" (short: "p.e." / "pp"), "%" or index points."""
    kind = change_kind(ind)
    if kind == UNIT_PERCENT:
        return t("change.unit.percent", lang)
    return t(f"change.unit.{kind}_short" if short else f"change.unit.{kind}", lang)


def format_change(value: float | None, decimals: int, unit: str, lang: str = "sv") -> str:
    """A signed change with its unit: ``'+1,2 p.e.'``, ``'−3,0 %'``; empty for no value."""
    number = format_number(value, decimals, lang)
    if not number:
        return ""
    if value > 0 and any(ch in "123456789" for ch in number):
        number = "+" + number
    return f"{number}\u00a0{unit}" if unit else number


def _editions_differ(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per area: whether the two years' values lie on different boundary editions.

    ``None`` and a float NaN are no edition, which equals only no edition;
    anything else is compared as text.  Vectorised (the loop it replaced
    cost 4 ms per change map at 6,000 areas): the editions are numbered
    with ``pandas.factorize``, and those that read the same get one number.
    """
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    both = np.concatenate([a, b])
    codes, uniques = pd.factorize(both)
    none = codes < 0
    # factorize also takes pd.NA and NaT for nothing; the rule has always read
    # them as text, so such rare arrays are compared one value at a time.
    if none.any() and any(not (v is None or isinstance(v, float)) for v in pd.unique(both[none])):
        none = np.array([v is None or (isinstance(v, float) and math.isnan(v)) for v in both], dtype=bool)
        codes, _ = pd.factorize(np.array([None if n else str(v) for v, n in zip(both, none)], dtype=object))
    elif len(uniques):
        texts, _ = pd.factorize(np.array([str(u) for u in uniques], dtype=object))
        codes = np.where(none, -1, texts[np.maximum(codes, 0)])
    return codes[:len(a)] != codes[len(a):]


#: The columns of an indicator's rows that a change reads, in the order of ``_pair``'s frames.
_ROW_COLUMNS = ("value", "numerator", "denominator", "status", "edition")
_NUMBER_COLUMNS = ("value", "numerator", "denominator")


@dataclass(frozen=True)
class ValueTable:
    """One indicator at one level as year × area arrays, to cut one year's rows out of (:func:`value_table`).

    Attributes
    ----------
    ids : list of str
        Area ids in the order of :func:`geodata.views.level_ids`.
    index : pandas.Index
        The same ids, named ``area_id``: the index of a year's rows as a frame.
    rows_of : dict
        Year -> row of the arrays.
    arrays : dict
        Column of :data:`_ROW_COLUMNS` -> read-only array of shape (years,
        areas): float64 for the numbers, object for status and edition.
        A year's row is contiguous, and read-only since every change map
        of the indicator shares it.
    """

    ids: list
    index: pd.Index
    rows_of: dict
    arrays: dict

    def year(self, year: int) -> dict[str, np.ndarray]:
        """One year's columns, every area (read-only views)."""
        row = self.rows_of[year]
        return {name: self.arrays[name][row] for name in _ROW_COLUMNS}


@derived
def value_table(ds: Dataset, level: str, indicator: str) -> ValueTable:
    """The rows of :func:`geodata.views.indicator_values` as year × area arrays, once per release.

    A change map used to cut its two years out of the long frame with
    ``xs`` and ``reindex`` (milliseconds each); findings ask for thirteen
    change maps of one indicator at once and rank every year, so the frame
    is reshaped once and memoised on the dataset.

    Parameters
    ----------
    ds : Dataset
    level, indicator : str

    Returns
    -------
    ValueTable
        Every area of the level (a missing row is status ``missing``) and
        every year the indicator has at the level.
    """
    frame = indicator_values(ds, level, indicator)
    ids = level_ids(ds, level)
    years = [int(y) for y in np.unique(frame.index.get_level_values("year").to_numpy())]
    if len(frame) != len(ids) * len(years):
        raise ValueError(f"{indicator} at level {level}: rows are not one per area and year")
    arrays = {}
    for name in _ROW_COLUMNS:
        # The frame is the product of ids and years, in this order (views.indicator_values).
        flat = frame[name].to_numpy(dtype="float64" if name in _NUMBER_COLUMNS else object)
        array = np.ascontiguousarray(flat.reshape(len(ids), len(years)).T)
        array.flags.writeable = False
        arrays[name] = array
    return ValueTable(ids=ids, index=pd.Index(ids, dtype=object, name="area_id"),
                      rows_of={year: i for i, year in enumerate(years)}, arrays=arrays)


@dataclass(frozen=True)
class _Relations:
    """What ``DatasetMeta.continuity`` says of every area of one level, as arrays.

    Attributes
    ----------
    same : numpy.ndarray of bool
        The area's ground is the same in both editions.
    changed : numpy.ndarray of bool
        The area's ground changed (relation ``changed``).
    parents : numpy.ndarray of object
        The old area a split area was carved from, else None.
    split : bool
        Whether any area was split.
    """

    same: np.ndarray
    changed: np.ndarray
    parents: np.ndarray
    split: bool


@derived
def _relations(ds: Dataset, level: str) -> _Relations:
    """The level's boundary relations per area of :func:`geodata.views.level_ids`, once per release.

    Every change map read them area by area (three loops over 6,000 ids);
    they depend on the level alone.
    """
    ids = level_ids(ds, level)
    relations = ds.meta.continuity.get(level, {})
    if not relations:  # most datasets: one edition, nothing to look up
        nothing = np.zeros(len(ids), dtype=bool)
        return _Relations(same=nothing, changed=nothing, parents=np.full(len(ids), None, dtype=object), split=False)
    parents = np.array([split_parent(relations.get(str(i))) for i in ids], dtype=object)
    return _Relations(same=same_ground(relations, ids),
                      changed=np.array([relations.get(str(i)) == CHANGED for i in ids], dtype=bool),
                      parents=parents, split=any(p is not None for p in parents))


def _pair(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int):
    """Both years' rows of every area of the level, and the reason per area.

    Returns ``(ids, first, last, reasons)``: ``first`` and ``last`` are frames
    indexed by area id with the columns of :data:`_ROW_COLUMNS`, ``last``
    also ``bridged`` (see :func:`change_values`).
    """
    ids, first, last, marks, reasons = _pair_arrays(ds, level, indicator, year_from, year_to)
    index = value_table(ds, level, indicator).index
    first = pd.DataFrame(first, index=index)
    last = pd.DataFrame(last, index=index)
    last["bridged"] = marks
    return ids, first, last, reasons


def _pair_arrays(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int):
    """What :func:`_pair` returns, the rows as dicts of arrays: ``(ids, first, last, marks, reasons)``.

    A change map needs no frames, and building two for each of a
    findings' thirteen change maps cost more than the change itself.  Only
    where a split area may be bridged or a changed area estimated (counts
    and shares of a level with such areas) are the rows made frames for
    :func:`_bridge_splits` and :func:`_estimate_changed`.  ``marks`` is
    ``"p"``, ``"e"`` or ``"-"`` per area (the ``bridged`` of
    :func:`change_values`).
    """
    year_from, year_to = int(year_from), int(year_to)
    if year_from >= year_to:
        raise ValueError(f"year_from ({year_from}) must be before year_to ({year_to})")
    table = value_table(ds, level, indicator)
    for year in (year_from, year_to):
        if year not in table.rows_of:
            raise ValueError(f"{indicator} has no values at level {level} in {year}")
    ids = list(table.ids)
    first, last = table.year(year_from), table.year(year_to)
    relations = _relations(ds, level)
    bridged = estimated = np.zeros(len(ids), dtype=bool)
    if ds.meta.indicator(indicator).kind in ("count", "share") and (relations.split or relations.changed.any()):
        first = pd.DataFrame({name: first[name].copy() for name in _ROW_COLUMNS}, index=table.index)
        last = pd.DataFrame({name: last[name].copy() for name in _ROW_COLUMNS}, index=table.index)
        bridged = _bridge_splits(ds, level, indicator, year_from, first, last, relations)
        estimated = _estimate_changed(ds, level, indicator, year_from, first, last, relations)
        first, last = ({name: rows[name].to_numpy(dtype="float64" if name in _NUMBER_COLUMNS else object)
                        for name in _ROW_COLUMNS} for rows in (first, last))
    marks = np.where(bridged, "p", np.where(estimated, "e", "-"))
    bridged = bridged | estimated
    s_from, s_to = first["status"], last["status"]
    reasons = np.full(len(ids), REASON_OK, dtype="<U1")
    boundary = _editions_differ(first["edition"], last["edition"])
    # Two editions describe the same ground where the area's polygons (or the
    # DeSO it is built from) did not change, or where a split area is compared
    # on its parent's ground: no break there.
    boundary &= ~relations.same & ~bridged
    reasons[boundary] = REASON_BOUNDARY
    reasons[(s_from != STATUS_OK) | (s_to != STATUS_OK)] = REASON_MISSING
    reasons[(s_from == STATUS_SUPPRESSED) | (s_to == STATUS_SUPPRESSED)] = REASON_SUPPRESSED
    return ids, first, last, marks, reasons


def _bridge_splits(ds: Dataset, level: str, indicator: str, year_from: int, first: pd.DataFrame,
                   last: pd.DataFrame, areas: _Relations) -> np.ndarray:
    """Compare split areas on their parent's ground, exactly; returns which areas were.

    A DeSO split in 2025 (1780C1041 of 1780C1040) has no value of its own
    before 2024.  Its parent's value (kept on level ``deso2018`` by
    fetch-scb) is compared with the children's counts summed back to the
    parent (:func:`geodata.editions.parent_ground`); every child shows that
    change, marked as the parent's.  Only counts, and shares with numerator
    and denominator, can be summed; other kinds stay a break.  ``first`` and
    ``last`` are changed in place; ``areas`` are the level's relations
    (:func:`_relations`).
    """
    bridged = np.zeros(len(first), dtype=bool)
    relations = ds.meta.continuity.get(level, {})
    old_level = OLD_LEVEL.get(level)
    parents = areas.parents
    kind = ds.meta.indicator(indicator).kind
    if kind not in ("count", "share") or not areas.split or old_level not in {lvl.id for lvl in ds.meta.levels}:
        return bridged
    old = indicator_values(ds, old_level, indicator)
    if year_from not in set(old.index.get_level_values("year")):
        return bridged
    before = old.xs(year_from, level="year")
    sums = parent_ground(last.assign(area_id=last.index), relations, kind)
    columns = ["value", "numerator", "denominator", "status"]
    for row in sums.itertuples(index=False):
        if row.area_id not in before.index:
            continue
        children = parents == row.area_id
        # A child with a value of its own in the earlier year needs no bridge.
        if (first.loc[children, "status"] == STATUS_OK).all():
            continue
        # Shares without numerator and denominator cannot be summed: no bridge, not a gap.
        if row.status == STATUS_MISSING and (last.loc[children, "status"] == STATUS_OK).all():
            continue
        first.loc[children, columns + ["edition"]] = before.loc[row.area_id, columns + ["edition"]].tolist()
        last.loc[children, columns] = [row.value, row.numerator, row.denominator, row.status]
        bridged |= children
    return bridged


def _estimate_changed(ds: Dataset, level: str, indicator: str, year_from: int, first: pd.DataFrame,
                      last: pd.DataFrame, areas: _Relations) -> np.ndarray:
    """Earlier counts of areas whose ground changed, estimated on their new ground; which areas were.

    Areal interpolation with PySAL ``tobler`` (:func:`geodata.editions.estimate_counts`)
    from the older edition's polygons (level ``regso2020``/``deso2018``, kept
    by fetch-scb) and their counts in ``year_from``.  Only counts, and shares
    with numerator and denominator (both interpolated, then divided), are
    estimated; an estimate is marked as one wherever it shows (``bridged``
    ``"e"``).  ``first`` is changed in place; ``areas`` are the level's
    relations (:func:`_relations`).
    """
    estimated = np.zeros(len(first), dtype=bool)
    kind = ds.meta.indicator(indicator).kind
    old_level = OLD_LEVEL.get(level)
    if not areas.changed.any():  # the usual case: nothing to estimate, and the checks below cost
        return estimated
    changed = areas.changed.copy()
    to_edition = last["edition"].to_numpy(dtype=object)
    changed &= (_editions_differ(first["edition"].to_numpy(dtype=object), to_edition)
                | first["status"].isna().to_numpy())
    if kind not in ("count", "share") or not changed.any() or old_level not in ds.areas:
        return estimated
    old_areas = ds.areas[old_level]
    old_edition = str(old_areas["edition"].dropna().iloc[0]) if old_areas["edition"].notna().any() else None
    # The older edition's counts: on codes kept in the new edition (this level, older edition)
    # and on codes that are gone (the older level).
    rows = []
    for lvl in (level, old_level):
        frame = indicator_values(ds, lvl, indicator) if (ds.values["level"] == lvl).any() else None
        if frame is None or year_from not in set(frame.index.get_level_values("year")):
            continue
        year_rows = frame.xs(year_from, level="year")
        rows.append(year_rows[year_rows["edition"] == old_edition])
    if not rows:
        return estimated
    before = pd.concat(rows)
    before = before[~before.index.duplicated()]
    columns = ["numerator", "denominator"] if kind == "share" else ["value"]
    counts = before[columns].where(before["status"] == STATUS_OK)
    if kind == "share" and counts.isna().all().all():
        return estimated
    counts = counts.reindex(old_areas["area_id"].tolist())
    counts.index.name = "area_id"
    targets = ds.areas[level][ds.areas[level]["area_id"].isin(set(first.index[changed]))]
    found = estimate_counts(old_areas, counts.reset_index(), targets).set_index("area_id")
    for area_id in found.index:
        if kind == "share":
            numerator, denominator = found.loc[area_id, ["numerator", "denominator"]]
            value = 100.0 * numerator / denominator if denominator > 0 else np.nan
        else:
            numerator = denominator = np.nan
            value = found.loc[area_id, "value"]
        status = STATUS_OK if np.isfinite(value) else STATUS_MISSING
        first.loc[area_id, ["value", "numerator", "denominator", "status", "edition"]] = [
            value, numerator, denominator, status, last.loc[area_id, "edition"]]
        estimated[first.index.get_loc(area_id)] = True
    return estimated


def _changes(kind: str, v_from: np.ndarray, v_to: np.ndarray, reasons: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        if kind != UNIT_PERCENT:
            change = v_to - v_from
        else:
            no_base = (reasons == REASON_OK) & ~(v_from > 0)
            reasons[no_base] = REASON_NO_BASE
            change = np.where(v_from > 0, (v_to - v_from) / v_from * 100.0, np.nan)
    change = np.where(reasons == REASON_OK, change, np.nan)
    # Floating noise (10.6 - 10.1 = 0.4999…) must not decide a class.
    return np.round(change, 9)


def _rounded(values: np.ndarray, digits: int, shown: np.ndarray) -> list:
    """``[round(v, digits) if shown else None ...]`` as a list, exactly as Python rounds, without its loop.

    Python rounds a float to the double nearest to its decimal rounded half
    to even; ``rint(v * 10**digits) / 10**digits`` gives that same double
    (the division is correctly rounded) unless the product's own rounding
    moved it across a half, which it can do only within a few units in its
    last place of one, or once it is too large to be exact.  Those few
    values are rounded by Python.  234,000 calls of ``round`` were about
    a tenth of the findings' cost at 6,000 areas.
    """
    values = np.asarray(values, dtype="float64")
    shown = np.asarray(shown, dtype=bool) & np.isfinite(values)
    scale = 10.0 ** digits
    with np.errstate(invalid="ignore", over="ignore"):
        product = np.where(shown, values, 0.0) * scale
        out = np.rint(product) / scale
        near_half = np.abs(product - np.floor(product) - 0.5) <= 4 * np.abs(np.spacing(product))
        unsafe = shown & (near_half | ~(np.abs(product) < 2.0 ** 52))
    listed = out.tolist()
    for i in np.flatnonzero(unsafe):
        listed[i] = round(float(values[i]), digits)
    for i in np.flatnonzero(~shown):
        listed[i] = None
    return listed


def _published(rows: dict[str, np.ndarray]) -> list:
    """The values of one year, ``None`` wherever the status is not ``ok`` (never a suppressed number)."""
    return _rounded(rows["value"], 9, rows["status"] == STATUS_OK)


@derived
def change_values(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int,
                  k: int = DEFAULT_K) -> dict:
    """Change of every area of ``level`` from ``year_from`` to ``year_to``.

    Returns a JSON-ready dict:

    ``ids``
        area ids in the order of :func:`geodata.views.level_ids`
    ``from``, ``to``
        the two years
    ``values``
        the change per area (``None`` for no data), rounded to two decimals
        more than shown
    ``classes``
        one character per area, ``'0'``..``'6'`` or ``'-'`` for no data
    ``reasons``
        one character per area, see the module docstring
    ``value_from``, ``value_to``
        the two years' values (``None`` unless published, status ``ok``),
        for the tooltip and exports
    ``breaks``, ``lower``, ``colours``, ``sides``
        upper class bounds (the last is the largest change), the lowest
        bound, a colour per class and its side of zero (-1, 0 unchanged,
        1), see :func:`geodata.classify.change_classes`
    ``counts``
        areas per class, then per reason in :data:`NO_DATA_REASONS` order
        (suppressed, missing, boundary, no base); they sum to the areas
    ``unit``
        ``"pp"``, ``"points"`` or ``"percent"`` (texts from :func:`change_unit`)
    ``decimals``, ``polarity``, ``no_data_colour``, ``reason_codes``

    Raises ``ValueError`` for a category indicator, for years the indicator
    does not have at the level and unless ``year_from < year_to``.
    """
    ind = ds.meta.indicator(indicator)
    kind = change_kind(ind)
    k = cls.normalise_k(k, K_CHOICES)
    ids, first, last, marks, reasons = _pair_arrays(ds, level, indicator, year_from, year_to)
    change = _changes(kind, first["value"], last["value"], reasons)
    decimals = change_decimals(ind)
    classes_ = cls.change_classes(change, k, decimals)
    breaks, lower = list(classes_.breaks), classes_.lower
    class_idx = cls.assign_change_classes(change, classes_, decimals)
    digits = np.array(list("0123456789"))
    classes = np.where(class_idx >= 0, digits[np.clip(class_idx, 0, 9)], NO_CLASS)
    per_class = np.bincount(class_idx[class_idx >= 0], minlength=len(breaks)).tolist() if breaks else []
    return {
        "ids": ids,
        "from": int(year_from),
        "to": int(year_to),
        "values": _rounded(change, decimals + 2, np.isfinite(change)),
        "value_from": _published(first), "value_to": _published(last),
        "classes": "".join(classes.tolist()),
        "reasons": "".join(reasons.tolist()),
        # "p" where the change is the parent's: a split area compared on the ground it was carved
        # from; "e" where the earlier value is an estimate on the area's new ground.
        "bridged": "".join(marks.tolist()),
        "breaks": breaks,
        "lower": lower,
        "colours": cls.change_colours(classes_, ind.polarity),
        "sides": list(classes_.sides),
        "counts": per_class + [int((reasons == r).sum()) for r in NO_DATA_REASONS],
        "unit": kind,
        "decimals": decimals,
        "polarity": ind.polarity,
        "no_data_colour": cls.NO_DATA_COLOUR,
        "reason_codes": "".join(NO_DATA_REASONS),
    }


def change_legend_rows(ind: Indicator, change: dict, lang: str) -> list[dict]:
    """Legend entries: one per class (lowest first), then one per no-data reason.

    Each row has ``colour``, ``label`` (signed bounds with the short unit,
    ``"−3,0 – −1,0 p.e."``) and ``count``; no-data rows also
    have ``reason``.  Suppressed, missing and boundary rows are always there;
    the no-base row only when an area has that reason.
    """
    unit = change_unit(ind, lang, short=True)
    breaks, counts = change["breaks"], change["counts"]
    # The inner bounds are chosen (round numbers, zero); the outer two are the smallest and the
    # largest change, whose digits would otherwise set every label's decimals (−3,242657).
    decimals = _bound_decimals(breaks[:-1], change["decimals"])
    rows = []
    lows = [_outward(change["lower"], decimals, up=False)] + list(breaks[:-1])
    highs = list(breaks[:-1]) + [_outward(breaks[-1], decimals, up=True)] if breaks else []
    sides = change.get("sides") or [None] * len(breaks)
    for colour, low, high, n, side in zip(change["colours"], lows, highs, counts, sides):
        if side == 0:
            label = t("change.legend.unchanged", lang, zero=format_change(0.0, change["decimals"], unit, lang))
        else:
            label = f"{format_change(low, decimals, '', lang)} – {format_change(high, decimals, unit, lang)}"
        rows.append({"colour": colour, "label": label, "count": n})
    for reason, n in zip(NO_DATA_REASONS, counts[len(breaks):]):
        if reason == REASON_NO_BASE and not n:
            continue
        rows.append({"colour": change.get("no_data_colour", cls.NO_DATA_COLOUR),
                     "label": t(f"change.reason.{reason}", lang), "count": n, "reason": reason})
    return rows


def _outward(bound: float | None, decimals: int, up: bool) -> float | None:
    """``bound`` rounded to ``decimals`` away from the classes it closes, so that every value stays inside."""
    if bound is None or not np.isfinite(bound):
        return bound
    scale = 10 ** decimals
    # The tolerance keeps a bound already written with these decimals (4.4) from moving a step.
    scaled = round(bound * scale, 9)
    return (math.ceil(scaled) if up else math.floor(scaled)) / scale


def _bound_decimals(breaks: list[float], decimals: int) -> int:
    """Enough decimals to show every bound exactly (at most 6), at least ``decimals``."""
    needed = decimals
    for b in breaks:
        while needed < 6 and abs(round(b, needed) - b) > 1e-9:
            needed += 1
    return needed


def edition_note(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int, lang: str) -> str | None:
    """Why areas are shown across a change of boundary edition, when some are.

    None when the two years lie on one edition, or when no area kept its
    ground (the legend's "boundary" row then says it all).
    """
    _, first, last, _, _ = _pair_arrays(ds, level, indicator, year_from, year_to)
    differ = _editions_differ(first["edition"], last["edition"])
    kept = differ & _relations(ds, level).same
    if not kept.any():
        return None
    return t("change.legend.same_ground", lang, n=int(kept.sum()), total=int(differ.sum()))


def change_legend_note(ind: Indicator, lang: str) -> str:
    """How to read the colours: red = worse, or orange/purple for neutral indicators."""
    key = "change.legend.neutral" if ind.polarity not in (HIGHER_IS_BETTER, HIGHER_IS_WORSE) else "change.legend.worse"
    return t(key, lang)


def change_explanation(ind: Indicator, year_from: int, year_to: int, lang: str) -> str:
    """One sentence on what the numbers are: a difference in points or a change in per cent."""
    key = f"change.explain.{change_kind(ind)}"
    return t(key, lang, year_from=year_from, year_to=year_to)


@derived
def category_changes(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int) -> dict:
    """Areas that changed category (area type) between two years.

    Returns ``ids``, ``from``, ``to``, ``codes`` (the categories, sorted),
    ``matrix`` (``matrix[i][j]`` areas from ``codes[i]`` to ``codes[j]``),
    ``moves`` (one character per area: ``'u'`` to a higher code, ``'d'`` to a
    lower, ``'='`` the same, ``'-'`` no comparison), ``reasons`` as in
    :func:`change_values` and ``counts`` (``up``, ``down``, ``same`` and one
    per no-data reason).  Codes are compared as numbers: for SCB's area
    types a higher type means better conditions, relative to each year's
    national distribution.
    """
    ind = ds.meta.indicator(indicator)
    if ind.kind != "category":
        raise ValueError(f"indicator {ind.id!r} is not a category: use change_values")
    ids, first, last, _, reasons = _pair_arrays(ds, level, indicator, year_from, year_to)
    a, b = first["value"], last["value"]
    ok = reasons == REASON_OK
    codes = sorted({float(v) for v in np.concatenate([a[ok], b[ok]])})
    index = {code: i for i, code in enumerate(codes)}
    matrix = [[0] * len(codes) for _ in codes]
    moves = np.full(len(ids), NO_CLASS, dtype="<U1")
    for i in np.flatnonzero(ok):
        matrix[index[float(a[i])]][index[float(b[i])]] += 1
        moves[i] = "u" if b[i] > a[i] else "d" if b[i] < a[i] else "="
    return {
        "ids": ids, "from": int(year_from), "to": int(year_to),
        "codes": [int(c) if float(c).is_integer() else c for c in codes],
        "matrix": matrix, "moves": "".join(moves.tolist()), "reasons": "".join(reasons.tolist()),
        "counts": {"up": int((moves == "u").sum()), "down": int((moves == "d").sum()),
                   "same": int((moves == "=").sum()),
                   **{r: int((reasons == r).sum()) for r in NO_DATA_REASONS}},
    }


def change_frame(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int) -> pd.DataFrame:
    """Per area: both years' values, statuses and editions, the change and its reason.

    For the CSV export; the change is the one of :func:`change_values`.
    ``bridged_from`` names the former area whose values and change a split
    area shows (:func:`_bridge_splits`), else None; ``estimated`` is true
    where the earlier value is an estimate on the area's new ground
    (:func:`_estimate_changed`).
    """
    ids, first, last, _ = _pair(ds, level, indicator, year_from, year_to)
    change = change_values(ds, level, indicator, year_from, year_to)
    return pd.DataFrame({
        "area_id": ids,
        "value_from": first["value"].to_numpy(dtype="float64"),
        "value_to": last["value"].to_numpy(dtype="float64"),
        "status_from": first["status"].to_numpy(dtype=object),
        "status_to": last["status"].to_numpy(dtype=object),
        "edition_from": first["edition"].to_numpy(dtype=object),
        "edition_to": last["edition"].to_numpy(dtype=object),
        "change": np.array([np.nan if v is None else v for v in change["values"]], dtype="float64"),
        "reason": list(change["reasons"]),
        "bridged_from": [split_parent(ds.meta.continuity.get(level, {}).get(str(i))) if b == "p" else None
                         for i, b in zip(ids, last["bridged"])],
        "estimated": last["bridged"].to_numpy(dtype=object) == "e",
    })
