"""The embed view in frames of another site: it fits, it leaves the host's history alone, and
only the sites the settings name may frame it."""

import contextlib
import re
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import _free_port, running_gunicorn

pytestmark = pytest.mark.browser

PAINTED = "window.atlas && window.atlas.firstPaint !== null"


@contextlib.contextmanager
def host_site(directory: Path):
    """Another origin (another port) serving ``directory``: the municipality's website."""
    port = _free_port()
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def host_page(directory: Path, src: str, width: int | str, height: int) -> str:
    """Write a host page framing ``src``; returns its file name."""
    name = f"host-{width}x{height}.html".replace("%", "pc")
    style = f"width:{width}px" if isinstance(width, int) else f"width:{width}"
    (directory / name).write_text(
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kommunens sida</title>'
        f'<link rel="icon" href="data:,"></head>'
        f'<body style="margin:0"><h1>Kommunens sida</h1>'
        f'<iframe id="atlas" title="Karta" src="{src}" style="{style};height:{height}px;border:0"></iframe>'
        f'</body></html>', encoding="utf-8")
    return name


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    directory = tmp_path_factory.mktemp("host")
    with host_site(directory) as base:
        yield directory, base


def _frame(pg):
    frame = pg.frame_locator("#atlas")
    handle = pg.locator("#atlas").element_handle().content_frame()
    handle.wait_for_function(PAINTED, timeout=30000)
    return frame, handle


def _box_inside(handle, selector: str) -> tuple[float, float]:
    """Top and bottom of ``selector`` in the frame's viewport (no scrolling)."""
    return tuple(handle.evaluate("""(sel) => {
        const r = document.querySelector(sel).getBoundingClientRect();
        return [r.top, r.bottom];
    }""", selector))


def test_in_a_600x450_frame_the_whole_legend_and_the_slider_show_without_scrolling(page, live_server, host):
    directory, base = host
    name = host_page(directory, live_server + "/embed?ds=demo&ind=lag_ek_standard", 600, 450)
    page.goto(f"{base}/{name}")
    frame, handle = _frame(page)
    assert handle.evaluate("[innerWidth, innerHeight]") == [600, 450]
    assert handle.evaluate("document.documentElement.scrollHeight") <= 450
    for selector in ("#legend", "#year-slider", "#play-button", "#map", "#footer-source"):
        top, bottom = _box_inside(handle, selector)
        assert 0 <= top and bottom <= 450, f"{selector} spans {top}–{bottom} px in a 450 px frame"
    assert _box_inside(handle, "#map")[1] - _box_inside(handle, "#map")[0] >= 180
    expect(frame.locator("h1")).to_contain_text("Låg ekonomisk standard")
    expect(frame.locator("#legend li")).to_have_count(6)
    shot = page.locator("#atlas").screenshot()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(shot[16:20], "big") == 600


@pytest.mark.parametrize("width,height", [(320, 480), (400, 700), (800, 600), (1200, 800)])
def test_the_embed_reflows_in_frames_from_320_to_1200_pixels(page, live_server, host, width, height):
    directory, base = host
    name = host_page(directory, live_server + "/embed?ds=demo", width, height)
    page.set_viewport_size({"width": max(width, 400) + 50, "height": height + 100})
    page.goto(f"{base}/{name}")
    _, handle = _frame(page)
    assert handle.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
    top, bottom = _box_inside(handle, "#map")
    assert bottom - top >= 140, f"the map is {bottom - top} px tall in a {width}×{height} frame"
    for selector in ("#legend", "#year-slider", "#play-button"):
        handle.locator(selector).scroll_into_view_if_needed()
        assert handle.locator(selector).is_visible()


def test_clicks_and_year_changes_inside_the_frame_add_nothing_to_the_hosts_history(page, live_server, host):
    directory, base = host
    name = host_page(directory, live_server + "/embed?ds=demo&controls=indicator", 800, 600)
    page.goto(f"{base}/{name}")
    frame, handle = _frame(page)
    before = page.evaluate("history.length")
    thumb = frame.locator("#year-slider [role=slider]")
    thumb.focus()
    thumb.press("ArrowLeft")
    thumb.press("ArrowLeft")
    handle.wait_for_function("location.search.includes('year=2022')")
    frame.locator("#play-button").click()
    frame.locator("#play-button").click()
    box = page.locator("#atlas").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # A new indicator loads a new page in the frame: that too replaces, never adds.
    frame.locator("#indicator-picker").click()
    frame.locator(".dash-dropdown-option").filter(has_text="Långtidsarbetslöshet").click()
    handle.wait_for_url("**ind=langtidsarbetsloshet**")
    handle.wait_for_function(PAINTED, timeout=30000)
    assert page.evaluate("history.length") == before
    assert page.url == f"{base}/{name}"


def test_open_in_segregationsatlas_opens_the_same_view_in_a_new_tab(page, live_server, host):
    directory, base = host
    name = host_page(directory, live_server + "/embed?ds=demo&ind=forgymnasial&year=2020&controls=search", 800, 600)
    page.goto(f"{base}/{name}")
    frame, _ = _frame(page)
    link = frame.locator("#embed-open-full")
    expect(link).to_have_text("Öppna i Segregationsatlas")
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    href = urlsplit(link.get_attribute("href"))
    assert href.path == "/" and "controls" not in parse_qs(href.query)
    assert parse_qs(href.query)["ind"] == ["forgymnasial"] and parse_qs(href.query)["year"] == ["2020"]
    with page.context.expect_page() as opened:
        link.click()
    full = opened.value
    full.wait_for_function(PAINTED, timeout=30000)
    expect(full.locator("#map-title")).to_contain_text("Förgymnasial")
    expect(full.locator("#map-title")).to_contain_text("2020")


