"""Compare mode: two maps side by side with locked pan and zoom and a shared classification."""

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import wait_for_map
from .test_browser_map import expected_fills

pytestmark = pytest.mark.browser

FILLS_B = ("Object.fromEntries(Array.from(atlas.maps.mapB.layers.entries())"
           ".map(([id, l]) => [id, l.options.fillColor]))")
FILLS_A = FILLS_B.replace("mapB", "map")


def _wait_for_both(page):
    wait_for_map(page)
    page.wait_for_function("atlas.maps.mapB && atlas.maps.mapB.painted")


def test_two_years_side_by_side_share_one_classification(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ds=demo&mode=compare&ind=eftergymnasial&year=2024&year2=2011")
    _wait_for_both(page)
    assert page.evaluate(FILLS_A) == expected_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2024)
    assert page.evaluate(FILLS_B) == expected_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2011)
    labels_a = page.locator("#legend .legend-label").all_inner_texts()
    labels_b = page.locator("#legend-b .legend-label").all_inner_texts()
    assert labels_a == labels_b, "years compared share one classification"
    expect(page.locator("#map-title-b")).to_contain_text("2011")


def test_pan_and_zoom_stay_locked(page, live_server):
    page.goto(live_server + "/?ds=demo&mode=compare")
    _wait_for_both(page)
    page.locator("#map .leaflet-control-zoom-in").click()
    page.wait_for_timeout(600)
    zoom_a, zoom_b = page.evaluate("[atlas.maps.map.leaflet.getZoom(), atlas.maps.mapB.leaflet.getZoom()]")
    assert zoom_a == zoom_b
    before = page.evaluate("atlas.maps.mapB.leaflet.getCenter()")
    page.mouse.move(1100, 600)
    page.mouse.down()
    page.mouse.move(1000, 500, steps=5)
    page.mouse.up()
    page.wait_for_timeout(800)  # inertia
    centre_a, centre_b = page.evaluate("[atlas.maps.map.leaflet.getCenter(), atlas.maps.mapB.leaflet.getCenter()]")
    # Within a pixel or two (Leaflet rounds pixel origins), far from the drag's 100 px.
    pixel = page.evaluate("360 / (256 * 2 ** atlas.maps.map.leaflet.getZoom())")
    assert centre_a["lat"] == pytest.approx(centre_b["lat"], abs=2 * pixel)
    assert centre_a["lng"] == pytest.approx(centre_b["lng"], abs=2 * pixel)
    assert abs(centre_b["lng"] - before["lng"]) > 20 * pixel, "dragging the right map moved both"


def test_right_year_slider_recolours_only_the_right_map(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ds=demo&mode=compare&year=2024&year2=2011")
    _wait_for_both(page)
    before_a = page.evaluate(FILLS_A)
    page.get_by_role("slider", name="År i högra kartan").focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#map-title-b")).to_contain_text("2016")
    assert page.evaluate(FILLS_B) == expected_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2016)
    assert page.evaluate(FILLS_A) == before_a
    assert "year2=2016" in page.url


