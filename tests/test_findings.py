"""Findings say what the data show and no more: checked against the values themselves.

Every fact a finding states is recomputed here from the dataset's value rows
(not through geodata.views or geodata.change): the named highest and lowest
areas, the counts of areas that rose and fell, the areas left out and why.
On the demo, on small datasets made for one case each, and on SCB's real
figures for Karlstad (shared test data).
"""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pandas as pd
import pytest

from geodata import classify as cls
from geodata import findings as fd
from geodata.change import change_decimals, change_kind
from geodata.demo import build_demo
from geodata.fmt import format_number, format_value
from geodata.model import Dataset, text
from geodata.store import LoadedRelease
from geodata.viewstate import View
from presenters import mode_of, parse_view
from presenters.common import map_payload
from presenters.urls import Urls

from .test_change import NEW, OLD, PAIRS, pair_dataset

LANGS = ("sv", "en")


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return build_demo()


@pytest.fixture(scope="module")
def karlstad(shared_data, tmp_path_factory) -> Dataset:
    """SCB's recorded answers for Karlstad, built as fetch-scb builds them."""
    from .test_ingest_scb import fetch_karlstad

    ds, _, _ = fetch_karlstad(shared_data / "karlstad-scb" / "raw", tmp_path_factory.mktemp("karlstad"))
    return ds


def _rows(ds: Dataset, level: str, indicator: str, year: int) -> pd.DataFrame:
    """One year's value rows of every area of the level (an area without a row: missing)."""
    v = ds.values
    rows = v[(v["level"] == level) & (v["indicator"] == indicator) & (v["year"] == year)].set_index("area_id")
    rows = rows.reindex(ds.areas[level]["area_id"])
    rows["status"] = rows["status"].fillna("missing")
    return rows


def _name(ds: Dataset, level: str, area_id: str) -> str:
    frame = ds.areas[level]
    return str(frame.loc[frame["area_id"] == area_id, "name"].iloc[0])


def _shown(value: float, decimals: int) -> str:
    return format_number(value, decimals, "en")


def _check_extremes(ds: Dataset, level: str, indicator: str) -> int:
    """The named highest and lowest areas have the year's max and min, in both languages; returns years checked."""
    ind = ds.meta.indicator(indicator)
    checked = 0
    per_lang = {lang: fd.findings(ds, level, indicator, lang) for lang in LANGS}
    for year, facts in fd.year_facts(ds, level, indicator).items():
        rows = _rows(ds, level, indicator, year)
        ok = rows[(rows["status"] == "ok") & rows["value"].notna()]
        assert facts.with_value == len(ok)
        if len(ok) < 2:
            continue
        top, bottom = ok["value"].max(), ok["value"].min()
        assert facts.high == top and facts.low == bottom
        # Every area that reads as the max (min) is named, and no other.
        assert set(facts.high_ids) == set(ok.index[[_shown(v, ind.decimals) == _shown(top, ind.decimals)
                                                   for v in ok["value"]]])
        assert set(facts.low_ids) == set(ok.index[[_shown(v, ind.decimals) == _shown(bottom, ind.decimals)
                                                  for v in ok["value"]]])
        assert ok["value"].idxmax() in facts.high_ids and ok["value"].idxmin() in facts.low_ids
        for lang in LANGS:
            sentence = per_lang[lang][year]
            high = format_value(top, ind.decimals, text(ind.unit, lang), lang)
            low = format_value(bottom, ind.decimals, text(ind.unit, lang), lang)
            head = sentence.split(". ")[0]
            if len(facts.high_ids) <= fd.MAX_NAMED:
                for area_id in facts.high_ids:
                    assert _name(ds, level, area_id) in head.split(f"({high})")[0], (sentence, area_id)
            assert f"({high})" in head and f"({low})" in head, sentence
            assert head.index(f"({high})") < head.index(f"({low})")
        checked += 1
    return checked


