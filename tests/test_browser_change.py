"""Change maps in the browser: diverging classes, reasons for no data, never a change across a boundary break."""

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import expect

from geodata import change, store
from geodata.fmt import format_number
from geodata.store import DatasetStore

from .builders import grid_dataset
from .conftest import tooltip_of, wait_for_map

pytestmark = pytest.mark.browser

FILLS = "Object.fromEntries(Array.from(atlas.maps.map.layers.entries()).map(([id, l]) => [id, l.options.fillColor]))"


def expected_change_fills(data_dir, name, level, indicator, year_from, year_to):
    ds = DatasetStore(data_dir).get(name).dataset
    c = change.change_values(ds, level, indicator, year_from, year_to)
    return {area: (c["colours"][int(k)] if k != "-" else c["no_data_colour"]) for area, k in zip(c["ids"], c["classes"])}


@pytest.fixture(scope="module")
def broken(browser_data_dir):
    """A grid whose district d03 was redrawn (another boundary edition) in the last year."""
    ds = grid_dataset(name="broken")
    values = ds.values.copy()
    values["edition"] = "Indelning2020"
    values.loc[(values["area_id"] == "d03") & (values["year"] == 2022), "edition"] = "Indelning2022"
    store.publish(type(ds)(ds.meta, ds.areas, values), browser_data_dir)
    return "broken"


def test_change_map_colours_and_legend(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ds=demo&mode=change&ind=langtidsarbetsloshet&year=2024&year2=2015")
    wait_for_map(page)
    assert page.evaluate(FILLS) == expected_change_fills(browser_data_dir, "demo", "deso", "langtidsarbetsloshet",
                                                         2015, 2024)
    legend = page.locator("#legend")
    expect(legend).to_contain_text("p.e.")
    expect(legend).to_contain_text("Sekretess (..) något av åren")
    expect(page.locator("#map-title")).to_contain_text("2015–2024")


def test_boundary_change_is_no_data_with_its_reason(page, live_server, broken):
    page.goto(live_server + f"/?ds={broken}&mode=change&year=2022&year2=2020")
    wait_for_map(page)
    fills = page.evaluate(FILLS)
    assert fills["d03"] == "#a3a3a3" and fills["d04"] != "#a3a3a3"
    expect(page.locator("#legend")).to_contain_text("Ändrad områdesindelning mellan åren")
    expect(page.locator("#legend")).to_contain_text("visas inte som förändring")
    expect(tooltip_of(page, "d03")).to_contain_text("Ändrad områdesindelning")


def test_moving_a_year_recomputes_the_change(page, live_server, browser_data_dir):
    page.goto(live_server + "/?ds=demo&mode=change&ind=eftergymnasial&year=2024&year2=2015")
    wait_for_map(page)
    page.get_by_role("slider", name="Från år").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#map-title")).to_contain_text("2014–2024")
    page.wait_for_function("location.search.includes('year2=2014')")
    expected = expected_change_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2014, 2024)
    assert expected != expected_change_fills(browser_data_dir, "demo", "deso", "eftergymnasial", 2015, 2024)
    for _ in range(50):
        if page.evaluate(FILLS) == expected:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(FILLS) == expected


def test_tooltip_shows_from_to_and_change(page, live_server, browser_data_dir):
    ds = DatasetStore(browser_data_dir).get("demo").dataset
    c = change.change_values(ds, "deso", "eftergymnasial", 2015, 2024)
    area = next(a for a, r in zip(c["ids"], c["reasons"]) if r == "o")
    i = c["ids"].index(area)
    page.goto(live_server + "/?ds=demo&mode=change&ind=eftergymnasial&year=2024&year2=2015")
    wait_for_map(page)
    tooltip = tooltip_of(page, area)
    frm, to, delta = (format_number(v, 1, "sv") for v in (c["value_from"][i], c["value_to"][i], abs(c["values"][i])))
    expect(tooltip).to_contain_text(f"2015: {frm}\u00a0%")
    expect(tooltip).to_contain_text(f"2024: {to}\u00a0%")
    expect(tooltip).to_contain_text(f"Förändring: {'+' if c['values'][i] > 0 else '−'}{delta}\u00a0p.e.")


def test_median_income_change_is_spread_over_the_classes(page, live_server):
    # The case: 19 of 20 RegSO in one class before the classes followed the changes.
    page.goto(live_server + "/?ds=demo&mode=change&ind=medianinkomst&level=regso&year=2024&year2=2011")
    wait_for_map(page)
    counts = [int(t.split()[0]) for t in page.locator("#legend .legend-count").all_inner_texts()]
    classes = counts[:5]
    assert sum(classes) == 20 and max(classes) <= 6, counts


def test_change_exports_carry_both_years(page, live_server):
    page.goto(live_server + "/?ds=demo&mode=change&ind=langtidsarbetsloshet&year=2024&year2=2015")
    wait_for_map(page)
    page.locator("#export-menu-summary").click()
    with page.expect_download() as info:
        page.locator("#export-menu").get_by_text("CSV, förändringen med båda årens värden", exact=True).click()
    frame = pd.read_csv(info.value.path(), encoding="utf-8-sig")
    assert len(frame) == 60 and {"värde_från", "värde_till", "förändring"} <= set(frame.columns)
    suppressed = frame[frame["orsak"] == "s"]
    assert len(suppressed) and suppressed["förändring"].isna().all(), "no change where a year is suppressed"
    page.locator("#export-menu-summary").click()
    with page.expect_download() as info:
        page.locator("#export-menu").get_by_text("Kartbild A4 liggande (PNG)", exact=True).click()
    assert info.value.suggested_filename == "demo_langtidsarbetsloshet_a4_2015-2024.png"
    assert Image.open(info.value.path()).size == (1754, 1240)
    texts = page.evaluate("atlas.lastImage.texts")
    assert any("2015–2024" in t for t in texts[:1]), texts[:1]
    assert any(t.startswith("Sekretess (..) 2015–2024:") for t in texts)
    assert any(t.startswith("Oförändrat") for t in texts), "the legend's classes are drawn"
