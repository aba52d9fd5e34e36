"""Presentation decks: the link code, the saved file and the published decks (geodata/deck.py, the CLI)."""

from __future__ import annotations

import json

import pytest

from geodata import deck as decks
from geodata.deck import Deck, DeckError, Slide

from .test_ingest_cli import run

DECK = Deck("Kommunstyrelsen 12 maj", (
    Slide("?ds=exempelstad&ind=lag_ek_standard&year=2024", "Låg ekonomisk standard", "Jämför med 2015 – å, ä, ö."),
    Slide("?ds=exempelstad&ind=eftergymnasial&year=2015&mode=change&year2=2011", "Utbildning", ""),
))


def test_a_deck_round_trips_through_its_link_code():
    code = decks.encode(DECK)
    # A link code is URL-safe as it stands: nothing to escape after #deck=.
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decks.decode(code) == DECK


def test_a_deck_round_trips_through_its_file(tmp_path):
    path = tmp_path / "deck.json"
    path.write_text(json.dumps(DECK.to_json(), ensure_ascii=False), encoding="utf-8")
    assert decks.read_file(path) == DECK


@pytest.mark.parametrize("raw, key", [
    ({"format": "other", "version": 1, "slides": []}, "not_a_deck"),
    ({"format": decks.FORMAT, "version": 2, "slides": []}, "version"),
    ({"format": decks.FORMAT, "version": 1, "slides": []}, "no_slides"),
    ({"format": decks.FORMAT, "version": 1, "slides": ["?ds=x"]}, "bad_slide"),
    ({"format": decks.FORMAT, "version": 1, "slides": [{"view": "ds=x"}]}, "bad_view"),
    ({"format": decks.FORMAT, "version": 1, "slides": [{"view": "?ds=x y"}]}, "bad_view"),
    ({"format": decks.FORMAT, "version": 1, "slides": [{"view": "?ds=x", "title": 3}]}, "not_text"),
    ({"format": decks.FORMAT, "version": 1, "slides": [{"view": "?ds=x", "note": "n" * 241}]}, "too_long"),
    ({"format": decks.FORMAT, "version": 1, "slides": [{"view": "?ds=x"}] * 51}, "too_many"),
])
def test_a_damaged_deck_is_refused_naming_the_rule_and_field(raw, key):
    with pytest.raises(DeckError) as caught:
        decks.from_json(raw)
    assert caught.value.key == key
    # Every refusal reads as a sentence in both languages (the catalog has its key).
    assert caught.value.text("sv") and caught.value.text("en")


def test_a_slide_error_names_the_slide_and_its_field():
    raw = DECK.to_json()
    raw["slides"][1]["view"] = "not a link"
    with pytest.raises(DeckError) as caught:
        decks.from_json(raw)
    assert "slides[2].view" in caught.value.text("en")


@pytest.mark.parametrize("code", ["", "%%%", "e30", "bm90IGpzb24", "x" * (decks.MAX_CODE + 1)])
def test_a_cut_or_made_up_link_code_is_refused(code):
    with pytest.raises(DeckError):
        decks.decode(code)


def test_published_decks_are_listed_and_a_damaged_one_is_reported(tmp_path):
    decks.publish(tmp_path, "ks-maj", DECK)
    (tmp_path / decks.DECKS_DIR / "trasig.json").write_text("{", encoding="utf-8")
    good, bad = decks.published(tmp_path)
    assert good == [("ks-maj", DECK)]
    assert [name for name, _ in bad] == ["trasig"]
    # Publishing again under the name replaces the deck, leaving no temporary file behind.
    decks.publish(tmp_path, "ks-maj", Deck("Ny", DECK.slides[:1]))
    assert decks.published(tmp_path)[0] == [("ks-maj", Deck("Ny", DECK.slides[:1]))]
    assert sorted(p.name for p in (tmp_path / decks.DECKS_DIR).iterdir()) == ["ks-maj.json", "trasig.json"]


def test_the_command_line_publishes_lists_and_removes_a_deck(tmp_path):
    source = tmp_path / "saved.json"
    source.write_text(json.dumps(DECK.to_json(), ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    code, out, err = run("--data-dir", str(data), "--lang", "en", "deck", "publish", "ks-maj", str(source))
    assert code == 0, err
    assert "2 slides" in out
    code, out, _ = run("--data-dir", str(data), "--lang", "en", "deck", "list")
    assert code == 0 and "ks-maj: Kommunstyrelsen 12 maj (2 slides)" in out
    code, out, _ = run("--data-dir", str(data), "--lang", "en", "deck", "remove", "ks-maj")
    assert code == 0
    code, out, err = run("--data-dir", str(data), "--lang", "en", "deck", "remove", "ks-maj")
    assert code == 1 and "No presentation is called ks-maj" in err


def test_the_command_line_refuses_a_bad_file_or_name_and_publishes_nothing(tmp_path):
    data = tmp_path / "data"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": decks.FORMAT, "version": 1, "slides": [{"view": "nope"}]}),
                      encoding="utf-8")
    code, _, err = run("--data-dir", str(data), "--lang", "en", "deck", "publish", "ks", str(broken))
    assert code == 2
    assert str(broken) in err and "slides[1].view" in err and "Hint:" in err
    code, _, err = run("--data-dir", str(data), "--lang", "en", "deck", "publish", "ks", str(tmp_path / "absent.json"))
    assert code == 2 and "absent.json" in err
    good = tmp_path / "good.json"
    good.write_text(json.dumps(DECK.to_json()), encoding="utf-8")
    code, _, err = run("--data-dir", str(data), "--lang", "en", "deck", "publish", "Bad Name", str(good))
    assert code == 2 and "Bad Name" in err
    assert decks.published(data) == ([], [])
