"""A national or county values file onto fewer polygons (``--only``, ``only:``).

Regression (#12, point 4): SCB's nationwide DeSO table onto Stockholms län's
1,287 DeSO polygons gave 4,697 errors ("the area id is not among the
polygons"), so analysts cut SCB's exports by hand.
"""

from __future__ import annotations

import pandas as pd

from geodata import store

from .test_ingest_corpus import run_ingest

NATIONWIDE = "deso-indicators-2022-nationwide/deso_2018_indicators_2022_wide.csv"
STOCKHOLM = "stockholm-lan-deso-2018/deso_stockholm.json"


def _args(shared_data, *extra: str) -> list[str]:
    return ["--areas", str(shared_data / STOCKHOLM), "--id-column", "id",
            "--values", str(shared_data / NATIONWIDE), "--wide", "indicators", "--year", "2022",
            "--values-id-column", "deso", "--columns", "folkmangd_2022,andel_eftergymnasial_25_64_pct", *extra]


def _subset_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "left out as --only" in line or line.startswith("error: ")]


def _published(data_dir) -> pd.DataFrame:
    return store.DatasetStore(data_dir).get("sthlm").dataset.values


def test_without_only_every_id_still_needs_a_polygon(shared_data, tmp_path):
    code, lines, _ = run_ingest(_args(shared_data), tmp_path, "sthlm")
    assert code == 2
    assert sum(line.startswith("error: ") for line in lines) == 11  # ten rows listed, then one summary
    assert "4697 error(s)" in lines[-1]


def test_only_the_polygons_areas_keeps_the_county_and_counts_the_rest(shared_data, tmp_path):
    code, lines, _ = run_ingest(_args(shared_data, "--only", "areas"), tmp_path, "sthlm")
    assert code == 0, lines
    assert _subset_lines(lines) == [
        "warning: deso_2018_indicators_2022_wide.csv: 4697 rows (4697 area ids) are left out as --only areas "
        "asks: their ids are not among the polygons of level deso (deso_stockholm.json), e.g. 0305A0010, "
        "0305B2010, 0305C1010, 0305C1020, 0305C1030 …."]
    values = _published(tmp_path)
    population = values[values["indicator"] == "folkmangd_2022"]
    assert len(population) == 1287
    nationwide = pd.read_csv(shared_data / NATIONWIDE, dtype={"deso": str})
    expected = nationwide.set_index("deso")["folkmangd_2022"]
    assert (population.set_index("area_id")["value"] == expected.loc[population["area_id"]]).all()


def test_only_named_kommuner_keeps_their_areas(shared_data, tmp_path):
    code, lines, _ = run_ingest(_args(shared_data, "--only", "0180,0114"), tmp_path, "sthlm")
    assert code == 0, lines
    assert _subset_lines(lines)[0].startswith(
        "warning: deso_2018_indicators_2022_wide.csv: 5417 rows (5417 area ids) are left out as --only asks: "
        "they lie outside kommun 0180, 0114, e.g. 0115A0010")
    kept = _published(tmp_path)
    assert set(kept["area_id"].str[:4]) == {"0180", "0114"}
    assert kept["area_id"].nunique() == 544 + 23


def test_only_with_something_else_than_kommun_codes_is_refused(shared_data, tmp_path):
    code, lines, _ = run_ingest(_args(shared_data, "--only", "01"), tmp_path, "sthlm")
    assert code == 2
    assert ("error: deso_2018_indicators_2022_wide.csv, value '01': --only expects four-digit kommun codes or "
            "areas. Hint: Write e.g. --only 0180,0114 (only: [\"0180\"] in a spec) or --only areas.") in lines


def test_a_spec_names_the_kommuner_under_only(shared_data, tmp_path):
    import contextlib
    import io

    from geodata.cli import main

    spec = tmp_path / "atlas.yaml"
    spec.write_text(f"""
datasets:
  - name: sthlm
    levels:
      - id: deso
        areas: {shared_data / STOCKHOLM}
        id_column: id
        values:
          - {{file: {shared_data / NATIONWIDE}, wide: indicators, year: 2022, id_column: deso,
              columns: [folkmangd_2022], only: ["0180"]}}
""", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--data-dir", str(tmp_path / "data"), "--lang", "en", "run", str(spec)])
    assert code == 0, err.getvalue()
    assert "5440 rows (5440 area ids) are left out as --only asks: they lie outside kommun 0180" in err.getvalue()
    assert set(_published(tmp_path / "data")["area_id"].str[:4]) == {"0180"}
