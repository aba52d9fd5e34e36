"""Numbers that tell the truth on real data: separators, shares and their ratios (issue #12, point 2).

Every input is built from real files in ``../shared/data``: the 2022
population of the first 40 kommuner from the kommun panel, and the
education counts and shares of Stockholms län's 1,287 DeSO from SCB's
2022 export, with the DeSO polygons of the same edition.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geodata.store import DatasetStore

from .test_ingest_corpus import run_ingest

PANEL = "kommun-panel-2002-2022/municip_data22.csv"
DESO_VALUES = "deso-indicators-2022-nationwide/deso_2018_indicators_2022_wide.csv"
STOCKHOLM = "stockholm-lan-deso-2018/deso_stockholm.json"


def _grouped(number: int, sep: str) -> str:
    return f"{number:,}".replace(",", sep)


@pytest.fixture
def forty_kommuner(shared_data):
    panel = pd.read_csv(shared_data / PANEL).head(40)
    codes = panel["municip_code"].astype(str).str.zfill(4).tolist()
    return codes, panel["pop"].astype(int).tolist()


def _population_file(tmp_path, codes, pops):
    """Half the cells grouped with a space as Excel's Swedish export does, half with a comma."""
    lines = ["kommun;folkmangd"]
    for i, (code, pop) in enumerate(zip(codes, pops)):
        lines.append(f"{code};{_grouped(pop, ' ' if i % 2 == 0 else ',')}")
    path = tmp_path / "folkmangd.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_comma_beside_space_grouped_thousands_is_refused_with_its_cell(forty_kommuner, tmp_path):
    codes, pops = forty_kommuner
    values = _population_file(tmp_path, codes, pops)
    code, lines, _ = run_ingest(["--level", "kommun", "--values", str(values), "--wide", "indicators",
                                 "--year", "2022"], tmp_path / "data")
    assert code == 2
    # Vallentuna, 34,246 inhabitants, is the second data row: before, it was published as 34.246.
    assert lines[0] == (
        "error: folkmangd.csv, row 3, column folkmangd, value '34,246': the number reads two ways 1,000 "
        "times apart (thousands or decimals), and its column does not settle which. Hint: Write thousands "
        "without a separator or with a space (24198 or 24 198), or state the file's decimal separator: "
        "--decimal , or --decimal . (decimal: in a spec).")
    assert len([line for line in lines if "reads two ways" in line]) == 11
    assert "10 more rows (rows 23–41) break the same rule" in lines[10]
    assert lines[-1] == "20 error(s), 0 warning(s): nothing was published."
    assert not (tmp_path / "data" / "corpus").exists()


def test_the_stated_decimal_separator_reads_every_cell_by_one_rule(forty_kommuner, tmp_path):
    codes, pops = forty_kommuner
    values = _population_file(tmp_path, codes, pops)
    code, lines, _ = run_ingest(["--level", "kommun", "--values", str(values), "--wide", "indicators",
                                 "--year", "2022", "--decimal", "."], tmp_path / "data")
    assert code == 0, lines
    got = DatasetStore(tmp_path / "data").get("corpus").dataset.values.set_index("area_id")["value"]
    assert [got[c] for c in codes] == pops
    # Stating the comma as decimal separator makes '12.5' break the rule, named with its cell.
    other = tmp_path / "komma.csv"
    other.write_text("kommun;andel\n0114;12,5\n0115;12.5\n", encoding="utf-8")
    code, lines, _ = run_ingest(["--level", "kommun", "--values", str(other), "--wide", "indicators",
                                 "--year", "2022", "--decimal", ","], tmp_path / "data2")
    assert code == 2
    assert lines[0] == ("error: komma.csv, row 3, column andel, value '12.5': the number does not follow the "
                        "file's decimal separator ','. Hint: With the decimal separator ',' write e.g. "
                        "1 234,5; correct the cell or state the right separator.")


def test_a_comma_settled_by_its_column_is_read_without_complaint(tmp_path):
    """Decimals elsewhere in the column make 24,198 a decimal; several groups make it thousands."""
    path = tmp_path / "v.csv"
    path.write_text("kommun;index;folk\n0114;24,198;1,234,567\n0115;12,5;24,198\n", encoding="utf-8")
    code, lines, _ = run_ingest(["--level", "kommun", "--values", str(path), "--wide", "indicators",
                                 "--year", "2022"], tmp_path / "data")
    assert code == 0, lines
    got = DatasetStore(tmp_path / "data").get("corpus").dataset.values
    assert sorted(zip(got["area_id"], got["indicator"], got["value"])) == [
        ("0114", "folk", 1234567.0), ("0114", "index", 24.198), ("0115", "folk", 24198.0),
        ("0115", "index", 12.5)]