def _direct_trend(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int):
    """Up, down, unchanged and left-out counts computed from the value rows (one boundary edition)."""
    ind = ds.meta.indicator(indicator)
    a, b = _rows(ds, level, indicator, year_from), _rows(ds, level, indicator, year_to)
    suppressed = (a["status"] == "suppressed") | (b["status"] == "suppressed")
    both = (a["status"] == "ok") & (b["status"] == "ok") & a["value"].notna() & b["value"].notna()
    missing = ~both & ~suppressed
    if change_kind(ind) == "percent":
        no_base = both & ~(a["value"] > 0)
        change = ((b["value"] - a["value"]) / a["value"] * 100)[both & ~no_base]
    else:
        no_base = both & False
        change = (b["value"] - a["value"])[both]
    change = change.round(9)
    # Unchanged: rounds to zero at the decimals the change map's middle class uses.
    decimals = cls.unchanged_decimals(change.to_numpy(), change_decimals(ind))
    zero = change.abs() < 10.0 ** -decimals / 2
    return {"up": int(((change > 0) & ~zero).sum()), "down": int(((change < 0) & ~zero).sum()),
            "same": int(zero.sum()), "s": int(suppressed.sum()), "m": int(missing.sum()),
            "z": int(no_base.sum()), "change": change}


# ---- The demo --------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["regso", "deso", "kommun"])
def test_demo_named_highest_and_lowest_have_the_years_max_and_min(demo, level):
    checked = sum(_check_extremes(demo, level, ind.id) for ind in demo.meta.indicators
                  if ind.kind != "category" and ind.id in demo.indicators_at(level))
    assert checked >= (50 if level != "kommun" else 0)


@pytest.mark.parametrize("level, indicator", [("regso", "lag_ek_standard"), ("deso", "langtidsarbetsloshet"),
                                              ("deso", "medianinkomst"), ("regso", "ohalsotal")])
def test_demo_counts_of_up_and_down_equal_a_direct_computation(demo, level, indicator):
    years = demo.years(indicator, level)
    base = fd.base_year(demo, level, indicator)
    assert base == min(y for y in years if (_rows(demo, level, indicator, y)["status"] == "ok").any())
    texts = {lang: fd.findings(demo, level, indicator, lang) for lang in LANGS}
    for year in [y for y in years if y > base]:
        direct = _direct_trend(demo, level, indicator, base, year)
        facts = fd.change_facts(demo, level, indicator, base, year)
        assert (facts.up, facts.down, facts.same) == (direct["up"], direct["down"], direct["same"]), year
        assert facts.left_out == {"s": direct["s"], "m": direct["m"], "b": 0, "z": direct["z"]}
        comparable = facts.comparable
        sv, en = texts["sv"][year], texts["en"][year]
        assert f"mellan {base} och {year}" in sv and f"between {base} and {year}" in en
        if direct["down"]:
            assert f"minskade i {direct['down']}" in sv and f"fell in {direct['down']}" in en
        if direct["up"]:
            assert f"ökade i {direct['up']}" in sv and f"rose in {direct['up']}" in en
        assert re.search(rf"av {comparable} jämförbara? område", sv), sv
    # The first year with values has no trend clause.
    assert "mellan" not in texts["sv"][base] and "between" not in texts["en"][base]


def test_demo_suppressed_areas_are_counted_as_missing_never_as_values(demo):
    level, indicator = "deso", "langtidsarbetsloshet"
    seen = 0
    for year, facts in fd.year_facts(demo, level, indicator).items():
        rows = _rows(demo, level, indicator, year)
        suppressed = set(rows.index[rows["status"] == "suppressed"])
        assert facts.suppressed == len(suppressed)
        assert facts.missing == int((rows["status"] == "missing").sum())
        assert facts.with_value + facts.suppressed + facts.missing == len(rows)
        assert not suppressed & set(facts.high_ids + facts.low_ids)
        if suppressed:
            seen += 1
            n_without = facts.suppressed + facts.missing
            assert f"{n_without} av 60 områden saknar värde" in fd.findings(demo, level, indicator, "sv")[year]
            assert f"sekretess: {len(suppressed)}" in fd.findings(demo, level, indicator, "sv")[year]
            assert f"suppressed: {len(suppressed)}" in fd.findings(demo, level, indicator, "en")[year]
    assert seen, "the demo has suppressed cells in this indicator"


