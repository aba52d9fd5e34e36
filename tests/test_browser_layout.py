"""The full view's map keeps its place: whole in the window, and as tall whatever the side panels hold (#13.6)."""

import pytest

from .conftest import wait_for_map

pytestmark = pytest.mark.browser

MAP_BOX = """() => { const r = document.getElementById('map').getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, height: r.height, inner: innerHeight}; }"""


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_map_fits_the_window_and_keeps_its_height_when_the_panels_grow(browser, live_server, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(live_server + "/?ds=demo&ind=lag_ek_standard")
        wait_for_map(page)
        before = page.evaluate(MAP_BOX)
        assert before["bottom"] <= before["inner"] + 0.5, before
        assert before["height"] >= 0.6 * before["inner"], before
        areas = page.evaluate("[...atlas.maps.map.layers.keys()].slice(0, 3).join(',')")
        page.goto(live_server + f"/?ds=demo&ind=lag_ek_standard&area={areas}")
        wait_for_map(page)
        page.wait_for_selector("#area-panel .js-plotly-plot, #area-panel svg", timeout=20000)
        page.click("#distribution summary")
        page.wait_for_timeout(500)
        # The side panels are now taller than the window; the map is not.
        assert page.evaluate("document.documentElement.scrollHeight") > 1.5 * before["inner"]
        after = page.evaluate(MAP_BOX)
        assert abs(after["height"] - before["height"]) < 1 and after["bottom"] <= after["inner"] + 0.5, after
        # Scrolled down to the panels' end, the map is still in view.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(100)
        scrolled = page.evaluate(MAP_BOX)
        assert scrolled["top"] >= -0.5 and scrolled["bottom"] <= scrolled["inner"] + 0.5, scrolled
    finally:
        context.close()


def test_on_a_phone_a_focused_map_tool_shows_its_whole_outline(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(live_server + "/?ds=demo")
        wait_for_map(page)
        page.focus("#table-toggle")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        ring = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {id: e.id, left: e.getBoundingClientRect().left,
                    reach: parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset)}; }""")
        assert ring["id"] == "table-toggle"
        # The outline is drawn outside the button: its left side must lie inside the window.
        assert ring["left"] - ring["reach"] >= 0, ring
    finally:
        context.close()
