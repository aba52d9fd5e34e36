"""CSV downloads of what the dashboard shows.

Files are UTF-8 with a byte-order mark (so that Excel shows å, ä and ö),
comma-separated, quoted by the :mod:`csv` module, with a header row in the
UI language.  Numbers are machine-readable: a decimal point, no thousands
separator.  A value that is suppressed or missing is an empty cell, never 0,
and its status says why.

Text from data (names, labels, definitions) that starts like a spreadsheet
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading
apostrophe so that opening the file cannot run it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Iterable

import numpy as np
import pandas as pd

from .change import change_frame, change_unit
from .fmt import slug
from .i18n import normalise_lang, t
from .model import Dataset, Indicator, text
from .views import indicator_values, level_ids

BOM = "\ufeff"

VIEW_COLUMNS = ("area_id", "name", "level", "indicator_id", "indicator", "year", "value", "unit",
                "status", "status_text", "rank", "ranked", "edition", "source", "licence", "definition")
CHANGE_COLUMNS = ("area_id", "name", "level", "indicator_id", "indicator", "year_from", "year_to",
                  "value_from", "value_to", "change", "change_unit", "reason", "reason_text",
                  "status_from", "status_to", "edition_from", "edition_to", "source", "licence", "definition")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters kept of each part of a file name: long titles would hit file system limits.
NAME_PART_LIMIT = 60


def safe_text(value) -> str:
    """Text for a cell: empty for None/NaN, defused when it starts like a formula."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def number_text(value, decimals: int) -> str:
    """``12.3``, ``-4``, ``1234567.25``: decimal point, no separators; empty for no value."""
    if value is None:
        return ""
    value = float(value)
    if not math.isfinite(value):
        return ""
    out = f"{value:.{max(decimals, 0)}f}"
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def _metadata(ds: Dataset, ind: Indicator, lang: str) -> dict[str, str]:
    sources = dict.fromkeys(text(s.get("name"), lang) for s in ds.meta.sources if s.get("name"))
    return {
        "indicator_id": ind.id,
        "indicator": text(ind.label, lang),
        "source": text(ind.source, lang) or "; ".join(sources),
        "licence": ind.licence or ds.meta.licence,
        "definition": text(ind.definition, lang),
    }


