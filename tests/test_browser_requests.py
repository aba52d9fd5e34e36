"""A year change sends nothing: stepping and playing the years make no request at all."""

import pytest
from playwright.sync_api import expect

from .conftest import wait_for_map

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("link", ["/?ds=demo&ind=eftergymnasial&year=2021",
                                  "/?ds=demo&ind=eftergymnasial&year=2021&mode=compare&year2=2011"])
def test_year_steps_and_playback_make_no_request(page, live_server, link):
    page.goto(live_server + link)
    wait_for_map(page)
    page.wait_for_load_state("networkidle")
    sent = []
    # Chromium asks for the tab's icon again when the address changes (the year is in it); that is
    # the browser's own doing and is answered from its cache, not a request of the dashboard's.
    page.on("request", lambda request: None if "favicon" in request.url
            else sent.append(f"{request.method} {request.url}"))
    thumb = page.get_by_role("slider", name="År").first
    thumb.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#map-title")).to_contain_text("2019")
    page.locator("#play-button").click()
    expect(page.locator("#play-button")).to_have_attribute("aria-pressed", "false", timeout=15000)
    expect(page.locator("#map-title")).to_contain_text("2024")
    page.wait_for_timeout(300)
    assert sent == [], "a year change is drawn from what the browser already has"


def test_the_open_distribution_follows_the_year(page, live_server):
    page.goto(live_server + "/?ds=demo&ind=eftergymnasial&year=2021")
    wait_for_map(page)
    page.locator("#distribution-summary").click()
    expect(page.locator("#distribution-body caption")).to_contain_text("2021")
    page.get_by_role("slider", name="År").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#distribution-body caption")).to_contain_text("2022")