def test_indicator_against_indicator_and_level_against_level(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ds=demo&mode=compare&ind=eftergymnasial&ind2=lag_ek_standard&level2=regso&year2=2024")
    _wait_for_both(page)
    assert page.evaluate("atlas.maps.mapB.layers.size") == 20
    assert page.evaluate(FILLS_B) == expected_fills(browser_data_dir, "demo", "regso", "lag_ek_standard", 2024)
    expect(page.locator("#map-title-b")).to_contain_text("Låg ekonomisk standard")


def test_mode_switch_opens_compare_and_back_to_one_map(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.get_by_role("radio", name="Jämför sida vid sida").check()
    page.wait_for_url("**mode=compare**")
    _wait_for_both(page)
    page.get_by_role("radio", name="En karta").check()
    page.wait_for_function("!location.search.includes('mode=')")
    wait_for_map(page)
    assert page.locator("#map-b").count() == 0


AREA_BOUNDS = """(key) => {
  const b = L.latLngBounds([]);
  atlas.maps[key].layers.forEach((layer) => b.extend(layer.getBounds()));
  const view = atlas.maps[key].leaflet.getBounds();
  return view.pad(0.001).contains(b);
}"""


def test_entering_compare_fits_the_areas_in_two_equal_frames(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    for _ in range(3):
        page.locator("#map .leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)
    page.wait_for_function("location.search.includes('at=')")
    assert not page.evaluate(AREA_BOUNDS, "map"), "zoomed in, the single map crops the areas"
    page.get_by_role("radio", name="Jämför sida vid sida").check()
    page.wait_for_url("**mode=compare**")
    _wait_for_both(page)
    assert page.evaluate(AREA_BOUNDS, "map") and page.evaluate(AREA_BOUNDS, "mapB")
    left, right = page.locator("#map").bounding_box(), page.locator("#map-b").bounding_box()
    assert abs(left["width"] - right["width"]) <= 1 and abs(left["height"] - right["height"]) <= 1


def pick(page, dropdown_id: str, option: str) -> None:
    page.locator(f"#{dropdown_id}").click()
    page.locator(".dash-dropdown-options").get_by_text(option, exact=True).click()


def test_each_map_keeps_its_year_when_the_other_controls_change(page, live_server):
    page.goto(live_server + "/?ds=demo&mode=compare&ind=eftergymnasial&year=2024&year2=2015")
    _wait_for_both(page)
    pick(page, "indicator-picker-b", "Låg ekonomisk standard")
    page.wait_for_url("**ind2=lag_ek_standard**")
    _wait_for_both(page)
    expect(page.locator("#map-title-b")).to_contain_text("Låg ekonomisk standard (2015)")
    expect(page.locator("#map-title")).to_contain_text("2024")
    pick(page, "indicator-picker", "Förgymnasial utbildning, 25–64 år")
    page.wait_for_url("**ind=forgymnasial**")
    _wait_for_both(page)
    expect(page.locator("#map-title")).to_contain_text("(2024)")
    expect(page.locator("#map-title-b")).to_contain_text("Låg ekonomisk standard (2015)")


def test_each_map_has_its_table_twin_and_exports_hold_both(page, live_server):
    page.goto(live_server + "/?ds=demo&mode=compare&ind=eftergymnasial&year=2024&year2=2011&ind2=lag_ek_standard"
                            "&level2=regso")
    _wait_for_both(page)
    page.get_by_text("Fördelning mellan områdena").click()
    page.wait_for_function("document.querySelector('#distribution-chart-1 canvas') !== null")
    assert page.locator("#distribution-chart-0").get_attribute("data-dots") == "60"
    assert page.locator("#distribution-chart-1").get_attribute("data-dots") == "20"
    expect(page.locator("#distribution .dist-heading").nth(1)).to_contain_text("Låg ekonomisk standard 2011")
    page.locator("#export-menu > summary").click()
    with page.expect_download() as info:
        page.locator("#export-menu").get_by_text("CSV, båda kartorna", exact=True).click()
    frame = pd.read_csv(info.value.path(), encoding="utf-8-sig")
    sides = frame.groupby("karta").agg(n=("områdeskod", "size"), year=("år", "first"), ind=("indikator_id", "first"))
    assert sides.to_dict("index") == {"vänster": {"n": 60, "year": 2024, "ind": "eftergymnasial"},
                                      "höger": {"n": 20, "year": 2011, "ind": "lag_ek_standard"}}
    page.locator("#export-menu > summary").click()
    with page.expect_download() as info:
        page.locator("#export-menu").get_by_text("Kartbild 16:9 (PNG)", exact=True).click()
    picture = Image.open(info.value.path()).convert("RGB")
    assert picture.size == (1920, 1080)
    texts = page.evaluate("atlas.lastImage.texts")
    assert any("Eftergymnasial" in t and "2024" in t for t in texts)
    assert any("Låg ekonomisk standard" in t and "2011" in t for t in texts)
    legends = page.evaluate("[...document.querySelectorAll('#legend .swatch, #legend-b .swatch')]"
                            ".map(s => getComputedStyle(s).backgroundColor)")
    colours = {f"rgb({r}, {g}, {b})" for r, g, b in picture.get_flattened_data()}
    assert set(legends) <= colours, "both maps' legends are drawn"
