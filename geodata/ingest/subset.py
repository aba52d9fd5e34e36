"""Loading a national or county file onto fewer polygons (``--only``, ``only:``).

SCB's exports cover all of Sweden or a county; a planner's polygons cover one
kommun or a few.  By default every id of a values file must have a polygon,
so that a mistyped code never disappears silently.  ``only`` says which rows
the planner means, and the rest are left out with one warning that counts
them and says why:

``only: areas``
    the rows whose id is among the level's polygons ("the polygons' areas");
``only: ["0180", "0114"]``
    the rows of areas in those kommuner (DeSO, RegSO and kommun codes begin
    with the kommun code).  An id *inside* a named kommun without a polygon
    is still an error: a gap in the planner's own polygons must not vanish.

Everything here is called from one place, :func:`geodata.ingest.build._join`.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pandas as pd

from .issues import IssueLog

#: ``only`` value that keeps the rows whose id has a polygon on the level.
POLYGON_AREAS = "areas"

_KOMMUN = re.compile(r"^\d{4}$")
#: Code systems whose ids start with the kommun code.
_KOMMUN_PREFIXED = ("deso", "regso", "kommun")
#: How many left-out ids a warning shows.
EXAMPLES = 5


def parse_only(value: str | Sequence[str] | None) -> str | tuple[str, ...] | None:
    """``"areas"`` or kommun codes from ``--only areas`` / ``--only 0180,0114`` / a spec's list."""
    if value is None:
        return None
    if isinstance(value, str):
        if value.strip().lower() == POLYGON_AREAS:
            return POLYGON_AREAS
        value = value.split(",")
    codes = tuple(str(v).strip() for v in value if str(v).strip())
    # A kommun code written as a number in YAML (180) loses its leading zero.
    return tuple(c.zfill(4) if c.isdigit() and len(c) == 3 else c for c in codes)


def left_out(codes: pd.Series, rows: np.ndarray, candidates: np.ndarray, known: set[str], level: str,
             code_system: str | None, file_areas: str, only: str | tuple[str, ...] | None,
             file: str, sheet: str | None, log: IssueLog) -> np.ndarray:
    """Rows of a values file that ``only`` leaves out, warned about in one line.

    Parameters
    ----------
    codes : pandas.Series
        The normalised area id of every row.
    rows : numpy.ndarray
        The spreadsheet row of every row (a wide row counts once).
    candidates : numpy.ndarray
        Rows still in play (not blank, not on a rejected polygon).
    known : set
        The ids of the level's polygons.
    level, code_system, file_areas : str
        The level, its code system and the name of its polygon file, for the message.
    only : str or tuple, optional
        :data:`POLYGON_AREAS` or kommun codes; None leaves nothing out.

    Returns
    -------
    numpy.ndarray
        Boolean mask of the rows left out; the caller drops them without
        reporting them again as ids without a polygon.
    """
    out = np.zeros(len(codes), dtype=bool)
    if not only:
        return out
    if only == POLYGON_AREAS:
        out = candidates & ~codes.isin(known).to_numpy()
        rule, params = "subset_areas", {"level": level, "file_areas": file_areas}
    else:
        bad = [c for c in only if not _KOMMUN.match(c)]
        if bad:
            log.error("subset_bad_kommun", file, sheet=sheet, value=", ".join(bad))
            return out
        if code_system not in _KOMMUN_PREFIXED:
            log.error("subset_needs_codes", file, sheet=sheet, value=", ".join(only), level=level)
            return out
        out = candidates & ~codes.str[:4].isin(set(only)).to_numpy()
        rule, params = "subset_kommuner", {"kommuner": ", ".join(only)}
    if out.any():
        ids = pd.unique(codes.to_numpy(dtype=object)[out])
        examples = ", ".join(str(i) for i in ids[:EXAMPLES]) + (" …" if len(ids) > EXAMPLES else "")
        log.warning(rule, file, sheet=sheet, count=int(pd.Series(rows[out]).nunique()), ids=len(ids),
                    examples=examples, **params)
    return out
