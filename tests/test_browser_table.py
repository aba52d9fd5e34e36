"""The map in words and as a table: "Visa som tabell" in one step, a description screen readers read,
both following the year without a request; areas chosen from the table with the keyboard; axe-core
clean on the table and on the embed view."""

import pytest
from playwright.sync_api import expect

from .conftest import wait_for_map
from .test_browser_a11y import axe_source, violations  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_one_press_shows_every_area_with_value_status_and_rank(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=lag_ek_standard&year=2024")
    wait_for_map(page)
    toggle = page.locator("#table-toggle")
    expect(toggle).to_have_text("Visa som tabell")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    rows = page.locator("#map-table tbody tr")
    expect(rows).to_have_count(60)
    expect(page.locator("#map-table caption")).to_contain_text("Låg ekonomisk standard")
    expect(page.locator("#map-table thead th")).to_have_text(["Välj", "Område", "Värde", "Status", "Plats"])
    first = rows.first.locator("td, th")
    expect(first.nth(4)).to_have_text("1 / 60")
    assert "%" in first.nth(2).inner_text()
    # Largest first: the first row's value is the largest in the column.
    values = page.evaluate("atlas.maps.map.data.values[atlas.maps.map.yearIndex].filter(v => v !== null)")
    shown = float(first.nth(2).inner_text().replace("\u00a0%", "").replace(",", "."))
    assert shown == pytest.approx(max(values), abs=0.05)
    page.keyboard.press("Enter")
    expect(page.locator("#table-view")).to_be_hidden()


def test_the_description_and_the_table_follow_the_year_without_a_request(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=lag_ek_standard")
    wait_for_map(page)
    description = page.locator("#map-description")
    expect(description).to_contain_text("Låg ekonomisk standard 2024: högst i ")
    assert page.locator("#map").locator("xpath=..").get_attribute("aria-describedby") == "map-description"
    page.locator("#table-toggle").click()
    expect(page.locator("#map-table caption")).to_contain_text("2024")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.locator("#year-slider [role=slider]").focus()
    page.keyboard.press("Home")
    expect(description).to_contain_text("Låg ekonomisk standard 2011: högst i ")
    expect(page.locator("#map-table caption")).to_contain_text("2011")
    assert [u for u in requests if "_dash-update-component" in u or "/values/" in u] == []


def test_areas_are_chosen_in_the_table_with_the_keyboard_up_to_the_cap(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.locator("#table-toggle").click()
    boxes = page.locator("#map-table tbody input[type=checkbox]")
    expect(boxes).to_have_count(60)
    name = page.locator("#map-table tbody tr").first.locator("th").inner_text()
    assert boxes.first.get_attribute("aria-label") == f"Välj {name}"
    boxes.first.focus()
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('area=')")
    expect(page.locator("#area-heading")).to_contain_text(name.split(" (")[0], timeout=15000)
    for i in range(1, 8):
        boxes.nth(i).check()
    page.wait_for_function("new URLSearchParams(location.search).get('area')?.split(',').length === 8")
    expect(boxes.nth(8)).to_be_disabled()
    expect(boxes.nth(0)).to_be_enabled()


def test_axe_finds_nothing_on_the_table_and_on_the_embed_view(page, live_server, axe_source):  # noqa: F811
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.locator("#table-toggle").click()
    expect(page.locator("#map-table tbody tr")).to_have_count(60)
    assert violations(page, axe_source) == []
    page.goto(live_server + "/embed?ds=demo&controls=indicator,level,search,mode")
    wait_for_map(page)
    page.locator("#table-toggle").click()
    expect(page.locator("#map-table tbody tr")).to_have_count(60)
    assert violations(page, axe_source) == []
    page.goto(live_server + "/tillganglighet?lang=en")
    assert violations(page, axe_source) == []
