"""Keyboard only in every mode and surface, and reflow at 320 px (issue #9, point 4).

``tests/test_browser_keyboard.py`` walks the one-map mode; here the same walk goes through compare
and change mode, the embed view with every control and the presentation view's buttons, and the
full page is laid out at 320 × 640 px (WCAG 1.4.10) in each mode.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from geodata import deck as decks

from .conftest import wait_for_map
from .test_browser_keyboard import ACTIVE, _params, choose_option, open_dropdown, search_area, tab_to

pytestmark = pytest.mark.browser

SLIDER_OF = "(e.getAttribute('role') === 'slider' && e.closest('#{}') !== null)"


def tab_to_slider(page, slider_id: str) -> int:
    """Tab to the thumb of the year slider ``slider_id``; its focus shows; returns its year."""
    tab_to(page, SLIDER_OF.format(slider_id))
    focus_shows(page)
    return int(page.evaluate("document.activeElement.getAttribute('aria-valuenow')"))


def focus_shows(page) -> dict:
    """The focused element, asserting that its focus shows (an outline of at least 1 px)."""
    active = page.evaluate(ACTIVE)
    assert active["tag"] != "BODY", "focus was lost"
    assert active["outline"], f"focus does not show on {active}"
    return active


ACTIVE_IN = """() => { const e = document.activeElement; const owner = e.closest('[id]');
    return [owner ? owner.id : '', e.tagName + '.' + e.className + '.' + (e.getAttribute('aria-label') || '')]; }"""


def stops_with_owner(page, limit: int = 60) -> list[str]:
    """Tab once round the page: the id of the nearest element with an id around each stop, in order.

    Every stop shows its focus; the walk ends when the first stop comes back.
    """
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            continue  # the browser's own stop between the last control and the first
        focus_shows(page)
        stop = tuple(page.evaluate(ACTIVE_IN))
        if stops and stop == stops[0]:
            return [owner for owner, _ in stops]
        stops.append(stop)
    raise AssertionError("Tab never came back to the first stop")


def _wait_for_both(page) -> None:
    wait_for_map(page)
    page.wait_for_function("atlas.maps.mapB && atlas.maps.mapB.painted")


# --- Compare mode -------------------------------------------------------------------------------

def test_compare_mode_the_right_maps_controls_are_reached_and_operated_with_keys(page, live_server):
    page.goto(live_server + "/?ds=demo&mode=compare&year2=2011")
    _wait_for_both(page)
    reached = stops_with_owner(page)
    for control in ("indicator-picker", "level-picker", "year-slider", "indicator-picker-b", "level-picker-b",
                    "year-slider-b", "map", "map-b"):
        assert control in reached, f"{control} is not reached with Tab: {reached}"
    assert reached.index("indicator-picker-b") < reached.index("level-picker-b") < reached.index("year-slider-b")

    # The right map's indicator: open, move with the arrows, choose with Space.
    page.locator("body").focus()
    tab_to(page, "e.id === 'indicator-picker-b'")
    focus_shows(page)
    open_dropdown(page)
    choose_option(page, "lag_ek_standard")
    page.wait_for_url("**ind2=lag_ek_standard**")
    _wait_for_both(page)
    expect(page.locator("#map-title-b")).to_contain_text("Låg ekonomisk standard")
    expect(page.locator("#map-title")).to_contain_text("Eftergymnasial")

    # Its level: a radio group moves with the arrows.
    tab_to(page, "e.name === 'level-picker-b'")
    focus_shows(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**level2=regso**")
    _wait_for_both(page)
    assert _params(page)["level"] == "deso", "the left map's level stays"

    # Its year: arrows, End and Home.
    assert tab_to_slider(page, "year-slider-b") == 2011
    page.keyboard.press("ArrowRight")
    page.wait_for_function("new URLSearchParams(location.search).get('year2') === '2012'")
    expect(page.locator("#map-title-b")).to_contain_text("2012")
    page.keyboard.press("End")
    page.wait_for_function("new URLSearchParams(location.search).get('year2') === '2024'")
    expect(page.locator("#map-title-b")).to_contain_text("2024")
    page.keyboard.press("Home")
    page.wait_for_function("new URLSearchParams(location.search).get('year2') === '2011'")
    expect(page.locator("#map-title-b")).to_contain_text("2011")
    expect(page.locator("#map-title")).to_contain_text("2024")
    params = _params(page)
    assert params["ind2"] == "lag_ek_standard" and params["level2"] == "regso" and params["mode"] == "compare"


# --- Change mode --------------------------------------------------------------------------------

def test_change_mode_both_years_and_play_are_operated_with_keys(page, live_server):
    page.goto(live_server + "/?ds=demo&mode=change&ind=lag_ek_standard")
    wait_for_map(page)
    reached = stops_with_owner(page)
    for control in ("year-slider-b", "play-button", "year-slider", "indicator-picker", "level-picker", "map"):
        assert control in reached, f"{control} is not reached with Tab: {reached}"
    assert reached.index("year-slider-b") < reached.index("year-slider"), "from comes before to"
    first_title = page.locator("#map-title").inner_text()
    first_legend = page.locator("#legend").inner_text()

    # From: one year later, then the first year again.
    page.locator("body").focus()
    start = tab_to_slider(page, "year-slider-b")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"new URLSearchParams(location.search).get('year2') === '{start + 1}'")
    expect(page.locator("#map-title")).to_contain_text(f"{start + 1}–")
    expect(page.locator("#map-title")).not_to_have_text(first_title)
    page.wait_for_function("(t) => document.getElementById('legend').innerText !== t", arg=first_legend)

    # To: one year earlier with the arrows, then back to the last with End.
    end = tab_to_slider(page, "year-slider")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"new URLSearchParams(location.search).get('year') === '{end - 1}'")
    expect(page.locator("#map-title")).to_contain_text(f"{start + 1}–{end - 1}")
    page.keyboard.press("End")
    expect(page.locator("#map-title")).to_contain_text(f"{start + 1}–{end}")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.closest('#year-slider-b') !== null")
    page.keyboard.press("Home")
    page.wait_for_function(f"new URLSearchParams(location.search).get('year2') === '{start}'")
    expect(page.locator("#map-title")).to_contain_text(f"{start}–{end}")

    # Play with Space, pause with Enter.
    tab_to(page, "e.id === 'play-button'")
    focus_shows(page)
    page.keyboard.press("Space")
    expect(page.locator("#play-button")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")
    expect(page.locator("#play-button")).to_have_attribute("aria-pressed", "false")
    assert _params(page)["mode"] == "change" and _params(page)["ind"] == "lag_ek_standard"


# --- The embed view -----------------------------------------------------------------------------

def test_the_embed_view_with_every_control_is_walked_and_operated_with_keys(page, live_server):
    page.set_viewport_size({"width": 800, "height": 700})
    page.goto(live_server + "/embed?ds=demo&controls=indicator,level,search,mode")
    wait_for_map(page)
    reached = stops_with_owner(page)
    order = ["indicator-picker", "level-picker", "mode-picker", "area-search", "map", "play-button",
             "year-slider", "table-toggle", "embed-open-full"]
    positions = [reached.index(c) if c in reached else -1 for c in order]
    assert -1 not in positions, f"not every control is reached with Tab: {reached}"
    assert positions == sorted(positions), f"the controls are reached out of order: {reached}"

    # An area, chosen with the search box and the keyboard.
    page.locator("body").focus()
    search_area(page, "Centrum")
    page.keyboard.press("Escape")
    expect(page.locator("#area-heading")).to_be_visible()

    # The year: arrows and Home.
    assert tab_to_slider(page, "year-slider") == 2024
    page.keyboard.press("Home")
    page.wait_for_function("new URLSearchParams(location.search).get('year') === '2011'")
    expect(page.locator("#map-title")).to_contain_text("2011")

    # "Visa som tabell" shows and hides the table twin.
    tab_to(page, "e.id === 'table-toggle'")
    focus_shows(page)
    page.keyboard.press("Enter")
    expect(page.locator("#table-toggle")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#map-table")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator("#table-toggle")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#map-table")).to_be_hidden()

    # "Öppna i Segregationsatlas" is reached (opening a tab is tests/test_browser_embed.py's).
    tab_to(page, "e.id === 'embed-open-full'")
    focus_shows(page)
    assert "area=" in page.locator("#embed-open-full").get_attribute("href")

    # The level, then the indicator: each loads the embed for the new address.
    tab_to(page, "e.name === 'level-picker'")
    focus_shows(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**level=regso**")
    wait_for_map(page)
    assert urlsplit(page.url).path == "/embed"
    page.locator("body").focus()
    tab_to(page, "e.id === 'indicator-picker'")
    open_dropdown(page)
    choose_option(page, "forgymnasial")
    page.wait_for_url("**ind=forgymnasial**")
    wait_for_map(page)
    expect(page.locator("#map-title")).to_contain_text("Förgymnasial")

    # The mode: a radio group.
    page.locator("body").focus()
    tab_to(page, "e.name === 'mode-picker'")
    focus_shows(page)
    page.keyboard.press("ArrowDown")
    page.wait_for_url("**mode=compare**")
    wait_for_map(page)
    params = _params(page)
    assert params.get("controls") == "indicator,level,search,mode" and params["level"] == "regso", page.url
    assert urlsplit(page.url).path == "/embed"


# --- The presentation view ----------------------------------------------------------------------

def test_the_presentation_buttons_are_reached_with_tab_and_the_keys_dialog_closes(page, live_server):
    deck = decks.Deck("Nämnden", (decks.Slide("?ds=demo&ind=eftergymnasial", "Ett", ""),
                                  decks.Slide("?ds=demo&ind=forgymnasial", "Två", "")))
    page.goto(live_server + f"/present?ds=demo&ind=eftergymnasial#deck={decks.encode(deck)}&slide=1")
    wait_for_map(page)
    reached = stops_with_owner(page)
    for control in ("present-next", "present-fullscreen", "present-help-button", "present-leave",
                    "year-slider", "play-button"):
        assert control in reached, f"{control} is not reached with Tab: {reached}"

    # The keys dialog: opened with Enter on its button, closed with Esc; focus comes back.
    page.locator("body").focus()
    tab_to(page, "e.id === 'present-help-button'")
    page.keyboard.press("Enter")
    expect(page.locator("#present-help")).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(page.locator("#present-help")).not_to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.id") == "present-help-button"
    focus_shows(page)
    assert urlsplit(page.url).path == "/present", "Esc in the dialog closes it and stays"

    # Opened again, closed by its own button with Enter.
    page.keyboard.press("Enter")
    expect(page.locator("#present-help")).to_have_attribute("open", "")
    tab_to(page, "e.id === 'present-help-close'", limit=10)
    focus_shows(page)
    page.keyboard.press("Enter")
    expect(page.locator("#present-help")).not_to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.id") == "present-help-button"

    # Next slide with Enter on its button; previous comes back with it.
    tab_to(page, "e.id === 'present-next'")
    focus_shows(page)
    page.keyboard.press("Enter")
    expect(page.locator("#map-title")).to_contain_text("Förgymnasial")
    expect(page.locator("#present-previous")).to_be_visible()
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.id") == "present-previous":
            break
    focus_shows(page)
    assert page.evaluate("document.activeElement.id") == "present-previous"
    page.keyboard.press("Enter")
    expect(page.locator("#map-title")).to_contain_text("Eftergymnasial")


# --- Reflow at 320 px ---------------------------------------------------------------------------

OUTSIDE = """() => {
    const width = innerWidth, out = [];
    const controls = 'button, input:not([type=hidden]), select, a[href], summary, [role=slider], [tabindex="0"],'
        + ' .dash-dropdown, #legend, #legend-b, .legend-list li, .control-label, .map-title';
    for (const e of document.querySelectorAll(controls)) {
        if (e.closest('[hidden], dialog:not([open]), details:not([open]) > :not(summary), .visually-hidden, .skip-link')) {
            continue;
        }
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) { continue; }
        if (r.left < -0.5 || r.right > width + 0.5) {
            out.push(`${e.tagName}#${e.id}.${String(e.className).slice(0, 30)}: ${Math.round(r.left)}–${Math.round(r.right)}`);
        }
    }
    return out;
}"""


@pytest.mark.parametrize("query", ["?ds=demo", "?ds=demo&mode=compare&year2=2011",
                                   "?ds=demo&mode=change&ind=lag_ek_standard"])
def test_the_full_page_reflows_at_320_pixels_in_every_mode(page, live_server, query):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + "/" + query)
    wait_for_map(page)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    assert page.evaluate(OUTSIDE) == [], "controls outside the viewport's width"
    for map_id in ("map", "map-b") if "compare" in query else ("map",):
        box = page.locator(f"#{map_id}").bounding_box()
        assert box["height"] >= 240 and box["x"] >= 0 and box["x"] + box["width"] <= 320, f"#{map_id}: {box}"
    expect(page.locator("#legend")).to_be_visible()
    # What opens from a control stays inside the width too: the download menu and the dropdowns.
    page.locator("#export-menu-summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#export-csv")).to_be_visible()
    assert page.evaluate(OUTSIDE) == [], "the open download menu leaves the viewport"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.evaluate("document.getElementById('export-menu-summary').parentElement.open = false")
    page.locator("#indicator-picker").focus()
    open_dropdown(page)
    box = page.locator(".dash-dropdown-content").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320.5, f"the indicator's options: {box}"
    page.keyboard.press("Escape")
