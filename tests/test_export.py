"""CSV export: what is shown, readable by Excel and by pandas, honest about gaps."""

import csv
import io

import pandas as pd
import pytest

from geodata import export
from geodata.fmt import slug
from geodata.model import normalise_dataset

from .builders import grid_dataset
from .test_change import pair_dataset


@pytest.fixture(scope="module")
def grid():
    return normalise_dataset(grid_dataset())


@pytest.fixture(scope="module")
def pairs():
    return pair_dataset("share")


def read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(text.encode("utf-8")), dtype={"area_id": str}, keep_default_na=False)


def test_view_csv_round_trips_with_bom_and_english_header(grid):
    text = export.view_csv(grid, "district", "lowinc", [2020, 2021, 2022], "en")
    assert text.startswith("\ufeffarea_id,name,level,indicator_id,indicator,year,value,unit,status,")
    frame = read(text)
    assert list(frame.columns) == list(export.VIEW_COLUMNS)
    assert len(frame) == 16 * 3
    d15 = frame[frame["area_id"] == "d15"]
    assert d15["value"].tolist() == ["25", "27", "29"]
    assert d15["rank"].tolist() == ["1", "1", "1"] and d15["ranked"].tolist() == [15, 16, 15]
    assert set(frame["indicator"]) == {"Low economic standard"} and set(frame["licence"]) == {"CC0 1.0"}
    assert set(frame["definition"]) == {"Share with low economic standard."}


def test_suppressed_and_missing_values_are_empty_never_zero(grid):
    text = export.view_csv(grid, "district", "lowinc", [2020, 2022], "en", ["d01", "d02"])
    frame = read(text)
    assert frame[["area_id", "year", "value", "status", "rank"]].values.tolist() == [
        ["d01", 2020, "", "suppressed", ""],
        ["d01", 2022, "15", "ok", "14"],
        ["d02", 2020, "12", "ok", "14"],
        ["d02", 2022, "", "missing", ""],
    ]
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][6] == "" and rows[1][8] == "suppressed"
    assert frame["status_text"].tolist()[0].startswith("Suppressed")


def test_swedish_header_and_texts_with_a_decimal_point(pairs):
    text = export.view_csv(pairs, "regso", "x", [2024], "sv", ["h"])
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[:7] == ["områdeskod", "namn", "nivå", "indikator_id", "indikator", "år", "värde"]
    assert row[:8] == ["h", 'Norr, "gamla" stan', "regso", "x", "Andel x", "2024", "45.6", "%"]
    assert row[-4:] == ["RegSO2020", "SCB", "CC0 1.0", "Definition av x."]
    # The name with a comma and quotes is quoted as CSV says.
    assert '"Norr, ""gamla"" stan"' in text


def test_selected_areas_keep_the_level_order_and_their_rank_among_all(pairs):
    frame = read(export.view_csv(pairs, "regso", "x", [2023], "en", ["h", "a"]))
    assert frame["area_id"].tolist() == ["a", "h"]
    # 2023 values: h 50 is the highest of 8 areas with a value (d is suppressed).
    assert frame["rank"].tolist() == [5, 1] and frame["ranked"].tolist() == [8, 8]
    with pytest.raises(ValueError):
        export.view_csv(pairs, "regso", "x", [2023], "en", ["nope"])
    with pytest.raises(ValueError):
        export.view_csv(pairs, "regso", "x", [1999], "en")


def test_formula_like_names_are_defused():
    ds = normalise_dataset(grid_dataset())
    ds.areas["district"].loc[0, "name"] = '=HYPERLINK("http://x","y")'
    frame = read(export.view_csv(ds, "district", "lowinc", [2020], "en", ["d00"]))
    assert frame["name"].tolist() == ['\'=HYPERLINK("http://x","y")']
    assert export.safe_text("-12") == "'-12" and export.safe_text("Söder") == "Söder"
    assert export.number_text(-0.0001, 3) == "0" and export.number_text(1234567.25, 3) == "1234567.25"


def test_change_csv_has_both_values_the_change_and_the_reason(pairs):
    text = export.change_csv(pairs, "regso", "x", 2023, 2024, "en")
    assert text.startswith("\ufeffarea_id,")
    frame = read(text).set_index("area_id")
    assert list(frame.reset_index().columns) == list(export.CHANGE_COLUMNS)
    assert frame.loc["a", ["value_from", "value_to", "change", "reason"]].tolist() == ["10", "12.5", "2.5", "o"]
    assert frame.loc["h", "change"] == "-4.4" and frame.loc["a", "change_unit"] == "percentage points"
    # Suppressed: no value and no change; boundary change: both values, no change.
    assert frame.loc["d", ["value_from", "value_to", "change", "reason"]].tolist() == ["", "7", "", "s"]
    assert frame.loc["f", ["value_from", "value_to", "change", "reason"]].tolist() == ["30", "26", "", "b"]
    assert frame.loc["f", ["edition_from", "edition_to"]].tolist() == ["RegSO2020", "RegSO2025"]
    assert frame.loc["f", "reason_text"] == "Boundaries changed between the years"
    amount = read(export.change_csv(pair_dataset("amount"), "regso", "x", 2023, 2024, "sv"))
    assert amount["orsak"].tolist()[-1] == "z" and amount["förändring"].tolist()[-1] == ""
    assert amount["förändring_enhet"].tolist()[0] == "%"


