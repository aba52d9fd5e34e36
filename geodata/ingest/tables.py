"""Reading value tables: CSV, XLSX and Parquet, long or wide, into long rows.

Every row keeps the number a spreadsheet would show for it (header = row 1)
so that each problem can name its row.  Cells are read as text (CSV) or as
the workbook holds them, never guessed into numbers by the reader: ids stay
strings and SCB's ``..`` survives until :mod:`geodata.ingest.numbers` turns
it into a status.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..fmt import slug
from ..model import YEAR_MAX, YEAR_MIN
from .codes import cells_to_codes
from .issues import ERROR, IssueLog
from .numbers import parse_numbers

LONG = "long"
WIDE_YEARS = "years"
WIDE_INDICATORS = "indicators"
FORMS = (LONG, WIDE_YEARS, WIDE_INDICATORS)

LONG_REQUIRED = ("area_id", "indicator", "year", "value")
OPTIONAL = ("numerator", "denominator", "edition")
#: Endings of headers of name columns, which a wide file may carry next to
#: the id without them being data ("namn", "kommunnamn", "municip_name").
NAME_ENDINGS = ("name", "namn")

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}

YEAR_PATTERN = re.compile(r"^\d{4}$")


@dataclass
class ValuesOptions:
    """How to read one values file.

    Parameters
    ----------
    form : str
        ``"long"`` (columns ``area_id, indicator, year, value``), ``"years"``
        (one column per year) or ``"indicators"`` (one column per indicator).
    indicator : str, optional
        Indicator of every year column of a ``years`` file without an
        ``indicator`` column.
    year : int, optional
        Year of every indicator column of an ``indicators`` file without a
        ``year`` column.
    id_column : str, optional
        Column holding the area id (default ``area_id``, in wide files the
        first column when there is no ``area_id``).
    sheet : str, optional
        Sheet of a workbook (default: the first).
    header_row : int
        Spreadsheet row of the header (default 1); rows above are titles.
    level : str, optional
        Level the values belong to, when a dataset has several.
    rename : dict
        Indicator ids to use instead of the ones in the file.
    columns : list of str, optional
        In a wide file, the value columns to read (default: all others).
    edition : str, optional
        Boundary edition of the ids (``"DeSO2018"``) when neither an
        ``edition`` column nor an id suffix says it.
    """

    form: str = LONG
    indicator: str | None = None
    year: int | None = None
    id_column: str | None = None
    sheet: str | None = None
    header_row: int = 1
    level: str | None = None
    rename: dict[str, str] = field(default_factory=dict)
    edition: str | None = None
    columns: list[str] | None = None


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


def read_table(path: Path, options: ValuesOptions, log: IssueLog) -> RawTable | None:
    """Read the cells of a values file; None (with errors logged) when unreadable."""
    path = Path(path)
    name = path.name
    if not log.file_is_usable(path):
        return None
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        table = _read_csv(path, options, log)
    elif suffix in XLSX_SUFFIXES:
        table = _read_xlsx(path, options, log)
    elif suffix in PARQUET_SUFFIXES:
        table = _read_parquet(path, log)
    else:
        log.error("unsupported_values_format", name, value=path.suffix,
                  formats="CSV, XLSX, Parquet")
        return None
    if table is None:
        return None
    table = _drop_blank_and_footer(table)
    if table.frame.empty:
        log.error("no_data_rows", name, sheet=table.sheet)
        return None
    return table


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


def _read_csv(path: Path, options: ValuesOptions, log: IssueLog) -> RawTable | None:
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
    skip = options.header_row - 1
    if skip >= len(lines):
        log.error("header_row_beyond_end", name, header_row=options.header_row)
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
    rows = np.arange(len(frame)) + options.header_row + 1
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


def _read_xlsx(path: Path, options: ValuesOptions, log: IssueLog) -> RawTable | None:
    import openpyxl

    name = path.name
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        log.error("unreadable_file", name, reason=f"{type(exc).__name__}: {exc}")
        return None
    try:
        if options.sheet is not None and options.sheet not in workbook.sheetnames:
            log.error("sheet_not_found", name, sheet=options.sheet,
                      sheets=", ".join(workbook.sheetnames))
            return None
        sheet = workbook[options.sheet] if options.sheet else workbook.worksheets[0]
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not cells:
        log.error("empty_file", name, sheet=sheet.title)
        return None
    if options.header_row > len(cells):
        log.error("header_row_beyond_end", name, sheet=sheet.title, header_row=options.header_row)
        return None
    width = max(len(r) for r in cells)
    cells = [r + [None] * (width - len(r)) for r in cells]
    header, unnamed = _header_names(cells[options.header_row - 1])
    body = cells[options.header_row:]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    rows = np.arange(len(frame)) + options.header_row + 1
    return RawTable(name, sheet.title, frame, rows, None, unnamed)


def _read_parquet(path: Path, log: IssueLog) -> RawTable | None:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:
        log.error("unreadable_file", path.name, reason=f"{type(exc).__name__}: {exc}")
        return None
    frame.columns = [str(c) for c in frame.columns]
    return RawTable(path.name, None, frame.reset_index(drop=True), np.arange(len(frame)) + 2)


def _blank(frame: pd.DataFrame) -> pd.DataFrame:
    """Cell-wise: is the cell empty (None, NaN or only spaces)?"""
    out = frame.isna()
    for col in frame.columns:
        if frame[col].dtype == object:
            out[col] = out[col] | frame[col].map(lambda v: isinstance(v, str) and not v.strip())
    return out


def _drop_blank_and_footer(table: RawTable) -> RawTable:
    """Drop empty rows and the footnotes SCB's exports append after a blank row."""
    frame = table.frame
    if frame.empty:
        return table
    blank = _blank(frame)
    filled = (~blank).sum(axis=1).to_numpy()
    keep = filled > 0
    empty_rows = np.flatnonzero(filled == 0)
    data_rows = np.flatnonzero(filled > 0)
    if len(empty_rows) and len(data_rows):
        first_gap = next((i for i in empty_rows if i > data_rows[0]), None)
        if first_gap is not None:
            tail = filled[first_gap:]
            # Footnotes ("Källa: SCB", "Databas: ...") fill one cell per row.
            if (tail <= 1).all():
                keep[first_gap:] = False
    frame = frame[keep].reset_index(drop=True)
    # A column without header or cells is layout (SCB's exports pad their width).
    empty_columns = [c for c in table.unnamed if blank.loc[keep, c].all()]
    frame = frame.drop(columns=empty_columns)
    return RawTable(table.file, table.sheet, frame, table.rows[keep], table.encoding,
                    table.unnamed - set(empty_columns))


