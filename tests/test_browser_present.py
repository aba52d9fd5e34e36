"""The presentation view as a council meeting uses it: on projectors' screens, with a clicker, from a deck."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from geodata import deck as decks
from geodata import store
from geodata.demo import build_demo
from layouts import ids

from .builders import grid_dataset
from .conftest import ConsoleLog, running_gunicorn, wait_for_map
from .test_browser_a11y import axe_source, violations  # noqa: F401 (a fixture)
from .test_browser_labels import assert_well_placed, labels_of, wait_for_labels

pytestmark = pytest.mark.browser

#: Years with a gap: 2015 → 2016 is one step, 2011 → 2015 another.
GAPPED_YEARS = (2011, 2015, 2016, 2024)
SCREENS = [(1920, 1080), (1280, 720), (1024, 768)]


@pytest.fixture(scope="module")
def present_server(tmp_path_factory):
    """The demo and a dataset whose years have gaps, served by a real gunicorn."""
    root = tmp_path_factory.mktemp("present-data")
    store.publish(build_demo(), root)
    store.publish(grid_dataset(name="gles", years=GAPPED_YEARS, title="Glesstad"), root)
    with running_gunicorn(root) as base:
        yield base


@pytest.fixture()
def screen(browser, request):
    """A page at a projector's size (``request.param``); the console must stay clean."""
    width, height = getattr(request, "param", (1280, 720))
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE", bypass_csp=True,
                                  accept_downloads=True)
    pg = context.new_page()
    log = ConsoleLog()
    pg.on("console", lambda msg: log.append((msg.type, msg.text)))
    pg.on("pageerror", lambda err: log.append(("pageerror", str(err))))
    yield pg
    context.close()
    assert log.problems() == [], "browser console must stay free of errors"


def deck_of(*slides: tuple[str, str]) -> decks.Deck:
    return decks.Deck("Kommunstyrelsen", tuple(decks.Slide(view, title, f"Anteckning {i}")
                                               for i, (view, title) in enumerate(slides, start=1)))


def open_present(pg, base: str, deck: decks.Deck | None = None, slide: int = 1, query: str | None = None):
    view = query if query is not None else deck.slides[slide - 1].view
    address = f"{base}/present{view}" + (f"#deck={decks.encode(deck)}&slide={slide}" if deck else "")
    pg.goto(address)
    wait_for_map(pg)
    pg.wait_for_function(f"document.getElementById('{ids.PRESENT_YEAR}').textContent.length > 0")


def box(pg, selector: str) -> dict:
    return pg.evaluate("""(s) => { const r = document.querySelector(s).getBoundingClientRect();
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; }""",
                       selector)