def test_export_filenames_are_ascii_slugs():
    assert export.export_filename("demo", "eftergymnasial", [2024], "csv") == "demo_eftergymnasial_2024.csv"
    assert export.export_filename("demo", "ohalsotal", [2024, 2013, 2020], "CSV", suffix="förändring") \
        == "demo_ohalsotal_forandring_2013-2024.csv"
    assert export.export_filename("Göteborg/../x", "Låg ek. standard", [], ".csv") == "goteborg-x_lag-ek-standard.csv"
    assert slug("<script>") == "script"
    assert slug("x" * 59 + " y", limit=60) == "x" * 59, "no separator left at the cut"


def category_dataset():
    """The grid with its indicator turned into area types 1–5 (codes, not an order to rank)."""
    import dataclasses

    ds = grid_dataset(name="types")
    ind = dataclasses.replace(ds.meta.indicators[0], kind="category", decimals=0,
                              categories={str(c): {"sv": f"Typ {c}", "en": f"Type {c}"} for c in range(1, 6)})
    values = ds.values.copy()
    values["value"] = values["value"].where(values["value"].isna(), (values["value"] % 5 + 1).round())
    return normalise_dataset(type(ds)(dataclasses.replace(ds.meta, indicators=(ind,)), ds.areas, values))


def test_area_types_get_no_ranks_in_exports():
    ds = category_dataset()
    frame = read(export.view_csv(ds, "district", "lowinc", [2021], "en"))
    assert (frame["rank"] == "").all() and (frame["ranked"] == "").all()
    assert set(frame["value"].astype(str)) <= {"1", "2", "3", "4", "5"}
    book = __import__("openpyxl").load_workbook(io.BytesIO(export.series_xlsx(ds, "district", "lowinc", "en")))
    header = [c.value for c in book.worksheets[0][1]]
    assert "rank" not in header and book.worksheets[0].cell(2, 4).value in (1, 2, 3, 4, 5)


def test_swedish_excel_has_semicolons_and_decimal_commas_only_in_numbers(grid):
    swedish = export.swedish_excel(export.view_csv(grid, "district", "lowinc", [2021], "sv"), "sv")
    assert swedish.startswith("\ufeff") and swedish.splitlines()[0].count(";") == len(export.VIEW_COLUMNS) - 1
    # A value with decimals gets a decimal comma; text cells keep their full stops.
    pairs = export.swedish_excel(export.view_csv(pair_dataset("share"), "regso", "x", [2024], "sv"), "sv")
    rows = list(csv.reader(io.StringIO(pairs.lstrip("\ufeff")), delimiter=";"))
    values = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert values[0]["värde"] == "12,5" and values[0]["definition"] == "Definition av x."
    frame = pd.read_csv(io.StringIO(pairs.lstrip("\ufeff")), sep=";", decimal=",")
    assert frame["värde"].tolist()[:2] == [12.5, 19.0]


def test_caveats_name_suppression_boundary_breaks_and_fictional_data(pairs, grid):
    assert export.caveats(pairs, "regso", "x", [2023], "sv") == ["Sekretess (..) 2023: 1 område utan värde (inte 0)."]
    series = export.caveats(pairs, "regso", "x", [2023, 2024], "en")
    # The last shown year's gaps, and the editions of every shown year.
    assert series[0] == "No data in 2024: 1 area."
    assert series[1].startswith("The values were published on different boundary editions (RegSO2020, RegSO2025)")
    assert export.caveats(grid, "district", "lowinc", [2020], "sv") == [
        "Sekretess (..) 2020: 1 område utan värde (inte 0).",
        "Påhittade data om en fiktiv kommun, inte verklig statistik."]


def test_stacked_csv_names_each_map_and_refuses_different_columns(grid, pairs):
    left = export.view_csv(grid, "district", "lowinc", [2020], "sv")
    right = export.view_csv(grid, "district", "lowinc", [2022], "sv")
    frame = read(export.stack_csv([("vänster", left), ("höger", right)], "sv"))
    assert frame.columns[0] == "karta" and len(frame) == 32
    assert frame.groupby("karta")["år"].first().to_dict() == {"vänster": 2020, "höger": 2022}
    with pytest.raises(ValueError):
        export.stack_csv([("a", left), ("b", export.change_csv(pairs, "regso", "x", 2023, 2024, "sv"))], "sv")
