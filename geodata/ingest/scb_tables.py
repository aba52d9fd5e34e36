"""The catalog of SCB tables ``fetch-scb`` reads, loaded from ``scb_tables.yaml`` and checked.

The catalog is data: what each indicator means (in the schema of a planner's
indicator file, checked by the same code) and how each PxWeb table is asked
for and read (:class:`ScbTable`, :class:`Measure`).  A mistake in the file is
a mistake in the program, so :func:`load_catalog` raises with every problem
instead of logging it for a planner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..model import Indicator
from .issues import IssueLog
from .metadata import UNREADABLE, check_indicator_entries, load_yaml, make_indicator
from .pxweb import PxQuery

CATALOG_FILE = Path(__file__).with_name("scb_tables.yaml")
#: Levels a table's rows may be kept for (those of a fetched dataset).
LEVELS = ("deso", "regso", "kommun", "lan", "riket")
TABLE_KEYS = ("verified", "levels", "selection", "measures")
MEASURE_KEYS = ("indicator", "cells", "numerator", "denominator", "label_dim")


@dataclass(frozen=True)
class Measure:
    """How one indicator is read from a table.

    With ``cells`` only, each region and year has exactly one matching cell
    and that is the value.  With ``numerator`` and ``denominator`` the value
    is 100 * (sum of numerator cells) / (sum of denominator cells), both
    stored; a ratio with any suppressed or missing part is not computed.
    When ``label_dim`` is set, numerator and denominator match substrings of
    the category labels of ``label_dim`` (case-insensitive; a leading ``!``
    excludes), which survives code changes in tables not yet verified.
    """

    indicator: str
    cells: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    numerator: Mapping[str, tuple[str, ...]] | None = None
    denominator: Mapping[str, tuple[str, ...]] | None = None
    label_dim: str | None = None


@dataclass(frozen=True)
class ScbTable:
    """A PxWeb table and how its cells become indicators.

    ``selection`` values are templates: ``{kommun}`` is one kommun code
    (one query per kommun), ``{regions}`` the selected kommuner, their län
    and the whole country (one query).  ``verified`` says whether a real
    answer was recorded and the parsing checked against it.
    """

    id: str
    selection: tuple[tuple[str, str], ...]
    measures: tuple[Measure, ...]
    levels: tuple[str, ...]
    verified: bool

    @property
    def per_kommun(self) -> bool:
        """Whether the table is asked once per kommun (its selection names ``{kommun}``)."""
        return any("{kommun}" in template for _, template in self.selection)

    def queries(self, kommuner: tuple[str, ...]) -> list[PxQuery]:
        """The queries that fetch this table for ``kommuner`` (kommun codes)."""
        regions = list(kommuner) + sorted({k[:2] for k in kommuner}) + ["00"]
        groups = [(k,) for k in kommuner] if self.per_kommun else [tuple(kommuner)]
        out = []
        for group in groups:
            selection = {}
            for dim, template in self.selection:
                if template == "{regions}":
                    selection[dim] = regions
                else:
                    selection[dim] = template.format(kommun=group[0]).split(",")
            out.append(PxQuery.build(self.id, selection))
        return out


@dataclass(frozen=True)
class ScbCatalog:
    """Everything ``scb_tables.yaml`` says: the licence, the indicators and the tables, in file order."""

    licence: str
    indicators: dict[str, Indicator]
    tables: dict[str, ScbTable]


def load_catalog(path: Path = CATALOG_FILE) -> ScbCatalog:
    """Read and check the catalog of SCB tables.

    Parameters
    ----------
    path : pathlib.Path
        The YAML file; by default the one shipped beside this module.

    Returns
    -------
    ScbCatalog

    Raises
    ------
    ValueError
        Naming every problem of the file: a broken catalog must not reach SCB.
    """
    path = Path(path)
    log = IssueLog()
    raw = load_yaml(path, log)
    problems: list[str] = []
    if raw is UNREADABLE or not isinstance(raw, Mapping):
        raise ValueError(f"{path.name}: not a catalog of SCB tables: {'; '.join(log.lines('en'))}")
    _unknown_keys(raw, ("licence", "indicators", "tables"), "", problems)
    licence = raw.get("licence")
    if not isinstance(licence, str) or not licence:
        problems.append("licence: the licence of SCB's figures is missing")
    entries = check_indicator_entries(_mapping(raw.get("indicators"), "indicators", problems), path.name, log)
    problems += log.lines("en")
    indicators = {ind_id: make_indicator(ind_id, entry, header_label=None, has_ratio=False)
                  for ind_id, entry in entries.items()}
    tables = {}
    for table_id, spec in _mapping(raw.get("tables"), "tables", problems).items():
        tables[str(table_id)] = _table(str(table_id), spec, indicators, problems)
    measured = {m.indicator for table in tables.values() for m in table.measures}
    for ind_id in indicators:
        if ind_id not in measured:
            problems.append(f"indicators.{ind_id}: no table measures it")
    if problems:
        raise ValueError(f"{path.name}: " + "; ".join(problems))
    return ScbCatalog(licence, indicators, tables)


def _table(table_id: str, spec: Any, indicators: Mapping[str, Indicator], problems: list[str]) -> ScbTable:
    where = f"tables.{table_id}"
    spec = _mapping(spec, where, problems)
    _unknown_keys(spec, TABLE_KEYS, where, problems)
    verified = spec.get("verified")
    if not isinstance(verified, bool):
        problems.append(f"{where}.verified: must be true or false")
    levels = tuple(_texts(spec.get("levels"), f"{where}.levels", problems))
    for level in levels:
        if level not in LEVELS:
            problems.append(f"{where}.levels: unknown level {level!r}")
    selection = []
    for dim, codes in _mapping(spec.get("selection"), f"{where}.selection", problems).items():
        # PxWeb takes comma-separated codes; a list in the file is the same, easier to read when long.
        if isinstance(codes, list):
            codes = ",".join(_texts(codes, f"{where}.selection.{dim}", problems))
        if not isinstance(codes, str) or not codes:
            problems.append(f"{where}.selection.{dim}: must be codes or a PxWeb expression")
        selection.append((str(dim), str(codes)))
    measures = spec.get("measures")
    if not isinstance(measures, list) or not measures:
        problems.append(f"{where}.measures: must list at least one measure")
        measures = []
    return ScbTable(
        table_id, tuple(selection),
        tuple(_measure(m, f"{where}.measures[{i}]", indicators, problems) for i, m in enumerate(measures)),
        levels, bool(verified))


def _measure(spec: Any, where: str, indicators: Mapping[str, Indicator], problems: list[str]) -> Measure:
    spec = _mapping(spec, where, problems)
    _unknown_keys(spec, MEASURE_KEYS, where, problems)
    indicator = spec.get("indicator")
    if indicator not in indicators:
        problems.append(f"{where}.indicator: {indicator!r} is not among the indicators")
    ratio = [spec.get("numerator"), spec.get("denominator")]
    if (ratio[0] is None) != (ratio[1] is None):
        problems.append(f"{where}: numerator and denominator come together")
    if "cells" not in spec and ratio[0] is None:
        problems.append(f"{where}: needs cells, or numerator and denominator")
    label_dim = spec.get("label_dim")
    if label_dim is not None and not isinstance(label_dim, str):
        problems.append(f"{where}.label_dim: must be a dimension's name")
    numerator, denominator = (None if part is None else _filters(part, f"{where}.{name}", problems)
                              for part, name in zip(ratio, ("numerator", "denominator")))
    return Measure(str(indicator), _filters(spec.get("cells") or {}, f"{where}.cells", problems),
                   numerator, denominator, label_dim)


def _filters(raw: Any, where: str, problems: list[str]) -> dict[str, tuple[str, ...]]:
    """Codes (or label parts) per dimension: ``{ContentsCode: ["000008IT"]}``."""
    return {str(dim): tuple(_texts(codes, f"{where}.{dim}", problems))
            for dim, codes in _mapping(raw, where, problems).items()}


def _texts(raw: Any, where: str, problems: list[str]) -> list[str]:
    # Codes must be written as text: YAML would read 05 as the number 5.
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and x for x in raw):
        problems.append(f"{where}: must be a list of quoted codes")
        return []
    return raw


def _mapping(raw: Any, where: str, problems: list[str]) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: must be a mapping")
        return {}
    return raw


def _unknown_keys(raw: Mapping[str, Any], allowed: tuple[str, ...], where: str, problems: list[str]) -> None:
    for key in raw:
        if key not in allowed:
            path = f"{where}.{key}" if where else str(key)
            problems.append(f"{path}: unknown key (allowed: {', '.join(allowed)})")