def test_demo_category_gets_its_most_common_class_and_never_highest(demo):
    ind = demo.meta.indicator("omradestyp")
    assert ind.kind == "category"
    for lang in LANGS:
        for year, sentence in fd.findings(demo, "regso", "omradestyp", lang).items():
            assert not re.search(r"högst|lägst|highest|lowest|ökade|minskade|rose|fell", sentence), sentence
            rows = _rows(demo, "regso", "omradestyp", year)
            counts = rows.loc[rows["status"] == "ok", "value"].value_counts()
            facts = fd.year_facts(demo, "regso", "omradestyp")[year]
            assert facts.mode_count == counts.max()
            assert set(facts.modes) == set(counts.index[counts == counts.max()])
            for code in facts.modes:
                label = text(ind.categories[str(int(code))], lang)
                assert label in sentence
    sv = fd.change_finding(demo, "regso", "omradestyp", 2011, 2024, "sv")
    a, b = _rows(demo, "regso", "omradestyp", 2011), _rows(demo, "regso", "omradestyp", 2024)
    moved = int((a["value"] != b["value"]).sum())
    assert sv.startswith(f"{text(ind.label, 'sv')}: {moved} av 20 jämförbara områden hade en annan klass")
    assert "Störst" not in sv


def test_demo_change_finding_names_the_largest_rise_and_fall(demo):
    level, indicator = "deso", "langtidsarbetsloshet"
    ind = demo.meta.indicator(indicator)
    direct = _direct_trend(demo, level, indicator, 2011, 2024)
    change = direct["change"]
    for lang in LANGS:
        sentence = fd.change_finding(demo, level, indicator, 2011, 2024, lang)
        rise_at = sentence.index("Störst ökning" if lang == "sv" else "Largest rise")
        fall_at = sentence.index("störst minskning" if lang == "sv" else "largest fall")
        decimals = change_decimals(ind)
        top = change[change.map(lambda v: _shown(v, decimals)) == _shown(change.max(), decimals)]
        low = change[change.map(lambda v: _shown(v, decimals)) == _shown(change.min(), decimals)]
        for area_id in top.index:
            assert _name(demo, level, area_id) in sentence[rise_at:fall_at]
        for area_id in low.index:
            assert _name(demo, level, area_id) in sentence[fall_at:]
        assert format_number(change.max(), decimals, lang) in sentence[rise_at:fall_at]
        assert format_number(abs(change.min()), decimals, lang) in sentence[fall_at:]
        assert f"{direct['s']}" in sentence and ("sekretess" in sentence or "suppressed" in sentence)


def test_findings_are_memoised_on_the_dataset_and_returned_as_copies(demo):
    first = fd.findings(demo, "regso", "lag_ek_standard", "sv")
    first[2011] = "changed by a caller"
    again = fd.findings(demo, "regso", "lag_ek_standard", "sv")
    assert again[2011] != "changed by a caller"
    assert fd.year_facts(demo, "regso", "lag_ek_standard") is fd.year_facts(demo, "regso", "lag_ek_standard")
    other = build_demo()
    assert fd.year_facts(other, "regso", "lag_ek_standard") is not fd.year_facts(demo, "regso", "lag_ek_standard")
    assert any(key[:2] == ("geodata.findings", "year_facts") for key in demo._memo)


# ---- Cases made for one rule each -------------------------------------------------------------


