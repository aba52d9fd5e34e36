"""The one catalog of user-facing strings, Swedish first, English second.

Strings live in topic modules (``ui`` for the dashboard, ``ingest`` for
validation and the command line); :func:`t` looks a key up across all of
them.  A key missing in the requested language falls back to Swedish, and a
missing key raises ``KeyError`` so that a typo fails a test, not a meeting.
"""

from __future__ import annotations

from . import access, analysis, findings, handout, ingest, planner, present, segregation, ui

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

CATALOG: dict[str, dict[str, str]] = {}
for _module in (ui, ingest, analysis, planner, segregation, access, present, findings, handout):
    _overlap = CATALOG.keys() & _module.STRINGS.keys()
    if _overlap:
        raise RuntimeError(f"duplicate catalog keys: {sorted(_overlap)}")
    CATALOG.update(_module.STRINGS)


def normalise_lang(lang: str | None) -> str:
    """Return a supported language code, defaulting to Swedish."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = DEFAULT_LANGUAGE, **params) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``params``."""
    entry = CATALOG[key]
    template = entry.get(normalise_lang(lang)) or entry[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template


def count_text(n: int, lang: str | None = DEFAULT_LANGUAGE) -> str:
    """"1 område" / "5 områden": a number of areas with the right plural."""
    return t("legend.count_one" if n == 1 else "legend.count", lang, n=n)
