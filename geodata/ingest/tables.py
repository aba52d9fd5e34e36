"""Reading value tables: CSV, XLSX and Parquet, and what each file is to become.

:class:`ValuesOptions` says how to read one values file; :func:`read_table`
opens it with its reader from :mod:`geodata.ingest.formats` and drops what
is layout, not data (empty rows, the footnotes SCB's exports append, padding
columns).  Cells are read as text (CSV) or as the workbook holds them, never
guessed into numbers by the reader: ids stay strings and SCB's ``..``
survives until :mod:`geodata.ingest.numbers` turns it into a status.
:mod:`geodata.ingest.reshape` then turns the cells into long rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .formats import TABLE, RawTable, find_format, format_names
from .issues import IssueLog

#: The shapes a values file comes in: one row per area, indicator and year;
#: one column per year; one column per indicator.
LONG = "long"
WIDE_YEARS = "years"
WIDE_INDICATORS = "indicators"
FORMS = (LONG, WIDE_YEARS, WIDE_INDICATORS)


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
    decimal : {",", "."}, optional
        The decimal separator of the file's numbers when it states one; the
        other separator and spaces then group thousands.  Without it a cell
        such as ``24,198`` must be settled by its column or is an error.
    only : str or tuple of str, optional
        Which rows a national or county file contributes when the polygons
        cover less: ``"areas"`` (the ids with a polygon) or kommun codes
        (see :mod:`geodata.ingest.subset`); the rest are left out with a
        warning that counts them.  Without it every id needs a polygon.
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
    decimal: str | None = None
    only: str | tuple[str, ...] | None = None



def read_table(path: Path, options: ValuesOptions, log: IssueLog) -> RawTable | None:
    """Read the cells of a values file; None (with errors logged) when unreadable."""
    path = Path(path)
    name = path.name
    if not log.file_is_usable(path):
        return None
    file_format = find_format(path, TABLE)
    if file_format is None:
        log.error("unsupported_values_format", name, value=path.suffix, formats=format_names(TABLE))
        return None
    table = file_format.read(path, options.sheet, options.header_row, log)
    if table is None:
        return None
    table = _drop_blank_and_footer(table)
    if table.frame.empty:
        log.error("no_data_rows", name, sheet=table.sheet)
        return None
    return table



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

