"""Readers of polygon and value files: options and rules the corpus does not cover."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata import store
from geodata.ingest.formats import POLYGONS, TABLE, find_format, format_names
from geodata.ingest.issues import IssueLog
from geodata.ingest.metadata import make_indicator, read_indicator_file
from geodata.ingest.reshape import to_long
from geodata.ingest.tables import WIDE_INDICATORS, ValuesOptions, read_table

from .test_ingest_corpus import run_ingest

REGSO = "karlstad-scb/raw/geo_regso.json"


def regso_gpkg(shared_data, tmp_path, crs_in_file):
    frame = gpd.read_file(shared_data / REGSO).to_crs(3006)
    if crs_in_file is not None:
        frame = frame.set_crs(crs_in_file, allow_override=True)
    path = tmp_path / "regso.gpkg"
    frame[["regsokod", "regsonamn", "geometry"]].to_file(path, layer="regso", driver="GPKG")
    return path


def values_csv(tmp_path, text, name="values.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_crs_option_overrides_a_wrong_crs_with_a_warning(shared_data, tmp_path):
    areas = regso_gpkg(shared_data, tmp_path, crs_in_file=4326)
    values = values_csv(tmp_path, "area_id;indicator;year;value\n1780R001;x;2020;1\n")
    code, lines, _ = run_ingest(["--areas", str(areas), "--id-column", "regsokod", "--values", str(values),
                                 "--crs", "3006"], tmp_path / "data")
    assert code == 0
    assert lines[0] == ("warning: regso.gpkg, layer regso: the file says EPSG:4326 but is read as EPSG:3006 "
                        "as --crs says.")
    bounds = store.DatasetStore(tmp_path / "data").get("corpus").dataset.areas["regso"].total_bounds
    assert 13.0 < bounds[0] < bounds[2] < 14.5 and 59.0 < bounds[1] < bounds[3] < 59.8


def test_unknown_crs_layer_and_format(shared_data, tmp_path):
    areas = regso_gpkg(shared_data, tmp_path, crs_in_file=3006)
    values = values_csv(tmp_path, "area_id;indicator;year;value\n1780R001;x;2020;1\n")
    base = ["--id-column", "regsokod", "--values", str(values)]
    _, lines, _ = run_ingest(["--areas", str(areas), "--crs", "sweref-tm", *base], tmp_path / "d")
    assert lines[0] == ("error: regso.gpkg, value 'sweref-tm': unknown coordinate reference system. Hint: "
                        "Give an EPSG code, e.g. 3006.")
    _, lines, _ = run_ingest(["--areas", str(areas), "--layer", "deso", *base], tmp_path / "d")
    assert lines[0] == ("error: regso.gpkg, value 'deso': there is no such layer. Hint: The layers are: regso.")
    kml = tmp_path / "areas.kml"
    kml.write_text("<kml/>")
    _, lines, _ = run_ingest(["--areas", str(kml), *base], tmp_path / "d")
    assert lines[0] == ("error: areas.kml, value '.kml': this file type cannot be read as polygons. Hint: Save "
                        "it as GeoPackage, GeoJSON, shapefile (.shp, .zip), GeoParquet.")


def test_swedish_headers_scb_region_column_and_wide_years_with_indicator(shared_data, tmp_path):
    long = values_csv(tmp_path, "område_id;indikator;år;värde;täljare;nämnare\n"
                                "1780R001 Karlstad (Alster);andel;2020;25,0;5;20\n")
    wide = values_csv(tmp_path, "region,indicator,2019,2020\n1780R002 Edsgatan,andel,\"1,5\",..\n"
                                "1780R003 Edsvalla,andel,2,3\n", "wide.csv")
    args = ["--areas", str(shared_data / REGSO), "--id-column", "regsokod"]
    code, lines, _ = run_ingest(args + ["--values", str(long)], tmp_path / "a")
    assert code == 0, lines
    values = store.DatasetStore(tmp_path / "a").get("corpus").dataset.values.iloc[0]
    assert (values["area_id"], values["value"], values["numerator"], values["denominator"]) == \
        ("1780R001", 25.0, 5.0, 20.0)
    code, lines, _ = run_ingest(args + ["--values", str(wide), "--wide", "years"], tmp_path / "b")
    assert code == 0, lines
    got = store.DatasetStore(tmp_path / "b").get("corpus").dataset.values
    assert sorted(zip(got["area_id"], got["year"], got["value"].fillna(-1), got["status"])) == [
        ("1780R002", 2019, 1.5, "ok"), ("1780R002", 2020, -1, "suppressed"),
        ("1780R003", 2019, 2.0, "ok"), ("1780R003", 2020, 3.0, "ok")]


def test_many_bad_rows_are_listed_ten_then_summarised(shared_data, tmp_path):
    rows = "".join(f"1780R{i:03d};x;2020;n/a\n" for i in range(1, 26))
    values = values_csv(tmp_path, "area_id;indicator;year;value\n" + rows)
    code, lines, _ = run_ingest(["--areas", str(shared_data / REGSO), "--id-column", "regsokod",
                                 "--values", str(values)], tmp_path / "d")
    assert code == 2
    assert len(lines) == 12
    assert lines[10] == ("error: values.csv, column value: 15 more rows (rows 12–26) break the same rule: "
                         "the value is not a number.")
    assert lines[11] == "25 error(s), 0 warning(s): nothing was published."


def test_parquet_numbers_and_header_row_beyond_the_end(shared_data, tmp_path):
    frame = pd.DataFrame({"area_id": ["1780R001", "1780R002"], "indicator": "x", "year": [2020, 2020],
                          "value": [1.25, np.nan]})
    frame.to_parquet(tmp_path / "v.parquet")
    args = ["--areas", str(shared_data / REGSO), "--id-column", "regsokod"]
    code, lines, _ = run_ingest(args + ["--values", str(tmp_path / "v.parquet")], tmp_path / "a")
    assert code == 0, lines
    got = store.DatasetStore(tmp_path / "a").get("corpus").dataset.values
    assert list(got["status"]) == ["ok", "missing"] and got["value"].iloc[0] == 1.25
    short = values_csv(tmp_path, "area_id;indicator;year;value\n")
    _, lines, _ = run_ingest(args + ["--values", str(short), "--header-row", "5"], tmp_path / "b")
    assert lines[0] == "error: values.csv: header row 5 does not exist, the file is shorter."


def test_wide_indicator_headers_become_ascii_ids_and_stay_labels(tmp_path):
    path = values_csv(tmp_path, "area_id;Andel förgymnasial (%);Ohälsotal per år\n1780R001;12,5;20\n")
    log = IssueLog()
    options = ValuesOptions(form=WIDE_INDICATORS, year=2022)
    rows = to_long(read_table(path, options, log), options, log)
    assert not log.issues
    assert rows.labels == {"andel_forgymnasial": "Andel förgymnasial (%)", "ohalsotal_per_ar": "Ohälsotal per år"}
    assert rows.frame["indicator"].tolist() == ["andel_forgymnasial", "ohalsotal_per_ar"]


def test_one_registry_tells_tables_from_polygons_by_kind():
    assert find_format(Path("a.PARQUET"), TABLE).label == "Parquet"
    assert find_format(Path("a.parquet"), POLYGONS).label == "GeoParquet"
    assert find_format(Path("a.gpkg"), TABLE) is None and find_format(Path("a.kml"), POLYGONS) is None
    assert format_names(TABLE) == "CSV, XLSX, Parquet"


def test_indicator_file_gives_category_labels_in_its_order(tmp_path):
    path = tmp_path / "indicators.yaml"
    path.write_text('indicators:\n  typ:\n    label: {sv: Områdestyp, en: Area type}\n    kind: category\n'
                    '    categories:\n      "2": {sv: Utmaningar, en: Challenges}\n'
                    '      1: {sv: Stora utmaningar, en: Major challenges}\n      "3": Blandade\n', encoding="utf-8")
    log = IssueLog()
    entries = read_indicator_file(path, log)
    assert not log.issues
    indicator = make_indicator("typ", entries["typ"], header_label=None, has_ratio=False)
    assert list(indicator.categories) == ["2", "1", "3"]
    assert indicator.categories["1"] == {"sv": "Stora utmaningar", "en": "Major challenges"}
    assert indicator.categories["3"] == {"sv": "Blandade"}


def test_indicator_file_categories_need_a_text_per_code_and_kind_category(tmp_path):
    path = tmp_path / "indicators.yaml"
    path.write_text("indicators:\n  typ:\n    kind: category\n    categories: {1: {sv: ''}, 2: Ok}\n"
                    "  andel:\n    categories: {1: Ett}\n", encoding="utf-8")
    log = IssueLog()
    assert read_indicator_file(path, log) == {}
    assert log.lines("en") == [
        "error: indicators.yaml, indicators.typ.categories.1: categories should give a text for each code. "
        "Hint: E.g. categories: {\"1\": {sv: Stora utmaningar, en: Major challenges}, \"2\": ...}.",
        "error: indicators.yaml, indicators.andel.categories: categories only fit an indicator with kind: "
        "category. Hint: Write kind: category, or remove categories."]