def _education(shared_data, tmp_path, change=None, name="utbildning.csv"):
    """Stockholms län's DeSO: share with post-secondary education 25-64, with its counts."""
    wide = pd.read_csv(shared_data / DESO_VALUES, dtype={"deso": str, "lanskod": str})
    wide = wide[wide["lanskod"] == "01"].reset_index(drop=True)
    numerator = wide["utb_eftergymn_lt3_25_64"] + wide["utb_eftergymn_3plus_25_64"]
    denominator = wide[["utb_forgymnasial_25_64", "utb_gymnasial_25_64", "utb_eftergymn_lt3_25_64",
                        "utb_eftergymn_3plus_25_64", "utb_saknas_25_64"]].sum(axis=1)
    frame = pd.DataFrame({"area_id": wide["deso"], "indicator": "andel_eftergymnasial", "year": 2022,
                          "value": wide["andel_eftergymnasial_25_64_pct"].map(lambda v: f"{v:.1f}"),
                          "numerator": numerator, "denominator": denominator})
    if change is not None:
        change(frame)
    path = tmp_path / name
    frame.to_csv(path, sep=";", index=False)
    return path


def _ingest(shared_data, tmp_path, values, data="data"):
    return _about_values(run_ingest(["--areas", str(shared_data / STOCKHOLM), "--id-column", "id",
                                     "--values", str(values)], tmp_path / data))


def _about_values(result):
    """The exit code and the lines about the values (not the polygons' own warnings), and stdout."""
    code, lines, out = result
    return code, [line for line in lines if STOCKHOLM.rsplit("/", 1)[1] not in line], out


def test_real_shares_agree_with_their_counts_and_publish(shared_data, tmp_path):
    code, lines, _ = _ingest(shared_data, tmp_path, _education(shared_data, tmp_path))
    assert code == 0, lines
    values = DatasetStore(tmp_path / "data").get("corpus").dataset.values
    assert len(values) == 1287
    assert values.set_index("area_id").loc["0114A0010", "value"] == 42.6


def test_a_share_given_as_a_fraction_is_recognised_and_stored_in_per_cent(shared_data, tmp_path):
    def as_fraction(frame):
        frame["value"] = (frame["numerator"] / frame["denominator"]).map(lambda v: f"{v:.3f}")

    code, lines, _ = _ingest(shared_data, tmp_path, _education(shared_data, tmp_path, as_fraction))
    assert code == 0, lines
    assert lines[0] == (
        "warning: utbildning.csv, row 2, column value, value '0.426': all 1287 shares of andel_eftergymnasial "
        "are written as fractions (numerator / denominator) and are stored in per cent (×100). Hint: Write "
        "shares in per cent (42.6 instead of 0.426) to silence this warning.")
    values = DatasetStore(tmp_path / "data").get("corpus").dataset.values.set_index("area_id")
    assert values.loc["0114A0010", "value"] == pytest.approx(42.6)
    assert values["value"].between(1, 100).all()


def test_a_share_that_disagrees_with_its_counts_or_a_zero_denominator_is_refused(shared_data, tmp_path):
    def spoil(frame):
        frame.loc[0, "value"] = "24.6"          # 0114A0010: 100 × 184 / 432 = 42.59
        frame.loc[1, "denominator"] = 0         # 0114C1010
        frame.loc[2, "value"] = "0.5"           # one fraction among shares in per cent

    code, lines, _ = _ingest(shared_data, tmp_path, _education(shared_data, tmp_path, spoil))
    assert code == 2
    assert lines[:3] == [
        "error: utbildning.csv, row 3, column value, value '51.8': the denominator is not above 0. Hint: The "
        "denominator is 0; there is no share of nobody or of a negative number. Write .. (suppressed) or "
        "leave the value empty if there is no figure.",
        "error: utbildning.csv, row 2, column value, value '24.6': the share disagrees with 100 × numerator / "
        "denominator beyond rounding. Hint: 100 × 184 / 432 = 42.5926; correct the share, the numerator or "
        "the denominator.",
        "error: utbildning.csv, row 4, column value, value '0.5': the share disagrees with 100 × numerator / "
        "denominator beyond rounding. Hint: 100 × 357 / 736 = 48.5054; correct the share, the numerator or "
        "the denominator."]
    assert lines[-1].startswith("3 error(s), ") and lines[-1].endswith(": nothing was published.")