def _write(columns: Iterable[str], rows: Iterable[dict], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    columns = list(columns)
    writer.writerow([t(f"export.col.{c}", lang) for c in columns])
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return BOM + buffer.getvalue()


def _selected_ids(ds: Dataset, level: str, area_ids: list[str] | None) -> list[str]:
    ids = level_ids(ds, level)
    if area_ids is None:
        return ids
    wanted = {str(a) for a in area_ids}
    unknown = wanted - set(ids)
    if unknown:
        raise ValueError(f"unknown areas at level {level}: {sorted(unknown)[:10]}")
    return [a for a in ids if a in wanted]


def _names(ds: Dataset, level: str) -> dict[str, str]:
    frame = ds.areas.get(level)
    if frame is None:
        return {}
    return dict(zip(frame["area_id"], frame["name"]))


def view_csv(ds: Dataset, level: str, indicator: str, years: list[int], lang: str,
             area_ids: list[str] | None = None) -> str:
    """The map's values as CSV: one row per area and year.

    Parameters
    ----------
    years : list of int
        The years shown (one for the map, several for a series); each must
        be a year of the indicator at ``level``.
    area_ids : list of str, optional
        Only these areas (in the level's order); all areas when None.

    Ranks are computed among all areas of the level with a value that year
    (1 = highest, ties share the better rank), whatever ``area_ids`` is.
    Raises ``ValueError`` for an unknown year or area.
    """
    lang = normalise_lang(lang)
    ind = ds.meta.indicator(indicator)
    frame = indicator_values(ds, level, indicator)
    known = sorted({int(y) for y in frame.index.get_level_values("year")})
    years = sorted({int(y) for y in years})
    missing = [y for y in years if y not in known]
    if missing:
        raise ValueError(f"{indicator} has no values at level {level} in {missing}")
    ids = _selected_ids(ds, level, area_ids)
    names = _names(ds, level)
    all_ids = level_ids(ds, level)
    shape = (len(all_ids), len(known))
    position = {area_id: i for i, area_id in enumerate(all_ids)}
    rows_at = [position[a] for a in ids]
    cols_at = [known.index(y) for y in years]

    def grid(column):
        return frame[column].to_numpy().reshape(shape)[np.ix_(rows_at, cols_at)]

    value, status, edition = grid("value").astype("float64"), grid("status"), grid("edition")
    full = frame["value"].to_numpy(dtype="float64").reshape(shape)[:, cols_at]
    # Rank 1 = highest; ties share the better rank, as in views.area_series.
    rank = pd.DataFrame(full).rank(ascending=False, method="min").to_numpy(dtype="float64")
    rank, ranked = rank[rows_at], np.isfinite(full).sum(axis=0)
    meta = {k: safe_text(v) for k, v in _metadata(ds, ind, lang).items()}
    unit = safe_text(text(ind.unit, lang))
    digits = max(ind.decimals, 0) + 2
    status_text = {s: safe_text(t(f"status.{s}", lang)) for s in ("ok", "suppressed", "missing")}

    def rows():
        for i, area_id in enumerate(ids):
            common = {"area_id": safe_text(area_id), "name": safe_text(names.get(area_id, area_id)),
                      "level": safe_text(level), "unit": unit, **meta}
            for j, year in enumerate(years):
                ok = status[i, j] == "ok"
                yield {**common, "year": str(year),
                       "value": number_text(value[i, j] if ok else None, digits),
                       "status": str(status[i, j]), "status_text": status_text.get(status[i, j], ""),
                       "rank": number_text(rank[i, j] if ok else None, 0),
                       "ranked": str(int(ranked[j])), "edition": safe_text(edition[i, j])}

    return _write(VIEW_COLUMNS, rows(), lang)


def change_csv(ds: Dataset, level: str, indicator: str, year_from: int, year_to: int, lang: str,
               area_ids: list[str] | None = None) -> str:
    """The change map as CSV: one row per area with both values, the change and its reason.

    Values of a suppressed or missing year are empty; the change is empty
    whenever the reason is not ``o`` (see :mod:`geodata.change`), also when
    both values exist but were published on different boundary editions.
    """
    lang = normalise_lang(lang)
    ind = ds.meta.indicator(indicator)
    frame = change_frame(ds, level, indicator, year_from, year_to).set_index("area_id")
    records = frame.loc[_selected_ids(ds, level, area_ids)].reset_index().to_dict("records")
    names = _names(ds, level)
    meta = _metadata(ds, ind, lang)
    digits = max(ind.decimals, 0) + 2
    unit = change_unit(ind, lang)
    reason_text = {r: t(f"change.reason.{r}", lang) for r in "osmbz"}

    def rows():
        for row in records:
            area_id = row["area_id"]
            yield {
                "area_id": safe_text(area_id), "name": safe_text(names.get(area_id, area_id)),
                "level": safe_text(level), "indicator_id": safe_text(meta["indicator_id"]),
                "indicator": safe_text(meta["indicator"]),
                "year_from": str(int(year_from)), "year_to": str(int(year_to)),
                "value_from": number_text(row["value_from"] if row["status_from"] == "ok" else None, digits),
                "value_to": number_text(row["value_to"] if row["status_to"] == "ok" else None, digits),
                "change": number_text(row["change"] if row["reason"] == "o" else None, digits),
                "change_unit": safe_text(unit), "reason": row["reason"],
                "reason_text": safe_text(reason_text[row["reason"]]),
                "status_from": row["status_from"], "status_to": row["status_to"],
                "edition_from": safe_text(row["edition_from"]), "edition_to": safe_text(row["edition_to"]),
                "source": safe_text(meta["source"]), "licence": safe_text(meta["licence"]),
                "definition": safe_text(meta["definition"]),
            }

    return _write(CHANGE_COLUMNS, rows(), lang)


def export_filename(dataset, indicator: str, years: Iterable[int], ext: str = "csv",
                    suffix: str | None = None) -> str:
    """A safe file name: ``demo_eftergymnasial_2024.csv``, ``demo_ohalsotal_change_2020-2024.csv``.

    ``dataset`` is a name or a :class:`~geodata.model.Dataset`; several years
    become ``first-last``.
    """
    name = dataset.name if isinstance(dataset, Dataset) else str(dataset)
    years = sorted({int(y) for y in years})
    parts = [slug(name, limit=NAME_PART_LIMIT) or "data",
             slug(indicator, limit=NAME_PART_LIMIT) or "indicator"]
    if suffix:
        parts.append(slug(suffix, limit=NAME_PART_LIMIT))
    if years:
        parts.append(str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}")
    extension = re.sub(r"[^a-z0-9]", "", str(ext).lower()) or "csv"
    return "_".join(p for p in parts if p) + "." + extension
