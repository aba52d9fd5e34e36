"""The accessibility statement: both languages, linked from every view, the contact from the settings."""

from pathlib import Path

import pytest

from app import Settings, create_app
from geodata import store

from .builders import grid_dataset


@pytest.fixture
def published(tmp_path) -> Path:
    store.publish(grid_dataset(), tmp_path)
    return tmp_path


def _client(data_dir: Path, **settings):
    return create_app(Settings(data_dir=data_dir, **settings)).server.test_client()


def _layout(client, path: str) -> str:
    return client.get("/_dash-layout", headers={"Referer": f"http://localhost{path}",
                                                "Sec-Fetch-Site": "same-origin"}).get_data(as_text=True)


def test_the_statement_is_in_swedish_and_in_english(published):
    client = _client(published)
    sv = client.get("/tillganglighet?lang=sv")
    en = client.get("/tillganglighet?lang=en")
    assert sv.status_code == en.status_code == 200 and sv.mimetype == "text/html"
    assert '<html lang="sv">' in sv.get_data(as_text=True) and '<html lang="en">' in en.get_data(as_text=True)
    assert "Tillgänglighetsredogörelse" in sv.get_data(as_text=True)
    assert "Kända brister" in sv.get_data(as_text=True) and "Known shortcomings" in en.get_data(as_text=True)
    assert "Digg" in sv.get_data(as_text=True)


def test_problems_are_reported_to_the_contact_in_the_settings(published):
    mail = _client(published, contact="tillganglighet@kommun.example.se").get("/tillganglighet").get_data(as_text=True)
    assert '<a href="mailto:tillganglighet@kommun.example.se">' in mail
    web = _client(published, contact="https://kommun.example.se/kontakt").get("/tillganglighet?lang=en")
    assert '<a href="https://kommun.example.se/kontakt">' in web.get_data(as_text=True)
    hostile = _client(published, contact="<script>alert(1)</script>").get("/tillganglighet").get_data(as_text=True)
    assert "<script>alert" not in hostile and "&lt;script&gt;" in hostile
    nobody = _client(published).get("/tillganglighet").get_data(as_text=True)
    assert "Kontakta den organisation som publicerar kartan." in nobody


def test_every_view_links_to_the_statement_in_its_language(published):
    client = _client(published)
    assert '"href":"\\u002ftillganglighet?lang=sv"' in _layout(client, "/?ds=grid")
    assert '"href":"\\u002ftillganglighet?lang=en"' in _layout(client, "/?ds=grid&lang=en")
    assert '"href":"\\u002ftillganglighet?lang=sv"' in _layout(client, "/embed?ds=grid")
    assert '"href":"\\u002ftillganglighet?lang=sv"' in _layout(client, "/?ds=grid&mode=change")


def test_below_a_base_path_the_statement_and_its_links_follow(published):
    client = _client(published, base_path="/atlas/")
    assert client.get("/atlas/tillganglighet").status_code == 200
    assert 'href="/atlas/assets/atlas.css"' in client.get("/atlas/tillganglighet").get_data(as_text=True)
