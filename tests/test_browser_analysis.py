"""Distribution of all areas, and every export of what the map shows, read back as real files."""

import io
import re

import openpyxl
import pandas as pd
import pyogrio
import pytest
from PIL import Image
from playwright.sync_api import expect

from geodata import views
from geodata.store import DatasetStore
from geodata.viewstate import View
from presenters.common import map_payload
from presenters.urls import Urls

from .conftest import wait_for_map

pytestmark = pytest.mark.browser


def open_distribution(page):
    page.get_by_text("Fördelning mellan områdena").click()
    page.wait_for_function("document.querySelector('#distribution-chart-0 canvas') !== null")


def test_distribution_marks_every_area_breaks_and_the_selection(page, live_server, browser_data_dir):
    ds = DatasetStore(browser_data_dir).get("demo").dataset
    page.goto(live_server + "/?ds=demo&ind=eftergymnasial&year=2020&area=9999C0090")
    wait_for_map(page)
    open_distribution(page)
    values = views.map_values(ds, "deso", "eftergymnasial", "quantiles", 5)
    with_value = sum(v is not None for v in values["values"][values["years"].index(2020)])
    assert page.locator("#distribution-chart-0").get_attribute("data-dots") == str(with_value)
    table = page.locator("#distribution-chart-table-0")
    table.get_by_text("Tabell med samma siffror").click()
    expect(table.locator("tr.selected")).to_contain_text("Sjöstaden norra")
    expect(table.locator("tbody tr")).to_have_count(50)
    expect(table).to_contain_text(f"Sida 1 av 2 ({with_value} områden)")
    table.get_by_role("button", name="Nästa").click()
    expect(table.locator("tbody tr")).to_have_count(with_value - 50)
    # The chart follows the year.
    page.get_by_role("slider", name="År").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#distribution-chart-0")).to_have_attribute("aria-label", re.compile(" 2019: ett område per"))


def download(page, name: str):
    page.locator("#export-menu > summary").click()
    with page.expect_download() as info:
        page.locator("#export-menu").get_by_text(name, exact=True).click()
    return info.value


def test_csv_of_the_shown_year_has_values_units_status_and_source(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=langtidsarbetsloshet&year=2018")
    wait_for_map(page)
    shown = download(page, "CSV, visat år")
    assert shown.suggested_filename == "demo_langtidsarbetsloshet_2018.csv"
    raw = open(shown.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM so that Excel reads å, ä, ö"
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"områdeskod": str})
    assert len(frame) == 60 and set(frame["år"]) == {2018}
    suppressed = frame[frame["status"] == "suppressed"]
    assert len(suppressed) > 0 and suppressed["värde"].isna().all(), "suppressed is empty, never 0"
    assert set(frame["enhet"]) == {"%"}
    assert frame["källa"].str.contains("Fiktiva data").all()
    assert frame["definition"].str.len().min() > 20


def test_csv_of_every_year_plain_and_for_swedish_excel(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=medianinkomst&year=2018")
    wait_for_map(page)
    every = download(page, "CSV, alla år")
    assert every.suggested_filename == "demo_medianinkomst_2011-2024.csv"
    frame = pd.read_csv(every.path(), encoding="utf-8-sig", dtype={"områdeskod": str})
    assert len(frame) == 60 * 14 and sorted(set(frame["år"])) == list(range(2011, 2025))
    excel = download(page, "CSV för svensk Excel (semikolon, decimalkomma), alla år")
    raw = open(excel.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    swedish = pd.read_csv(excel.path(), encoding="utf-8-sig", sep=";", decimal=",", dtype={"områdeskod": str})
    pd.testing.assert_series_equal(swedish["värde"], frame["värde"])


def test_xlsx_and_geopackage_links_download_real_files(page, live_server, tmp_path):
    page.goto(live_server + "/?ds=demo&ind=langtidsarbetsloshet&year=2018")
    wait_for_map(page)
    xlsx = download(page, "Excel (XLSX), alla år, med definitioner och källor")
    assert xlsx.suggested_filename == "demo_langtidsarbetsloshet_2011-2024.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(open(xlsx.path(), "rb").read()))
    assert book.sheetnames == ["Värden", "Om data"]
    about = [row for row in book["Om data"].iter_rows(values_only=True)]
    assert ("Källa", "Fiktiva data (Segregationsatlas demo)") in about
    assert any(k == "Att tänka på" and "Påhittade data" in v for k, v in about)
    gpkg = download(page, "GeoPackage för QGIS: nivåns områden med alla indikatorer och år")
    path = tmp_path / gpkg.suggested_filename
    gpkg.save_as(path)
    areas = pyogrio.read_dataframe(path, layer="deso")
    assert len(areas) == 60 and {"langtidsarbetsloshet_2018", "langtidsarbetsloshet_2018_status"} <= set(areas.columns)
    suppressed = areas[areas["langtidsarbetsloshet_2018_status"] == "suppressed"]
    assert len(suppressed) and suppressed["langtidsarbetsloshet_2018"].isna().all()
    # The links follow the indicator and the level chosen in place.
    page.get_by_role("radio", name="RegSO-område (fiktivt)").check()
    page.wait_for_function("document.getElementById('export-gpkg').href.endsWith('/regso.gpkg')")


def image(page, name: str):
    png = download(page, name)
    return png, Image.open(png.path()).convert("RGB")


def test_png_in_16_9_and_a4_with_title_legend_source_licence_and_caveats(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ds=demo&ind=langtidsarbetsloshet&year=2024")
    wait_for_map(page)
    png, picture = image(page, "Kartbild 16:9 (PNG)")
    assert png.suggested_filename == "demo_langtidsarbetsloshet_wide_2024.png"
    assert picture.size == (1920, 1080)
    colours = {f"#{r:02x}{g:02x}{b:02x}" for r, g, b in picture.get_flattened_data()}
    legend = map_payload(DatasetStore(browser_data_dir).get("demo"),
                         View("demo", "sv", "deso", "langtidsarbetsloshet", 2024), Urls())
    assert set(legend["colours"]) <= colours, "every class colour appears (map and legend)"
    assert min(sum(px) for px in picture.crop((0, 0, 1920, 90)).get_flattened_data()) < 150, "a dark title"
    texts = page.evaluate("atlas.lastImage.texts")
    assert texts[0] == "Långtidsarbetslöshet, 25–64 år (2024)"
    assert "Källa: Fiktiva data (Segregationsatlas demo)" in texts and "Licens: CC0 1.0" in texts
    assert any(t.startswith("Sekretess (..) 2024:") for t in texts)
    assert "Påhittade data om en fiktiv kommun, inte verklig statistik." in texts
    a4, picture = image(page, "Kartbild A4 liggande (PNG)")
    assert a4.suggested_filename == "demo_langtidsarbetsloshet_a4_2024.png" and picture.size == (1754, 1240)


def test_the_export_menu_works_with_keys_alone(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=langtidsarbetsloshet&year=2018")
    wait_for_map(page)
    page.locator("#export-menu-summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#export-menu")).to_have_attribute("open", "")
    reached = []
    for _ in range(7):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert reached == ["export-csv", "export-csv-series", "export-csv-excel", "export-xlsx", "export-gpkg",
                       "export-png", "export-png-a4"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "demo_deso.gpkg"
    page.locator("#export-menu-summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(page.locator("#export-menu")).not_to_have_attribute("open", "")
    expect(page.locator("#export-menu-summary")).to_be_focused()
