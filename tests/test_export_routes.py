"""Export callbacks and routes called as plain functions: CSV variants, XLSX and GeoPackage files, image notes."""

import io
import sqlite3

import openpyxl
import pandas as pd
import pyogrio
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from dash.exceptions import PreventUpdate

from callbacks.analysis import download_csv, export_links, image_notes
from layouts import ids

from .builders import GRID_VIEW
from .test_callbacks import app, ctx  # noqa: F401  (the grid's app and a request context)


def clicked(component_id: str) -> None:
    """Dash's callback context as when the user pressed ``component_id``."""
    context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"{component_id}.n_clicks", "value": 1}]))


def test_csv_of_the_shown_year_every_year_and_for_swedish_excel(ctx):
    clicked(ids.EXPORT_CSV)
    sent = download_csv(1, 0, 0, GRID_VIEW, 2021, None)
    assert sent["filename"] == "grid_lowinc_2021.csv"
    assert len(sent["content"].lstrip("\ufeff").splitlines()) == 1 + 16
    clicked(ids.EXPORT_CSV_SERIES)
    series = pd.read_csv(io.StringIO(download_csv(0, 1, 0, GRID_VIEW, 2021, None)["content"].lstrip("\ufeff")),
                         dtype={"områdeskod": str})
    assert len(series) == 16 * 3 and sorted(set(series["år"])) == [2020, 2021, 2022]
    # Suppressed in 2020: empty, never 0, with its status.
    d01 = series[(series["områdeskod"] == "d01") & (series["år"] == 2020)].iloc[0]
    assert pd.isna(d01["värde"]) and d01["status"] == "suppressed"
    clicked(ids.EXPORT_CSV_EXCEL)
    excel = download_csv(0, 0, 1, GRID_VIEW, 2021, None)
    assert excel["filename"] == "grid_lowinc_excel_2020-2022.csv" and excel["content"].startswith("\ufeff")
    frame = pd.read_csv(io.StringIO(excel["content"].lstrip("\ufeff")), sep=";", decimal=",",
                        dtype={"områdeskod": str})
    assert frame["värde"].dropna().between(10, 40).all(), "a decimal comma read back as numbers"
    assert ";" in excel["content"].splitlines()[1] and "," not in excel["content"].splitlines()[0]


def test_change_and_compare_csv_hold_both_sides(ctx):
    clicked(ids.EXPORT_CSV)
    change = download_csv(1, 0, 0, {**GRID_VIEW, "mode": "change", "year_b": 2020}, 2022, 2020)
    assert change["filename"] == "grid_lowinc_change_2020-2022.csv"
    frame = pd.read_csv(io.StringIO(change["content"].lstrip("\ufeff")))
    assert {"värde_från", "värde_till", "förändring"} <= set(frame.columns)
    compare = download_csv(1, 0, 0, {**GRID_VIEW, "mode": "compare", "year_b": 2020}, 2022, 2020)
    frame = pd.read_csv(io.StringIO(compare["content"].lstrip("\ufeff")))
    assert frame.groupby("karta")["år"].unique().map(list).to_dict() == {"vänster": [2022], "höger": [2020]}
    assert len(frame) == 32


def test_nothing_downloads_without_a_click(ctx):
    context_value.set(AttributeDict(triggered_inputs=[]))
    with pytest.raises(PreventUpdate):
        download_csv(0, 0, 0, GRID_VIEW, 2021, None)


def test_xlsx_route_has_every_year_and_a_sheet_of_definitions_and_caveats(app):
    with app.server.test_request_context("/"):
        xlsx_url, gpkg_url = export_links(GRID_VIEW)
    client = app.server.test_client()
    response = client.get(xlsx_url)
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]
    assert 'filename="grid_lowinc_2020-2022.xlsx"' in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    values, about = book.worksheets
    rows = list(values.iter_rows(values_only=True))
    assert rows[0][:4] == ("områdeskod", "namn", "år", "värde") and len(rows) == 1 + 16 * 3
    d01 = next(r for r in rows if r[0] == "d01" and r[2] == 2020)
    assert d01[3] is None and d01[5] == "suppressed", "suppressed is an empty cell, never 0"
    facts = dict((k, v) for k, v in about.iter_rows(values_only=True) if k != "Att tänka på")
    assert facts["Definition"] == "Andel med låg ekonomisk standard." and facts["Källa"] == "Test"
    assert facts["Licens"] == "CC0 1.0"
    caveats = [v for k, v in about.iter_rows(values_only=True) if k == "Att tänka på"]
    assert any("Uppgift saknas 2022: 1 område" in c for c in caveats)
    assert any("Påhittade data" in c for c in caveats)
    assert client.get(xlsx_url, headers={"If-None-Match": response.headers["ETag"].strip('"')}).status_code == 304
    assert client.get(xlsx_url.replace("/lowinc.xlsx", "/nothing.xlsx")).status_code == 404
    assert client.get(xlsx_url.replace("/sv/", "/xx/")).status_code == 404


def test_geopackage_route_reads_back_with_every_indicator_year_and_status(app, tmp_path):
    with app.server.test_request_context("/"):
        _, gpkg_url = export_links(GRID_VIEW)
    response = app.server.test_client().get(gpkg_url)
    assert response.status_code == 200 and gpkg_url.endswith("/sv/district.gpkg")
    path = tmp_path / "grid.gpkg"
    path.write_bytes(response.data)
    layers = dict(pyogrio.list_layers(path))
    assert layers == {"district": "Polygon", "indicators": None}
    areas = pyogrio.read_dataframe(path, layer="district")
    assert len(areas) == 16 and areas.crs.to_epsg() == 3006
    assert {"lowinc_2020", "lowinc_2020_status", "lowinc_2022"} <= set(areas.columns)
    d01 = areas.set_index("area_id").loc["d01"]
    assert pd.isna(d01["lowinc_2020"]) and d01["lowinc_2020_status"] == "suppressed"
    assert areas.set_index("area_id").loc["d05", "lowinc_2021"] == 17.0
    # QGIS opens what the GeoPackage standard requires: its own tables are there.
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("select table_name from gpkg_contents")}
        application_id = db.execute("pragma application_id").fetchone()[0]
    assert tables == {"district", "indicators"} and application_id == 0x47504B47  # "GPKG"
    about = pyogrio.read_dataframe(path, layer="indicators")
    assert about.iloc[0]["definition"] == "Andel med låg ekonomisk standard."


def test_image_notes_name_the_shown_indicators_source_licence_and_caveats(ctx):
    clicked(ids.EXPORT_PNG_A4)
    notes = image_notes(0, 1, GRID_VIEW, 2022, None)
    assert notes["format"] == "a4" and notes["fileName"] == "grid_lowinc_a4_2022.png"
    assert notes["source"] == "Källa: Test" and notes["licence"] == "Licens: CC0 1.0"
    assert "Uppgift saknas 2022: 1 område." in notes["caveats"] and notes["fictional"]
    clicked(ids.EXPORT_PNG)
    change = image_notes(1, 0, {**GRID_VIEW, "mode": "change", "year_b": 2020}, 2022, 2020)
    assert change["format"] == "wide" and change["fileName"] == "grid_lowinc_wide_2020-2022.png"
    assert any(c.startswith("Sekretess (..) 2020–2022: 1 område") for c in change["caveats"])