def _one_year(values: dict, decimals: int = 1, kind: str = "share", years=(2023, 2024)) -> Dataset:
    """Areas a, b, c, ... with ``values[area] = [(value, status), ...]`` per year, one edition."""
    pairs = [(area_id, f"Område {area_id.upper()}", *[(v, s, OLD) for v, s in per_year])
             for area_id, per_year in values.items()]
    ds = pair_dataset(kind, pairs=pairs, years=years)
    if decimals != 1:
        meta = dataclasses.replace(ds.meta, indicators=(dataclasses.replace(ds.meta.indicators[0],
                                                                            decimals=decimals),))
        ds = Dataset(meta, ds.areas, ds.values)
    return ds


def test_a_boundary_break_is_left_out_and_counted_not_called_a_change():
    """Forsen's values lie on two editions and nothing says its ground stayed: never a fall."""
    pairs = [p if p[0] != "f" else ("f", "Forsen", (30.0, "ok", OLD), (20.0, "ok", NEW)) for p in PAIRS]
    ds = pair_dataset("share", pairs=pairs)
    facts = fd.change_facts(ds, "regso", "x", 2023, 2024)
    assert facts.left_out["b"] == 1 and facts.left_out["s"] == 1 and facts.left_out["m"] == 1
    # a, g, i rose; b, h fell; c unchanged (d suppressed, e missing, f across the break).
    assert (facts.up, facts.down, facts.same) == (3, 2, 1)
    sv = fd.findings(ds, "regso", "x", "sv")[2024]
    assert "1 med ändrade gränser" in sv and "3 områden kunde inte jämföras" in sv
    assert "1 with changed boundaries" in fd.findings(ds, "regso", "x", "en")[2024]
    # Its −10 would be the largest fall: it is not named, the largest comparable one is.
    assert facts.fall_ids == ("h",)
    assert "Forsen" not in fd.change_finding(ds, "regso", "x", 2023, 2024, "sv")
    # The same figures with Forsen's ground known to be the same: a comparable fall, and the largest.
    same = Dataset(dataclasses.replace(ds.meta, continuity={"regso": {"f": "same"}}), ds.areas, ds.values)
    kept = fd.change_facts(same, "regso", "x", 2023, 2024)
    assert (kept.up, kept.down, kept.left_out["b"]) == (3, 3, 0)
    assert kept.fall_ids == ("f",)
    assert "störst minskning i Forsen (\u221210,0\u00a0p.e.)" in fd.change_finding(same, "regso", "x", 2023, 2024,
                                                                                 "sv")


def test_ties_as_shown_are_named_together_and_many_are_counted():
    ds = _one_year({"a": [(45.04, "ok")], "b": [(44.96, "ok")], "c": [(8.0, "ok")], "d": [(20.0, "ok")]},
                   years=(2024,))
    facts = fd.year_facts(ds, "regso", "x")[2024]
    assert set(facts.high_ids) == {"a", "b"} and facts.low_ids == ("c",)
    assert fd.findings(ds, "regso", "x", "sv")[2024] == (
        "Andel x 2024 var högst i Område A och Område B (45,0\u00a0%) och lägst i Område C (8,0\u00a0%).")
    assert fd.findings(ds, "regso", "x", "en")[2024] == (
        "Share x in 2024 was highest in Område A and Område B (45.0\u00a0%) and lowest in Område C (8.0\u00a0%).")
    many = _one_year({k: [(7.0, "ok")] for k in "abcd"} | {"e": [(1.0, "ok")]}, years=(2024,))
    assert fd.findings(many, "regso", "x", "sv")[2024].startswith("Andel x 2024 var högst i 4 områden (7,0\u00a0%)")


