"""The presentation view on the server: its route and headers, a broken slide's message, published decks listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import Settings, create_app
from geodata import deck as decks
from geodata import store
from layouts import ids
from presenters.page import EMBED, PAGE, PRESENT, surface_of

from .builders import grid_dataset


@pytest.fixture
def published(tmp_path) -> Path:
    store.publish(grid_dataset(years=(2011, 2015, 2016, 2024)), tmp_path)
    return tmp_path


def _client(data_dir: Path, **settings):
    return create_app(Settings(data_dir=data_dir, **settings)).server.test_client()


def _layout(client, path: str) -> str:
    """The layout of the page at ``path`` as JSON text with its strings unescaped (å, ”, &)."""
    body = client.get("/_dash-layout", headers={"Referer": f"http://localhost{path}",
                                                "Sec-Fetch-Site": "same-origin"}).get_data(as_text=True)
    return json.dumps(json.loads(body), ensure_ascii=False)


def _ids(layout: str) -> set[str]:
    found = set()

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if isinstance(props.get("id"), str):
                found.add(props["id"])
            for value in props.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(layout))
    return found


def test_the_presentation_view_has_its_own_path_below_the_base():
    assert surface_of("present") == PRESENT
    assert surface_of("present/") == PRESENT
    assert surface_of("embed") == EMBED
    assert surface_of("") == surface_of("presentation") == PAGE


def test_the_presentation_view_is_served_and_only_the_atlas_may_frame_it(published):
    response = _client(published).get("/present?ind=lowinc&year=2015")
    assert response.status_code == 200
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    # No dropdown on a presentation of one map: its code is not preloaded.
    assert "async-dropdown" not in response.get_data(as_text=True)
    layout = _layout(_client(published), "/present?ind=lowinc&year=2015")
    assert "atlas-present" in layout
    # The big year, the stage and the year slider are there; the full page's side panels are not.
    assert {ids.PRESENT_YEAR, ids.PRESENT_STAGE, ids.MAP, ids.YEAR, ids.PRESENT_FULLSCREEN} <= _ids(layout)
    assert ids.DISTRIBUTION not in _ids(layout) and ids.DECK_DIALOG not in _ids(layout)
    assert "present-problem" not in _ids(layout)


def test_the_presentation_view_speaks_the_links_language_and_esc_leads_to_the_same_view(published):
    layout = _layout(_client(published), "/present?ind=lowinc&lang=en&year=2015")
    assert "Leave the presentation" in layout and '"lang": "en"' in layout
    # The way out (Esc, ✕) is the full dashboard at the same view.
    assert '"href": "/?ds=grid&lang=en&level=district&ind=lowinc&year=2015"' in layout


@pytest.mark.parametrize("query, sv, en", [
    ("?ds=borta&ind=lowinc", "datasetet ”borta”", "dataset “borta”"),
    ("?ind=highinc", "indikatorn ”highinc”", "indicator “highinc”"),
    ("?ind=lowinc&year=2013", "år 2013", "only available for 2011–2024"),
    ("?level=kommun&ind=lowinc", "områdesnivån ”kommun”", "area level “kommun”"),
    # The second year of a change or compare slide, and the right map's indicator.
    ("?ind=lowinc&mode=change&year2=2013&year=2024", "år 2013", "only available for 2011–2024"),
    ("?ind=lowinc&mode=compare&year2=2012", "år 2012", "only available for 2011–2024"),
    ("?ind=lowinc&mode=compare&ind2=borta", "indikatorn ”borta”", "indicator “borta”"),
])
def test_a_slide_that_asks_for_what_the_data_lacks_says_so(published, query, sv, en):
    client = _client(published)
    swedish = _layout(client, "/present" + query)
    english = _layout(client, "/present" + query + "&lang=en")
    assert "present-problem" in _ids(swedish) and "present-problem" in _ids(english)
    assert sv in swedish and en in english
    # The full page shows the nearest view without a message, as it always has.
    assert "present-problem" not in _ids(_layout(client, "/" + query))


def test_a_slide_that_the_data_has_shows_no_message(published):
    client = _client(published)
    for query in ("?ind=lowinc&year=2016", "?ds=grid&level=district&ind=lowinc", "",
                  "?ind=lowinc&mode=change&year2=2011&year=2024", "?ind=lowinc&mode=compare&year2=2015"):
        assert "present-problem" not in _ids(_layout(client, "/present" + query))


def test_quoted_link_text_is_cut(published):
    layout = _layout(_client(published), "/present?ind=" + "x" * 150)
    assert "present-problem" in _ids(layout)
    assert "”" + "x" * 60 + "”" in layout and "x" * 61 not in layout


def test_published_decks_are_listed_in_the_full_view_and_a_new_one_shows_at_once(published):
    client = _client(published)
    before = _layout(client, "/?ind=lowinc")
    assert "deck-published" not in _ids(before)
    found = decks.Deck("Kommunstyrelsen maj", (decks.Slide("?ind=lowinc&year=2015", "Låg inkomst", ""),))
    decks.publish(published, "ks-maj", found)
    after = _layout(client, "/?ind=lowinc")
    assert "deck-published" in _ids(after)
    assert "Kommunstyrelsen maj (1 bild)" in after
    assert f"/present?ind=lowinc&year=2015#deck={decks.encode(found)}&slide=1" in after
    decks.remove(published, "ks-maj")
    assert "deck-published" not in _ids(_layout(client, "/?ind=lowinc"))
