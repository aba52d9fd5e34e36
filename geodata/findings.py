"""Findings: a sentence or two, generated from the data, on what a map shows.

A finding states facts and nothing more: for a year, which area had the
highest and which the lowest value (a category: which class was the most
common and in how many areas), how many areas have no value and why, and,
from the second year of the series on, in how many areas the value rose,
fell or stayed the same since the series began.  For a change map, the same
counts for its pair of years and the largest rise and fall.

What a finding never does:

* count a suppressed (SCB's ``..``) or missing value as a value: such areas
  are left out of every ranking and counted, with their status;
* call an area rising or falling when its two values are not comparable:
  which pairs are comparable, and why the others are not (suppressed or
  missing in either year, a boundary break, no base for a change in per
  cent), is decided by :func:`geodata.change.change_values` and
  :func:`geodata.change.category_changes`, the same rules as the change map
  (boundary continuity from :mod:`geodata.editions`);
* name one area as the highest when others share its value *as shown*
  (rounded to the indicator's decimals): all are named, or their number
  when there are more than :data:`MAX_NAMED`;
* say "highest" of a category: a class code is a name, not an amount;
* say better or worse: polarity decides colours, not words.

Rising, falling and unchanged are the sides of the change map's classes: a
change that rounds to zero at the decimals the change map uses is
unchanged.  The facts are computed once per dataset, level and indicator
(memoised on the dataset with :func:`geodata.model.derived`), the sentences
once per language.  Nothing here imports dash.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import change as ch
from .fmt import format_number, format_value
from .i18n import t
from .model import STATUS_OK, STATUS_SUPPRESSED, Dataset, Indicator, derived, text
from .views import category_label

#: More areas than this sharing the highest (or lowest) value are counted, not named.
MAX_NAMED = 3

#: Side of each change-map class an area can be on.
UP, DOWN, SAME = 1, -1, 0


@dataclass(frozen=True)
class YearFacts:
    """What one year of one indicator at one level shows.

    Attributes
    ----------
    year : int
    areas : int
        Areas of the level.
    with_value : int
        Areas with a published value (status ``ok``).
    suppressed, missing : int
        Areas without a value: suppressed (SCB's ``..``) and missing; with
        ``with_value`` they add up to ``areas``.
    high, low : float or None
        The highest and lowest value (None without values; for a category
        both None).
    high_ids, low_ids : tuple of str
        Every area whose value, as shown, equals ``high`` (``low``).
    modes : tuple of float
        For a category: the most common classes (more than one on a tie).
    mode_count : int
        For a category: areas in each of ``modes``.
    """

    year: int
    areas: int
    with_value: int
    suppressed: int
    missing: int
    high: float | None = None
    low: float | None = None
    high_ids: tuple[str, ...] = ()
    low_ids: tuple[str, ...] = ()
    modes: tuple[float, ...] = ()
    mode_count: int = 0


@dataclass(frozen=True)
class ChangeFacts:
    """What the change of one indicator between two years shows.

    Attributes
    ----------
    year_from, year_to : int
    up, down, same : int
        Comparable areas whose value rose, fell or stayed the same (for a
        category: ``up`` and ``down`` together are the areas that changed
        class, counted in ``moved``).
    moved : int
        For a category: comparable areas with another class in ``year_to``.
    left_out : dict
        Areas without a comparable pair, per reason code of
        :mod:`geodata.change` (``s``, ``m``, ``b``, ``z``).
    bridged : int
        Comparable areas compared on their former area's sum or an estimate
        on new boundaries (SCB's 2025 edition).
    rise, fall : float or None
        The largest rise and fall (None when no area rose or fell).
    rise_ids, fall_ids : tuple of str
        Every area whose change, as shown, equals ``rise`` (``fall``).
    category : bool
    """

    year_from: int
    year_to: int
    up: int = 0
    down: int = 0
    same: int = 0
    moved: int = 0
    left_out: dict | None = None
    bridged: int = 0
    rise: float | None = None
    fall: float | None = None
    rise_ids: tuple[str, ...] = ()
    fall_ids: tuple[str, ...] = ()
    category: bool = False

    @property
    def comparable(self) -> int:
        return self.up + self.down + self.same


def _tied(ids: np.ndarray, values: np.ndarray, best: float, decimals: int) -> tuple[str, ...]:
    """Ids of the values that read as ``best`` at ``decimals`` (a tie as shown is a tie)."""
    shown = format_number(best, decimals, "en")
    near = np.flatnonzero(np.abs(values - best) <= 10.0 ** -max(decimals, 0))
    return tuple(str(ids[i]) for i in near if format_number(float(values[i]), decimals, "en") == shown)


@derived
def year_facts(ds: Dataset, level: str, indicator: str) -> dict[int, YearFacts]:
    """The facts of every year of ``indicator`` at ``level``, by year (language-free).

    Parameters
    ----------
    ds : Dataset
    level, indicator : str

    Returns
    -------
    dict
        ``{year: YearFacts}`` for every year of the indicator's series at
        the level (also a year in which no area has a value).
    """
    ind = ds.meta.indicator(indicator)
    # The change maps' table: unstacking the long frame (sorting 84,000 rows
    # at 6,000 areas) cost more than all the rankings.
    table = ch.value_table(ds, level, indicator)
    ids = np.asarray(table.ids, dtype=object)
    out = {}
    for year, row in sorted(table.rows_of.items()):
        v = table.arrays["value"][row]
        s = table.arrays["status"][row]
        has = (s == STATUS_OK) & np.isfinite(v)
        suppressed = int((s == STATUS_SUPPRESSED).sum())
        facts = dict(year=int(year), areas=len(ids), with_value=int(has.sum()), suppressed=suppressed,
                     missing=int(len(ids) - has.sum() - suppressed))
        if has.any() and ind.kind == "category":
            codes, counts = np.unique(v[has], return_counts=True)
            top = counts.max()
            facts.update(modes=tuple(float(c) for c in codes[counts == top]), mode_count=int(top))
        elif has.any():
            kept, kept_ids = v[has], ids[has]
            high, low = float(kept.max()), float(kept.min())
            # Tied areas by id, as they always were listed (the unstacked frame was sorted by id).
            facts.update(high=high, low=low, high_ids=tuple(sorted(_tied(kept_ids, kept, high, ind.decimals))),
                         low_ids=tuple(sorted(_tied(kept_ids, kept, low, ind.decimals))))
        out[int(year)] = YearFacts(**facts)
    return out


def base_year(ds: Dataset, level: str, indicator: str) -> int | None:
    """The year a year's trend is measured from: the first of the series in which an area has a value."""
    for year, facts in sorted(year_facts(ds, level, indicator).items()):
        if facts.with_value:
            return year
    return None


@derived
def change_facts(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int) -> ChangeFacts:
    """How many areas rose, fell or stayed the same from ``year_from`` to ``year_to``, and why others are left out.

    The pairs and their reasons are those of the change map
    (:func:`geodata.change.change_values`; for a category
    :func:`geodata.change.category_changes`), so a boundary break or a
    suppressed value in either year is never counted as a change.

    Raises
    ------
    ValueError
        Unless ``year_from < year_to`` and both are years of the series.
    """
    year_from, year_to = int(year_from), int(year_to)
    ind = ds.meta.indicator(indicator)
    if ind.kind == "category":
        moves = ch.category_changes(ds, level, indicator, year_from, year_to)
        counts = moves["counts"]
        return ChangeFacts(year_from, year_to, up=counts["up"], down=counts["down"], same=counts["same"],
                           moved=counts["up"] + counts["down"],
                           left_out={r: counts[r] for r in ch.NO_DATA_REASONS}, category=True)
    c = ch.change_values(ds, level, indicator, year_from, year_to)
    n_classes = len(c["breaks"])
    left_out = dict(zip(ch.NO_DATA_REASONS, c["counts"][n_classes:]))
    classes = np.frombuffer(c["classes"].encode("ascii"), dtype="uint8")
    has_class = classes != ord(ch.NO_CLASS)
    side = np.zeros(classes.size, dtype="int64")
    sides = np.asarray(c["sides"], dtype="int64")
    side[has_class] = sides[classes[has_class] - ord("0")] if sides.size else 0
    changes = np.array(c["values"], dtype="float64")  # None (no change) becomes NaN
    ids = np.asarray(c["ids"], dtype=object)
    rising, falling = has_class & (side == UP), has_class & (side == DOWN)
    facts = dict(up=int(rising.sum()), down=int(falling.sum()), same=int((has_class & (side == SAME)).sum()))
    bridged = np.frombuffer(c["bridged"].encode("ascii"), dtype="uint8") != ord("-")
    facts["bridged"] = int((bridged & has_class).sum())
    if rising.any():
        rise = float(changes[rising].max())
        facts.update(rise=rise, rise_ids=_tied(ids[rising], changes[rising], rise, c["decimals"]))
    if falling.any():
        fall = float(changes[falling].min())
        facts.update(fall=fall, fall_ids=_tied(ids[falling], changes[falling], fall, c["decimals"]))
    return ChangeFacts(year_from, year_to, left_out=left_out, **facts)


# ---- Sentences ---------------------------------------------------------------------------------


def _count(n: int, lang: str) -> str:
    """A count as a reader writes it: ``"6\u00a0000"`` in Swedish, ``"6,000"`` in English."""
    return format_number(n, 0, lang)


def _plural(key: str, n: int, lang: str, **params) -> str:
    return t(key + "_one" if n == 1 else key, lang, n=_count(n, lang), **params)


def _join(items: list[str], lang: str) -> str:
    """``"A, B och C"`` / ``"A, B and C"``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('finding.and', lang)} {items[-1]}"


@derived
def _area_names(ds: Dataset, level: str) -> dict[str, str]:
    """Area id -> name of the level's polygons (the first of an id), empty for a level without.

    :func:`geodata.views.area_name` scans the level for each name: a
    millisecond per name at 6,000 areas, and the findings of one indicator
    name 28 areas or more.
    """
    frame = ds.areas.get(level)
    if frame is None:
        return {}
    names: dict[str, str] = {}
    for area_id, name in zip(frame["area_id"].tolist(), frame["name"].tolist()):
        names.setdefault(area_id, str(name))
    return names


def _names(ds: Dataset, level: str, ids: tuple[str, ...], lang: str) -> str:
    """The areas' names (by name), or their number when more than :data:`MAX_NAMED`."""
    if len(ids) > MAX_NAMED:
        return _plural("finding.areas", len(ids), lang)
    known = _area_names(ds, level)
    # A level without polygons names its areas by code.
    names = [known.get(area_id, area_id) for area_id in ids]
    return _join(sorted(names, key=str.casefold), lang)


def _value(ind: Indicator, value: float, lang: str) -> str:
    return format_value(value, ind.decimals, text(ind.unit, lang), lang)


def _status_detail(suppressed: int, missing: int, lang: str) -> str:
    parts = [t(f"finding.status.{name}", lang, n=_count(n, lang))
             for name, n in (("suppressed", suppressed), ("missing", missing)) if n]
    return ", ".join(parts)


def _year_sentence(ds: Dataset, level: str, ind: Indicator, facts: YearFacts, lang: str) -> str:
    label, year = text(ind.label, lang), facts.year
    without = facts.suppressed + facts.missing
    detail = _status_detail(facts.suppressed, facts.missing, lang)
    if not facts.with_value:
        return t("finding.none", lang, indicator=label, year=year, detail=detail) + "."
    if ind.kind == "category":
        classes = _join([category_label(ind, code, lang) for code in facts.modes], lang)
        key = "finding.category_tie" if len(facts.modes) > 1 else "finding.category"
        sentence = t(key, lang, indicator=label, year=year, classes=classes, n=_count(facts.mode_count, lang),
                     areas=_plural("finding.areas", facts.with_value, lang))
    elif facts.with_value == 1:
        sentence = t("finding.single", lang, indicator=label, year=year,
                     name=_names(ds, level, facts.high_ids, lang), value=_value(ind, facts.high, lang))
    elif set(facts.high_ids) == set(facts.low_ids):
        sentence = t("finding.equal", lang, indicator=label, year=year, n=_count(facts.with_value, lang),
                     value=_value(ind, facts.high, lang))
    else:
        sentence = t("finding.range", lang, indicator=label, year=year,
                     high=_names(ds, level, facts.high_ids, lang), high_value=_value(ind, facts.high, lang),
                     low=_names(ds, level, facts.low_ids, lang), low_value=_value(ind, facts.low, lang))
    if without:
        sentence += _plural("finding.without", without, lang, areas=_plural("finding.areas", facts.areas, lang),
                            detail=detail)
    return sentence + "."


def _trend_sentence(facts: ChangeFacts, lang: str) -> str:
    """How many areas rose, fell or stayed the same (or changed class), and how many were left out."""
    years = dict(year_from=facts.year_from, year_to=facts.year_to)
    comparable = _plural("finding.comparable", facts.comparable, lang)
    if not facts.comparable:
        sentence = t("finding.incomparable", lang, **years)
    elif facts.category:
        sentence = t("finding.moved", lang, n=_count(facts.moved, lang), comparable=comparable, **years)
    else:
        parts = [t(f"finding.{name}", lang, n=_count(n, lang))
                 for name, n in (("up", facts.up), ("down", facts.down), ("same", facts.same)) if n]
        sentence = t("finding.trend", lang, parts=_join(parts, lang), comparable=comparable, **years)
    left_out = {r: n for r, n in (facts.left_out or {}).items() if n}
    if left_out:
        reasons = ", ".join(t(f"finding.reason.{r}", lang, n=_count(n, lang)) for r, n in left_out.items())
        if facts.comparable:
            sentence += t("finding.left_out", lang, areas=_plural("finding.areas", sum(left_out.values()), lang),
                          reasons=reasons)
        else:
            sentence += f" ({reasons})"
    if facts.bridged:
        sentence += t("finding.bridged", lang, areas=_plural("finding.areas", facts.bridged, lang))
    return sentence + "."


def _extremes_sentence(ds: Dataset, level: str, ind: Indicator, facts: ChangeFacts, lang: str) -> str:
    """The largest rise and the largest fall, with the areas' names."""
    if facts.category or (facts.rise is None and facts.fall is None):
        return ""
    unit = ch.change_unit(ind, lang, short=True)
    decimals = ch.change_decimals(ind)
    params = {}
    if facts.rise is not None:
        params.update(up=_names(ds, level, facts.rise_ids, lang),
                      up_value=ch.format_change(facts.rise, decimals, unit, lang))
    if facts.fall is not None:
        params.update(down=_names(ds, level, facts.fall_ids, lang),
                      down_value=ch.format_change(facts.fall, decimals, unit, lang))
    key = ("finding.extremes" if len(params) == 4 else
           "finding.largest_up" if facts.rise is not None else "finding.largest_down")
    return t(key, lang, **params) + "."


@derived
def _findings(ds: Dataset, level: str, indicator: str, lang: str) -> dict[int, str]:
    ind = ds.meta.indicator(indicator)
    per_year = year_facts(ds, level, indicator)
    base = base_year(ds, level, indicator)
    out = {}
    for year, facts in sorted(per_year.items()):
        sentence = _year_sentence(ds, level, ind, facts, lang)
        if base is not None and year > base:
            sentence += " " + _trend_sentence(change_facts(ds, level, indicator, base, year), lang)
        out[year] = sentence
    return out


def findings(ds: Dataset, level: str, indicator: str, lang: str) -> dict[int, str]:
    """The finding of every year of ``indicator`` at ``level``, in ``lang``.

    Parameters
    ----------
    ds : Dataset
    level, indicator : str
    lang : str
        ``"sv"`` or ``"en"``; numbers are written the language's way
        (:mod:`geodata.fmt`) in the indicator's unit and decimals.

    Returns
    -------
    dict
        ``{year: text}`` for every year of the series.  A year's text names
        the areas with the highest and lowest value (a category: the most
        common class and its number of areas) and counts the areas without a
        value; from the year after the first year with values, it adds how
        many comparable areas rose, fell or stayed the same since then
        (:func:`change_facts`) and how many could not be compared, and why.

    Examples
    --------
    >>> from geodata.demo import build_demo
    >>> findings(build_demo(), "regso", "lag_ek_standard", "en")[2011]  # doctest: +ELLIPSIS
    'Low economic standard in 2011 was highest in ... and lowest in ...'
    """
    return dict(_findings(ds, level, indicator, lang))


@derived
def change_finding(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int, lang: str) -> str:
    """The finding of a change map: ``indicator`` at ``level`` from ``year_from`` to ``year_to``.

    Parameters
    ----------
    ds : Dataset
    level, indicator : str
    year_from, year_to : int
        The change map's years, ``year_from < year_to``.
    lang : str

    Returns
    -------
    str
        How many comparable areas rose, fell or stayed the same (a category:
        changed class), how many were left out and why (suppressed or
        missing in either year, a boundary break, no base for a change in
        per cent), and the largest rise and fall with the areas' names,
        in the change map's unit.

    Raises
    ------
    ValueError
        Unless ``year_from < year_to`` and both are years of the series.
    """
    ind = ds.meta.indicator(indicator)
    facts = change_facts(ds, level, indicator, int(year_from), int(year_to))
    lead = t("finding.change_lead", lang, indicator=text(ind.label, lang))
    trend = _trend_sentence(facts, lang)
    extremes = _extremes_sentence(ds, level, ind, facts, lang)
    return (lead + trend[:1].lower() + trend[1:] + (" " + extremes if extremes else "")).strip()
