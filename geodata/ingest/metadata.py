"""Indicator metadata supplied by the planner (YAML), checked like any input."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..model import KINDS, NEUTRAL, POLARITIES, Indicator
from .issues import IssueLog

INDICATOR_KEYS = ("label", "unit", "definition", "source", "licence", "polarity", "kind", "decimals",
                  "categories", "no_data")

#: A category code as a values file writes it: a whole number (``3``, ``99``).
CATEGORY_CODE = re.compile(r"^-?\d+$")


UNREADABLE = object()


def load_yaml(path: Path, log: IssueLog) -> Any:
    """The parsed YAML of ``path``, or ``UNREADABLE`` with the reason logged."""
    path = Path(path)
    if not log.file_is_usable(path):
        return UNREADABLE
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        log.error("yaml_syntax", path.name, row=None if mark is None else mark.line + 1,
                  reason=getattr(exc, "problem", str(exc)))
        return UNREADABLE


def read_indicator_file(path: Path, log: IssueLog) -> dict[str, dict[str, Any]]:
    """Read ``indicators:`` from a YAML file (or a bare mapping of id -> fields)."""
    path = Path(path)
    raw = load_yaml(path, log)
    if raw is UNREADABLE:
        return {}
    if isinstance(raw, Mapping) and "indicators" in raw:
        raw = raw["indicators"]
    if not isinstance(raw, Mapping):
        log.error("indicator_file_shape", path.name)
        return {}
    return check_indicator_entries(raw, path.name, log)


def check_indicator_entries(raw: Mapping[str, Any], file: str, log: IssueLog) -> dict[str, dict[str, Any]]:
    """Check every indicator entry; return the usable ones."""
    out: dict[str, dict[str, Any]] = {}
    for ind_id, entry in raw.items():
        where = f"indicators.{ind_id}"
        if not isinstance(entry, Mapping):
            log.error("indicator_entry_shape", file, key=where)
            continue
        ok = True
        for key in entry:
            if key not in INDICATOR_KEYS:
                log.error("indicator_unknown_key", file, key=f"{where}.{key}", value=key,
                          keys=", ".join(INDICATOR_KEYS))
                ok = False
        if "kind" in entry and entry["kind"] not in KINDS:
            log.error("indicator_bad_kind", file, key=f"{where}.kind", value=entry["kind"],
                      kinds=", ".join(KINDS))
            ok = False
        if "polarity" in entry and entry["polarity"] not in POLARITIES:
            log.error("indicator_bad_polarity", file, key=f"{where}.polarity",
                      value=entry["polarity"], polarities=", ".join(POLARITIES))
            ok = False
        if "decimals" in entry and not (isinstance(entry["decimals"], int) and 0 <= entry["decimals"] <= 6):
            log.error("indicator_bad_decimals", file, key=f"{where}.decimals", value=entry["decimals"])
            ok = False
        if "categories" in entry:
            ok &= _check_categories(entry, f"{where}.categories", file, log)
        if "no_data" in entry:
            ok &= _check_no_data(entry, f"{where}.no_data", file, log)
        if ok:
            out[str(ind_id)] = dict(entry)
    return out


def _check_categories(entry: Mapping[str, Any], where: str, file: str, log: IssueLog) -> bool:
    """Categories map each code (``1`` or ``"1"``) to its label: text or ``{sv: ..., en: ...}``."""
    categories = entry["categories"]
    if entry.get("kind") != "category":
        # Without kind: category the codes would be drawn as numbers and the labels never shown.
        log.error("indicator_categories_need_kind", file, key=where)
        return False
    if not isinstance(categories, Mapping) or not categories:
        log.error("indicator_bad_categories", file, key=where)
        return False
    ok = True
    for code, label in categories.items():
        code_ok = isinstance(code, str | int) and not isinstance(code, bool) and str(code).strip()
        texts = [label] if isinstance(label, str) else list(label.values()) if isinstance(label, Mapping) else []
        if not code_ok or not texts or not all(isinstance(t, str) and t.strip() for t in texts):
            log.error("indicator_bad_categories", file, key=f"{where}.{code}")
            ok = False
        elif not CATEGORY_CODE.match(str(code).strip()):
            # Values are numbers; a code such as "A1" could never match a cell.
            log.error("indicator_category_code", file, key=f"{where}.{code}", value=code)
            ok = False
    return ok


def _check_no_data(entry: Mapping[str, Any], where: str, file: str, log: IssueLog) -> bool:
    """``no_data`` lists codes of a category that mean "no value" (``[99]``)."""
    codes = entry["no_data"]
    codes = [codes] if isinstance(codes, str | int) and not isinstance(codes, bool) else codes
    if entry.get("kind") != "category" or not isinstance(codes, list) or not codes or not all(
            isinstance(c, str | int) and not isinstance(c, bool) and CATEGORY_CODE.match(str(c).strip())
            for c in codes):
        log.error("indicator_bad_no_data", file, key=where)
        return False
    return True


def category_codes(entry: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The declared category codes and the no-data codes of an entry, as text ("3")."""
    categories = [str(int(str(c).strip())) for c in (entry.get("categories") or {})]
    raw = entry.get("no_data") or []
    no_data = [str(int(str(c).strip())) for c in ([raw] if isinstance(raw, str | int) else raw)]
    return categories, no_data


def make_indicator(ind_id: str, entry: Mapping[str, Any] | None, *, header_label: str | None,
                   has_ratio: bool) -> Indicator:
    """An :class:`Indicator` from a metadata entry, with honest defaults.

    Without metadata the label is the column header (or the id) and the
    kind is ``share`` only when numerator and denominator were given;
    otherwise ``index``, which claims nothing about the unit.
    """
    entry = dict(entry or {})
    label = entry.get("label") or header_label or ind_id
    raw = {
        "id": ind_id,
        "label": label if isinstance(label, Mapping) else {"sv": str(label), "en": str(label)},
        "unit": entry.get("unit") or {},
        "definition": entry.get("definition") or {},
        "source": entry.get("source") or {},
        "licence": entry.get("licence", ""),
        "polarity": entry.get("polarity", NEUTRAL),
        "kind": entry.get("kind", "share" if has_ratio else "index"),
        "decimals": entry.get("decimals", 1),
        "categories": {code: label for code, label in zip(category_codes(entry)[0],
                                                          (entry.get("categories") or {}).values())},
        "no_data_codes": category_codes(entry)[1],
    }
    return Indicator.from_json(raw)
