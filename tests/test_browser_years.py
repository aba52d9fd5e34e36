"""Years that are not consecutive (election years): keys and play step through the years with data, in every mode."""

import pytest
from playwright.sync_api import expect

from geodata import store

from .builders import grid_dataset
from .conftest import wait_for_map

pytestmark = pytest.mark.browser

ELECTIONS = (2002, 2006, 2010, 2014, 2018, 2022)


@pytest.fixture(scope="module")
def elections(browser_data_dir):
    store.publish(grid_dataset(name="val", years=ELECTIONS, title="Valstad"), browser_data_dir)
    return "val"


def now(page, slider_id: str) -> int:
    return int(page.locator(f"#{slider_id} [role=slider]").get_attribute("aria-valuenow"))


def press(page, slider_id: str, key: str, expected: int) -> None:
    page.locator(f"#{slider_id} [role=slider]").focus()
    page.keyboard.press(key)
    expect(page.locator(f"#{slider_id} [role=slider]")).to_have_attribute("aria-valuenow", str(expected))


def test_keys_step_through_election_years_on_the_map(page, live_server, elections):
    page.goto(live_server + f"/?ds={elections}&year=2010")
    wait_for_map(page)
    press(page, "year-slider", "ArrowRight", 2014)
    expect(page.locator("#map-title")).to_contain_text("2014")
    page.wait_for_function("atlas.maps.map.yearIndex === 3")
    press(page, "year-slider", "ArrowLeft", 2010)
    press(page, "year-slider", "ArrowLeft", 2006)
    press(page, "year-slider", "End", 2022)
    press(page, "year-slider", "Home", 2002)
    expect(page.locator("#map-title")).to_contain_text("2002")
    page.wait_for_function("location.search.includes('year=2002')")


def test_play_visits_every_election_year(page, live_server, elections):
    page.goto(live_server + f"/?ds={elections}&year=2002")
    wait_for_map(page)
    page.evaluate("""window.__seen = [];
        new MutationObserver(() => {
          const y = document.querySelector('#year-slider [role=slider]').getAttribute('aria-valuenow');
          if (window.__seen[window.__seen.length - 1] !== y) { window.__seen.push(y); }
        }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['aria-valuenow']});""")
    page.get_by_role("button", name="Spela upp åren").click()
    expect(page.locator("#year-slider [role=slider]")).to_have_attribute("aria-valuenow", "2022", timeout=20000)
    assert page.evaluate("window.__seen") == ["2006", "2010", "2014", "2018", "2022"]


def test_keys_step_both_maps_of_compare_mode(page, live_server, elections):
    page.goto(live_server + f"/?ds={elections}&mode=compare&year=2022&year2=2006")
    wait_for_map(page)
    press(page, "year-slider-b", "ArrowRight", 2010)
    expect(page.locator("#map-title-b")).to_contain_text("2010")
    press(page, "year-slider", "ArrowLeft", 2018)
    expect(page.locator("#map-title")).to_contain_text("2018")
    assert now(page, "year-slider-b") == 2010


def test_change_mode_keys_keep_the_years_apart_and_play_steps_the_later_year(page, live_server, elections):
    page.goto(live_server + f"/?ds={elections}&mode=change&year=2010&year2=2006")
    wait_for_map(page)
    press(page, "year-slider", "ArrowRight", 2014)
    expect(page.locator("#map-title")).to_contain_text("2006–2014")
    # The earlier year cannot reach the later one.
    press(page, "year-slider-b", "End", 2010)
    expect(page.locator("#map-title")).to_contain_text("2010–2014")
    press(page, "year-slider", "Home", 2014)
    press(page, "year-slider", "ArrowLeft", 2014)
    # Play steps "to" through the years after "from", recomputing the change each time.
    page.get_by_role("button", name="Spela upp åren").click()
    expect(page.locator("#map-title")).to_contain_text("2010–2018", timeout=20000)
    expect(page.locator("#map-title")).to_contain_text("2010–2022", timeout=20000)
    assert now(page, "year-slider-b") == 2010


@pytest.fixture(scope="module")
def gapped(browser_data_dir):
    store.publish(grid_dataset(name="gles", years=(2011, 2015, 2016, 2024), title="Glesstad"), browser_data_dir)
    return "gles"


def test_a_key_on_years_with_uneven_gaps_recolours_the_map_before_dash_moves_the_slider(page, live_server, gapped):
    page.goto(live_server + f"/?ds={gapped}&year=2015")
    wait_for_map(page)
    # Hold Dash's own update back: the map must not wait for it (it took 100 ms and more to render).
    page.evaluate("() => { window.__setProps = dash_clientside.set_props; dash_clientside.set_props = () => {}; }")
    page.locator("#year-slider [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("atlas.maps.map.year === 2016 && atlas.maps.map.data.years[atlas.maps.map.yearIndex] === 2016")
    assert now(page, "year-slider") == 2015
    # Dash then follows: the slider, title and address say the same year.
    page.evaluate("() => { dash_clientside.set_props = window.__setProps; }")
    press(page, "year-slider", "ArrowRight", 2024)
    expect(page.locator("#map-title")).to_contain_text("2024")
