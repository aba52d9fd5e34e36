"""Links reproduce views; Back and Forward walk through them; bad parameters fall back."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import wait_for_map

pytestmark = pytest.mark.browser


def test_a_copied_link_reproduces_the_view(page, live_server):
    page.goto(live_server + "/?ds=demo&lang=en&level=regso&ind=lag_ek_standard&year=2016"
              "&area=9999R001,9999R002&at=59.53,14.1,11.5")
    wait_for_map(page)
    expect(page.locator("#map-title")).to_contain_text("2016")
    expect(page.locator("#area-heading")).to_have_text("2 selected areas")
    assert page.evaluate("atlas.maps.map.layers.size") == 20
    centre = page.evaluate("[atlas.maps.map.leaflet.getCenter().lat, atlas.maps.map.leaflet.getCenter().lng,"
                           " atlas.maps.map.leaflet.getZoom()]")
    assert centre == pytest.approx([59.53, 14.1, 11.5], abs=1e-3)
    assert "at=59.53,14.1,11.5" in page.url


def test_moving_the_map_puts_centre_and_zoom_in_the_address(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function("location.search.includes('at=')")
    lat, lon, zoom = (float(x) for x in re.search(r"at=([^&]+)", page.url).group(1).split(","))
    assert zoom == pytest.approx(page.evaluate("atlas.maps.map.leaflet.getZoom()"))


def test_back_and_forward_walk_through_indicators(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=eftergymnasial")
    wait_for_map(page)
    page.locator("#indicator-picker").click()
    page.locator(".dash-dropdown-option").filter(has_text="Långtidsarbetslöshet").click()
    page.wait_for_url("**ind=langtidsarbetsloshet**")
    expect(page.locator("#map-title")).to_contain_text("Långtidsarbetslöshet")
    page.go_back()
    page.wait_for_url("**ind=eftergymnasial**")
    wait_for_map(page)
    expect(page.locator("#map-title")).to_contain_text("Eftergymnasial")
    page.go_forward()
    page.wait_for_url("**ind=langtidsarbetsloshet**")
    wait_for_map(page)
    expect(page.locator("#map-title")).to_contain_text("Långtidsarbetslöshet")


def test_bad_parameters_fall_back_to_defaults_without_error(page, live_server):
    page.goto(live_server + "/?ds=nope&ind=%3Cscript%3E&year=abc&level=../../x&area=zz&at=1,2,3&mode=evil&k=-1")
    wait_for_map(page)
    expect(page.locator("h1")).to_contain_text("Exempelstad")
    expect(page.locator("#map-title")).to_contain_text("2024")
    assert page.evaluate("atlas.maps.map.layers.size") == 60


def test_a_linked_map_position_stays_in_the_address_when_the_indicator_changes_in_place(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=eftergymnasial&at=59.38,13.5,13")
    wait_for_map(page)
    page.wait_for_function("location.search.includes('at=59.38,13.5,13')")
    page.locator("#indicator-picker").click()
    page.locator(".dash-dropdown-option").filter(has_text="Långtidsarbetslöshet").click()
    page.wait_for_url("**ind=langtidsarbetsloshet**")
    expect(page.locator("#map-title")).to_contain_text("Långtidsarbetslöshet")
    # The map did not move, so a copied link must still open it where it is.
    assert "at=59.38,13.5,13" in page.url
    assert page.evaluate("atlas.maps.map.leaflet.getZoom()") == 13