def test_the_link_chooses_the_extra_controls(page, live_server):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(live_server + "/embed?ds=demo")
    page.wait_for_function(PAINTED)
    for hidden in ("#indicator-picker", "#level-picker", "#mode-picker", "#area-search"):
        assert not page.locator(hidden).is_visible()
    assert page.locator(".dash-dropdown").count() == 0
    # Without dropdowns their code is not loaded; DataTable's is loaded by no page.
    assert [u for u in fetched if "async-dropdown" in u or "dash_table" in u] == []
    page.goto(live_server + "/embed?ds=demo&controls=indicator,level,search,mode")
    page.wait_for_function(PAINTED)
    for shown in ("#indicator-picker", "#level-picker", "#mode-picker", "#area-search"):
        expect(page.locator(shown)).to_be_visible()


def _framing(browser, host_dir: Path, host_base: str, src: str) -> bool:
    """Whether a page of ``host_base`` gets the atlas shown in its frame."""
    context = browser.new_context(bypass_csp=False)
    try:
        pg = context.new_page()
        name = host_page(host_dir, src, 600, 450)
        pg.goto(f"{host_base}/{name}")
        frame = pg.locator("#atlas").element_handle().content_frame()
        try:
            frame.wait_for_selector("#map", timeout=8000)
            return True
        except Exception:
            return False
    finally:
        context.close()


def test_only_the_origins_in_the_setting_may_frame_the_embed_view(browser, browser_data_dir, tmp_path):
    allowed_dir, refused_dir = tmp_path / "allowed", tmp_path / "refused"
    allowed_dir.mkdir()
    refused_dir.mkdir()
    with host_site(allowed_dir) as allowed, host_site(refused_dir) as refused:
        with running_gunicorn(browser_data_dir, ATLAS_EMBED_ORIGINS=allowed) as atlas:
            assert _framing(browser, allowed_dir, allowed, atlas + "/embed?ds=demo")
            assert not _framing(browser, refused_dir, refused, atlas + "/embed?ds=demo")
            # The full dashboard is for the atlas's own pages only, whatever the setting says.
            assert not _framing(browser, allowed_dir, allowed, atlas + "/?ds=demo")


def test_by_default_any_site_may_frame_the_embed_view_but_not_the_dashboard(browser, live_server, host):
    directory, base = host
    assert _framing(browser, directory, base, live_server + "/embed?ds=demo")
    assert not _framing(browser, directory, base, live_server + "/?ds=demo")


def _embed_code(page, live_server, link: str, size: str | None = None, controls=(), resize=False) -> str:
    page.goto(live_server + link)
    page.wait_for_function(PAINTED)
    button = page.locator("#embed-button")
    expect(button).to_have_text("Bädda in")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#embed-dialog")).to_have_attribute("open", "")
    if size:
        page.get_by_label(size).check()
    for name in controls:
        page.locator("#embed-dialog").get_by_label(name, exact=True).check()
    if resize:
        page.get_by_label("Anpassa ramens höjd efter innehållet (lägger till ett litet skript)").check()
    code = page.locator("#embed-code")
    expect(code).to_have_value(re.compile(r"^<iframe "))
    return code.input_value()


def test_the_embed_dialog_gives_the_code_and_a_preview_of_the_current_view(page, live_server):
    code = _embed_code(page, live_server, "/?ds=demo&ind=forgymnasial&year=2020", size="Stor (800 × 600)",
                       controls=["Val av indikator"])
    src = re.search(r'src="([^"]+)"', code).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(src).query)
    assert urlsplit(src).path == "/embed" and query["ind"] == ["forgymnasial"] and query["year"] == ["2020"]
    assert query["controls"] == ["indicator"]
    assert 'title="Karta: Förgymnasial utbildning, 25–64 år (2020) – Segregationsatlas"' in code
    assert "width:800px;height:600px" in code and "<script>" not in code
    preview = page.locator("#embed-frame")
    assert preview.get_attribute("src") == src
    frame = preview.element_handle().content_frame()
    frame.wait_for_function(PAINTED, timeout=30000)
    assert frame.locator("#indicator-picker").is_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#embed-dialog")).not_to_have_attribute("open", "")


def test_the_resize_snippet_fits_the_frame_to_its_content_and_ignores_other_messages(page, live_server, host):
    directory, base = host
    code = _embed_code(page, live_server, "/?ds=demo&ind=lag_ek_standard",
                       controls=["Val av indikator", "Val av områdesnivå", "Sök område", "Val av kartläge"],
                       resize=True)
    assert "<script>" in code
    # The host page's author makes the frame too low for its content; the snippet grows it.
    code = code.replace("height:450px", "height:260px")
    (directory / "resize.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kommunens sida</title>'
        '<link rel="icon" href="data:,"></head><body style="margin:0">' + code + "</body></html>", encoding="utf-8")
    page.goto(f"{base}/resize.html")
    frame = page.locator("#segregationsatlas").element_handle().content_frame()
    frame.wait_for_function(PAINTED, timeout=30000)
    page.wait_for_function("document.getElementById('segregationsatlas').offsetHeight > 260")
    content = frame.evaluate("document.documentElement.scrollHeight")
    page.wait_for_function(f"document.getElementById('segregationsatlas').offsetHeight === {content}")
    # A message of the same type from anywhere but the frame changes nothing.
    page.evaluate("window.postMessage({type: 'segregationsatlas:height', height: 999}, '*')")
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('segregationsatlas').offsetHeight") == content
