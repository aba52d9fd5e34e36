"""Change maps and findings against a reference computed area by area from the value rows.

``geodata.change`` and ``geodata.findings`` compute change maps and the
facts of findings on arrays (issue: findings took 1.6-2.3 s at 6,000 areas).
Here every output is recomputed the slow, plain way: each area's rows read
straight from ``ds.values``, the boundary rules, bridges and estimates
applied one area at a time, Python's ``round`` on every number.  Values,
classes, reasons, marks, counts, order and the findings' sentences must be
the same to the last bit, on the demo, a synthetic dataset and SCB's real
figures for Karlstad (with a split DeSO bridged and a changed RegSO
estimated).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from geodata import change as ch
from geodata import classify as cls
from geodata import findings as fd
from geodata.demo import build_demo, build_synthetic
from geodata.editions import CHANGED, OLD_LEVEL, SAME, estimate_counts, parent_ground, split_parent
from geodata.fmt import format_number
from geodata.model import STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, Dataset
from geodata.views import NO_CLASS, area_name

LANGS = ("sv", "en")
NUMBERS = ("value", "numerator", "denominator")


# ---- The reference: one area at a time ---------------------------------------------------------


def _ids(ds: Dataset, level: str) -> list[str]:
    if level in ds.areas:
        return [str(a) for a in ds.areas[level]["area_id"]]
    return sorted({str(a) for a in ds.values.loc[ds.values["level"] == level, "area_id"]})


def _years(ds: Dataset, level: str, indicator: str) -> list[int]:
    v = ds.values
    return sorted({int(y) for y in v.loc[(v["level"] == level) & (v["indicator"] == indicator), "year"]})


#: The value rows of each dataset by (level, indicator, year), filled as the tests ask; the dataset
#: is kept with its rows, so that its id is not reused while the entry lives.
_ROWS: dict[int, tuple[Dataset, dict]] = {}


@pytest.fixture(autouse=True)
def _forget_rows():
    yield
    _ROWS.clear()


def _rows(ds: Dataset, level: str, indicator: str, year: int) -> dict[str, dict]:
    """Each area's row in ``year``; an area without one is missing, with no edition."""
    if id(ds) not in _ROWS:
        groups = {(str(lvl), str(i), int(y)): part.to_dict("records")
                  for (lvl, i, y), part in ds.values.groupby(["level", "indicator", "year"])}
        _ROWS[id(ds)] = (ds, groups)
    by_id = {str(r["area_id"]): r for r in _ROWS[id(ds)][1].get((level, indicator, int(year)), [])}
    out = {}
    for area_id in _ids(ds, level):
        r = by_id.get(area_id)
        if r is None:
            out[area_id] = {"value": math.nan, "numerator": math.nan, "denominator": math.nan,
                            "status": STATUS_MISSING, "edition": math.nan}
        else:
            status = r["status"] if isinstance(r["status"], str) else STATUS_MISSING
            out[area_id] = {**{c: float(r[c]) for c in NUMBERS}, "status": status, "edition": r["edition"]}
    return out


def _edition(e) -> str | None:
    return None if e is None or (isinstance(e, float) and math.isnan(e)) else str(e)


def _bridge(ds, level, indicator, year_from, first, last, marks) -> None:
    """A split area shows its former area's change: its old row against its siblings' sum."""
    kind = ds.meta.indicator(indicator).kind
    relations = ds.meta.continuity.get(level, {})
    parent_of = {a: split_parent(relations.get(a)) for a in first}
    old_level = OLD_LEVEL.get(level)
    if kind not in ("count", "share") or not any(parent_of.values()) \
            or old_level not in {lvl.id for lvl in ds.meta.levels} or year_from not in _years(ds, old_level, indicator):
        return
    before = _rows(ds, old_level, indicator, year_from)
    now = pd.DataFrame([{"area_id": a, **row} for a, row in last.items()])
    for parent in parent_ground(now, relations, kind).to_dict("records"):
        if parent["area_id"] not in before:
            continue
        children = [a for a, p in parent_of.items() if p == parent["area_id"]]
        if all(first[c]["status"] == STATUS_OK for c in children):
            continue
        if parent["status"] == STATUS_MISSING and all(last[c]["status"] == STATUS_OK for c in children):
            continue
        for c in children:
            first[c] = dict(before[parent["area_id"]])
            last[c] = {**last[c], **{k: parent[k] for k in (*NUMBERS, "status")}}
            marks[c] = "p"


