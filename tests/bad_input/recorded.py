"""SCB's recorded answers served through ``httpx.MockTransport``, keyed by URL.

The files and URLs come from ``../shared/data/karlstad-scb/raw/_manifest.json``
(reached through the ``shared_data`` fixture); a request for any other URL
gets a 404, so a test fails when the client asks for something SCB was
never asked.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import httpx


class RecordedSCB:
    """A transport that answers only the recorded URLs, and counts calls."""

    def __init__(self, raw: Path, bom: bool = False):
        manifest = json.loads((raw / "_manifest.json").read_text(encoding="utf-8-sig"))
        self.files = {str(httpx.URL(entry["url"])): raw / f"{key}.json"
                      for key, entry in manifest.items() if entry["url"].startswith("https://")}
        self.requested: list[str] = []
        self.bom = bom

    def __call__(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.requested.append(url)
        path = self.files.get(url)
        if path is None:
            return httpx.Response(404, json={"title": "not recorded"})
        body = path.read_bytes()
        if self.bom and not body.startswith(b"\xef\xbb\xbf"):
            # SCB's real WFS answers start with a BOM (stripped in the recording).
            body = b"\xef\xbb\xbf" + body
        return httpx.Response(200, content=body)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


def cells(path: Path) -> dict[tuple[str, ...], tuple[float | None, str | None]]:
    """Every cell of a json-stat2 answer, read independently of the code under test."""
    doc = json.loads(path.read_text(encoding="utf-8-sig"))
    codes = []
    for dim in doc["id"]:
        index = doc["dimension"][dim]["category"]["index"]
        codes.append(sorted(index, key=index.get))
    status = doc.get("status") or {}
    out = {}
    for i, combo in enumerate(itertools.product(*codes)):
        out[combo] = (doc["value"][i], status.get(str(i)))
    return out
