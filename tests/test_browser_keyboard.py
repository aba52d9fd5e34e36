"""Keyboard only: Tab reaches every control, each is operated with keys, focus always shows,
and Dash's own widgets speak the page's language."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import wait_for_map

pytestmark = pytest.mark.browser

ACTIVE = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    return {id: e.id, tag: e.tagName, name: e.getAttribute('name'), cls: String(e.className),
            text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
            ring: style.boxShadow !== 'none' || style.borderColor !== ''};
}"""


def _params(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def open_dropdown(page) -> None:
    """Enter on a focused dropdown, then wait for its options (keys sent earlier would be lost)."""
    page.keyboard.press("Enter")
    page.locator(".dash-dropdown-options").wait_for()
    page.wait_for_function("document.activeElement.closest('.dash-dropdown-options, .dash-dropdown-search-container')"
                           " !== null || document.activeElement.classList.contains('dash-dropdown-search')")


def choose_option(page, value: str) -> None:
    """In an open dropdown, move to the option ``value`` with the arrow keys and check it with Space.

    The list moves focus a frame after each key, so every press waits for the focus to settle.
    """
    position = page.evaluate("""(v) => [...document.querySelectorAll('.dash-dropdown-options input')]
        .findIndex(i => i.value === v)""", value)
    assert position >= 0, f"no option {value}"
    for _ in range(40):
        page.wait_for_timeout(60)
        now = page.evaluate("""() => [...document.querySelectorAll('.dash-dropdown-options input')]
            .indexOf(document.activeElement)""")
        if now == position:
            break
        page.keyboard.press("ArrowDown" if now < position else "ArrowUp")
    assert page.evaluate("document.activeElement.value") == value, f"no option {value} reached with the arrows"
    page.keyboard.press("Space")  # the option is a native radio: Space checks it


def search_area(page, name: str) -> None:
    """Tab to the area search, type ``name``, go down to the first match and tick it with Space."""
    tab_to(page, "e.id === 'area-search'")
    open_dropdown(page)
    page.keyboard.type(name)
    page.locator(".dash-dropdown-options").get_by_text(name).first.wait_for()
    for _ in range(5):  # from the search box down into the matching options
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.classList.contains('dash-options-list-option-checkbox')"):
            break
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('area=')")


def tab_to(page, test: str, limit: int = 60) -> dict:
    """Press Tab until the focused element passes ``test`` (a JS predicate of the element)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => {test})(document.activeElement)"):
            return page.evaluate(ACTIVE)
    raise AssertionError(f"Tab never reached {test}")


def test_tab_reaches_every_control_and_focus_always_shows(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if stops and active["cls"] == "skip-link":
            break
        stops.append(active)
    reached = {s["id"] or s["name"] or (s["cls"].split() or [s["tag"]])[0] for s in stops}
    for control in ("lang-link", "mode-picker", "indicator-picker", "level-picker", "scheme-picker",
                    "play-button", "dash-slider-thumb", "area-search", "table-toggle", "embed-button",
                    "export-menu-summary", "map", "distribution-summary", "a11y-link"):
        assert control in reached, f"{control} is not reached with Tab: {sorted(reached)}"
    unseen = [s for s in stops if s["tag"] != "BODY" and not s["outline"]]
    assert unseen == [], f"focus does not show on {unseen}"


def test_every_control_is_operated_with_keys_alone(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    # Indicator: open, move, choose.
    tab_to(page, "e.id === 'indicator-picker'")
    open_dropdown(page)
    choose_option(page, "forgymnasial")
    page.wait_for_url("**ind=forgymnasial**")
    wait_for_map(page)
    # Level: a radio group moves with the arrows.
    tab_to(page, "e.name === 'level-picker'")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**level=regso**")
    wait_for_map(page)
    # Classification.
    tab_to(page, "e.id === 'scheme-picker'")
    open_dropdown(page)
    choose_option(page, "fisher_jenks")
    page.wait_for_function("location.search.includes('scheme=fisher_jenks')")
    wait_for_map(page)
    # Year: arrows, Home and End.
    tab_to(page, "e.getAttribute('role') === 'slider'")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("location.search.includes('year=2023')")
    page.keyboard.press("Home")
    page.wait_for_function("location.search.includes('year=2011')")
    page.keyboard.press("End")
    page.wait_for_function("!location.search.includes('year=2011')")
    expect(page.locator("#map-title")).to_contain_text("2024")
    # Play and pause with Enter.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "play-button"
    page.keyboard.press("Enter")
    expect(page.locator("#play-button")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")
    expect(page.locator("#play-button")).to_have_attribute("aria-pressed", "false")
    # An area, chosen with the search box and the keyboard.
    search_area(page, "Centrum")
    page.keyboard.press("Escape")
    expect(page.locator("#area-heading")).to_be_visible()
    # Mode: the radio group of modes.
    page.keyboard.press("Home")  # harmless outside the slider
    tab_to(page, "e.name === 'mode-picker'")
    page.keyboard.press("ArrowDown")
    page.wait_for_url("**mode=compare**")
    wait_for_map(page)
    assert _params(page)["level"] == "regso"
    # The language link.
    tab_to(page, "e.id === 'lang-link'")
    page.keyboard.press("Enter")
    page.wait_for_url("**lang=en**")
    wait_for_map(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_dropdowns_speak_swedish_in_the_swedish_page(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.locator("#area-search").click()
    expect(page.get_by_role("button", name="Välj alla")).to_be_visible()
    page.keyboard.type("zzzz")
    expect(page.get_by_text("Inga träffar")).to_be_visible()
    body = page.locator("body").inner_text()
    for english in ("Select All", "Deselect All", "No options found", "selected", "Zoom in"):
        assert english not in body
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zooma in"


def test_select_all_keeps_at_most_eight_areas_and_says_why(page, live_server):
    page.goto(live_server + "/?ds=demo")
    wait_for_map(page)
    page.locator("#area-search").click()
    page.get_by_role("button", name="Välj alla").click()
    page.keyboard.press("Escape")
    page.wait_for_function("new URLSearchParams(location.search).get('area')?.split(',').length === 8")
    expect(page.locator("#area-cap-note")).to_have_text("Högst 8 områden kan väljas samtidigt.")
    expect(page.locator("#area-heading")).to_have_text("8 valda områden", timeout=20000)