# --- Columns and ids (issue #12, point 3) ---------------------------------------------------------

REGSO_TYPES = "regso-omradestyp-2022-and-deso-regso-key/regso_socioekonomisk_index_2022.csv"
REGSO_DERIVED = "regso-omradestyp-2022-and-deso-regso-key/DERIVED_regso2020_indicators_2022_from_deso.csv"


def _stockholm_wide(shared_data, tmp_path, change=None):
    """SCB's 2022 DeSO table as the planner gets it, cut to Stockholms län: deso, kommunkod, lanskod, ..."""
    lines = (shared_data / DESO_VALUES).read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split(",")[2] == "01"]
    if change is not None:
        kept = change(kept)
    path = tmp_path / "deso_01.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def _wide_args(shared_data, values):
    return ["--areas", str(shared_data / STOCKHOLM), "--id-column", "id", "--values", str(values),
            "--wide", "indicators", "--year", "2022"]


def test_code_columns_of_an_scb_table_never_become_indicators(shared_data, tmp_path):
    values = _stockholm_wide(shared_data, tmp_path)
    code, lines, _ = _about_values(run_ingest(_wide_args(shared_data, values), tmp_path / "data"))
    assert code == 0, lines
    assert lines[0] == (
        "warning: deso_01.csv, row 1, value 'kommunkod, lanskod': 2 column(s) of codes, years or bookkeeping "
        "are not indicators and are left out. Hint: Name the value columns with --columns (columns: in a "
        "spec) to silence this warning.")
    ds = DatasetStore(tmp_path / "data").get("corpus").dataset
    indicators = {ind.id for ind in ds.meta.indicators}
    assert {"kommunkod", "lanskod"}.isdisjoint(indicators)
    assert len(indicators) == 50 and "andel_eftergymnasial_25_64_pct" in indicators


def test_a_column_without_header_or_without_cells_is_refused(shared_data, tmp_path):
    def spoil(lines):
        # A forgotten helper column (no header, a sum in every row) and an empty "anteckning" column.
        head = lines[0] + ",,anteckning"
        return [head] + [f"{line},{sum(int(x) for x in line.split(',')[3:6])}," for line in lines[1:]]

    values = _stockholm_wide(shared_data, tmp_path, spoil)
    code, lines, _ = _about_values(run_ingest(_wide_args(shared_data, values), tmp_path / "data"))
    assert code == 2
    errors = [line for line in lines if line.startswith("error")]
    assert errors == [
        "error: deso_01.csv, row 2, column BB, value '863': the column has no header but 1287 filled cells. "
        "Hint: Give the column a header if it is an indicator, else remove it (footnotes belong below the "
        "table), or choose the value columns with --columns.",
        "error: deso_01.csv, row 1, column anteckning: the column has no values at all. Hint: Remove the "
        "column or fill it in; write . for missing values and .. for suppressed ones."]
    assert not (tmp_path / "data" / "corpus").exists()


def _regso_spec(tmp_path, values, id_column=None, columns=None, extra=""):
    entry = {"file": str(values), "wide": "years", "indicator": "omradestyp"}
    if id_column:
        entry = {"file": str(values), "wide": "indicators", "year": 2022, "id_column": id_column,
                 "columns": columns}
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "datasets:\n  - name: riket\n    levels:\n      - builtin: kommun\n        values:\n"
        f"          - {{file: {tmp_path / 'k.csv'}}}\n"
        f"      - id: regso\n        mappable: false\n{extra}        values:\n          - {json.dumps(entry)}\n",
        encoding="utf-8")
    (tmp_path / "k.csv").write_text("area_id;indicator;year;value\n1780;x;2022;1\n", encoding="utf-8")
    return spec


def _run_spec(spec, data_dir):
    import contextlib
    import io

    from geodata.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--data-dir", str(data_dir), "--lang", "en", "run", str(spec), "--quiet"])
    return code, [line for line in err.getvalue().splitlines() if line]


