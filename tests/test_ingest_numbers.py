"""Swedish numbers and SCB's markers."""

import numpy as np
import pandas as pd
import pytest

from geodata.ingest.numbers import parse_numbers


@pytest.mark.parametrize("cell, value", [
    ("12,5", 12.5), ("12.5", 12.5), ("1 234", 1234.0), ("1\u00a0234,5", 1234.5),
    ("1\u202f234", 1234.0), ("\u22123,4", -3.4), ("-3,4", -3.4), ("12,5 %", 12.5),
    ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1.234.567", 1234567.0),
    ("1,234,567", 1234567.0), (" 42 ", 42.0), ("-", 0.0), (7, 7.0), (7.25, 7.25),
])
def test_numbers_written_the_swedish_way(cell, value):
    parsed = parse_numbers(pd.Series([cell], dtype=object))
    assert parsed.value[0] == value
    assert parsed.status[0] == "ok"
    assert not parsed.invalid[0]


@pytest.mark.parametrize("cell, status", [
    ("..", "suppressed"), (".", "missing"), ("...", "missing"), ("", "missing"),
    (None, "missing"), (np.nan, "missing"),
])
def test_markers_become_statuses_never_zero(cell, status):
    parsed = parse_numbers(pd.Series([cell], dtype=object))
    assert np.isnan(parsed.value[0])
    assert parsed.status[0] == status
    assert not parsed.invalid[0]


@pytest.mark.parametrize("cell", ["abc", "2015/16", "12,5,3", "1e5", "nan", "inf", "12 ab"])
def test_non_numbers_are_invalid(cell):
    parsed = parse_numbers(pd.Series([cell], dtype=object))
    assert parsed.invalid[0]
    assert np.isnan(parsed.value[0])


def test_numeric_columns_pass_through_and_nan_is_missing():
    parsed = parse_numbers(pd.Series([1.5, np.nan, 3.0]))
    assert parsed.value[0] == 1.5 and parsed.value[2] == 3.0
    assert list(parsed.status) == ["ok", "missing", "ok"]
    assert not parsed.invalid.any()


def test_two_hundred_thousand_cells_parse_quickly():
    import time

    cells = pd.Series(["1\u00a0234,5", "..", "12,0", "7"] * 50_000, dtype=object)
    started = time.perf_counter()
    parsed = parse_numbers(cells)
    assert time.perf_counter() - started < 3.0
    assert (parsed.status == "suppressed").sum() == 50_000
    assert parsed.value[0] == 1234.5 and parsed.value[3] == 7.0
