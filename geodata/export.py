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
from .i18n import count_text, normalise_lang, t
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
    # A category's code names a type; ranking codes would invent an order (issue #12).
    ranks = ind.kind != "category"
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
                       "rank": number_text(rank[i, j] if ok and ranks else None, 0),
                       "ranked": str(int(ranked[j])) if ranks else "", "edition": safe_text(edition[i, j])}

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
                "reason_text": safe_text(" ".join([reason_text[row["reason"]]] + _bridge_marks(row, lang))),
                "status_from": row["status_from"], "status_to": row["status_to"],
                "edition_from": safe_text(row["edition_from"]), "edition_to": safe_text(row["edition_to"]),
                "source": safe_text(meta["source"]), "licence": safe_text(meta["licence"]),
                "definition": safe_text(meta["definition"]),
            }

    return _write(CHANGE_COLUMNS, rows(), lang)


def _bridge_marks(row: dict, lang: str) -> list[str]:
    """Across SCB's 2025 edition: a split area's values are its former area's; an estimate says so."""
    marks = []
    if isinstance(row.get("bridged_from"), str):
        marks.append(t("change.bridged", lang))
    if row.get("estimated") is True or row.get("estimated") == 1:
        marks.append(t("change.estimated", lang))
    return marks


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


# --- Every year, Swedish Excel, XLSX and GeoPackage ----------------------------------------------

#: Columns that hold numbers, by their catalog key: the Swedish Excel variant writes them with a
#: decimal comma.
NUMBER_COLUMNS = ("value", "rank", "ranked", "value_from", "value_to", "change")
EXCEL_DELIMITER = ";"


def swedish_excel(body: str, lang: str) -> str:
    """A CSV written by this module, for Swedish Excel: semicolons and a decimal comma.

    Swedish Excel reads ``;`` as the separator and ``,`` as the decimal
    mark; a comma-separated file opens there as one column.  Text cells are
    kept as they are (still quoted when needed); the byte-order mark stays.
    """
    lang = normalise_lang(lang)
    rows = list(csv.reader(io.StringIO(body.removeprefix(BOM))))
    if not rows:
        return body
    numeric = {t(f"export.col.{c}", lang) for c in NUMBER_COLUMNS}
    at = [i for i, name in enumerate(rows[0]) if name in numeric]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=EXCEL_DELIMITER, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(rows[0])
    for row in rows[1:]:
        for i in at:
            row[i] = row[i].replace(".", ",")
        writer.writerow(row)
    return BOM + buffer.getvalue()


def series_csv(ds: Dataset, level: str, indicator: str, lang: str) -> str:
    """Every year of one indicator at one level, in long form (one row per area and year)."""
    return view_csv(ds, level, indicator, ds.years(indicator, level), lang)


def indicator_source(ds: Dataset, ind: Indicator, lang: str) -> str:
    """The shown indicator's source; the dataset's sources only when the indicator names none."""
    own = text(ind.source, lang)
    if own:
        return own
    return "; ".join(dict.fromkeys(text(s.get("name"), lang) for s in ds.meta.sources if s.get("name")))


def indicator_licence(ds: Dataset, ind: Indicator) -> str:
    return ind.licence or ds.meta.licence or ""


def _statuses(ds: Dataset, level: str, indicator: str, year: int) -> pd.Series:
    frame = indicator_values(ds, level, indicator)
    return frame.xs(int(year), level="year")["status"]


def _editions(ds: Dataset, level: str, indicator: str, years) -> list[str]:
    frame = indicator_values(ds, level, indicator)
    shown = frame[frame.index.get_level_values("year").isin([int(y) for y in years])]
    return sorted({str(e) for e in shown["edition"] if e is not None and not (isinstance(e, float) and math.isnan(e))})