def _estimate(ds, level, indicator, year_from, first, last, marks) -> None:
    """A changed area's earlier count, interpolated onto its new ground."""
    kind = ds.meta.indicator(indicator).kind
    relations = ds.meta.continuity.get(level, {})
    old_level = OLD_LEVEL.get(level)
    changed = [a for a in first if relations.get(a) == CHANGED
               and _edition(first[a]["edition"]) != _edition(last[a]["edition"])]
    if kind not in ("count", "share") or not changed or old_level not in ds.areas:
        return
    old_areas = ds.areas[old_level]
    editions = [e for e in old_areas["edition"] if e is not None and not pd.isna(e)]
    old_edition = str(editions[0]) if editions else None
    # Rows of the older edition in year_from, on this level (codes kept) and the older one (codes
    # gone); a code on both levels: this level's row.
    with_year = [lvl for lvl in (old_level, level) if year_from in _years(ds, lvl, indicator)]
    if not with_year:
        return
    counts = {}
    for lvl in with_year:
        for a, row in _rows(ds, lvl, indicator, year_from).items():
            if old_edition is not None and row["edition"] == old_edition:
                counts[a] = row
    columns = ["numerator", "denominator"] if kind == "share" else ["value"]
    if kind == "share" and not any(row["status"] == STATUS_OK and not math.isnan(row[c])
                                   for row in counts.values() for c in columns):
        return
    table = pd.DataFrame([{"area_id": str(a), **{c: (counts[a][c] if a in counts and counts[a]["status"] == STATUS_OK
                                                      else math.nan) for c in columns}}
                          for a in old_areas["area_id"]])
    targets = ds.areas[level][ds.areas[level]["area_id"].isin(changed)]
    for row in estimate_counts(old_areas, table, targets).to_dict("records"):
        a = row["area_id"]
        if kind == "share":
            num, den = row["numerator"], row["denominator"]
            value = 100.0 * num / den if den > 0 else math.nan
        else:
            num = den = math.nan
            value = row["value"]
        first[a] = {"value": value, "numerator": num, "denominator": den,
                    "status": STATUS_OK if np.isfinite(value) else STATUS_MISSING, "edition": last[a]["edition"]}
        marks[a] = marks[a] if marks[a] != "-" else "e"


def _reference_pair(ds, level, indicator, year_from, year_to):
    """Both years' rows, the marks and the reasons, area by area."""
    ids = _ids(ds, level)
    first, last = _rows(ds, level, indicator, year_from), _rows(ds, level, indicator, year_to)
    marks = dict.fromkeys(ids, "-")
    _bridge(ds, level, indicator, year_from, first, last, marks)
    _estimate(ds, level, indicator, year_from, first, last, marks)
    relations = ds.meta.continuity.get(level, {})
    reasons = []
    for a in ids:
        statuses = (first[a]["status"], last[a]["status"])
        if STATUS_SUPPRESSED in statuses:
            reasons.append(ch.REASON_SUPPRESSED)
        elif statuses != (STATUS_OK, STATUS_OK):
            reasons.append(ch.REASON_MISSING)
        elif _edition(first[a]["edition"]) != _edition(last[a]["edition"]) and relations.get(a) != SAME \
                and marks[a] == "-":
            reasons.append(ch.REASON_BOUNDARY)
        else:
            reasons.append(ch.REASON_OK)
    return ids, first, last, marks, reasons


def _shown(rows: dict, ids: list[str]) -> list:
    return [round(float(rows[a]["value"]), 9) if rows[a]["status"] == STATUS_OK and math.isfinite(rows[a]["value"])
            else None for a in ids]