def test_names_are_not_published_as_regso_ids_on_a_level_without_polygons(shared_data, tmp_path):
    """SCB's område type export keys its 3,363 RegSO by name: 'Ale (Alafors)' is no RegSO id."""
    lines = (shared_data / REGSO_TYPES).read_text(encoding="utf-8-sig").splitlines()
    values = tmp_path / "omradestyp.csv"
    values.write_text("\n".join(lines[:3364]) + "\n", encoding="utf-8")  # the table without SCB's footnotes
    code, errors = _run_spec(_regso_spec(tmp_path, values), tmp_path / "data")
    assert code == 2
    assert errors[0] == (
        "error: omradestyp.csv, row 2, column A, value 'Upplands Väsby (Bollstanäs)': the id does not follow "
        "the RegSO codes of level regso (e.g. 1780R001). Hint: The level has no polygons, so its ids are "
        "checked against the code system: choose the column of codes (--values-id-column, id_column:), not "
        "of names, and remove footnotes below the table.")
    assert "3353 more rows (rows 12–3364) break the same rule" in errors[10]
    assert not (tmp_path / "data" / "riket").exists()


def test_regso_codes_on_a_level_without_polygons_publish(shared_data, tmp_path):
    spec = _regso_spec(tmp_path, shared_data / REGSO_DERIVED, id_column="RegSOkod_2020",
                       columns=["omradestyp_2022"])
    code, lines = _run_spec(spec, tmp_path / "data")
    assert code == 0, lines
    values = DatasetStore(tmp_path / "data").get("riket").dataset.values
    regso = values[values["level"] == "regso"]
    assert len(regso) == 3363 and regso["area_id"].str.match(r"^\d{4}R\d{3}$").all()


def test_a_planners_own_id_pattern_holds_on_a_level_without_polygons(tmp_path):
    values = tmp_path / "stadsdelar.csv"
    values.write_text("area_id;indicator;year;value\nS01;x;2022;1\nS02;x;2022;2\nSödra;x;2022;3\n",
                      encoding="utf-8")
    entry = json.dumps({"file": str(values)})
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "datasets:\n  - name: egna\n    levels:\n      - builtin: kommun\n        values:\n"
        f"          - {{file: {tmp_path / 'k.csv'}}}\n"
        f"      - id: stadsdel\n        mappable: false\n        id_pattern: '^S\\d{{2}}$'\n"
        f"        values:\n          - {entry}\n", encoding="utf-8")
    (tmp_path / "k.csv").write_text("area_id;indicator;year;value\n1780;x;2022;1\n", encoding="utf-8")
    code, lines = _run_spec(spec, tmp_path / "data")
    assert code == 2
    assert lines[0] == ("error: stadsdelar.csv, row 4, column area_id, value 'Södra': the id does not follow the "
                        "pattern ^S\\d{2}$ of level stadsdel. Hint: Correct the id or the pattern (id_pattern: in "
                        "the spec file).")


def test_the_edition_column_of_karlstads_regso_table_is_no_indicator(shared_data, tmp_path):
    """regso_version (2020 or 2025) was published as an indicator beside the area type."""
    code, lines, _ = run_ingest(["--areas", str(shared_data / "karlstad-scb/raw/geo_regso.json"), "--id-column",
                                 "regsokod", "--values", str(shared_data / "karlstad-scb/derived/regso_socioek_wide.csv"),
                                 "--wide", "indicators"], tmp_path / "data")
    assert code == 0, lines
    ours = [line for line in lines if "regso_socioek_wide.csv" in line]
    assert ours[0].startswith("warning: regso_socioek_wide.csv, row 1, value 'regso_version': 1 column(s) of codes")
    indicators = {ind.id for ind in DatasetStore(tmp_path / "data").get("corpus").dataset.meta.indicators}
    assert indicators == {"andel_ekbistand_langtidsarb_pct", "andel_forgymnasial_pct", "andel_lag_ek_standard_pct",
                          "omradestyp", "socioek_index"}


def test_a_headerless_column_filled_only_in_the_second_header_row_is_layout(forty_kommuner, tmp_path):
    """SCB-style second header row with a note in a column without header: no crash, nothing refused."""
    codes, pops = forty_kommuner
    lines = ["kommun;folkmangd;", ";antal;personer"] + [f"{c};{p};" for c, p in zip(codes, pops)]
    path = tmp_path / "folk.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run_ingest(["--level", "kommun", "--values", str(path), "--wide", "indicators", "--year", "2022"],
                              tmp_path / "data")
    assert code == 0, out
    got = DatasetStore(tmp_path / "data").get("corpus").dataset.values.set_index("area_id")["value"]
    assert [got[c] for c in codes] == pops
