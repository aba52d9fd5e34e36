"""District names on the map: where they fit, never overlapping, in a halo readable on every class colour."""

import re

import pytest
from playwright.sync_api import expect

from geodata import categories, classify

from .conftest import wait_for_map

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (390, 844)]

# Boxes of the drawn names and of their map, in page pixels, with each name's area and its label point.
LABELS = """(mapId) => {
    const map = document.getElementById(mapId);
    const leaflet = atlas.maps[mapId === 'map-b' ? 'mapB' : 'map'].leaflet;
    const frame = map.getBoundingClientRect();
    const boxes = Array.from(map.querySelectorAll('.atlas-label')).map((el) => {
        const r = el.getBoundingClientRect();
        const p = atlas.maps[mapId === 'map-b' ? 'mapB' : 'map'].layers.get(el.dataset.area).feature.properties;
        const at = leaflet.latLngToContainerPoint([p.lp[1], p.lp[0]]);
        return {area: el.dataset.area, text: el.textContent, name: p.name, left: r.left, top: r.top,
                right: r.right, bottom: r.bottom, x: frame.left + at.x, y: frame.top + at.y,
                visible: getComputedStyle(el).visibility === 'visible'};
    });
    return {frame: {left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom}, boxes: boxes,
            zoom: leaflet.getZoom()};
}"""


def labels_of(page, map_id="map"):
    return page.evaluate(LABELS, map_id)


def wait_for_labels(page, map_id="map"):
    page.wait_for_function(f"document.querySelectorAll('#{map_id} .atlas-label').length > 0", timeout=20000)
    # Names are drawn in the frame after the map settles.
    page.wait_for_timeout(150)


def assert_well_placed(drawn):
    boxes, frame = drawn["boxes"], drawn["frame"]
    assert boxes, "no names drawn"
    for b in boxes:
        assert b["text"] == b["name"] and b["visible"]
        assert frame["left"] <= b["left"] and b["right"] <= frame["right"] + 0.5, b
        assert frame["top"] <= b["top"] and b["bottom"] <= frame["bottom"] + 0.5, b
        # Centred on the area's label point.
        assert abs((b["left"] + b["right"]) / 2 - b["x"]) < 1.5 and abs((b["top"] + b["bottom"]) / 2 - b["y"]) < 1.5, b
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"]
                     or b["bottom"] <= a["top"])
            assert apart, f"{a['name']} and {b['name']} overlap"


def open_sized(browser, size, url):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    log = []
    page.on("console", lambda msg: log.append((msg.type, msg.text)))
    page.on("pageerror", lambda err: log.append(("pageerror", str(err))))
    page.goto(url)
    wait_for_map(page)
    return context, page, log


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_names_fit_without_overlap_follow_a_zoom_and_the_checkbox(browser, live_server, size):
    context, page, log = open_sized(browser, size, live_server + "/?level=regso&labels=1")
    try:
        wait_for_labels(page)
        before = labels_of(page)
        assert_well_placed(before)
        # Hidden from screen readers, and no pointer events: the polygons under a name stay clickable.
        pane = page.locator(".atlas-label-pane")
        assert pane.get_attribute("aria-hidden") == "true"
        assert pane.evaluate("el => getComputedStyle(el).pointerEvents") == "none"
        assert page.get_by_role("checkbox", name="Visa områdesnamn").is_checked()

        # A zoom: the names are placed again for the new scale, each still on its area's point.
        page.evaluate("atlas.maps.map.leaflet.setZoom(atlas.maps.map.leaflet.getZoom() + 1, {animate: false})")
        page.wait_for_function(f"atlas.maps.map.leaflet.getZoom() > {before['zoom']}")
        page.wait_for_timeout(300)
        after = labels_of(page)
        assert after["zoom"] > before["zoom"]
        assert_well_placed(after)
        assert {b["area"] for b in after["boxes"]} != {b["area"] for b in before["boxes"]} or \
            [b["x"] for b in after["boxes"]] != [b["x"] for b in before["boxes"]]

        # The checkbox hides them in place and the address says so; ticking it again brings them back.
        page.get_by_role("checkbox", name="Visa områdesnamn").uncheck()
        page.wait_for_function("document.querySelectorAll('#map .atlas-label').length === 0")
        page.wait_for_function("new URLSearchParams(location.search).get('labels') === '0'")
        assert "labels=0" in page.locator("#lang-link").get_attribute("href")
        page.get_by_role("checkbox", name="Visa områdesnamn").check()
        wait_for_labels(page)
        page.wait_for_function("new URLSearchParams(location.search).get('labels') === '1'")
        assert_well_placed(labels_of(page))
        # The year moves on: the address keeps the choice.
        page.get_by_role("slider", name="År").focus()
        page.keyboard.press("Home")
        page.wait_for_function("new URLSearchParams(location.search).get('year') !== null")
        assert "labels=1" in page.url
        assert [entry for entry in log if entry[0] in ("error", "warning", "pageerror")] == []
    finally:
        context.close()