def reference_change(ds, level, indicator, year_from, year_to, k=ch.DEFAULT_K) -> dict:
    """What :func:`geodata.change.change_values` must return, computed area by area."""
    ind = ds.meta.indicator(indicator)
    kind = ch.change_kind(ind)
    ids, first, last, marks, reasons = _reference_pair(ds, level, indicator, year_from, year_to)
    changes = []
    for i, a in enumerate(ids):
        before, after = first[a]["value"], last[a]["value"]
        if reasons[i] != ch.REASON_OK:
            changes.append(math.nan)
        elif kind != ch.UNIT_PERCENT:
            changes.append(after - before)
        elif before > 0:
            changes.append((after - before) / before * 100.0)
        else:
            reasons[i] = ch.REASON_NO_BASE
            changes.append(math.nan)
    change = np.round(np.array(changes, dtype="float64"), 9)
    decimals = ch.change_decimals(ind)
    classes = cls.change_classes(change, cls.normalise_k(k, ch.K_CHOICES), decimals)
    index = cls.assign_change_classes(change, classes, decimals)
    per_class = [int((index == i).sum()) for i in range(len(classes.breaks))]
    return {
        "ids": ids, "from": year_from, "to": year_to,
        "values": [round(float(x), decimals + 2) if math.isfinite(x) else None for x in change],
        "value_from": _shown(first, ids), "value_to": _shown(last, ids),
        "classes": "".join(str(i) if i >= 0 else NO_CLASS for i in index),
        "reasons": "".join(reasons), "bridged": "".join(marks[a] for a in ids),
        "breaks": list(classes.breaks), "lower": classes.lower,
        "colours": cls.change_colours(classes, ind.polarity), "sides": list(classes.sides),
        "counts": per_class + [reasons.count(r) for r in ch.NO_DATA_REASONS],
        "unit": kind, "decimals": decimals, "polarity": ind.polarity, "no_data_colour": cls.NO_DATA_COLOUR,
        "reason_codes": "".join(ch.NO_DATA_REASONS),
    }


def reference_category(ds, level, indicator, year_from, year_to) -> dict:
    """What :func:`geodata.change.category_changes` must return."""
    ids, first, last, _, reasons = _reference_pair(ds, level, indicator, year_from, year_to)
    ok = [a for a, r in zip(ids, reasons) if r == ch.REASON_OK]
    codes = sorted({float(first[a]["value"]) for a in ok} | {float(last[a]["value"]) for a in ok})
    matrix = [[sum(1 for a in ok if first[a]["value"] == c0 and last[a]["value"] == c1) for c1 in codes]
              for c0 in codes]
    moves = "".join(NO_CLASS if r != ch.REASON_OK else
                    "u" if last[a]["value"] > first[a]["value"] else "d" if last[a]["value"] < first[a]["value"]
                    else "=" for a, r in zip(ids, reasons))
    return {"ids": ids, "from": year_from, "to": year_to,
            "codes": [int(c) if float(c).is_integer() else c for c in codes], "matrix": matrix,
            "moves": moves, "reasons": "".join(reasons),
            "counts": {"up": moves.count("u"), "down": moves.count("d"), "same": moves.count("="),
                       **{r: reasons.count(r) for r in ch.NO_DATA_REASONS}}}


def _tied(pairs: list[tuple[str, float]], best: float, decimals: int) -> tuple[str, ...]:
    shown = format_number(best, decimals, "en")
    return tuple(a for a, v in pairs if format_number(v, decimals, "en") == shown)


def reference_year_facts(ds, level, indicator) -> dict[int, fd.YearFacts]:
    ind = ds.meta.indicator(indicator)
    out = {}
    for year in _years(ds, level, indicator):
        rows = _rows(ds, level, indicator, year)
        kept = sorted((a, r["value"]) for a, r in rows.items()
                      if r["status"] == STATUS_OK and math.isfinite(r["value"]))
        suppressed = sum(r["status"] == STATUS_SUPPRESSED for r in rows.values())
        facts = dict(year=year, areas=len(rows), with_value=len(kept), suppressed=suppressed,
                     missing=len(rows) - len(kept) - suppressed)
        if kept and ind.kind == "category":
            counted = pd.Series([v for _, v in kept]).value_counts()
            top = int(counted.max())
            facts.update(modes=tuple(sorted(float(c) for c, n in counted.items() if n == top)), mode_count=top)
        elif kept:
            high, low = max(v for _, v in kept), min(v for _, v in kept)
            facts.update(high=high, low=low, high_ids=_tied(kept, high, ind.decimals),
                         low_ids=_tied(kept, low, ind.decimals))
        out[year] = fd.YearFacts(**facts)
    return out


