"""Hostile variants of real requests: the corpus the fuzz test sends.

Each base request (a callback body or a link) is varied one field at a
time with values a scanner, a careless script or an attacker would send.
"""

from __future__ import annotations

import copy
import json
from typing import Iterator

DEEP = 5000


def _deep(depth: int = DEEP):
    value = []
    for _ in range(depth):
        value = [value]
    return value


#: Values put in place of any one value of a real request.
HOSTILE_VALUES = [
    None, True, False, 0, -1, 2**63, 10**400 // 10**300, 1e308, -1e308, 3.5, "", " ", "²", "١٢٣٤", "2024\u0000",
    "NaN", "Infinity", "-0", "1e309", "<script>alert(1)</script>", "../../../etc/passwd", "%2e%2e%2f",
    "x" * 5000, "\ud800", "é" * 300, "\u202e2024", [], [None], [1, 2, 3], ["d01"] * 50, list(range(2000)), {},
    {"a": 1}, {"id": "x", "property": "y"}, _deep(40), [[["x"]]],
]

#: Replacements of the body's own keys.
BODY_FIELD_VALUES = {
    "output": [None, 1, "", "nope.children", "x" * 100_000, "..a.b...c.d..", ["area-panel.children"]],
    "outputs": [None, "area-panel.children", 1, [], [1, 2], {"id": None}],
    "inputs": [None, "x", {}, [1, 2], [{"id": "x"}], [None]],
    "state": [None, "x", {}, [1]],
    "changedPropIds": [None, "x", {}, list(range(10_000))],
}


def callback_variants(base: dict) -> Iterator[tuple[str, bytes]]:
    """``(what was changed, body)`` for every hostile variant of one captured callback body."""
    for key, values in BODY_FIELD_VALUES.items():
        for value in values:
            body = copy.deepcopy(base)
            body[key] = value
            yield f"{key}={str(value)[:30]}", json.dumps(body).encode()
        body = copy.deepcopy(base)
        body.pop(key, None)
        yield f"no {key}", json.dumps(body).encode()
    for group in ("inputs", "state"):
        for i, item in enumerate(base.get(group, [])):
            if not isinstance(item, dict):
                continue
            for value in HOSTILE_VALUES:
                body = copy.deepcopy(base)
                body[group][i]["value"] = value
                yield f"{group}[{i}].value={str(value)[:30]}", json.dumps(body).encode()
            if isinstance(item.get("value"), dict):  # the view held by the browser: vary each field
                for field in item["value"]:
                    for value in HOSTILE_VALUES[:24]:
                        body = copy.deepcopy(base)
                        body[group][i]["value"][field] = value
                        yield f"{group}[{i}].value.{field}={str(value)[:30]}", json.dumps(body).encode()


#: Bodies that are not a callback at all.
RAW_BODIES = [
    b"", b"null", b"[]", b'"x"', b"{", b"{}", b"\xff\xfe\x00", b"[" * DEEP + b"]" * DEEP,
    b'{"output": "area-panel.children", "inputs": ' + b"[" * DEEP + b"]" * DEEP + b"}",
    b"{" * 100_000, b'{"output": "area-panel.children"' + b", " * 1000 + b"}",
]

#: Values put in place of any one parameter of a real link.
LINK_VALUES = ["²", "١٢", "NaN", "nan,nan,nan", "1e309", "-1", "99999999999999999999", "", "%00", "<b>x</b>",
               "../../x", "x" * 3000, "2024,2023", "59.5,14.1,11,extra", "inf,inf,inf", "\u202e"]


def link_variants(link: dict) -> Iterator[dict]:
    for key in link:
        for value in LINK_VALUES:
            yield {**link, key: value}
    yield {**link, "ds": ["demo", "grid"], "year": ["2020", "x"]}
