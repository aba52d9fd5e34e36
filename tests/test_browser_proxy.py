"""Behind a real nginx with its default proxy_pass (which rewrites Host), shared links survive."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import running_gunicorn, running_nginx, wait_for_map

pytestmark = pytest.mark.browser

LINK = "?ds=demo&lang=en&level=regso&ind=lag_ek_standard&year=2016&area=9999R001,9999R002"


@pytest.fixture(scope="module", params=["/", "/atlas/"], ids=["root", "base-path"])
def proxied(request, browser_data_dir, tmp_path_factory):
    """nginx on its own port in front of gunicorn; the app below ``/`` or ``/atlas/``."""
    base_path = request.param
    with running_gunicorn(browser_data_dir, ATLAS_BASE_PATH=base_path) as upstream:
        # nginx's default: proxy_pass without proxy_set_header, so the app sees Host: 127.0.0.1:<upstream>.
        block = f"server {{ listen 127.0.0.1:{{port}}; location {base_path} {{ proxy_pass {upstream}; }} }}"
        with running_nginx(tmp_path_factory.mktemp("nginx"), block) as front:
            yield front + base_path


def test_a_deep_link_opens_its_view_and_keeps_its_address(page, proxied):
    page.goto(proxied + LINK)
    wait_for_map(page)
    expect(page.locator("#map-title")).to_contain_text("2016")
    expect(page.locator("#area-heading")).to_have_text("2 selected areas")
    assert page.evaluate("atlas.maps.map.layers.size") == 20, "the RegSO level of the link, not the default"
    page.wait_for_timeout(300)  # the address is synchronised after the first render
    shown = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}
    assert {k: v[0] for k, v in parse_qs(LINK[1:]).items()}.items() <= shown.items()
    assert urlsplit(page.url).path == urlsplit(proxied).path