def test_one_area_no_values_equal_values_and_one_year_still_read_true():
    single = _one_year({"a": [(12.5, "ok")], "b": [(None, "suppressed")], "c": [(None, "missing")]},
                       years=(2024,))
    assert fd.findings(single, "regso", "x", "sv") == {2024: (
        "Andel x 2024 finns för ett enda område, Område A (12,5\u00a0%); "
        "2 av 3 områden saknar värde (sekretess: 1, uppgift saknas: 1).")}
    assert fd.findings(single, "regso", "x", "en")[2024] == (
        "Share x in 2024 is available for one area only, Område A (12.5\u00a0%); "
        "2 of 3 areas have no value (suppressed: 1, no data: 1).")
    none = _one_year({"a": [(None, "suppressed"), (None, "suppressed")], "b": [(None, "missing"), (None, "missing")]})
    assert fd.findings(none, "regso", "x", "sv") == {
        2023: "Andel x 2023: inget område har något värde (sekretess: 1, uppgift saknas: 1).",
        2024: "Andel x 2024: inget område har något värde (sekretess: 1, uppgift saknas: 1)."}
    assert fd.change_finding(none, "regso", "x", 2023, 2024, "sv") == (
        "Andel x: inget område går att jämföra mellan 2023 och 2024 (1 med sekretess något av åren, "
        "1 utan värde något av åren).")
    equal = _one_year({"a": [(3.0, "ok"), (3.0, "ok")], "b": [(3.0, "ok"), (4.0, "ok")],
                       "c": [(3.0, "ok"), (None, "missing")]})
    found = fd.findings(equal, "regso", "x", "sv")
    assert found[2023] == "Andel x 2023 var detsamma i alla 3 områden med värde (3,0\u00a0%)."
    assert found[2024] == ("Andel x 2024 var högst i Område B (4,0\u00a0%) och lägst i Område A (3,0\u00a0%); "
                           "1 av 3 områden saknar värde (uppgift saknas: 1). "
                           "Värdet ökade i 1 och var oförändrat i 1 av 2 jämförbara områden mellan 2023 och "
                           "2024; "
                           "1 område kunde inte jämföras (1 utan värde något av åren).")
    assert fd.findings(equal, "regso", "x", "en")[2024].endswith(
        "1 of 3 areas has no value (no data: 1). The value rose in 1 and was unchanged in 1 of 2 comparable "
        "areas between 2023 and 2024; 1 area could not be compared (1 without a value in either year).")
    # One comparable area: the singular.
    lone = _one_year({"a": [(1.0, "ok"), (2.0, "ok")], "b": [(None, "missing"), (5.0, "ok")]})
    assert "ökade i 1 av 1 jämförbart område" in fd.findings(lone, "regso", "x", "sv")[2024]
    assert "rose in 1 of 1 comparable area between" in fd.findings(lone, "regso", "x", "en")[2024]


def test_numbers_are_written_the_swedish_and_the_english_way():
    ds = _one_year({"a": [(12345.6, "ok")], "b": [(-2.5, "ok")]}, kind="amount", years=(2024,))
    sv, en = fd.findings(ds, "regso", "x", "sv")[2024], fd.findings(ds, "regso", "x", "en")[2024]
    assert "(12\u00a0345,6\u00a0tkr)" in sv and "(\u22122,5\u00a0tkr)" in sv
    assert "(12,345.6\u00a0thousand SEK)" in en and "(-2.5\u00a0thousand SEK)" in en
    whole = _one_year({"a": [(1234.4, "ok")], "b": [(3.0, "ok")]}, decimals=0, kind="amount", years=(2024,))
    assert "(1\u00a0234\u00a0tkr)" in fd.findings(whole, "regso", "x", "sv")[2024]
    # Counts too: 1,200 areas, 100 of them suppressed in 2024, the others rose.
    many = _one_year({f"a{i}": [(float(i), "ok"), (None, "suppressed") if i < 100 else (i + 0.5, "ok")]
                      for i in range(1200)})
    sv, en = fd.findings(many, "regso", "x", "sv")[2024], fd.findings(many, "regso", "x", "en")[2024]
    assert "100 av 1\u00a0200 områden saknar värde (sekretess: 100)" in sv
    assert "Värdet ökade i 1\u00a0100 av 1\u00a0100 jämförbara områden" in sv
    assert "100 of 1,200 areas have no value (suppressed: 100)" in en
    assert "The value rose in 1,100 of 1,100 comparable areas" in en


