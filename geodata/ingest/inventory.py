"""What is published: summaries for ``list`` and the app's dataset picker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import store
from ..model import STATUS_OK, Dataset


def describe(dataset: Dataset, release: str | None = None) -> dict[str, Any]:
    """A JSON-ready summary of one dataset: levels, area counts, indicators, years.

    Each indicator lists, per level, the years with at least one value row
    and how many of its values are ``ok``, ``suppressed`` or ``missing``.
    """
    meta = dataset.meta
    values = dataset.values
    levels = []
    for level in meta.levels:
        areas = dataset.areas.get(level.id)
        editions = sorted({e for e in areas["edition"].dropna()}) if areas is not None else []
        levels.append({
            "id": level.id, "label": level.label, "mappable": level.mappable,
            "code_system": level.code_system, "parent": level.parent,
            "areas": 0 if areas is None else int(len(areas)), "editions": editions,
        })
    indicators = []
    for ind in meta.indicators:
        rows = values[values["indicator"] == ind.id]
        per_level = {}
        for level_id, group in rows.groupby("level", sort=True):
            per_level[str(level_id)] = {
                "years": sorted(int(y) for y in group["year"].unique()),
                "status": {str(k): int(v) for k, v in group["status"].value_counts().sort_index().items()},
                "editions": sorted({str(e) for e in group["edition"].dropna()}),
            }
        years = sorted(int(y) for y in rows["year"].unique())
        entry = ind.to_json()
        entry.update({"years": years, "levels": per_level})
        indicators.append(entry)
    return {
        "name": meta.name, "release": release, "title": meta.title,
        "description": meta.description, "fictional": meta.fictional,
        "municipality": meta.municipality, "licence": meta.licence,
        "sources": [dict(s) for s in meta.sources], "created": meta.created,
        "reference": meta.reference, "levels": levels, "indicators": indicators,
    }


def describe_all(root: Path) -> list[dict[str, Any]]:
    """:func:`describe` for every published dataset under ``root``, by name, from the catalog.

    A release's summary is read from the file written when it was published
    (releases from before that are loaded once to describe them).  A damaged
    dataset is listed with ``problem`` (why it cannot be served) instead.
    """
    reader = store.DatasetStore(root)
    out = []
    for entry in reader.catalog():
        summary = None
        if entry.ok:
            summary = store.read_summary(root, entry.name, entry.release)
            if summary is None:
                try:
                    summary = describe(reader.get(entry.name).dataset)
                except LookupError as exc:
                    summary = {"problem": str(exc)}
        described = {"name": entry.name, **(summary or {"problem": entry.problem}), "release": entry.release}
        described["releases"] = store.releases(root, entry.name)
        out.append(described)
    return out


def format_value(value: float) -> str:
    """Shortest exact text of a value: ``4.0`` -> ``4``, ``5.8`` -> ``5.8``."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def show_rows(dataset: Dataset, indicator: str, year: int,
              level: str | None = None) -> tuple[str, list[tuple[str, str, str, str]]]:
    """Rows ``(area_id, name, value, status)`` of one indicator and year.

    Without ``level``, the first map level with values is used.  On a level
    with polygons every area is listed, those without a row as ``missing``.
    Returns the level used and the rows sorted by area id.
    """
    values = dataset.values
    chosen = values[(values["indicator"] == indicator) & (values["year"] == year)]
    if level is None:
        candidates = [lvl.id for lvl in dataset.meta.map_levels] + [lvl.id for lvl in dataset.meta.levels]
        level = next((c for c in candidates if (chosen["level"] == c).any()), None)
        if level is None:
            return "", []
    chosen = chosen[chosen["level"] == level]
    by_id = chosen.set_index("area_id")
    areas = dataset.areas.get(level)
    if areas is not None:
        ids = list(areas["area_id"])
        names = dict(zip(areas["area_id"], areas["name"]))
        ids += sorted(set(by_id.index) - set(ids))
    else:
        ids = list(by_id.index)
        # Reference levels without polygons (the whole country) have one
        # area; its name is the level's.
        label = dataset.meta.level(level).label
        names = {area_id: label.get("sv", area_id) for area_id in ids} if len(ids) == 1 else {}
    rows = []
    for area_id in sorted(ids):
        if area_id in by_id.index:
            row = by_id.loc[area_id]
            status = str(row["status"])
            value = format_value(row["value"]) if status == STATUS_OK else ""
        else:
            status, value = "missing", ""
        rows.append((str(area_id), str(names.get(area_id, area_id)), value, status))
    return level, rows


def years_of(dataset: Dataset, indicator: str) -> list[int]:
    return sorted(int(y) for y in pd.unique(dataset.values.loc[dataset.values["indicator"] == indicator, "year"]))
