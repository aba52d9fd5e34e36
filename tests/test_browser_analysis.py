"""Distribution of all areas, and exports of what the map shows (CSV and PNG)."""

import io

import pandas as pd
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


def test_distribution_marks_every_area_breaks_and_the_selection(page, live_server, browser_data_dir):
    ds = DatasetStore(browser_data_dir).get("demo").dataset
    page.goto(live_server + "/?ds=demo&ind=eftergymnasial&year=2020&area=9999C0090")
    wait_for_map(page)
    page.get_by_text("Fördelning mellan områdena").click()
    chart = page.locator("#distribution-chart")
    chart.locator(".main-svg").first.wait_for()
    values = views.map_values(ds, "deso", "eftergymnasial", "quantiles", 5)
    with_value = sum(v is not None for v in values["values"][values["years"].index(2020)])
    dots = page.evaluate("document.getElementById('distribution-chart').querySelector('.js-plotly-plot').data"
                         ".reduce((n, trace) => n + trace.x.length, 0)")
    assert dots == with_value
    breaks = views.classification(ds, "deso", "eftergymnasial", "quantiles", 5).breaks
    shapes = page.evaluate("document.querySelector('#distribution-chart .js-plotly-plot').layout.shapes.length")
    assert shapes == len(breaks) - 1
    expect(page.locator("#distribution tr.selected")).to_contain_text("Sjöstaden norra")
    # The chart follows the year.
    page.get_by_role("slider", name="År").focus()
    page.keyboard.press("ArrowLeft")
    expect(chart).to_contain_text("2019")


def test_csv_download_has_values_units_status_and_source(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=langtidsarbetsloshet&year=2018")
    wait_for_map(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner CSV").click()
    download = info.value
    assert download.suggested_filename == "demo_langtidsarbetsloshet_2018.csv"
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM so that Excel reads å, ä, ö"
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"områdeskod": str})
    assert len(frame) == 60 and set(frame["år"]) == {2018}
    suppressed = frame[frame["status"] == "suppressed"]
    assert len(suppressed) > 0 and suppressed["värde"].isna().all(), "suppressed is empty, never 0"
    assert set(frame["enhet"]) == {"%"}
    assert frame["källa"].str.contains("Fiktiva data").all()
    assert frame["definition"].str.len().min() > 20


def test_png_has_title_map_and_legend(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ds=demo&ind=eftergymnasial&year=2024")
    wait_for_map(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Spara kartbild (PNG)").click()
    download = info.value
    assert download.suggested_filename == "demo_eftergymnasial_2024.png"
    image = Image.open(download.path()).convert("RGB")
    width, height = image.size
    map_box = page.locator("#map").bounding_box()
    assert width == round(map_box["width"]) * 2
    colours = {f"#{r:02x}{g:02x}{b:02x}" for r, g, b in image.get_flattened_data()}
    legend = map_payload(DatasetStore(browser_data_dir).get("demo"), View("demo", "sv", "deso", "eftergymnasial", 2024),
                         Urls())
    assert set(legend["colours"]) <= colours, "every class colour appears (map and legend)"
    title_strip = image.crop((0, 0, width, 100))
    assert min(sum(px) for px in title_strip.get_flattened_data()) < 150, "dark title text at the top"