def font_px(pg, selector: str) -> float:
    return pg.evaluate("(s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector)


def shown(pg) -> dict:
    return pg.evaluate(f"""() => ({{
        counter: document.getElementById('{ids.PRESENT_COUNTER}').textContent,
        slideTitle: document.getElementById('{ids.PRESENT_SLIDE_TITLE}').textContent,
        title: document.getElementById('{ids.MAP_TITLE}').textContent,
        year: document.getElementById('{ids.PRESENT_YEAR}').textContent,
        mapYear: atlas.maps.map.year,
        search: location.search, hash: location.hash}})""")


@pytest.mark.parametrize("screen", SCREENS, indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_each_projector_the_texts_read_from_the_back_and_nothing_is_cut_off(screen, present_server):
    width, height = screen.viewport_size["width"], screen.viewport_size["height"]
    open_present(screen, present_server, query="?ds=demo&ind=lag_ek_standard&year=2020")
    scale = min(width / 1920, height / 1080)
    # At 1920×1080 title ≥ 40 px, year ≥ 64 px, legend ≥ 20 px; in proportion on smaller screens.
    assert font_px(screen, ".present-title") >= 40 * scale - 0.1
    assert font_px(screen, f"#{ids.PRESENT_YEAR}") >= 64 * scale - 0.1
    assert font_px(screen, ".present-legend .legend-list li") >= 20 * scale - 0.1
    if (width, height) == (1920, 1080):
        assert font_px(screen, ".present-title") == 40 and font_px(screen, f"#{ids.PRESENT_YEAR}") == 64
    # Everything the room must read lies inside the screen, and the map fills what the texts leave.
    for selector in (".present-heading", f"#{ids.PRESENT_YEAR}", ".present-legend", f"#{ids.FOOTER_SOURCE}",
                     ".present-bar", f"#{ids.PRESENT_FULLSCREEN}", f"#{ids.PRESENT_LEAVE}"):
        b = box(screen, selector)
        assert b["width"] > 0 and 0 <= b["left"] and b["right"] <= width and 0 <= b["top"] and b["bottom"] <= height, \
            (selector, b)
    assert screen.evaluate("document.documentElement.scrollHeight <= innerHeight && "
                           "document.documentElement.scrollWidth <= innerWidth")
    the_map = box(screen, f"#{ids.MAP}")
    assert the_map["width"] == width and the_map["height"] > 0.8 * height
    # No side panels: the full page's controls and panels are not shown.
    assert screen.locator(f"#{ids.AREA_PANEL}").is_hidden()
    assert screen.locator(".control-panel, .area-panel").count() == 0
    # District names are on by default, never over each other or under the heading, year and legend.
    wait_for_labels(screen)
    drawn = labels_of(screen)
    assert_well_placed(drawn)
    for overlay in (".present-heading", f"#{ids.PRESENT_YEAR}", ".present-legend"):
        o = box(screen, overlay)
        for b in drawn["boxes"]:
            assert b["right"] <= o["left"] or o["right"] <= b["left"] or b["bottom"] <= o["top"] \
                or o["bottom"] <= b["top"], (b["name"], overlay)


def test_a_clicker_steps_through_slides_and_years_and_nothing_else_reacts(screen, present_server):
    deck = deck_of(("?ds=demo&ind=lag_ek_standard&year=2024", "Låg ekonomisk standard i dag"),
                   ("?ds=demo&ind=lag_ek_standard&year=2015", "Samma för tio år sedan"),
                   ("?ds=demo&ind=eftergymnasial&year=2020", "Utbildning"))
    open_present(screen, present_server, deck)
    first = shown(screen)
    assert first["counter"] == "Bild 1 av 3" and first["slideTitle"] == "Låg ekonomisk standard i dag"
    assert first["year"] == "2024" and first["mapYear"] == 2024
    centre = screen.evaluate("() => atlas.maps.map.leaflet.getCenter()")
    # Page Down: the next slide in place (same level: the geometry is not fetched again).
    geo_requests = []
    screen.on("request", lambda r: geo_requests.append(r.url) if "/geo/" in r.url else None)
    screen.keyboard.press("PageDown")
    expect(screen.locator(f"#{ids.PRESENT_COUNTER}")).to_have_text("Bild 2 av 3")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2015")
    expect(screen.locator(f"#{ids.MAP_TITLE}")).to_contain_text("(2015)")
    assert "year=2015" in screen.evaluate("location.search") and "slide=2" in screen.evaluate("location.hash")
    # Arrows step the year (one year, not ten), Home and End go to the ends.
    screen.keyboard.press("ArrowLeft")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2014")
    screen.keyboard.press("ArrowRight")
    screen.keyboard.press("ArrowRight")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2016")
    screen.keyboard.press("Home")
    expect(screen.locator(f"#{ids.MAP_TITLE}")).to_contain_text("(2011)")
    screen.keyboard.press("End")
    expect(screen.locator(f"#{ids.MAP_TITLE}")).to_contain_text("(2024)")
    # The map did not pan with the arrows.
    assert screen.evaluate("() => atlas.maps.map.leaflet.getCenter()") == centre
    # Another indicator on the same level: in place too, and its finding shows.
    screen.keyboard.press("PageDown")
    expect(screen.locator(f"#{ids.PRESENT_COUNTER}")).to_have_text("Bild 3 av 3")
    expect(screen.locator(f"#{ids.MAP_TITLE}")).to_contain_text("Eftergymnasial")
    expect(screen.locator(f"#{ids.MAP_TITLE}")).to_contain_text("(2020)")
    expect(screen.locator(f"#{ids.PRESENT_FINDING}")).to_contain_text("2020")
    assert geo_requests == []
    # Past the last slide nothing happens; Page Up goes back.
    screen.keyboard.press("PageDown")
    expect(screen.locator(f"#{ids.PRESENT_COUNTER}")).to_have_text("Bild 3 av 3")
    screen.keyboard.press("PageUp")
    expect(screen.locator(f"#{ids.PRESENT_COUNTER}")).to_have_text("Bild 2 av 3")
    # B blanks the screen and back; ? lists the keys, Esc closes the list.
    screen.keyboard.press("b")
    expect(screen.locator(f"#{ids.PRESENT_BLANK}")).to_be_visible()
    screen.keyboard.press("PageDown")  # a blank screen stays blank
    expect(screen.locator(f"#{ids.PRESENT_COUNTER}")).to_have_text("Bild 2 av 3")
    screen.keyboard.press(".")
    expect(screen.locator(f"#{ids.PRESENT_BLANK}")).to_be_hidden()
    screen.keyboard.press("Shift+?")
    expect(screen.locator(f"#{ids.PRESENT_HELP}")).to_be_visible()
    expect(screen.locator(f"#{ids.PRESENT_HELP}")).to_contain_text("Page Down")
    screen.keyboard.press("Escape")
    expect(screen.locator(f"#{ids.PRESENT_HELP}")).to_be_hidden()
    # Esc leaves for the full dashboard at the same view.
    screen.keyboard.press("Escape")
    screen.wait_for_url("**/?ds=demo**")
    assert "/present" not in screen.url and "ind=lag_ek_standard" in screen.url


def test_arrows_and_play_step_only_through_years_with_data(screen, present_server):
    open_present(screen, present_server, query="?ds=gles&ind=lowinc&year=2015")
    screen.keyboard.press("ArrowRight")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2016")
    screen.keyboard.press("ArrowRight")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2024")
    screen.keyboard.press("ArrowLeft")
    screen.keyboard.press("ArrowLeft")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2015")
    screen.keyboard.press("Home")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2011")
    # Space plays: the years that follow come one by one, then it stops at the last.
    seen = []
    screen.expose_function("__seen", lambda text: seen.append(text))
    screen.evaluate(f"""() => new MutationObserver(() => window.__seen(
        document.getElementById('{ids.PRESENT_YEAR}').textContent)).observe(
        document.getElementById('{ids.PRESENT_YEAR}'), {{childList: true, characterData: true, subtree: true}})""")
    screen.keyboard.press(" ")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2024", timeout=15000)
    assert [y for y in dict.fromkeys(seen)] == ["2015", "2016", "2024"]
    expect(screen.locator(f"#{ids.PLAY}")).to_have_attribute("aria-pressed", "false")


def test_space_plays_the_later_year_of_a_change_map(screen, present_server):
    open_present(screen, present_server, query="?ds=demo&ind=lag_ek_standard&mode=change&year2=2011&year=2021")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2011–2021")
    screen.keyboard.press(" ")
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2011–2022", timeout=15000)
    screen.keyboard.press(" ")  # pause
    expect(screen.locator(f"#{ids.PLAY}")).to_have_attribute("aria-pressed", "false")


def test_a_slide_whose_data_is_gone_says_so_and_the_others_work(screen, present_server):
    deck = deck_of(("?ds=demo&ind=lag_ek_standard&year=2024", "Fungerar"),
                   ("?ds=demo&ind=borttagen_indikator", "Trasig"),
                   ("?ds=nedlagd&ind=lag_ek_standard", "Också trasig"),
                   ("?ds=gles&ind=lowinc&year=2016", "Fungerar också"))
    open_present(screen, present_server, deck)
    screen.keyboard.press("PageDown")
    problem = screen.locator(f"#{ids.PRESENT_PROBLEM}")
    expect(problem).to_contain_text("indikatorn ”borttagen_indikator”")
    expect(screen.locator(f"#{ids.PRESENT_SLIDE_TITLE}")).to_have_text("Trasig")
    # The map it fell back to is not shown as if it were the slide.
    assert screen.evaluate(f"getComputedStyle(document.querySelector('#{ids.PRESENT_STAGE} .map-frame')).visibility")\
        == "hidden"
    screen.keyboard.press("PageDown")
    expect(screen.locator(f"#{ids.PRESENT_PROBLEM}")).to_contain_text("datasetet ”nedlagd”")
    screen.keyboard.press("PageDown")
    expect(screen.locator(f"#{ids.PRESENT_COUNTER}")).to_have_text("Bild 4 av 4")
    expect(screen.locator(f"#{ids.PRESENT_PROBLEM}")).to_have_count(0)
    expect(screen.locator(f"#{ids.PRESENT_YEAR}")).to_have_text("2016")


def test_a_deck_made_in_the_full_view_round_trips_through_its_link_and_its_file(screen, present_server, tmp_path):
    screen.goto(f"{present_server}/?ds=demo&ind=lag_ek_standard&year=2015")
    wait_for_map(screen)
    screen.evaluate("localStorage.clear()")
    screen.click(f"#{ids.DECK_ADD}")
    expect(screen.locator(f"#{ids.DECK_OPEN}")).to_have_text("Presentation (1)")
    screen.goto(f"{present_server}/?ds=demo&ind=eftergymnasial&year=2020")
    wait_for_map(screen)
    screen.click(f"#{ids.DECK_ADD}")
    screen.click(f"#{ids.DECK_OPEN}")
    dialog = screen.locator(f"#{ids.DECK_DIALOG}")
    expect(dialog).to_be_visible()
    screen.fill(f"#{ids.DECK_TITLE}", "Kommunstyrelsen 12 maj")
    screen.fill(f"#{ids.DECK_LIST}-1-note", "Jämför med utbildningen")
    screen.fill(f"#{ids.DECK_LIST}-2-title", "Utbildningsnivå")
    # Reorder with the keyboard: the second slide up; focus follows it.
    screen.focus(f"#{ids.DECK_LIST}-2-up")
    screen.keyboard.press("Enter")
    expect(screen.locator(f"#{ids.DECK_LIST}-1-title")).to_have_value("Utbildningsnivå")
    expect(screen.locator(f"#{ids.DECK_STATUS}")).to_have_text("Bild 2 är nu bild 1.")
    # Saved as a small file that geodata.deck reads back.
    with screen.expect_download() as download:
        screen.click(f"#{ids.DECK_SAVE}")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "kommunstyrelsen-12-maj.atlas-deck.json" and saved.stat().st_size < 2000
    from_file = decks.read_file(saved)
    assert [s.title for s in from_file.slides] == ["Utbildningsnivå", "Låg ekonomisk standard"]
    assert from_file.slides[1].note == "Jämför med utbildningen" and from_file.title == "Kommunstyrelsen 12 maj"
    # Emptied, then opened again from the file.
    screen.click(f"#{ids.DECK_CLEAR}")
    expect(screen.locator(f"#{ids.DECK_OPEN}")).to_have_text("Presentation (0)")
    screen.set_input_files(f"#{ids.DECK_FILE}", str(saved))
    expect(screen.locator(f"#{ids.DECK_STATUS}")).to_contain_text("Kommunstyrelsen 12 maj (2 bilder)")
    expect(screen.locator(f"#{ids.DECK_OPEN}")).to_have_text("Presentation (2)")
    # A damaged file is refused with the file, the field and the rule named; the deck stays.
    bad = tmp_path / "trasig.json"
    bad.write_text(json.dumps({"format": decks.FORMAT, "version": 1, "slides": [{"view": "ingen länk"}]}),
                   encoding="utf-8")
    screen.set_input_files(f"#{ids.DECK_FILE}", str(bad))
    expect(screen.locator(f"#{ids.DECK_STATUS}")).to_contain_text("trasig.json: slides[1].view är ingen länk")
    expect(screen.locator(f"#{ids.DECK_OPEN}")).to_have_text("Presentation (2)")
    # Shown: the presentation view with the deck in its address, which alone carries it.
    screen.click(f"#{ids.DECK_SHOW}")
    screen.wait_for_url("**/present?**")
    wait_for_map(screen)
    expect(screen.locator(f"#{ids.PRESENT_SLIDE_TITLE}")).to_have_text("Utbildningsnivå")
    link = screen.url
    assert decks.decode(link.split("#deck=")[1].split("&")[0]) == from_file
    fresh = screen.context.browser.new_context(viewport={"width": 1280, "height": 720}, bypass_csp=True)
    try:
        other = fresh.new_page()
        other.goto(link)
        wait_for_map(other)
        other.keyboard.press("PageDown")
        expect(other.locator(f"#{ids.PRESENT_COUNTER}")).to_have_text("Bild 2 av 2")
        expect(other.locator(f"#{ids.PRESENT_NOTE}")).to_have_text("Jämför med utbildningen")
        # Its title is the indicator's name, which the map's title already says: not said twice.
        expect(other.locator(f"#{ids.PRESENT_SLIDE_TITLE}")).to_be_hidden()
        expect(other.locator(f"#{ids.MAP_TITLE}")).to_have_text("Låg ekonomisk standard (2015)")
    finally:
        fresh.close()


def test_the_full_screen_button_uses_the_fullscreen_api(screen, present_server):
    open_present(screen, present_server, query="?ds=demo&ind=lag_ek_standard")
    button = screen.locator(f"#{ids.PRESENT_FULLSCREEN}")
    button.click()
    screen.wait_for_function("document.fullscreenElement !== null")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_attribute("aria-label", "Lämna helskärm")
    button.click()
    screen.wait_for_function("document.fullscreenElement === null")
    expect(button).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("query", ["?ds=demo&ind=lag_ek_standard", "?ds=demo&ind=lag_ek_standard&lang=en",
                                   "?ds=demo&ind=lag_ek_standard&mode=change&year2=2011",
                                   "?ds=demo&ind=lag_ek_standard&mode=compare&year2=2011"])
def test_no_wcag_violations_in_the_presentation_view(screen, present_server, axe_source, query):
    open_present(screen, present_server, query=query)
    screen.keyboard.press("Shift+?")
    assert violations(screen, axe_source) == []


def test_the_deck_dialog_downloads_its_handout_as_pdf_and_png(screen, present_server, tmp_path):
    from io import BytesIO

    from PIL import Image
    from pypdf import PdfReader

    screen.goto(f"{present_server}/?ds=demo&ind=lag_ek_standard&year=2015")
    wait_for_map(screen)
    screen.evaluate("localStorage.clear()")
    screen.click(f"#{ids.DECK_ADD}")
    screen.goto(f"{present_server}/?ds=demo&ind=eftergymnasial&year=2020")
    wait_for_map(screen)
    screen.click(f"#{ids.DECK_ADD}")
    screen.click(f"#{ids.DECK_OPEN}")
    screen.fill(f"#{ids.DECK_TITLE}", "Kommunstyrelsen 12 maj")
    with screen.expect_download() as pdf:
        screen.click(f"#{ids.DECK_HANDOUT}")
    pages = PdfReader(pdf.value.path()).pages
    assert pdf.value.suggested_filename.endswith(".pdf") and len(pages) == 2
    assert "Eftergymnasial" in pages[1].extract_text()
    with screen.expect_download() as png:
        screen.click(f"#{ids.DECK_LIST}-2-png")
    image = Image.open(BytesIO(open(png.value.path(), "rb").read()))
    assert png.value.suggested_filename.endswith("bild-2.png") and image.size == (1920, 1080)
    # The page stayed where it was.
    assert screen.url.startswith(f"{present_server}/?ds=demo")


@pytest.mark.parametrize("screen", [(1920, 1080), (1024, 768)], indirect=True, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_slide_that_selects_areas_shows_their_series_beside_the_legend(screen, present_server):
    open_present(screen, present_server, query="?ds=demo&ind=lag_ek_standard&year=2020&area=9999A0010,9999A0020")
    chart = screen.locator(f"#{ids.AREA_PANEL} .js-plotly-plot")
    expect(chart).to_be_visible(timeout=20000)
    width, height = screen.viewport_size["width"], screen.viewport_size["height"]
    panel = box(screen, f"#{ids.AREA_PANEL}")
    assert 0 <= panel["left"] and panel["right"] <= width and 0 <= panel["top"] and panel["bottom"] <= height
    for overlay in (".present-heading", f"#{ids.PRESENT_YEAR}", ".present-legend", ".present-footer"):
        o = box(screen, overlay)
        assert panel["right"] <= o["left"] or o["right"] <= panel["left"] or panel["bottom"] <= o["top"] \
            or o["bottom"] <= panel["top"], overlay
    # Without areas in the link there is no chart.
    open_present(screen, present_server, query="?ds=demo&ind=lag_ek_standard&year=2020")
    assert screen.locator(f"#{ids.AREA_PANEL}").is_hidden()
