"""The file formats the ingest reads, and their readers: one registry for tables and polygons.

:data:`FORMATS` maps file suffixes to a *kind* (:data:`TABLE` for values,
:data:`POLYGONS` for areas) and the reader that opens such a file.  The kind
decides between formats that share a suffix (``.parquet`` holds a table or
GeoParquet polygons), and the error for an unsupported file names the formats
of its kind from here.

Table readers return a :class:`RawTable`: every cell as the file holds it
(text from CSV, never guessed into numbers) with its spreadsheet row number
(header = row 1), so that each later problem can name its row.  Polygon
readers return the features and the layer to name in messages.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from .codes import cells_to_codes
from .issues import ERROR, IssueLog

TABLE = "table"
POLYGONS = "polygons"


@dataclass
class RawTable:
    """Cells of one sheet with their spreadsheet row numbers."""

    file: str
    sheet: str | None
    frame: pd.DataFrame
    rows: np.ndarray
    encoding: str | None = None
    #: Columns whose header cell was blank (named by their letter).
    unnamed: frozenset[str] = frozenset()


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _decode(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        # Excel on Swedish Windows saves "CSV" in Windows-1252.
        return raw.decode("cp1252"), "cp1252"


def _sniff_delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _header_names(cells: list[object]) -> tuple[list[str], frozenset[str]]:
    """Header texts, a blank header named by its column letter; and those letters."""
    names, unnamed = [], set()
    for i, cell in enumerate(cells):
        text = cells_to_codes(pd.Series([cell], dtype=object)).iloc[0] if cell is not None else ""
        if not text:
            text = column_letter(i)
            unnamed.add(text)
        names.append(text)
    return names, frozenset(unnamed)


def _read_csv(path: Path, sheet: str | None, header_row: int, log: IssueLog) -> RawTable | None:
    """Cells of a CSV file as text, in UTF-8 or Windows-1252, with any of three separators."""
    name = path.name
    raw = path.read_bytes()
    try:
        text, encoding = _decode(raw)
    except UnicodeDecodeError:
        log.error("unknown_encoding", name)
        return None
    if not text.strip():
        log.error("empty_file", name)
        return None
    lines = text.splitlines()
    skip = header_row - 1
    if skip >= len(lines):
        log.error("header_row_beyond_end", name, header_row=header_row)
        return None
    sep = _sniff_delimiter(lines[skip])
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, skiprows=skip, header=None,
                            quoting=csv.QUOTE_MINIMAL)
    except pd.errors.ParserError as exc:
        if not _report_long_rows(text, sep, skip, name, log):
            log.error("unreadable_file", name, reason=str(exc))
        return None
    except pd.errors.EmptyDataError:
        log.error("empty_file", name)
        return None
    header, unnamed = _header_names(list(frame.iloc[0]))
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = header
    rows = np.arange(len(frame)) + header_row + 1
    return RawTable(name, None, frame, rows, encoding, unnamed)


def _report_long_rows(text: str, sep: str, skip: int, name: str, log: IssueLog) -> bool:
    """Name every row with more fields than the header (pandas stops at the first)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    expected, rows, values = None, [], []
    for record in reader:
        # line_num counts physical lines, which is the spreadsheet row for
        # all but quoted cells spanning lines.
        if reader.line_num <= skip:
            continue
        if expected is None:
            expected = len(record)
        elif len(record) > expected:
            rows.append(reader.line_num)
            values.append(sep.join(record)[:80])
    if rows:
        log.rows(ERROR, "too_many_fields", name, sheet=None, rows=rows, column=None, values=values,
                 expected=expected)
    return bool(rows)