def test_no_word_says_better_or_worse_whatever_the_polarity():
    words = re.compile(r"bättre|sämre|förbättr|försämr|better|worse|improv|deteriorat", re.IGNORECASE)
    for polarity in ("higher_is_better", "higher_is_worse", "neutral"):
        ds = pair_dataset("share", polarity=polarity)
        for lang in LANGS:
            for sentence in [*fd.findings(ds, "regso", "x", lang).values(),
                             fd.change_finding(ds, "regso", "x", 2023, 2024, lang)]:
                assert not words.search(sentence), sentence
        assert fd.findings(ds, "regso", "x", "sv") == fd.findings(pair_dataset("share"), "regso", "x", "sv")


def test_change_finding_refuses_years_the_change_map_refuses(demo):
    with pytest.raises(ValueError):
        fd.change_finding(demo, "regso", "lag_ek_standard", 2024, 2011, "sv")
    with pytest.raises(ValueError):
        fd.change_finding(demo, "regso", "lag_ek_standard", 2011, 2031, "sv")


# ---- The payloads -------------------------------------------------------------------------------


def test_map_payload_carries_every_years_finding_keyed_by_the_year_as_text(demo):
    loaded = LoadedRelease("r1", demo)
    view = View(dataset=demo.name, lang="en", level="regso", indicator="lag_ek_standard", year=2024)
    payload = map_payload(loaded, view, Urls())
    assert list(payload["findings"]) == [str(y) for y in payload["years"]]
    assert payload["findings"] == {str(y): s for y, s in fd.findings(demo, "regso", "lag_ek_standard", "en").items()}
    assert json.loads(json.dumps(payload))["findings"]["2024"].startswith("Low economic standard in 2024")
    # Small: the findings of 14 years are a few kilobytes.
    assert len(json.dumps(payload["findings"], ensure_ascii=False).encode()) < 6000


def test_change_payload_carries_the_finding_of_its_pair_of_years(demo):
    loaded = LoadedRelease("r1", demo)
    view = parse_view({"mode": "change", "level": "regso", "ind": "lag_ek_standard", "year": "2024",
                       "year2": "2015", "lang": "sv"}, demo)
    payload = mode_of(view).parts(loaded, view, Urls()).main.payload
    assert (view.year_b, view.year) == (2015, 2024)
    assert payload["finding"] == fd.change_finding(demo, "regso", "lag_ek_standard", 2015, 2024, "sv")
    assert "mellan 2015 och 2024" in payload["finding"] and "findings" not in payload


# ---- SCB's real figures for Karlstad ------------------------------------------------------------


def test_karlstad_named_extremes_and_trend_counts(karlstad):
    assert _check_extremes(karlstad, "regso", "socioekonomiskt_index") == 14
    assert _check_extremes(karlstad, "regso", "sei_andel_lag_ek_standard") == 14
    # 2011 on RegSO 2020, 2024 on RegSO 2025: comparable because every RegSO kept its ground.
    assert set(_rows(karlstad, "regso", "socioekonomiskt_index", 2024)["edition"]) == {"RegSO2025"}
    for indicator in ("socioekonomiskt_index", "sei_andel_lag_ek_standard"):
        for year in (2012, 2023, 2024):
            direct = _direct_trend(karlstad, "regso", indicator, 2011, year)
            facts = fd.change_facts(karlstad, "regso", indicator, 2011, year)
            assert (facts.up, facts.down, facts.same) == (direct["up"], direct["down"], direct["same"])
            assert facts.left_out == {"s": 0, "m": 0, "b": 0, "z": 0}
    sv = fd.findings(karlstad, "regso", "socioekonomiskt_index", "sv")[2024]
    direct = _direct_trend(karlstad, "regso", "socioekonomiskt_index", 2011, 2024)
    assert (f"ökade i {direct['up']} och minskade i {direct['down']} av 31 jämförbara områden mellan 2011 och "
            "2024") in sv