def caveats(ds: Dataset, level: str, indicator: str, years, lang: str, *,
            boundary_areas: int | None = None, suppressed: int | None = None) -> list[str]:
    """What a reader of an export must know about these figures, in ``lang``.

    Suppressed and missing areas in the shown year (the last of ``years``
    for a series), a boundary break (values from more than one boundary
    edition among ``years``) and fictional data.  Change maps pass their own
    counts: ``suppressed`` (suppressed in either year) and
    ``boundary_areas`` (areas whose two values were published on different
    editions).
    """
    lang = normalise_lang(lang)
    years = sorted({int(y) for y in years})
    out = []
    if years:
        status = _statuses(ds, level, indicator, years[-1])
        n_suppressed = int((status == "suppressed").sum()) if suppressed is None else suppressed
        n_missing = int((status == "missing").sum())
        when = str(years[-1]) if len(years) == 1 or suppressed is None else f"{years[0]}–{years[-1]}"
        if n_suppressed:
            out.append(t("export.caveat.suppressed", lang, areas=count_text(n_suppressed, lang), year=when))
        if n_missing and suppressed is None:
            out.append(t("export.caveat.missing", lang, areas=count_text(n_missing, lang), year=when))
        editions = _editions(ds, level, indicator, years)
        if boundary_areas:
            out.append(t("export.caveat.boundary_change", lang, areas=count_text(boundary_areas, lang)))
        elif boundary_areas is None and len(editions) > 1:
            out.append(t("export.caveat.boundary", lang, editions=", ".join(editions)))
    if ds.meta.fictional:
        out.append(t("export.caveat.fictional", lang))
    return out


def _about_rows(ds: Dataset, level: str, ind: Indicator, lang: str) -> list[tuple[str, str]]:
    years = ds.years(ind.id, level)
    level_label = next((text(lv.label, lang) for lv in ds.meta.levels if lv.id == level), level)
    rows = [
        (t("export.about.dataset", lang), text(ds.meta.title, lang) or ds.name),
        (t("export.about.indicator", lang), text(ind.label, lang)),
        (t("export.about.definition", lang), text(ind.definition, lang)),
        (t("export.about.unit", lang), text(ind.unit, lang)),
        (t("export.about.level", lang), level_label),
        (t("export.about.years", lang), ", ".join(str(y) for y in years)),
        (t("export.about.source", lang), indicator_source(ds, ind, lang)),
        (t("export.about.licence", lang), indicator_licence(ds, ind)),
    ]
    if ds.meta.created:
        rows.append((t("export.about.published", lang), str(ds.meta.created)[:10]))
    rows.append((t("export.about.status", lang), t("export.about.status_text", lang)))
    for caveat in caveats(ds, level, ind.id, years, lang):
        rows.append((t("export.about.caveat", lang), caveat))
    return rows


