"""The one catalog of strings: both languages, the same placeholders, and every key used exists."""

import re
import string
from pathlib import Path

import pytest

from geodata.i18n import CATALOG, t

REPO = Path(__file__).resolve().parent.parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_swedish_and_english_with_the_same_placeholders(key):
    entry = CATALOG[key]
    assert entry.get("sv") and entry.get("en"), f"{key} needs Swedish and English"
    assert _fields(entry["sv"]) == _fields(entry["en"]), key


def test_every_key_the_code_asks_for_exists():
    used = set()
    for path in [*REPO.glob("*.py"), *REPO.glob("callbacks/*.py"), *REPO.glob("layouts/*.py"),
                 *REPO.glob("geodata/**/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys"
    assert sorted(used - set(CATALOG)) == []


def test_missing_language_falls_back_to_swedish_and_unknown_key_fails():
    assert t("app.name", "de") == "Segregationsatlas"
    with pytest.raises(KeyError):
        t("no.such.key")
