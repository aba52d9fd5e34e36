"""The map in a real browser: polygons, recolouring, playback, tooltips, selection."""

import pytest
from playwright.sync_api import expect

from geodata import views
from geodata.store import DatasetStore
from geodata.viewstate import View
from presenters.common import map_payload
from presenters.urls import Urls

from .conftest import area_point, tooltip_of, wait_for_map

pytestmark = pytest.mark.browser

FILLS = "Object.fromEntries(Array.from(atlas.maps.map.layers.entries()).map(([id, l]) => [id, l.options.fillColor]))"


def expected_fills(data_dir, name, level, indicator, year):
    loaded = DatasetStore(data_dir).get(name)
    ds = loaded.dataset
    p = map_payload(loaded, View(name, "sv", level, indicator, year), Urls())
    v = views.map_values(ds, level, indicator, "quantiles", 5)
    yi = v["years"].index(year)
    return {area: (p["colours"][int(c)] if c != "-" else p["noDataColour"])
            for area, c in zip(v["ids"], v["classes"][yi])}


def test_page_loads_with_landmarks_language_and_named_controls(page, live_server):
    page.goto(live_server + "/")
    wait_for_map(page)
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.locator("main").count() == 1
    assert "Exempelstad" in page.locator("h1").inner_text()
    assert page.get_by_role("combobox", name="Indikator").count() + \
        page.get_by_role("button", name="Indikator").count() >= 1
    assert page.get_by_role("slider", name="År").count() == 1
    assert page.get_by_role("radio", name="RegSO-område (fiktivt)").count() == 1
    assert page.get_by_role("button", name="Spela upp åren").count() == 1


def test_drawn_polygons_equal_the_datasets_areas(page, live_server, browser_data_dir):
    ds = DatasetStore(browser_data_dir).get("demo").dataset
    page.goto(live_server + "/")
    wait_for_map(page)
    drawn = page.evaluate("Array.from(atlas.maps.map.layers.keys())")
    assert sorted(drawn) == sorted(ds.areas["deso"]["area_id"])
    page.get_by_role("radio", name="RegSO-område (fiktivt)").check()
    page.wait_for_function(f"atlas.maps.map.layers.size === {len(ds.areas['regso'])}")
    assert sorted(page.evaluate("Array.from(atlas.maps.map.layers.keys())")) == sorted(ds.areas["regso"]["area_id"])


def test_slider_key_press_recolours_the_map(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ind=eftergymnasial&year=2024")
    wait_for_map(page)
    assert page.evaluate(FILLS) == expected_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2024)
    thumb = page.get_by_role("slider", name="År")
    thumb.focus()
    for _ in range(6):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function("document.getElementById('map-title').textContent.includes('2018')")
    fills_2018 = page.evaluate(FILLS)
    assert fills_2018 == expected_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2018)
    assert fills_2018 != expected_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2024)
    assert "year=2018" in page.url, "the address follows the view"


def test_play_advances_years_and_pause_stops(page, live_server):
    page.goto(live_server + "/?year=2011")
    wait_for_map(page)
    play = page.locator("#play-button")
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("document.getElementById('map-title').textContent.includes('2013')", timeout=10000)
    play.click()
    expect(play).to_have_attribute("aria-pressed", "false")
    expect(play).to_have_accessible_name("Spela upp åren")
    year = page.get_by_role("slider", name="År").get_attribute("aria-valuenow")
    page.wait_for_timeout(1500)
    assert page.get_by_role("slider", name="År").get_attribute("aria-valuenow") == year


def test_tooltip_shows_markup_in_names_as_text(page, live_server):
    page.goto(live_server + "/?ds=hostile")
    wait_for_map(page)
    tooltip = tooltip_of(page, "d01")
    assert '<img src=x onerror="window.__xss=1">Söder' in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    assert page.evaluate("window.__xss") is None
    assert "Plats" in tooltip.inner_text()


def test_tooltip_says_no_data_for_a_missing_value(page, live_server):
    page.goto(live_server + "/?ds=hostile&year=2022")
    wait_for_map(page)
    tooltip = tooltip_of(page, "d02")
    assert "Uppgift saknas" in tooltip.inner_text()
    assert "0,0" not in tooltip.inner_text()


def test_click_selects_area_and_shows_its_series(page, live_server):
    page.goto(live_server + "/?ds=hostile")
    wait_for_map(page)
    page.mouse.click(*area_point(page, "d05"))
    heading = page.locator("#area-heading")
    heading.filter(has_text="Distrikt 5 (d05)").wait_for()
    rows = page.locator("#area-table tbody tr")
    assert rows.count() == 3
    assert "area=d05" in page.url


def test_area_search_by_keyboard(page, live_server):
    page.goto(live_server + "/?ds=hostile")
    wait_for_map(page)
    page.locator("#area-search").focus()
    page.keyboard.press("Enter")
    search = page.locator("input.dash-dropdown-search")
    expect(search).to_be_focused()
    expect(search).to_have_accessible_name("Sök område (namn eller kod)")
    page.keyboard.type("Distrikt 7")
    expect(page.locator(".dash-dropdown-option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.locator("#area-heading").filter(has_text="Distrikt 7 (d07)").wait_for()


def test_english_switch_changes_language_everywhere(page, live_server):
    page.goto(live_server + "/")
    wait_for_map(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**lang=en**")
    wait_for_map(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "fictional municipality" in page.locator("h1").inner_text()
    assert page.get_by_role("slider", name="Year").count() == 1


def test_nothing_is_fetched_from_outside_the_server(browser, live_server):
    """No tiles, fonts or scripts from the internet: the map works in a meeting room without it."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server + "/?mode=compare&area=9999C0090")
    wait_for_map(page)
    page.get_by_text("Fördelning mellan områdena").click()
    page.locator("#distribution-chart-1 canvas").wait_for()  # both maps' charts
    context.close()
    outside = [url for url in requested if not url.startswith((live_server, "data:", "blob:"))]
    assert outside == []


def test_two_selected_areas_get_one_line_each_with_municipality_and_nation(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    for area in ("9999C0090", "9999C0010"):
        page.mouse.click(*area_point(page, area))
        page.wait_for_function(f"location.search.includes('{area}')")
    expect(page.locator("#area-heading")).to_have_text("2 valda områden")
    chart = page.locator("#area-chart .js-plotly-plot")
    chart.wait_for()
    names = page.evaluate("document.querySelector('#area-chart .js-plotly-plot').data.map(t => t.name)")
    assert len(names) == 4 and names[2:] == ["Hela kommunen", "Riket"]
    rows = page.locator("#area-table tbody tr")
    expect(rows).to_have_count(2 * 14)
    # A second click on an area takes it out of the selection.
    page.mouse.click(*area_point(page, "9999C0010"))
    expect(page.locator("#area-heading")).to_contain_text("9999C0090")
