"""Presentation decks: a sequence of prepared views with a title and a note each.

A deck is small data, never stored by a visitor: it travels in the
presentation view's link (after ``#deck=``, so the server never even sees
it), in a file a planner saves and opens again on a laptop without
internet, or is published under a name with the command line
(``python -m geodata deck publish``) so that the dashboard lists it.

One format serves all three: a JSON object

.. code-block:: json

    {"format": "segregationsatlas-deck", "version": 1, "title": "Kommunstyrelsen 12 maj",
     "slides": [{"view": "?ds=exempelstad&ind=lag_ek_standard&year=2024",
                 "title": "Låg ekonomisk standard", "note": "Jämför med 2015."}]}

A slide's ``view`` is the link query of a view (``presenters.query``),
read by the same untrusted-link parser as any address: a deck never holds
anything a link could not.  In a link the object is written as compact
UTF-8 JSON in base64url without padding (:func:`encode`); the browser's
``atlas.deck`` reads and writes the same text.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "segregationsatlas-deck"
VERSION = 1
MAX_SLIDES = 50
MAX_TITLE = 120
MAX_NOTE = 240
MAX_VIEW = 1500
#: Longest deck code read from a link: a full deck of long slides fits well below it.
MAX_CODE = 64_000
#: Published decks live here below the data directory (a dot name: never taken for a dataset).
DECKS_DIR = ".decks"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class DeckError(ValueError):
    """A deck that cannot be read; ``key`` and ``params`` name the rule for the catalog (``deck.error.*``)."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(f"{key}: {params}")

    def text(self, lang: str) -> str:
        from .i18n import t

        return t(f"deck.error.{self.key}", lang, **self.params)


@dataclass(frozen=True)
class Slide:
    """One prepared view: its link query (``?ds=...``), a title and a one-line note."""

    view: str
    title: str = ""
    note: str = ""

    def to_json(self) -> dict:
        return {"view": self.view, "title": self.title, "note": self.note}


@dataclass(frozen=True)
class Deck:
    """A titled sequence of slides."""

    title: str = ""
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "title": self.title,
                "slides": [slide.to_json() for slide in self.slides]}


def _text(value, where: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DeckError("not_text", where=where)
    value = " ".join(value.split())
    if len(value) > limit:
        raise DeckError("too_long", where=where, limit=limit)
    return value


def _view(value, where: str) -> str:
    if not isinstance(value, str) or not value.startswith("?"):
        raise DeckError("bad_view", where=where)
    if len(value) > MAX_VIEW:
        raise DeckError("too_long", where=where, limit=MAX_VIEW)
    if any(ch.isspace() or not ch.isprintable() or ord(ch) > 127 for ch in value):
        # A link query is percent-encoded ASCII; anything else did not come from a link.
        raise DeckError("bad_view", where=where)
    return value


def from_json(raw) -> Deck:
    """The deck in ``raw`` (parsed JSON, untrusted), checked; raises :class:`DeckError` naming the field."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DeckError("not_a_deck")
    if raw.get("version") != VERSION:
        raise DeckError("version", version=str(raw.get("version"))[:20], expected=VERSION)
    slides = raw.get("slides")
    if not isinstance(slides, list) or not slides:
        raise DeckError("no_slides")
    if len(slides) > MAX_SLIDES:
        raise DeckError("too_many", count=len(slides), limit=MAX_SLIDES)
    read = []
    for number, slide in enumerate(slides, start=1):
        where = f"slides[{number}]"
        if not isinstance(slide, dict):
            raise DeckError("bad_slide", where=where)
        read.append(Slide(_view(slide.get("view"), f"{where}.view"),
                          _text(slide.get("title"), f"{where}.title", MAX_TITLE),
                          _text(slide.get("note"), f"{where}.note", MAX_NOTE)))
    return Deck(_text(raw.get("title"), "title", MAX_TITLE), tuple(read))


def encode(deck: Deck) -> str:
    """The deck as the text a link carries after ``#deck=``."""
    data = json.dumps(deck.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode(code: str) -> Deck:
    """The deck a link's code holds; raises :class:`DeckError` for anything that is not one."""
    if not isinstance(code, str) or not code or len(code) > MAX_CODE:
        raise DeckError("bad_code")
    try:
        data = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
        raw = json.loads(data.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise DeckError("bad_code") from None
    return from_json(raw)


def read_file(path: Path) -> Deck:
    """A deck from a file saved by the dashboard; raises :class:`DeckError` (``where`` names the file's field)."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DeckError("not_json", detail=str(exc)[:200]) from None
    return from_json(raw)


def slides_text(n: int, lang: str) -> str:
    """"1 bild" / "5 bilder": a number of slides with the right plural."""
    from .i18n import t

    return t("deck.count_one" if n == 1 else "deck.count", lang, n=n)


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise DeckError("bad_name", name=str(name)[:80])
    return name


def publish(root: Path, name: str, deck: Deck) -> Path:
    """Publish ``deck`` under ``name`` in data directory ``root``, replacing one of that name atomically."""
    folder = Path(root) / DECKS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{check_name(name)}.json"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(deck.to_json(), out, ensure_ascii=False, indent=1)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def remove(root: Path, name: str) -> None:
    """Withdraw the published deck ``name``; raises LookupError when there is none."""
    target = Path(root) / DECKS_DIR / f"{check_name(name)}.json"
    if not target.is_file():
        raise LookupError(name)
    target.unlink()


def published(root: Path) -> tuple[list[tuple[str, Deck]], list[tuple[str, DeckError]]]:
    """The decks published in ``root`` by name, and those that cannot be read with their reason."""
    folder = Path(root) / DECKS_DIR
    good, bad = [], []
    if not folder.is_dir():
        return good, bad
    for path in sorted(folder.glob("*.json")):
        name = path.stem
        if not NAME_PATTERN.match(name):
            continue
        try:
            good.append((name, read_file(path)))
        except DeckError as exc:
            bad.append((name, exc))
        except OSError as exc:
            bad.append((name, DeckError("unreadable", detail=exc.strerror or "")))
    return good, bad