def _drop_subheader_rows(table: RawTable, id_col: str) -> RawTable:
    """Drop rows between the header and the first id: SCB's second header row."""
    ids = cells_to_codes(table.frame[id_col])
    filled = (ids != "").to_numpy()
    if not filled.any() or filled[0]:
        return table
    first = int(np.argmax(filled))
    return RawTable(table.file, table.sheet, table.frame.iloc[first:].reset_index(drop=True),
                    table.rows[first:], table.encoding, table.unnamed)


# ---------------------------------------------------------------------------
# From cells to long rows

#: Swedish headers accepted for the standard columns.
COLUMN_ALIASES = {
    "area_id": ("area_id", "omrade_id", "område_id"),
    "indicator": ("indicator", "indikator"),
    "year": ("year", "år"),
    "value": ("value", "värde"),
    "numerator": ("numerator", "täljare"),
    "denominator": ("denominator", "nämnare"),
    "edition": ("edition", "utgåva"),
}


def _find_column(columns: list[str], wanted: str) -> str | None:
    names = COLUMN_ALIASES.get(wanted, (wanted,))
    for col in columns:
        if col.strip().lower() in names:
            return col
    return None


def _parse_years(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Years as int64 and a mask of cells that are not a possible year."""
    index, uniques = pd.factorize(pd.Series(cells, dtype=object), use_na_sentinel=True)
    text = cells_to_codes(pd.Series(uniques, dtype=object))
    ok = text.str.match(YEAR_PATTERN).fillna(False).to_numpy(dtype=bool).copy()
    years = np.zeros(len(text), dtype="int64")
    years[ok] = text[ok].astype("int64").to_numpy()
    ok &= (years >= YEAR_MIN) & (years <= YEAR_MAX)
    # Index -1 (an empty cell) picks the appended "not a year".
    return np.append(years, 0)[index], ~np.append(ok, False)[index]


def _year_of_header(header: str) -> int | None:
    text = header.strip()
    if YEAR_PATTERN.match(text) and YEAR_MIN <= int(text) <= YEAR_MAX:
        return int(text)
    return None


def _id_column(table: RawTable, options: ValuesOptions, log: IssueLog) -> str | None:
    columns = list(table.frame.columns)
    if options.id_column is not None:
        col = options.id_column if options.id_column in columns else _find_column(
            columns, options.id_column.lower())
        if col is None:
            log.error("missing_columns", table.file, sheet=table.sheet,
                      columns=options.id_column, available=", ".join(columns))
        return col
    col = _find_column(columns, "area_id")
    if col is None and options.form != LONG:
        col = columns[0]
    return col


@dataclass
class LongRows:
    """Long rows read from one file, before area ids are checked.

    ``frame`` has ``area_cell`` (the id as written), ``indicator``, ``year``,
    ``value``, ``numerator``, ``denominator``, ``status``, ``edition``,
    ``row`` and ``column`` (where the value was written).
    """

    file: str
    sheet: str | None
    id_column: str
    frame: pd.DataFrame
    labels: dict[str, str] = field(default_factory=dict)
    level: str | None = None


def to_long(table: RawTable, options: ValuesOptions, log: IssueLog) -> LongRows | None:
    """Turn a :class:`RawTable` into long rows, logging every bad cell."""
    if options.form not in FORMS:
        raise ValueError(f"unknown form {options.form!r}")
    id_col = _id_column(table, options, log)
    if id_col is not None:
        table = _drop_subheader_rows(table, id_col)
    if options.form == LONG:
        return _long(table, options, id_col, log)
    if id_col is None:
        return None
    if options.form == WIDE_YEARS:
        return _wide_years(table, options, id_col, log)
    return _wide_indicators(table, options, id_col, log)


def _long(table: RawTable, options: ValuesOptions, id_col: str | None,
          log: IssueLog) -> LongRows | None:
    columns = list(table.frame.columns)
    found = {name: _find_column(columns, name) for name in LONG_REQUIRED + OPTIONAL}
    if id_col is not None:
        found["area_id"] = id_col
    missing = [name for name in LONG_REQUIRED if found[name] is None]
    if missing:
        log.error("missing_columns", table.file, sheet=table.sheet, columns=", ".join(missing),
                  available=", ".join(columns))
        return None
    frame = table.frame
    out = pd.DataFrame({
        "area_cell": frame[found["area_id"]].to_numpy(dtype=object),
        "indicator": cells_to_codes(frame[found["indicator"]]).to_numpy(dtype=object),
        "year_cell": frame[found["year"]].to_numpy(dtype=object),
        "value_cell": frame[found["value"]].to_numpy(dtype=object),
        "row": table.rows,
        "column": found["value"],
    })
    for name in ("numerator", "denominator"):
        out[f"{name}_cell"] = (frame[found[name]].to_numpy(dtype=object)
                               if found[name] else None)
    out["edition"] = (cells_to_codes(frame[found["edition"]]).replace("", None).to_numpy(dtype=object)
                      if found["edition"] else None)
    blank_indicator = out["indicator"] == ""
    if blank_indicator.any():
        log.rows(ERROR, "empty_indicator", table.file, sheet=table.sheet,
                 rows=out.loc[blank_indicator, "row"].to_numpy(), column=found["indicator"])
    out = out[~blank_indicator]
    return _finish(table, options, found["area_id"], out, found["year"], log, {})


def _is_name_column(header: str) -> bool:
    return header.strip().lower().endswith(NAME_ENDINGS)


def _value_columns(table: RawTable, options: ValuesOptions, skip: set,
                   log: IssueLog) -> list[str]:
    """The columns of a wide file that hold values."""
    columns = list(table.frame.columns)
    if options.columns is None:
        return [c for c in columns if c not in skip]
    missing = [c for c in options.columns if c not in columns]
    if missing:
        log.error("missing_columns", table.file, sheet=table.sheet, columns=", ".join(missing),
                  available=", ".join(columns))
    return [c for c in options.columns if c in columns]


def _wide_years(table: RawTable, options: ValuesOptions, id_col: str,
                log: IssueLog) -> LongRows | None:
    frame = table.frame
    indicator_col = _find_column(list(frame.columns), "indicator")
    if indicator_col is None and not options.indicator:
        log.error("wide_years_needs_indicator", table.file, sheet=table.sheet)
        return None
    skip = {id_col, indicator_col} | {c for c in frame.columns if _is_name_column(c)}
    year_columns: dict[str, int] = {}
    ok = True
    for col in _value_columns(table, options, skip, log):
        year = _year_of_header(col)
        if year is None:
            log.error("header_not_a_year", table.file, sheet=table.sheet, row=options.header_row,
                      column=col, value=col)
            ok = False
        else:
            year_columns[col] = year
    if not ok:
        return None
    if not year_columns:
        log.error("no_value_columns", table.file, sheet=table.sheet)
        return None
    indicator = (cells_to_codes(frame[indicator_col]).to_numpy(dtype=object) if indicator_col
                 else np.full(len(frame), options.indicator, dtype=object))
    parts = []
    for col, year in year_columns.items():
        parts.append(pd.DataFrame({
            "area_cell": frame[id_col].to_numpy(dtype=object), "indicator": indicator,
            "year_cell": year, "value_cell": frame[col].to_numpy(dtype=object),
            "row": table.rows, "column": col}))
    out = pd.concat(parts, ignore_index=True)
    out["numerator_cell"] = None
    out["denominator_cell"] = None
    out["edition"] = None
    return _finish(table, options, id_col, out, None, log, {})


def _wide_indicators(table: RawTable, options: ValuesOptions, id_col: str,
                     log: IssueLog) -> LongRows | None:
    frame = table.frame
    year_col = _find_column(list(frame.columns), "year")
    if year_col is None and options.year is None:
        log.error("wide_indicators_needs_year", table.file, sheet=table.sheet)
        return None
    skip = {id_col, year_col} | {c for c in frame.columns if _is_name_column(c)}
    value_columns = _value_columns(table, options, skip, log)
    if not value_columns:
        log.error("no_value_columns", table.file, sheet=table.sheet)
        return None
    labels: dict[str, str] = {}
    parts = []
    year_cells = (frame[year_col].to_numpy(dtype=object) if year_col
                  else np.full(len(frame), options.year, dtype=object))
    for col in value_columns:
        # The id is the header in lower case without accents, words joined by _.
        indicator = options.rename.get(col) or slug(col, "_")
        if not indicator:
            log.error("empty_indicator", table.file, sheet=table.sheet,
                      row=options.header_row, column=col)
            continue
        labels.setdefault(indicator, col)
        parts.append(pd.DataFrame({
            "area_cell": frame[id_col].to_numpy(dtype=object), "indicator": indicator,
            "year_cell": year_cells, "value_cell": frame[col].to_numpy(dtype=object),
            "row": table.rows, "column": col}))
    if not parts:
        return None
    out = pd.concat(parts, ignore_index=True)
    out["numerator_cell"] = None
    out["denominator_cell"] = None
    out["edition"] = None
    return _finish(table, options, id_col, out, year_col, log, labels)


def _finish(table: RawTable, options: ValuesOptions, id_col: str, out: pd.DataFrame,
            year_col: str | None, log: IssueLog, labels: dict[str, str]) -> LongRows:
    """Parse years and numbers, log bad cells and drop their rows."""
    if options.rename:
        out["indicator"] = out["indicator"].map(lambda i: options.rename.get(i, i))
    years, bad_year = _parse_years(out["year_cell"])
    if bad_year.any():
        # A bad year in a year column is one problem per row, not per value column.
        bad_rows = out.loc[bad_year, ["row", "year_cell"]].drop_duplicates("row")
        log.rows(ERROR, "impossible_year", table.file, sheet=table.sheet,
                 rows=bad_rows["row"].to_numpy(), column=year_col,
                 values=[cells_to_codes(pd.Series([v], dtype=object)).iloc[0] or ""
                         for v in bad_rows["year_cell"]],
                 min=YEAR_MIN, max=YEAR_MAX)
    out["year"] = years

    parsed = parse_numbers(out["value_cell"].reset_index(drop=True))
    if parsed.invalid.any():
        idx = np.flatnonzero(parsed.invalid)
        columns = out["column"].to_numpy()[idx]
        single = len(set(columns)) == 1
        log.rows(ERROR, "not_a_number", table.file, sheet=table.sheet,
                 rows=out["row"].to_numpy()[idx], column=columns[0] if single else None,
                 columns=None if single else columns[:20].tolist(),
                 values=out["value_cell"].to_numpy()[idx][:20].tolist())
    out["value"] = parsed.value
    out["status"] = parsed.status
    bad = bad_year | parsed.invalid
    for name in ("numerator", "denominator"):
        cells = out[f"{name}_cell"]
        if cells.isna().all():
            out[name] = np.nan
            continue
        nums = parse_numbers(cells.reset_index(drop=True))
        if nums.invalid.any():
            idx = np.flatnonzero(nums.invalid)
            log.rows(ERROR, "not_a_number", table.file, sheet=table.sheet,
                     rows=out["row"].to_numpy()[idx], column=name,
                     values=cells.to_numpy()[idx][:20].tolist())
        out[name] = nums.value
        bad |= nums.invalid
    out = out[~bad].drop(columns=["year_cell", "value_cell", "numerator_cell",
                                  "denominator_cell"]).reset_index(drop=True)
    return LongRows(table.file, table.sheet, id_col, out, labels, options.level)