def _read_xlsx(path: Path, sheet: str | None, header_row: int, log: IssueLog) -> RawTable | None:
    """Cells of one sheet (the first without ``sheet``) as the workbook holds them."""
    import openpyxl

    name = path.name
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        log.error("unreadable_file", name, reason=f"{type(exc).__name__}: {exc}")
        return None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            log.error("sheet_not_found", name, sheet=sheet,
                      sheets=", ".join(workbook.sheetnames))
            return None
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        cells = [list(r) for r in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not cells:
        log.error("empty_file", name, sheet=worksheet.title)
        return None
    if header_row > len(cells):
        log.error("header_row_beyond_end", name, sheet=worksheet.title, header_row=header_row)
        return None
    width = max(len(r) for r in cells)
    cells = [r + [None] * (width - len(r)) for r in cells]
    header, unnamed = _header_names(cells[header_row - 1])
    body = cells[header_row:]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    rows = np.arange(len(frame)) + header_row + 1
    return RawTable(name, worksheet.title, frame, rows, None, unnamed)


def _read_parquet(path: Path, sheet: str | None, header_row: int, log: IssueLog) -> RawTable | None:
    """Columns of a Parquet file; it has no sheets and its header is its schema."""
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:
        log.error("unreadable_file", path.name, reason=f"{type(exc).__name__}: {exc}")
        return None
    frame.columns = [str(c) for c in frame.columns]
    return RawTable(path.name, None, frame.reset_index(drop=True), np.arange(len(frame)) + 2)


def _read_ogr(path: Path, layer: str | None, log: IssueLog) -> tuple[gpd.GeoDataFrame, str | None] | None:
    """Features of a GeoJSON file or shapefile through GDAL; the layer only when one was asked for."""
    return _read_layer(path, layer, log, name_layer=False)


def _read_geopackage(path: Path, layer: str | None,
                    log: IssueLog) -> tuple[gpd.GeoDataFrame, str | None] | None:
    """Features of one layer of a GeoPackage, which messages name like a sheet."""
    return _read_layer(path, layer, log, name_layer=True)


def _read_layer(path: Path, layer: str | None, log: IssueLog,
                name_layer: bool) -> tuple[gpd.GeoDataFrame, str | None] | None:
    import pyogrio

    name = path.name
    layers = [str(layer_name) for layer_name, _ in pyogrio.list_layers(path)]
    if layer is None and len(layers) > 1:
        log.error("several_layers", name, layers=", ".join(layers))
        return None
    if layer is not None and layer not in layers:
        log.error("layer_not_found", name, value=layer, layers=", ".join(layers))
        return None
    frame = pyogrio.read_dataframe(path, layer=layer)
    return frame, layer if layer is not None else (layers[0] if name_layer else None)


def _read_geoparquet(path: Path, layer: str | None, log: IssueLog) -> tuple[gpd.GeoDataFrame, str | None]:
    """Features of a GeoParquet file (one table, no layers)."""
    return gpd.read_parquet(path), layer


@dataclass(frozen=True)
class FileFormat:
    """A kind of file the ingest reads.

    Parameters
    ----------
    label : str
        Name in messages, e.g. ``"GeoPackage"``.
    kind : str
        :data:`TABLE` or :data:`POLYGONS`.
    suffixes : tuple of str
        Lower-case file name endings, with the dot.
    read : callable
        For a table ``read(path, sheet, header_row, log) -> RawTable | None``;
        for polygons ``read(path, layer, log) -> (GeoDataFrame, layer) | None``.
        Polygon readers may raise on a broken file; table readers log it.
    suggested : bool
        Whether the hint for an unsupported file names this format.
    """

    label: str
    kind: str
    suffixes: tuple[str, ...]
    read: Callable
    suggested: bool = True


FORMATS = (
    FileFormat("CSV", TABLE, (".csv", ".txt", ".tsv"), _read_csv),
    FileFormat("XLSX", TABLE, (".xlsx", ".xlsm"), _read_xlsx),
    FileFormat("Parquet", TABLE, (".parquet", ".pq"), _read_parquet),
    FileFormat("GeoPackage", POLYGONS, (".gpkg",), _read_geopackage),
    FileFormat("GeoJSON", POLYGONS, (".geojson", ".json"), _read_ogr),
    FileFormat("shapefile (.shp, .zip)", POLYGONS, (".shp", ".zip"), _read_ogr),
    FileFormat("GeoParquet", POLYGONS, (".parquet", ".geoparquet"), _read_geoparquet),
    # GDAL reads FlatGeobuf as well; planners are not sent files in it, so the hint leaves it out.
    FileFormat("FlatGeobuf", POLYGONS, (".fgb",), _read_ogr, suggested=False),
)


def find_format(path: Path, kind: str) -> FileFormat | None:
    """The format of ``kind`` that reads ``path`` (by its suffix), or None.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    kind : str
        :data:`TABLE` or :data:`POLYGONS`.

    Returns
    -------
    FileFormat or None
    """
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS if f.kind == kind and suffix in f.suffixes), None)


def format_names(kind: str) -> str:
    """The formats of ``kind`` to suggest for an unsupported file, e.g. ``"CSV, XLSX, Parquet"``."""
    return ", ".join(f.label for f in FORMATS if f.kind == kind and f.suggested)