def test_karlstad_a_changed_ground_is_a_break_and_suppressed_cells_are_left_out(karlstad):
    """The same real figures with one RegSO's ground changed and one cell suppressed, as SCB would publish."""
    continuity = {lvl: dict(rel) for lvl, rel in karlstad.meta.continuity.items()}
    broken = "1780R011"
    continuity["regso"][broken] = "changed"
    values = karlstad.values.copy()
    hidden = ((values["level"] == "regso") & (values["indicator"] == "socioekonomiskt_index")
              & (values["area_id"] == "1780R001") & (values["year"] == 2024))
    assert hidden.sum() == 1
    values.loc[hidden, ["value", "status"]] = [np.nan, "suppressed"]
    ds = Dataset(dataclasses.replace(karlstad.meta, continuity=continuity), karlstad.areas, values)
    facts = fd.change_facts(ds, "regso", "socioekonomiskt_index", 2011, 2024)
    assert facts.left_out == {"s": 1, "m": 0, "b": 1, "z": 0}
    before = fd.change_facts(karlstad, "regso", "socioekonomiskt_index", 2011, 2024)
    assert facts.comparable == before.comparable - 2 == 29
    sv = fd.findings(ds, "regso", "socioekonomiskt_index", "sv")[2024]
    assert "1 av 31 områden saknar värde (sekretess: 1)" in sv
    assert "2 områden kunde inte jämföras (1 med sekretess något av åren, 1 med ändrade gränser)" in sv
    assert fd.year_facts(ds, "regso", "socioekonomiskt_index")[2024].with_value == 30
    # Before 2024 both years lie on RegSO 2020: no break there.
    assert fd.change_facts(ds, "regso", "socioekonomiskt_index", 2011, 2023).left_out["b"] == 0
    # Without any word on continuity, no RegSO is compared across the 2025 edition.
    blind = Dataset(dataclasses.replace(karlstad.meta, continuity={}), karlstad.areas, karlstad.values)
    assert fd.findings(blind, "regso", "socioekonomiskt_index", "en")[2024].endswith(
        "No area can be compared between 2011 and 2024 (31 with changed boundaries).")


def test_karlstad_area_types_are_counted_by_class_never_ranked(karlstad):
    ind = karlstad.meta.indicator("omradestyp")
    for lang in LANGS:
        for year, sentence in fd.findings(karlstad, "regso", "omradestyp", lang).items():
            assert not re.search(r"högst|lägst|highest|lowest", sentence), sentence
            rows = _rows(karlstad, "regso", "omradestyp", year)
            counts = rows["value"].value_counts()
            code = counts.idxmax()
            assert (counts == counts.max()).sum() > 1 or (
                f"{text(ind.categories[str(int(code))], lang)} ({counts.max()} " in sentence), sentence


def test_karlstad_split_deso_are_counted_on_their_former_ground_and_said_so(karlstad):
    """SCB split two Karlstad DeSO in 2025: the six children are compared on their parent's ground."""
    from .test_editions import _with_old_population

    ds = _with_old_population(karlstad)
    facts = fd.change_facts(ds, "deso", "folkmangd", 2023, 2025)
    assert facts.comparable == 57 and facts.bridged == 6 and not any(facts.left_out.values())
    sv = fd.findings(ds, "deso", "folkmangd", "sv")[2025]
    en = fd.findings(ds, "deso", "folkmangd", "en")[2025]
    assert "av 57 jämförbara områden mellan 2023 och 2025" in sv
    assert "för 6 områden bygger jämförelsen på det tidigare områdets summa" in sv
    assert "for 6 areas the comparison rests on the former area's sum" in en
    # As published, Karlstad's DeSO have 2025 only: one year, a finding without a trend.
    only = fd.findings(karlstad, "deso", "folkmangd", "sv")
    assert list(only) == [2025] and "mellan" not in only[2025] and "jämför" not in only[2025]
