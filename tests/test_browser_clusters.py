"""Clusters mode in the browser: the map coloured by local cluster, its legend counts, its years, its tooltip."""

import pytest
from playwright.sync_api import expect

from geodata import measures
from geodata.classify import NO_DATA_COLOUR
from geodata.fmt import format_number
from geodata.i18n import count_text, t
from geodata.store import DatasetStore
from presenters.clusters import CLASSES, COLOURS, cluster_values, moran_note

from .conftest import tooltip_of, wait_for_map
from .test_browser_a11y import axe_source, violations  # noqa: F401  (axe_source is a fixture)

pytestmark = pytest.mark.browser

FILLS = "Object.fromEntries(Array.from(atlas.maps.map.layers.entries()).map(([id, l]) => [id, l.options.fillColor]))"
LEVEL, INDICATOR = "deso", "eftergymnasial"


def demo(data_dir):
    return DatasetStore(data_dir).get("demo").dataset


def expected_fills(ds, year):
    values = cluster_values(ds, LEVEL, INDICATOR)
    classes = values["classes"][values["years"].index(year)]
    return {area: COLOURS[CLASSES[int(k)]] if k != "-" else NO_DATA_COLOUR for area, k in zip(values["ids"], classes)}


def expected_counts(ds, year):
    stored = measures.clusters(ds, LEVEL, INDICATOR, year)["cluster"].value_counts()
    return [count_text(int(stored.get(c, 0)), "sv") for c in CLASSES]


def legend_counts(page):
    return [page.locator(f"#legend .legend-list li:nth-child({i + 1}) .legend-count").inner_text()
            for i in range(len(CLASSES))]


def wait_for_fills(page, expected):
    for _ in range(50):
        if page.evaluate(FILLS) == expected:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(FILLS) == expected


def test_switch_to_clusters_colours_the_map_and_counts_the_classes(page, live_server, browser_data_dir):
    ds = demo(browser_data_dir)
    page.goto(live_server + f"/?ds=demo&ind={INDICATOR}&year=2024")
    wait_for_map(page)
    page.get_by_role("radio", name="Kluster").check()
    page.wait_for_function("location.search.includes('mode=clusters')")
    wait_for_map(page)
    fills = expected_fills(ds, 2024)
    assert {COLOURS["HH"], COLOURS["LL"]} <= set(fills.values())
    wait_for_fills(page, fills)
    legend = page.locator("#legend")
    for c in CLASSES:
        expect(legend).to_contain_text(t(f"cluster.{c}", "sv"))
    assert legend_counts(page) == expected_counts(ds, 2024)
    expect(legend).to_contain_text("inte varför")
    expect(legend).to_contain_text(moran_note(ds, LEVEL, INDICATOR, 2024, "sv"))
    expect(page.locator("#map-title")).to_contain_text("2024")


def test_year_keys_step_the_clusters_and_the_legend(page, live_server, browser_data_dir):
    ds = demo(browser_data_dir)
    page.goto(live_server + f"/?ds=demo&mode=clusters&ind={INDICATOR}&year=2024")
    wait_for_map(page)
    thumb = page.locator("#year-slider [role=slider]")
    thumb.focus()
    for year in (2023, 2022):
        page.keyboard.press("ArrowLeft")
        expect(thumb).to_have_attribute("aria-valuenow", str(year))
        expect(page.locator("#map-title")).to_contain_text(str(year))
        wait_for_fills(page, expected_fills(ds, year))
        expect(page.locator("#legend .legend-note").last).to_have_text(moran_note(ds, LEVEL, INDICATOR, year, "sv"))
        assert legend_counts(page) == expected_counts(ds, year)
    page.wait_for_function("location.search.includes('year=2022')")
    assert expected_fills(ds, 2022) != expected_fills(ds, 2024) or \
        expected_counts(ds, 2022) != expected_counts(ds, 2024)


def test_tooltip_gives_the_value_and_the_cluster(page, live_server, browser_data_dir):
    ds = demo(browser_data_dir)
    values = cluster_values(ds, LEVEL, INDICATOR)
    yi = values["years"].index(2024)
    pos = values["classes"][yi].index(str(CLASSES.index("HH")))
    area, value = values["ids"][pos], values["values"][yi][pos]
    page.goto(live_server + f"/?ds=demo&mode=clusters&ind={INDICATOR}&year=2024")
    wait_for_map(page)
    tooltip = tooltip_of(page, area)
    expect(tooltip).to_contain_text(format_number(value, ds.meta.indicator(INDICATOR).decimals, "sv"))
    expect(tooltip).to_contain_text(t("cluster.HH", "sv"))


@pytest.mark.parametrize("query", [f"/?ds=demo&mode=clusters&ind={INDICATOR}",
                                   "/?ds=demo&lang=en&mode=clusters&level=regso&ind=medianinkomst"])
def test_no_wcag_violations_in_clusters_mode(page, live_server, axe_source, query):  # noqa: F811
    page.goto(live_server + query)
    wait_for_map(page)
    page.locator("#distribution-summary").click()
    page.locator("#distribution-chart-0 canvas").wait_for()
    page.locator("#distribution-chart-table-0 summary").click()
    assert violations(page, axe_source) == []
