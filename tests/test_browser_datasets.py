"""Several datasets in the browser: SCB's Karlstad next to the demo, picker, sources, new releases."""

import pytest
from playwright.sync_api import expect

from geodata import store
from geodata.ingest.issues import IssueLog
from geodata.ingest.scb import ScbPlan, build_scb_dataset

from .bad_input.recorded import RecordedSCB
from .builders import grid_dataset
from .conftest import wait_for_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def karlstad(shared_data, browser_data_dir, tmp_path_factory):
    """Karlstad fetched from SCB's recorded answers and published beside the running app."""
    with RecordedSCB(shared_data / "karlstad-scb" / "raw").client() as http:
        dataset = build_scb_dataset(ScbPlan("karlstad", ("1780",), ("TAB6586", "TAB6574")), IssueLog(),
                                    http=http, cache_dir=tmp_path_factory.mktemp("scb-cache"))
    store.publish(dataset, browser_data_dir)
    return "karlstad"


def test_karlstad_area_types_show_with_31_regso_and_labelled_legend(page, live_server, karlstad):
    page.goto(live_server + f"/?ds={karlstad}&level=regso&ind=omradestyp&year=2024")
    wait_for_map(page)
    assert page.evaluate("atlas.maps.map.layers.size") == 31
    legend = page.locator("#legend")
    expect(legend).to_contain_text("1 – Stora socioekonomiska utmaningar")
    expect(legend).to_contain_text("5 – Mycket goda socioekonomiska förutsättningar")
    slider = page.get_by_role("slider", name="År")
    assert (slider.get_attribute("aria-valuemin"), slider.get_attribute("aria-valuemax")) == ("2011", "2024")
    page.get_by_text("Om data och källor").click()
    about = page.locator("#about-data")
    expect(about).to_contain_text("SCB TAB6586")
    expect(about).to_contain_text("CC0")


def test_socioeconomic_index_series_for_a_regso(page, live_server, karlstad):
    page.goto(live_server + f"/?ds={karlstad}&level=regso&ind=socioekonomiskt_index&area=1780R001")
    wait_for_map(page)
    rows = page.locator("#area-table tbody tr")
    expect(rows).to_have_count(14)
    expect(page.locator("#area-heading")).to_contain_text("1780R001")


def test_dataset_picker_lists_every_dataset_and_navigates(page, live_server, karlstad):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.locator("#dataset-picker").click()
    options = page.locator(".dash-dropdown-option")
    expect(options.filter(has_text="Rutstad med märkliga namn")).to_have_count(1)
    titles = options.all_inner_texts()
    assert {"Exempelstad (fiktiv kommun)", "Rutstad med märkliga namn"} <= set(titles)
    assert any("Karlstad" in title for title in titles)
    options.filter(has_text="Rutstad med märkliga namn").click()
    page.wait_for_url("**ds=hostile**")
    wait_for_map(page)
    expect(page.locator("h1")).to_contain_text("Rutstad med märkliga namn")


def test_new_release_is_served_without_restart_and_rollback_restores(page, live_server, browser_data_dir):
    store.publish(grid_dataset(name="fresh", n=2), browser_data_dir)
    page.goto(live_server + "/?ds=fresh")
    wait_for_map(page)
    assert page.evaluate("atlas.maps.map.layers.size") == 4
    store.publish(grid_dataset(name="fresh", n=3), browser_data_dir)
    page.goto(live_server + "/?ds=fresh")
    wait_for_map(page)
    assert page.evaluate("atlas.maps.map.layers.size") == 9
    store.rollback(browser_data_dir, "fresh")
    page.goto(live_server + "/?ds=fresh")
    wait_for_map(page)
    assert page.evaluate("atlas.maps.map.layers.size") == 4
    store.remove(browser_data_dir, "fresh")
