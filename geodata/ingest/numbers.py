"""Numbers as Swedish spreadsheets and SCB's exports write them.

``12,5`` (decimal comma), ``1 234`` or ``1\u00a0234`` (space or no-break
space between thousands), ``\u22123,4`` (Unicode minus) and ``12,5 %`` are all
numbers.  SCB's markers are not: ``..`` (not available, too uncertain or
withheld for confidentiality) becomes *suppressed*; ``.`` and ``...`` (cannot
occur / not yet available) and an empty cell become *missing*.  None of
them ever becomes 0.  A lone ``-`` is SCB's "exactly zero" (PX convention).

Parsing is vectorised: a 200,000-row column takes a fraction of a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED

#: SCB's symbols for a cell without a figure, and the status each becomes.
MARKER_STATUS = {"..": STATUS_SUPPRESSED, ".": STATUS_MISSING, "...": STATUS_MISSING,
                 "\u2026": STATUS_MISSING}
#: SCB (PX files) writes a lone dash for a figure that is exactly zero.
ZERO_DASHES = {"-", "\u2013", "\u2212"}

_SPACES = r"[\s\u00a0\u202f\u2009\u2007]"
#: One separator followed by exactly three digits, after a first group that a
#: thousands separator could follow ("24,198", "1.500"): 24 198 or 24.198?
#: A leading 0 ("0,426") cannot start a group of thousands.
_AMBIGUOUS = r"^-?[1-9]\d{0,2}[,.]\d{3}$"
#: The separator evidently a decimal one: other than three digits after it
#: ("12,5", "3,1416"), or after a lone 0 ("0,426"), or after space-grouped thousands ("1 234,567").
_DECIMAL_SHAPE = {sep: rf"^-?(\d+\{sep}(\d{{1,2}}|\d{{4,}})|0\{sep}\d+|\d{{1,3}}( \d{{3}})+\{sep}\d+)$"
                  for sep in ",."}
#: The separator evidently one of thousands: several groups ("1,234,567") or before the other one
#: ("1,234.5").
_THOUSANDS_STRICT = {",": r"^-?\d{1,3}(,\d{3}){2,}$|^-?\d{1,3}(,\d{3})+\.\d+$",
                     ".": r"^-?\d{1,3}(\.\d{3}){2,}$|^-?\d{1,3}(\.\d{3})+,\d+$"}
#: The decimal separators a file may state (``ValuesOptions.decimal``).
DECIMAL_SEPARATORS = (",", ".")
_COMMA_THOUSANDS = r"^-?\d{1,3}(,\d{3}){2,}(\.\d+)?$"
_DOT_THOUSANDS = r"^-?\d{1,3}(\.\d{3}){2,}(,\d+)?$"


@dataclass(frozen=True)
class ParsedNumbers:
    """Result of :func:`parse_numbers`, aligned with the input.

    ``value`` is NaN wherever ``status`` is not ``ok``; ``invalid`` marks
    cells that are neither a number nor a known marker (their status is
    ``missing`` so that the arrays stay usable, but they are errors).
    """

    value: np.ndarray
    status: np.ndarray
    invalid: np.ndarray
    #: Invalid cells already reported with their own rule (an ambiguous separator).
    reported: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.reported is None:
            object.__setattr__(self, "reported", np.zeros(len(self.invalid), dtype=bool))


def parse_numbers(cells: pd.Series) -> ParsedNumbers:
    """Parse a column of cells written the Swedish way.

    Parameters
    ----------
    cells : pandas.Series
        Strings as read from CSV, or the mixed numbers and strings a
        workbook gives, or a numeric column from Parquet.

    Returns
    -------
    ParsedNumbers
    """
    n = len(cells)
    if pd.api.types.is_bool_dtype(cells.dtype):
        return ParsedNumbers(np.full(n, np.nan), np.full(n, STATUS_MISSING, dtype=object),
                             np.ones(n, dtype=bool))
    if pd.api.types.is_numeric_dtype(cells.dtype):
        value = cells.to_numpy(dtype="float64", na_value=np.nan)
        finite = np.isfinite(value)
        invalid = np.isinf(value)
        status = np.where(finite, STATUS_OK, STATUS_MISSING).astype(object)
        return ParsedNumbers(np.where(finite, value, np.nan), status, invalid)

    # Columns repeat themselves (years, markers, small counts): parse each
    # distinct cell once and broadcast, which keeps 200,000 rows fast.
    index, uniques = pd.factorize(cells.astype(object), use_na_sentinel=True)
    if len(uniques) == 0:
        return ParsedNumbers(np.full(n, np.nan), np.full(n, STATUS_MISSING, dtype=object),
                             np.zeros(n, dtype=bool))
    if len(uniques) == n:
        return _parse_cells(cells)
    parsed = _parse_cells(pd.Series(uniques, dtype=object))
    na = index < 0
    safe = np.where(na, 0, index)
    value = np.where(na, np.nan, parsed.value[safe])
    status = np.where(na, STATUS_MISSING, parsed.status[safe]).astype(object)
    invalid = ~na & parsed.invalid[safe]
    return ParsedNumbers(value, status, invalid)


def _parse_cells(cells: pd.Series) -> ParsedNumbers:
    n = len(cells)
    obj = cells.astype(object)
    empty = obj.isna().to_numpy()
    # Workbook cells arrive as real numbers: take them as they are.
    is_number = obj.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))
                        and not isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
    value = np.full(n, np.nan)
    if is_number.any():
        value[is_number] = obj[is_number].astype("float64").to_numpy()

    text = obj.where(~(empty | is_number), "").astype(str).str.strip()
    text_arr = text.to_numpy(dtype=object)
    marker_status = text.map(MARKER_STATUS).to_numpy(dtype=object)
    is_marker = pd.notna(marker_status)
    is_blank = (text_arr == "") & ~is_number
    is_zero_dash = text.isin(ZERO_DASHES).to_numpy()
    to_parse = ~(is_number | is_marker | is_blank | is_zero_dash)

    parsed = np.full(n, np.nan)
    if to_parse.any():
        parsed[to_parse] = _parse_text(text[to_parse])
    value = np.where(to_parse, parsed, value)
    value = np.where(is_zero_dash, 0.0, value)
    invalid = to_parse & ~np.isfinite(parsed)
    value = np.where(np.isfinite(value), value, np.nan)

    status = np.full(n, STATUS_OK, dtype=object)
    status[is_marker] = marker_status[is_marker]
    status[is_blank | invalid] = STATUS_MISSING
    status[is_number & np.isnan(value)] = STATUS_MISSING
    return ParsedNumbers(value, status, invalid)


def _parse_text(text: pd.Series) -> np.ndarray:
    cleaned = (text.str.replace(_SPACES, "", regex=True)
               .str.replace("\u2212", "-", regex=False)
               .str.replace(r"%$", "", regex=True))
    has_comma = cleaned.str.contains(",", regex=False)
    has_dot = cleaned.str.contains(".", regex=False)
    comma_last = cleaned.str.rfind(",") > cleaned.str.rfind(".")

    # Both separators: the later one is the decimal separator.
    both_comma_decimal = has_comma & has_dot & comma_last
    both_dot_decimal = has_comma & has_dot & ~comma_last
    comma_thousands = cleaned.str.match(_COMMA_THOUSANDS)
    dot_thousands = cleaned.str.match(_DOT_THOUSANDS)
    single_comma = has_comma & ~has_dot & (cleaned.str.count(",") == 1)

    out = cleaned.copy()
    sel = (both_comma_decimal | dot_thousands)
    out[sel] = cleaned[sel].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    sel = (both_dot_decimal | comma_thousands) & ~dot_thousands
    out[sel] = cleaned[sel].str.replace(",", "", regex=False)
    out[single_comma] = cleaned[single_comma].str.replace(",", ".", regex=False)
    # Only plain decimal notation counts: "1e5", "0x10" or "nan" are not
    # how anyone writes a statistic by hand and more likely a mistake.
    plain = out.str.match(r"^[-+]?(\d+\.?\d*|\.\d+)$")
    numbers = pd.to_numeric(out.where(plain, None), errors="coerce")
    return numbers.to_numpy(dtype="float64", na_value=np.nan)


@dataclass(frozen=True)
class Separators:
    """What :func:`resolve_separators` decided about the cells of one column.

    ``ambiguous`` marks cells that read as two numbers 1,000 times apart
    (``24,198``) in a column that does not say which; ``value`` holds the
    value of every cell the column (or a stated rule) settles, NaN elsewhere.
    """

    ambiguous: np.ndarray
    value: np.ndarray
    settled: np.ndarray


def _texts(cells: pd.Series) -> pd.Series:
    """The text of each string cell, spaces normalised and a trailing % dropped ('' for others)."""
    obj = cells.astype(object)
    is_text = obj.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    text = obj.where(is_text, "").astype(str).str.strip()
    text = (text.str.replace(_SPACES + "+", " ", regex=True).str.replace("\u2212", "-", regex=False)
            .str.replace(r"\s*%$", "", regex=True))
    return text


def resolve_separators(cells: pd.Series, decimal: str | None = None) -> Separators:
    """Settle the separators of one column's cells, or name the cells nobody can settle.

    Parameters
    ----------
    cells : pandas.Series
        The cells of ONE column: whether ``24,198`` is 24 198 or 24.198 is
        read from the other cells of its column.
    decimal : {",", "."}, optional
        The decimal separator the file states; every text cell is read by
        that rule (the other separator and spaces group thousands), and a
        cell that breaks it is ambiguous.

    Returns
    -------
    Separators
        Without a stated rule a cell with one separator before exactly three
        digits is read as a decimal only when the column writes that
        separator as a decimal elsewhere (``12,5``) and never as a thousands
        separator, as thousands in the opposite case (``1,234,567``), and is
        ambiguous otherwise (``24,198`` beside ``95 408``).
    """
    n = len(cells)
    value = np.full(n, np.nan)
    ambiguous = np.zeros(n, dtype=bool)
    settled = np.zeros(n, dtype=bool)
    if n == 0 or not pd.api.types.is_object_dtype(cells.dtype) and not pd.api.types.is_string_dtype(cells.dtype):
        return Separators(ambiguous, value, settled)
    text = _texts(cells.reset_index(drop=True))
    if decimal is not None:
        return _by_rule(text, decimal)
    candidate = text.str.match(_AMBIGUOUS).to_numpy(dtype=bool)
    if not candidate.any():
        return Separators(ambiguous, value, settled)
    for sep in ",.":
        mine = candidate & (text.str.contains(sep, regex=False)).to_numpy(dtype=bool)
        if not mine.any():
            continue
        decimal_seen = bool(text.str.match(_DECIMAL_SHAPE[sep]).any())
        thousands_seen = bool(text.str.match(_THOUSANDS_STRICT[sep]).any())
        if decimal_seen and not thousands_seen:
            value[mine] = pd.to_numeric(text[mine].str.replace(sep, ".", regex=False)).to_numpy()
            settled |= mine
        elif thousands_seen and not decimal_seen:
            value[mine] = pd.to_numeric(text[mine].str.replace(sep, "", regex=False)).to_numpy()
            settled |= mine
        else:
            ambiguous |= mine
    return Separators(ambiguous, value, settled)


def _by_rule(text: pd.Series, decimal: str) -> Separators:
    """Read every number-like text cell with ``decimal`` as its decimal separator."""
    if decimal not in DECIMAL_SEPARATORS:
        raise ValueError(f"decimal separator must be one of {DECIMAL_SEPARATORS}")
    group = "." if decimal == "," else ","
    d, g = re.escape(decimal), re.escape(group)
    shape = rf"^-?(\d{{1,3}}(({g}| )\d{{3}})+|\d+)({d}\d+)?$"
    looks_numeric = text.str.match(r"^-?[\d ,.]*\d[\d ,.]*$").to_numpy(dtype=bool)
    fits = text.str.match(shape).to_numpy(dtype=bool)
    value = np.full(len(text), np.nan)
    if fits.any():
        plain = text[fits].str.replace(" ", "", regex=False).str.replace(group, "", regex=False)
        value[fits] = pd.to_numeric(plain.str.replace(decimal, ".", regex=False)).to_numpy()
    return Separators(looks_numeric & ~fits, value, fits)


def settle_separators(cells: pd.Series, columns: np.ndarray, decimal: str | None = None) -> Separators:
    """:func:`resolve_separators` for cells from several columns, each settled by its own column.

    Parameters
    ----------
    cells : pandas.Series
        Cells of a long frame (a wide file's columns one after another).
    columns : numpy.ndarray
        The column each cell was written in, aligned with ``cells``.
    decimal : {",", "."}, optional
        The decimal separator the file states.
    """
    n = len(cells)
    ambiguous, settled, value = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool), np.full(n, np.nan)
    cells = cells.reset_index(drop=True).astype(object)
    for column in pd.unique(columns):
        at = np.flatnonzero(columns == column)
        # Columns repeat their cells: settle each distinct one once.
        index, uniques = pd.factorize(cells.iloc[at], use_na_sentinel=True)
        if len(uniques) == 0:
            continue
        found = resolve_separators(pd.Series(uniques, dtype=object), decimal)
        has = index >= 0
        pick = np.where(has, index, 0)
        ambiguous[at] = has & found.ambiguous[pick]
        settled[at] = has & found.settled[pick]
        value[at] = np.where(has, found.value[pick], np.nan)
    return Separators(ambiguous, value, settled)
