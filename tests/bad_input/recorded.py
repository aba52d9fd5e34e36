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


def older_edition_answers(raw: Path, kommun: str = "1780") -> dict[str, bytes]:
    """WFS answers for DeSO 2018 and RegSO 2020, derived from the recorded 2025 ones.

    No answer of the older layers was recorded, so these are made in the
    shape of the real ones from what is known of Karlstad: its RegSO kept
    their ground, and each split DeSO is the union of its children (SCB
    numbers the children of ``1780C1040`` ``1780C1041``, ...).
    """
    import geopandas as gpd
    import shapely

    from geodata.ingest.wfs import LAYERS, wfs_url

    regso = gpd.read_file(raw / "geo_regso.json").assign(version="2020_v1")
    deso = gpd.read_file(raw / "geo_deso.json")
    codes = set(deso["desokod"])
    parent = deso["desokod"].map(lambda c: c if c.endswith("0") or c[:-1] + "0" in codes else c[:-1] + "0")
    merged = (deso.assign(desokod=parent, version="2018_v1")
              .groupby("desokod", as_index=False)
              .agg({"regsokod": "first", "kommunkod": "first", "lanskod": "first", "version": "first",
                    "geometry": lambda g: shapely.union_all(list(g))}))
    deso_2018 = gpd.GeoDataFrame(merged, geometry="geometry", crs=deso.crs)
    return {str(httpx.URL(wfs_url(LAYERS[("regso", "2018")], kommun))): regso.to_json().encode(),
            str(httpx.URL(wfs_url(LAYERS[("deso", "2018")], kommun))): deso_2018.to_json().encode()}


class RecordedSCB:
    """A transport that answers only the recorded URLs, and counts calls.

    The older edition's WFS layers are answered with :func:`older_edition_answers`
    unless ``older`` replaces them (``{}``: SCB does not answer them).
    """

    def __init__(self, raw: Path, bom: bool = False, older: dict[str, bytes] | None = None):
        manifest = json.loads((raw / "_manifest.json").read_text(encoding="utf-8-sig"))
        self.files = {str(httpx.URL(entry["url"])): raw / f"{key}.json"
                      for key, entry in manifest.items() if entry["url"].startswith("https://")}
        self.older = older_edition_answers(raw) if older is None else older
        self.requested: list[str] = []
        self.bom = bom

    def __call__(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.requested.append(url)
        path = self.files.get(url)
        if url in self.older:
            return httpx.Response(200, content=self.older[url])
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
