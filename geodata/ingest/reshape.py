"""From a table's cells to long rows: one per area, indicator and year.

A values file is long (columns ``area_id, indicator, year, value``), wide by
years (one column per year) or wide by indicators (one column per indicator;
the header becomes the indicator's id and label).  Swedish headers are
accepted for the standard columns.  Every bad cell is logged with its row and
column and its row dropped; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..fmt import slug
from ..model import STATUS_MISSING, STATUS_OK, YEAR_MAX, YEAR_MIN
from .codes import cells_to_codes
from .formats import RawTable
from .issues import ERROR, IssueLog
from .numbers import ParsedNumbers, parse_numbers, settle_separators
from .tables import FORMS, LONG, WIDE_YEARS, ValuesOptions

LONG_REQUIRED = ("area_id", "indicator", "year", "value")
OPTIONAL = ("numerator", "denominator", "edition")
#: Endings of headers of name columns, which a wide file may carry next to
#: the id without them being data ("namn", "kommunnamn", "municip_name").
NAME_ENDINGS = ("name", "namn")

YEAR_PATTERN = re.compile(r"^\d{4}$")


def _drop_subheader_rows(table: RawTable, id_col: str) -> RawTable:
    """Drop rows between the header and the first id: SCB's second header row."""
    ids = cells_to_codes(table.frame[id_col])
    filled = (ids != "").to_numpy()
    if not filled.any() or filled[0]:
        return table
    first = int(np.argmax(filled))
    return RawTable(table.file, table.sheet, table.frame.iloc[first:].reset_index(drop=True),
                    table.rows[first:], table.encoding, table.unnamed)


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


#: Headers (as slugs) of columns that say where or when a row is, never how
#: much: codes of areas (``kommunkod``, ``lanskod``, ``county_code``,
#: ``RegSOkod_2020``), periods (``ar``, ``period``), editions
#: (``regso_version``) and GIS bookkeeping.
LAYOUT_HEADER = re.compile(
    r"^(.*_)?(kod|code|id|fid|objectid|objektidentitet|nr|nummer|version|utgava|edition)(_\d{4})?$"
    r"|^.*kod(_\d{4})?$"
    r"|^(kommun|lan|lans|county|municip|region|deso|regso)(_\d{4})?$"
    r"|^(ar|year|period|tid|referensar|referenstid|referensdatum|manad|month|version|uppdaterad)$")


def is_layout_column(header: str) -> bool:
    """Whether ``header`` names a code, period or bookkeeping column rather than an indicator."""
    return bool(LAYOUT_HEADER.match(slug(header, "_")))


def _value_columns(table: RawTable, options: ValuesOptions, skip: set,
                   log: IssueLog) -> list[str]:
    """The columns of a wide file that hold values.

    Without ``--columns`` every other column is read, except that a column
    named like a code, period or bookkeeping field (``kommunkod``,
    ``lanskod``, ``år``) is left out with a warning naming it, and a column
    without a header that holds cells (a footnote beside the table, a
    forgotten calculation) is refused: its letter would become an indicator.
    """
    columns = list(table.frame.columns)
    if options.columns is None:
        layout = [c for c in columns if c not in skip and c not in table.unnamed and is_layout_column(c)]
        if layout:
            log.warning("layout_columns_left_out", table.file, sheet=table.sheet, row=options.header_row,
                        value=", ".join(layout), count=len(layout))
        for col in columns:
            if col in table.unnamed and col not in skip:
                cells = table.frame[col]
                filled = np.flatnonzero(cells_to_codes(cells).to_numpy(dtype=object) != "")
                if not filled.size:
                    # Its only cells were in rows already dropped (SCB's second header row).
                    continue
                log.error("unnamed_column", table.file, sheet=table.sheet, row=int(table.rows[filled[0]]),
                          column=col, value=cells_to_codes(cells.iloc[[filled[0]]]).iloc[0],
                          count=len(filled))
        return [c for c in columns if c not in skip and c not in layout and c not in table.unnamed]
    missing = [c for c in options.columns if c not in columns]
    if missing:
        log.error("missing_columns", table.file, sheet=table.sheet, columns=", ".join(missing),
                  available=", ".join(columns))
    return [c for c in options.columns if c in columns]


def _drop_empty_columns(table: RawTable, options: ValuesOptions, columns: list[str],
                        log: IssueLog) -> list[str]:
    """Refuse value columns without a single cell: they would publish an indicator of nothing."""
    kept = []
    for col in columns:
        if (cells_to_codes(table.frame[col]) == "").all():
            log.error("empty_column", table.file, sheet=table.sheet, row=options.header_row, column=col)
        else:
            kept.append(col)
    return kept


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
    for col in _drop_empty_columns(table, options, _value_columns(table, options, skip, log), log):
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
    value_columns = _drop_empty_columns(table, options, value_columns, log)
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


def _numbers(table: RawTable, options: ValuesOptions, out: pd.DataFrame, cells_column: str,
             columns: np.ndarray, log: IssueLog) -> ParsedNumbers:
    """Parse one kind of cell (values, numerators, denominators), separators settled per column.

    A cell whose separators its column cannot settle (``24,198`` beside
    ``95 408``) is an error naming it, not a guess 1,000 times off; with a
    stated ``decimal`` every cell follows that rule or is an error.  Such
    cells come back ``invalid`` with no further message.
    """
    cells = out[cells_column].reset_index(drop=True)
    parsed = parse_numbers(cells)
    seps = settle_separators(cells, columns, options.decimal)
    if not (seps.ambiguous.any() or seps.settled.any()):
        return parsed
    rule = "ambiguous_separator" if options.decimal is None else "decimal_rule_broken"
    if seps.ambiguous.any():
        idx = np.flatnonzero(seps.ambiguous)
        rows, cols = out["row"].to_numpy()[idx], columns[idx]
        for column in pd.unique(cols):
            mine = cols == column
            log.rows(ERROR, rule, table.file, sheet=table.sheet, rows=rows[mine], column=str(column),
                     values=cells.to_numpy()[idx][mine][:20].tolist(), decimal=options.decimal or "")
    value = np.where(seps.ambiguous, np.nan, np.where(seps.settled, seps.value, parsed.value))
    status = parsed.status.copy()
    status[seps.settled] = STATUS_OK
    status[seps.ambiguous] = STATUS_MISSING
    return ParsedNumbers(value, status, (parsed.invalid & ~seps.settled) | seps.ambiguous,
                         reported=seps.ambiguous)


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

    parsed = _numbers(table, options, out, "value_cell", out["column"].to_numpy(dtype=object), log)
    if (parsed.invalid & ~parsed.reported).any():
        idx = np.flatnonzero(parsed.invalid & ~parsed.reported)
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
        nums = _numbers(table, options, out, f"{name}_cell", np.full(len(out), name, dtype=object), log)
        if (nums.invalid & ~nums.reported).any():
            idx = np.flatnonzero(nums.invalid & ~nums.reported)
            log.rows(ERROR, "not_a_number", table.file, sheet=table.sheet,
                     rows=out["row"].to_numpy()[idx], column=name,
                     values=cells.to_numpy()[idx][:20].tolist())
        out[name] = nums.value
        bad |= nums.invalid
    out = out[~bad].drop(columns=["year_cell", "value_cell", "numerator_cell",
                                  "denominator_cell"]).reset_index(drop=True)
    return LongRows(table.file, table.sheet, id_col, out, labels, options.level)