def series_xlsx(ds: Dataset, level: str, indicator: str, lang: str) -> bytes:
    """An Excel workbook: every year of one indicator, and a sheet of definitions, sources and caveats.

    Values are numbers (no decimal-mark problem in any locale); a suppressed
    or missing value is an empty cell with its status beside it, never 0.
    Area codes stay text ("0180").  Text from data is defused like the CSV.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    lang = normalise_lang(lang)
    ind = ds.meta.indicator(indicator)
    frame = indicator_values(ds, level, indicator)
    names = _names(ds, level)
    ranks = ind.kind != "category"
    book = Workbook()
    sheet = book.active
    sheet.title = t("export.sheet.values", lang)
    columns = ["area_id", "name", "year", "value", "unit", "status", "status_text", "edition"]
    sheet.append([t(f"export.col.{c}", lang) for c in columns])
    unit = safe_text(text(ind.unit, lang))
    status_text = {s: t(f"status.{s}", lang) for s in ("ok", "suppressed", "missing")}
    for (area_id, year), row in frame.iterrows():
        ok = row["status"] == "ok" and row["value"] is not None and np.isfinite(row["value"])
        value = float(row["value"]) if ok else None
        if ok and not ranks:
            value = int(value) if value.is_integer() else value
        sheet.append([safe_text(area_id), safe_text(names.get(area_id, area_id)), int(year), value, unit,
                      str(row["status"]), status_text.get(row["status"], ""), safe_text(row["edition"])])
    for i, width in enumerate((14, 32, 8, 12, 10, 12, 22, 14), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    about = book.create_sheet(t("export.sheet.about", lang))
    for key, value in _about_rows(ds, level, ind, lang):
        about.append([safe_text(key), safe_text(value)])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def level_geopackage(ds: Dataset, level: str, lang: str) -> bytes:
    """A GeoPackage of one level's areas with every indicator and year, for QGIS.

    Layer ``<level>``: the polygons in the dataset's CRS (SWEREF 99 TM for
    SCB's areas) with ``area_id``, ``name`` and, per indicator and year,
    ``<indicator>_<year>`` (the value, NULL when suppressed or missing:
    never 0) and ``<indicator>_<year>_status``.  Layer ``indicators`` (no
    geometry): label, unit, kind, definition, source, licence and caveats
    of each indicator.
    """
    import tempfile
    from pathlib import Path

    import geopandas as gpd
    import pyogrio

    lang = normalise_lang(lang)
    areas = ds.areas[level]
    ids = level_ids(ds, level)
    columns = {"area_id": areas["area_id"].astype(str).to_numpy(), "name": areas["name"].astype(str).to_numpy()}
    position = pd.Index(ids).get_indexer(columns["area_id"])
    about = []
    available = ds.indicators_at(level)
    for ind in ds.meta.indicators:
        if ind.id not in available:
            continue
        frame = indicator_values(ds, level, ind.id)
        years = sorted({int(y) for y in frame.index.get_level_values("year")})
        values = frame["value"].to_numpy(dtype="float64").reshape(len(ids), len(years))
        status = frame["status"].to_numpy(dtype=object).reshape(len(ids), len(years))
        for j, year in enumerate(years):
            column = slug(f"{ind.id}_{year}", separator="_", limit=NAME_PART_LIMIT) or f"v_{year}"
            shown = np.where(status[:, j] == "ok", values[:, j], np.nan)[position]
            columns[column] = shown
            columns[column + "_status"] = status[:, j][position].astype(str)
        about.append({"indicator_id": ind.id, "label": text(ind.label, lang), "unit": text(ind.unit, lang),
                      "kind": ind.kind, "definition": text(ind.definition, lang),
                      "source": indicator_source(ds, ind, lang), "licence": indicator_licence(ds, ind),
                      "years": ", ".join(str(y) for y in years),
                      "caveats": " ".join(caveats(ds, level, ind.id, years, lang))})
    out = gpd.GeoDataFrame(columns, geometry=areas.geometry.values, crs=areas.crs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.gpkg"
        pyogrio.write_dataframe(out, path, layer=slug(level, separator="_", limit=NAME_PART_LIMIT) or "areas", driver="GPKG")
        pyogrio.write_dataframe(pd.DataFrame(about), path, layer="indicators", driver="GPKG")
        return path.read_bytes()


def stack_csv(sides: list[tuple[str, str]], lang: str) -> str:
    """CSV files written by this module, one after the other, with a first column naming each one's map.

    ``sides`` is ``[(label, body), ...]``; every body must have the same
    header (two maps of one mode).  Used for the two maps of compare mode.
    """
    lang = normalise_lang(lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    header = None
    for label, body in sides:
        rows = list(csv.reader(io.StringIO(body.removeprefix(BOM))))
        if header is None:
            header = rows[0]
            writer.writerow([t("export.col.map", lang)] + header)
        elif rows[0] != header:
            raise ValueError("the files to stack have different columns")
        for row in rows[1:]:
            writer.writerow([safe_text(label)] + row)
    return BOM + buffer.getvalue()