def reference_change_facts(ds, level, indicator, year_from, year_to) -> fd.ChangeFacts:
    if ds.meta.indicator(indicator).kind == "category":
        counts = reference_category(ds, level, indicator, year_from, year_to)["counts"]
        return fd.ChangeFacts(year_from, year_to, up=counts["up"], down=counts["down"], same=counts["same"],
                              moved=counts["up"] + counts["down"],
                              left_out={r: counts[r] for r in ch.NO_DATA_REASONS}, category=True)
    c = reference_change(ds, level, indicator, year_from, year_to)
    sides = {i: side for i, side in enumerate(c["sides"])}
    side_of = [None if k == NO_CLASS else sides[int(k)] for k in c["classes"]]
    moved = {s: [(a, v) for a, v, x in zip(c["ids"], c["values"], side_of) if x == s] for s in (1, -1)}
    facts = dict(up=side_of.count(1), down=side_of.count(-1), same=side_of.count(0),
                 bridged=sum(1 for m, x in zip(c["bridged"], side_of) if m != "-" and x is not None))
    if moved[1]:
        rise = max(v for _, v in moved[1])
        facts.update(rise=rise, rise_ids=_tied(moved[1], rise, c["decimals"]))
    if moved[-1]:
        fall = min(v for _, v in moved[-1])
        facts.update(fall=fall, fall_ids=_tied(moved[-1], fall, c["decimals"]))
    return fd.ChangeFacts(year_from, year_to, left_out=dict(zip(ch.NO_DATA_REASONS, c["counts"][len(c["breaks"]):])),
                          **facts)


def reference_findings(ds, level, indicator, lang) -> dict[int, str]:
    """The sentences of :func:`geodata.findings.findings`, written from the reference facts."""
    ind = ds.meta.indicator(indicator)
    per_year = reference_year_facts(ds, level, indicator)
    base = next((y for y, f in sorted(per_year.items()) if f.with_value), None)
    out = {}
    for year, facts in sorted(per_year.items()):
        sentence = fd._year_sentence(ds, level, ind, facts, lang)
        if base is not None and year > base:
            sentence += " " + fd._trend_sentence(reference_change_facts(ds, level, indicator, base, year), lang)
        out[year] = sentence
    return out


# ---- Comparing ---------------------------------------------------------------------------------


def _same(a, b) -> bool:
    """Equal to the bit: a float's sign too, NaN only to NaN, and the same types."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if dataclasses.is_dataclass(a):
        return _same(dataclasses.asdict(a), dataclasses.asdict(b))
    return a == b


def _first_difference(a: dict, b: dict) -> str:
    for key in a:
        if not _same(a[key], b.get(key)):
            return f"{key}: {str(a[key])[:300]} != {str(b.get(key))[:300]}"
    return "keys differ" if list(a) != list(b) else ""


def _pairs(years: list[int]) -> list[tuple[int, int]]:
    """The findings' pairs (first year to each later one), each year to the next, and one across the series."""
    pairs = {(years[0], y) for y in years[1:]} | set(zip(years, years[1:]))
    if len(years) > 3:
        pairs.add((years[1], years[-2]))
    return sorted(pairs)


def check_dataset(ds: Dataset, levels=None) -> int:
    """Compare every change map, category change, year, change fact and finding; returns the maps checked."""
    checked = 0
    for level in levels or sorted(set(ds.values["level"])):
        ids = _ids(ds, level)
        if level in ds.areas:
            assert fd._area_names(ds, level) == {a: area_name(ds, level, a) for a in ids}
        for ind in ds.meta.indicators:
            years = _years(ds, level, ind.id)
            if len(years) < 2:
                continue
            for year_from, year_to in _pairs(years):
                where = (level, ind.id, year_from, year_to)
                if ind.kind == "category":
                    got, want = ch.category_changes(ds, *where), reference_category(ds, *where)
                else:
                    got, want = ch.change_values(ds, *where), reference_change(ds, *where)
                    if year_to == years[-1]:
                        got3, want3 = ch.change_values(ds, *where, k=3), reference_change(ds, *where, k=3)
                        assert _same(got3, want3), (where, _first_difference(got3, want3))
                assert _same(got, want), (where, _first_difference(got, want))
                assert _same(fd.change_facts(ds, *where), reference_change_facts(ds, *where)), where
                checked += 1
            assert _same(fd.year_facts(ds, level, ind.id), reference_year_facts(ds, level, ind.id)), (level, ind.id)
            for lang in LANGS:
                assert fd.findings(ds, level, ind.id, lang) == reference_findings(ds, level, ind.id, lang), \
                    (level, ind.id, lang)
    return checked


