"""Run the bad-input corpus (tests/bad_input/corpus.py) through the CLI.

Each case states every line the command must print on stderr, the exit
code, and for valid input values read back from the published release.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from pathlib import Path

import pytest

from geodata import store
from geodata.cli import main

from .bad_input import corpus

#: Warnings about overlaps and gaps between a file's polygons: pinned on the real polygon sets in
#: tests/test_boundaries.py, so a case here states only what its own input is about.
COVERAGE_WARNING = re.compile(r"^warning: [^:]+: (overlaps between areas: \d|areas \S+ and \S+ overlap by "
                              r"|gaps between areas that no area covers: \d|a gap of )")


def run_ingest(args: list[str], data_dir: Path, name: str = "corpus",
               lang: str = "en") -> tuple[int, list[str], str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(["--data-dir", str(data_dir), "--lang", lang, "ingest", name, "--quiet"] + args)
    lines = [line for line in err.getvalue().splitlines() if line]
    return code, lines, out.getvalue()


def test_corpus_is_large_and_names_are_unique():
    ids = [case.id for case in corpus.CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 25
    assert sum(not case.valid for case in corpus.CASES) >= 20


@pytest.mark.parametrize("case", corpus.CASES, ids=lambda c: c.id)
def test_corpus_case(case, shared_data, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    data_dir = tmp_path / "data"
    args = case.build(shared_data, inputs)
    code, lines, out = run_ingest(args, data_dir, case.name)
    problems = [line for line in lines if line.startswith(("error: ", "warning: "))
                and not COVERAGE_WARNING.match(line)]
    assert sorted(problems) == sorted(case.errors + case.warnings)
    if case.errors:
        assert code == 2
        assert lines[-1].endswith("nothing was published.")
        assert store.current_release(data_dir, case.name) is None
        return
    assert code == 0, lines
    assert out.startswith(f"published {case.name} as ")
    dataset = store.DatasetStore(data_dir).get(case.name).dataset
    values = dataset.values.set_index(["level", "area_id", "indicator", "year"])
    for key, (value, status) in case.values.items():
        row = values.loc[key]
        assert row["status"] == status, key
        if value is None:
            assert math.isnan(row["value"]), "a value that is not ok must be NaN, never 0"
        else:
            assert row["value"] == value, key
    for indicator, label in case.labels.items():
        assert dataset.meta.indicator(indicator).label["sv"] == label
    if case.indicators is not None:
        assert [ind.id for ind in dataset.meta.indicators] == case.indicators
    if case.area_count is not None:
        level = next(iter(case.values))[0]
        assert len(dataset.areas[level]) == case.area_count
    assert (dataset.values.loc[dataset.values["status"] != "ok", "value"].isna()).all()
