"""WCAG 2.1 A and AA rules checked by axe-core on every mode, in both languages."""

import json

import pytest

from .conftest import REPO, wait_for_map

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core not found at {AXE}: run `make install-dev` (npm ci)")
    return AXE.read_text(encoding="utf-8")


def violations(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: %s}})" % json.dumps(WCAG))
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]]


@pytest.mark.parametrize("query", [
    "/?ds=demo&area=9999C0090",
    "/?ds=demo&lang=en&mode=compare&year2=2011",
    "/?ds=demo&mode=change&ind=langtidsarbetsloshet",
    "/?ds=hostile&lang=en&area=d01",
])
def test_no_wcag_violations(page, live_server, axe_source, query):
    page.goto(live_server + query)
    wait_for_map(page)
    page.locator("#distribution-summary").click()
    page.locator("#distribution-chart-0 canvas").wait_for()
    page.locator("#distribution-chart-table-0 summary").click()  # the table twin, paged
    page.locator("#export-menu > summary").click()  # every download choice
    assert violations(page, axe_source) == []


def test_no_wcag_violations_with_a_dropdown_open(page, live_server, axe_source):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.locator("#area-search").focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Sjö")
    assert violations(page, axe_source) == []