# ---- The datasets ------------------------------------------------------------------------------


def test_the_demo_matches_the_reference():
    assert check_dataset(build_demo()) > 500


def test_a_synthetic_dataset_matches_the_reference():
    assert check_dataset(build_synthetic(n_areas=300, seed=11)) > 100


@pytest.fixture(scope="module")
def karlstad(shared_data, tmp_path_factory):
    """SCB's recorded answers for Karlstad, built as fetch-scb builds them."""
    from .test_ingest_scb import fetch_karlstad

    ds, _, _ = fetch_karlstad(shared_data / "karlstad-scb" / "raw", tmp_path_factory.mktemp("karlstad"))
    return ds


def test_karlstad_matches_the_reference(karlstad):
    assert check_dataset(karlstad) > 100


def test_karlstads_split_deso_bridged_on_their_parents_ground_match_the_reference(karlstad):
    from .test_editions import _with_old_population

    bridged = _with_old_population(karlstad)
    assert "p" in ch.change_values(bridged, "deso", "folkmangd", 2023, 2025)["bridged"]
    assert check_dataset(bridged, levels=["deso", "deso2018"]) > 0


def test_an_estimate_on_new_ground_matches_the_reference(karlstad):
    from .test_editions import _karlstad_population

    # Two RegSO said to have changed ground (SCB's polygons of both editions are kept), and a 2023
    # population on the older edition to estimate from.
    continuity = {**karlstad.meta.continuity,
                  "regso": {**karlstad.meta.continuity["regso"], "1780R012": CHANGED, "1780R020": CHANGED}}
    meta = dataclasses.replace(karlstad.meta, continuity=continuity)
    now = _karlstad_population(karlstad, "regso")
    before = now.assign(year=2023, value=now["value"] - 100, edition="RegSO2020")
    changed = Dataset(meta, karlstad.areas, pd.concat([karlstad.values, before], ignore_index=True))
    assert ch.change_values(changed, "regso", "folkmangd", 2023, 2025)["bridged"].count("e") == 2
    assert "b" in ch.change_values(changed, "regso", "socioekonomiskt_index", 2023, 2024)["reasons"]
    assert check_dataset(changed, levels=["regso"]) > 0


def test_the_reference_sees_a_changed_value():
    """The comparison can fail: one area's value moved by a hair changes a change map and a finding."""
    demo = build_demo()
    values = demo.values.copy()
    row = values.index[(values["level"] == "regso") & (values["indicator"] == "lag_ek_standard")
                       & (values["year"] == 2024) & (values["status"] == STATUS_OK)][0]
    values.loc[row, "value"] += 1e-7
    moved = Dataset(demo.meta, demo.areas, values)
    assert not _same(ch.change_values(demo, "regso", "lag_ek_standard", 2011, 2024),
                     reference_change(moved, "regso", "lag_ek_standard", 2011, 2024))


def test_values_are_rounded_as_python_rounds_them():
    """The vectorised rounding gives Python's ``round`` to the bit, also where the two ways part."""
    rng = np.random.default_rng(3)
    halves = (np.arange(-2000, 2000) + 0.5) / 1e9  # a half at the ninth decimal, as near as a double gets
    values = np.concatenate([
        rng.normal(0, 50, 20000), rng.normal(0, 1e7, 2000), halves, halves + 1.0, halves * 1e3 + 12.0,
        np.array([2.675, 1.0000000005, 0.1 + 0.2, -0.0, 0.0, 5e-10, -5e-10, 2.0 ** 53, 4.5e6 + 0.5e-9,
                  1e300, -1e-300, np.nan, np.inf, -np.inf])])
    for digits in (2, 3, 9):
        shown = np.isfinite(values) & (rng.random(values.size) < 0.9)
        got = ch._rounded(values, digits, shown)
        want = [round(float(v), digits) if s else None for v, s in zip(values, shown)]
        assert _same(got, want), digits
