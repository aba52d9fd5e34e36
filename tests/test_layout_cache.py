"""Page views are cheap: the layout of a view is rendered once per release and served from memory."""

from app import Settings, create_app
from callbacks import page
from callbacks.page import LayoutCache
from geodata import store

from .builders import grid_dataset


def _layout(client, query):
    return client.get("/_dash-layout", headers={"Referer": f"http://x/{query}", "Sec-Fetch-Site": "same-origin"})


def test_a_view_is_rendered_once_and_equal_links_share_it(tmp_path, monkeypatch):
    store.publish(grid_dataset(), tmp_path)
    client = create_app(Settings(data_dir=tmp_path)).server.test_client()
    rendered = []
    real_render = page.render
    monkeypatch.setattr(page, "render", lambda **params: rendered.append(params) or real_render(**params))
    first = _layout(client, "?ds=grid&year=2021&lang=en")
    again = _layout(client, "?lang=en&year=2021&ds=grid")  # the same view spelled otherwise
    assert first.status_code == again.status_code == 200 and first.data == again.data
    assert len(rendered) == 1
    other = _layout(client, "?ds=grid&year=2020&lang=en")
    assert other.data != first.data and len(rendered) == 2
    assert b"Low economic standard (2021)" in first.data


def test_a_new_release_gets_fresh_layouts(tmp_path):
    store.publish(grid_dataset(title="Gamla"), tmp_path)
    client = create_app(Settings(data_dir=tmp_path)).server.test_client()
    assert "Gamla" in _layout(client, "?ds=grid").get_data(as_text=True)
    store.publish(grid_dataset(title="Nya"), tmp_path)
    assert "Nya" in _layout(client, "?ds=grid").get_data(as_text=True)


def test_the_cache_keeps_only_the_most_recently_used():
    cache = LayoutCache(limit=2)
    cache.put(("a",), b"1")
    cache.put(("b",), b"2")
    assert cache.get(("a",)) == b"1"
    cache.put(("c",), b"3")
    assert cache.get(("b",)) is None and cache.get(("a",)) == b"1" and cache.get(("c",)) == b"3"


def test_another_datasets_publish_leaves_the_cached_layout_alone(tmp_path, monkeypatch):
    store.publish(grid_dataset(), tmp_path)
    store.publish(grid_dataset(name="other", title="Annan"), tmp_path)
    client = create_app(Settings(data_dir=tmp_path)).server.test_client()
    rendered = []
    real_render = page.render
    monkeypatch.setattr(page, "render", lambda **params: rendered.append(params) or real_render(**params))
    _layout(client, "?ds=grid")
    store.publish(grid_dataset(name="other", title="Annan"), tmp_path)
    _layout(client, "?ds=grid")
    assert len(rendered) == 1
