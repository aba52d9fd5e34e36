"""Compare mode: two maps side by side with locked pan and zoom and a shared classification."""

import pytest
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
