"""The view contract in a real browser: the page carries it, the JavaScript builds Python's links from it,
and a mode whose two years choose the data never blanks the map while the next pair loads."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

import presenters
from geodata.store import DatasetStore
from presenters.contract import browser_contract

from .conftest import area_point, wait_for_map

pytestmark = pytest.mark.browser

FILLS = "Object.fromEntries(Array.from(atlas.maps.map.layers.entries()).map(([id, l]) => [id, l.options.fillColor]))"


def synced_address(page) -> str:
    """The page's query once the first sync has rewritten the address of the link it was opened with."""
    page.wait_for_function("document.getElementById('lang-link') && location.search.includes('lang=')")
    page.wait_for_timeout(200)
    return urlsplit(page.url).query


def test_the_page_carries_the_contract_the_code_reads(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    assert page.evaluate("atlas.contract()") == json.loads(json.dumps(browser_contract()))


@pytest.mark.parametrize("link", [
    "?ds=demo&area=9999C0090,9999C0010&at=59.5,14.1,11&scheme=fisher_jenks&k=4",
    "?ds=demo&mode=compare&year2=2011&ind2=lag_ek_standard&level2=regso",
    "?ds=demo&mode=compare&year2=2015&ind2=eftergymnasial",
    "?ds=demo&mode=change&ind=langtidsarbetsloshet&year=2024&year2=2015&ind2=ignored",
    "?mode=evil&year=abc",
], ids=["map", "compare", "compare-same-indicator", "change", "fallbacks"])
def test_the_address_is_pythons_link_of_the_view_shown(page, live_server, browser_data_dir, link):
    page.goto(live_server + "/" + link)
    wait_for_map(page)
    ds = DatasetStore(browser_data_dir).get("demo").dataset
    params = {k: v[0] for k, v in parse_qs(link[1:]).items()}
    assert "?" + synced_address(page) == presenters.query(presenters.parse_view(params, ds))


# The contract as served, with one parameter renamed, a default and a limit changed: what the
# address and the selection do must follow.
EDITS = [('"name":"area"', '"name":"omr"'), ('"max":8', '"max":2'), ('"default":5', '"default":7')]


def test_names_defaults_and_limits_come_from_the_contract(page, live_server):
    def edited(route):
        response = route.fetch()
        body = response.text()
        for old, new in EDITS:
            assert body.count(old) == 1, old
            body = body.replace(old, new)
        route.fulfill(response=response, body=body)

    page.route(lambda url: urlsplit(url).path == "/", edited)
    page.goto(live_server + "/?ds=demo&ind=eftergymnasial")
    wait_for_map(page)
    for area in ("9999C0010", "9999C0020", "9999C0030"):
        page.mouse.click(*area_point(page, area))
        page.wait_for_function(f"location.search.includes('{area}')")
    query = parse_qs(urlsplit(page.url).query)
    assert query["omr"] == ["9999C0020,9999C0030"], "the renamed parameter, at most two areas"
    assert "area" not in query
    assert query["k"] == ["5"], "5 is no longer the default, so the link names it"


LOADING_FILL = "#e6e6e6"  # atlas.classes.LOADING_FILL: polygons drawn before any values arrived

# Every animation frame, how many polygons of the main map have the loading fill.
SAMPLE_FILLS = """(loading) => {
    const seen = {frames: 0, greyFrames: 0, mostGrey: 0, running: true};
    window.__fillSamples = seen;
    const sample = () => {
        if (!seen.running) { return; }
        let grey = 0;
        atlas.maps.map.layers.forEach((layer) => { if (layer.options.fillColor === loading) { grey += 1; } });
        seen.frames += 1;
        if (grey) { seen.greyFrames += 1; seen.mostGrey = Math.max(seen.mostGrey, grey); }
        requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
}"""


def test_change_mode_keeps_its_colours_while_the_next_pair_loads(page, live_server, browser):
    page.goto(live_server + "/?mode=change&year=2024&year2=2011")
    wait_for_map(page)
    expect(page.locator("#map-title")).to_contain_text("2011–2024")
    assert LOADING_FILL not in page.evaluate(FILLS).values()
    page.evaluate(SAMPLE_FILLS, LOADING_FILL)
    slider = page.get_by_role("slider", name="Till år")
    for year in (2023, 2022, 2021):
        slider.focus()
        page.keyboard.press("ArrowLeft")
        expect(page.locator("#map-title")).to_contain_text(f"2011–{year}")
        page.wait_for_function(f"atlas.maps.map.data && atlas.maps.map.data.years[0] === {year}")
        page.wait_for_timeout(150)  # the frames after the new colours
    samples = page.evaluate("window.__fillSamples.running = false, window.__fillSamples")
    assert samples["frames"] > 20, "frames were sampled"
    assert samples["greyFrames"] == 0, f"{samples['greyFrames']} frames painted up to {samples['mostGrey']} " \
                                       "polygons grey while a new change map loaded"
    # The colours reached in place are those of a page opened at that pair.
    fresh = page.context.new_page()
    fresh.goto(live_server + "/?mode=change&year=2021&year2=2011")
    wait_for_map(fresh)
    assert page.evaluate(FILLS) == fresh.evaluate(FILLS)
    fresh.close()