def test_full_page_shows_no_names_unless_asked_and_the_checkbox_turns_them_on(page, live_server):
    page.goto(live_server + "/?level=regso")
    wait_for_map(page)
    assert page.locator("#atlas-page").get_attribute("data-labels") == "off"
    box = page.get_by_role("checkbox", name="Visa områdesnamn")
    assert not box.is_checked()
    page.wait_for_timeout(300)
    assert page.locator(".atlas-label").count() == 0
    box.check()
    wait_for_labels(page)
    page.wait_for_function("new URLSearchParams(location.search).get('labels') === '1'")
    assert_well_placed(labels_of(page))


def test_a_surface_that_names_districts_by_default(page, live_server):
    # What the presentation view does: its root says data-labels="on", so a link without labels= shows names.
    def surface_on(route):
        response = route.fetch()
        body = response.text()
        assert '"data-labels": "off"' in body or '"data-labels":"off"' in body
        route.fulfill(response=response, body=body.replace('"data-labels": "off"', '"data-labels": "on"')
                      .replace('"data-labels":"off"', '"data-labels":"on"'))
    page.route("**/_dash-layout", surface_on)
    page.goto(live_server + "/?level=regso")
    wait_for_map(page)
    assert page.locator("#atlas-page").get_attribute("data-labels") == "on"
    wait_for_labels(page)
    assert_well_placed(labels_of(page))
    # The link's choice wins over the surface's default.
    page.goto(live_server + "/?level=regso&labels=0")
    wait_for_map(page)
    page.wait_for_timeout(300)
    assert page.locator(".atlas-label").count() == 0


def test_both_maps_of_compare_mode_are_named(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(live_server + "/?level=regso&mode=compare&year2=2011&labels=1")
    wait_for_map(page)
    wait_for_labels(page, "map")
    wait_for_labels(page, "map-b")
    left, right = labels_of(page, "map"), labels_of(page, "map-b")
    assert_well_placed(left)
    assert_well_placed(right)
    assert {b["area"] for b in left["boxes"]} == {b["area"] for b in right["boxes"]}


def _rgb(text):
    return [tuple(int(v) for v in m) for m in re.findall(r"rgba?\((\d+), (\d+), (\d+)", text)]


def _luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(colour):
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def every_class_colour():
    colours = {classify.NO_DATA_COLOUR, classify.CHANGE_MIDDLE_COLOUR, *categories._PAIRED}
    for family in classify.PALETTES.values():
        colours |= {c for shades in family.values() for c in shades}
    for sides in (classify._RD_BU_SIDES, classify._PU_OR_SIDES):
        colours |= {c for pair in sides.values() for side in pair for c in side}
    return sorted(colours)


def test_halo_keeps_names_readable_on_every_class_colour(page, live_server):
    page.goto(live_server + "/?level=regso&labels=1")
    wait_for_map(page)
    wait_for_labels(page)
    style = page.locator(".atlas-label").first.evaluate(
        "el => ({color: getComputedStyle(el).color, shadow: getComputedStyle(el).textShadow,"
        " size: getComputedStyle(el).fontSize})")
    ink = _rgb(style["color"])[0]
    halos = set(_rgb(style["shadow"]))
    assert len(halos) == 1 and "rgba" not in style["shadow"], "one opaque halo colour"
    halo = halos.pop()
    # The halo is the text's background, whatever the class colour around it.
    assert contrast(ink, halo) >= 4.5
    # And the name's edge stands out from every class colour: the halo on dark ones, the ink on light ones.
    for colour in every_class_colour():
        fill = _hex(colour)
        assert max(contrast(ink, fill), contrast(halo, fill)) >= 3, colour
    assert float(style["size"].rstrip("px")) >= 12


def test_label_size_comes_from_a_custom_property(page, live_server):
    page.goto(live_server + "/?level=regso&labels=1")
    wait_for_map(page)
    wait_for_labels(page)
    height = page.locator(".atlas-label").first.evaluate("el => el.getBoundingClientRect().height")
    page.evaluate("""() => {
        document.getElementById('atlas-page').style.setProperty('--atlas-label-size', '26px');
        atlas.labels.redraw();
    }""")
    expect(page.locator(".atlas-label").first).to_have_css("font-size", "26px")
    larger = page.locator(".atlas-label").first.evaluate("el => el.getBoundingClientRect().height")
    assert larger > height * 1.8
    assert_well_placed(labels_of(page))
