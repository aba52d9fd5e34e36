"""Problems found while reading input, described for the person who fixes them.

Ingestion never stops at the first problem: every reader adds what it finds
to an :class:`IssueLog`, and only when all files have been read does the
caller decide whether anything may be published.  Each :class:`Issue` names
the file, sheet or layer, the row as a spreadsheet shows it (header = row 1),
the column and the offending value, and carries a catalog key for the rule
and the hint so that the message can be shown in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..i18n import CATALOG, t

ERROR = "error"
WARNING = "warning"

#: How many rows breaking the same rule in the same column are listed one by
#: one; the rest are counted in a single summary line so that a 200,000-row
#: file with a systematic mistake gives a readable report, not a flood.
MAX_LISTED_ROWS = 10

#: Files whose "sheets" are called layers.
LAYERED_SUFFIXES = (".gpkg", ".zip", ".shp", ".geojson", ".json", ".parquet", ".fgb")


@dataclass(frozen=True)
class Issue:
    """One problem (``error``) or notice (``warning``) about the input.

    Parameters
    ----------
    severity : str
        ``"error"`` blocks publishing, ``"warning"`` does not.
    rule : str
        Catalog key suffix; the message is ``ingest.rule.<rule>`` and the
        hint ``ingest.hint.<rule>`` (when the catalog has one).
    file : str
        File name as the user knows it (no directories).
    sheet : str, optional
        Sheet of a workbook or layer of a GIS file.
    row : int, optional
        Row number as a spreadsheet shows it, the header being row 1.
    column : str, optional
        Column name as written in the file.
    value : str, optional
        The offending value, as written.
    params : dict
        Placeholders for the rule and hint texts.
    key : str, optional
        Path of the offending entry in a YAML file (``indicators.x.kind``).
    """

    severity: str
    rule: str
    file: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    key: str | None = None

    def location(self, lang: str) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.key:
            parts.append(self.key)
        if self.sheet:
            # A GIS file has layers where a workbook has sheets.
            kind = "layer" if self.file.lower().endswith(LAYERED_SUFFIXES) else "sheet"
            parts.append(t(f"ingest.where.{kind}", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("ingest.where.row", lang, row=self.row))
        if self.column is not None:
            parts.append(t("ingest.where.column", lang, column=self.column))
        if self.value is not None:
            parts.append(t("ingest.where.value", lang, value=self.value))
        return ", ".join(parts)

    def message(self, lang: str = "sv") -> str:
        """The full message: where, what rule is broken, and a hint."""
        params = dict(self.params)
        # Texts may repeat the located value ("0114 becomes ...").
        params.setdefault("value", self.value)
        if self.rule == "more_rows":
            # The summary line repeats the rule the listed rows broke.
            params["rule_text"] = t(f"ingest.rule.{params.pop('inner_rule')}", lang,
                                    **params.pop("inner_params"))
        text = t(f"ingest.rule.{self.rule}", lang, **params)
        hint_key = f"ingest.hint.{self.rule}"
        where = self.location(lang)
        out = f"{where}: {text}" if where else text
        if _has_key(hint_key):
            out += " " + t("ingest.hint_prefix", lang) + " " + t(hint_key, lang, **self.params)
        return out

    def line(self, lang: str = "sv") -> str:
        """``message`` prefixed with the severity, as printed by the CLI."""
        return t(f"ingest.severity.{self.severity}", lang) + ": " + self.message(lang)


def _has_key(key: str) -> bool:
    return key in CATALOG


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class IssueLog:
    """Collects issues from every reader; :meth:`raise_if_errors` ends a run."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, severity: str, rule: str, file: str = "", *, sheet: str | None = None,
            row: int | None = None, column: str | None = None, value: Any = None,
            key: str | None = None, **params: Any) -> None:
        self.issues.append(Issue(severity, rule, file, sheet, row, column,
                                 None if value is None else _show(value), dict(params), key))

    def error(self, rule: str, file: str = "", **kwargs: Any) -> None:
        self.add(ERROR, rule, file, **kwargs)

    def warning(self, rule: str, file: str = "", **kwargs: Any) -> None:
        self.add(WARNING, rule, file, **kwargs)

    def rows(self, severity: str, rule: str, file: str, *, sheet: str | None,
             rows: Sequence[int], column: str | None, values: Sequence[Any] | None = None,
             columns: Sequence[str] | None = None, **params: Any) -> None:
        """Add one issue per offending row, listing at most :data:`MAX_LISTED_ROWS`.

        ``columns`` gives a column per row when the rows break the rule in
        different columns (wide files); otherwise ``column`` applies to all.
        The rows beyond the limit are summarised in one ``more_rows`` issue.
        """
        count = len(rows)
        for i in range(min(count, MAX_LISTED_ROWS)):
            col = columns[i] if columns is not None else column
            val = values[i] if values is not None else None
            self.add(severity, rule, file, sheet=sheet, row=int(rows[i]), column=col,
                     value=val, **params)
        if count > MAX_LISTED_ROWS:
            self.more(severity, rule, file, sheet=sheet, column=column,
                      rows=rows[MAX_LISTED_ROWS:], **params)

    def more(self, severity: str, rule: str, file: str, *, sheet: str | None,
             column: str | None, rows: Sequence[int], **params: Any) -> None:
        """Summarise ``rows`` that break ``rule`` beyond those listed one by one."""
        self.add(severity, "more_rows", file, sheet=sheet, column=column, count=len(rows),
                 inner_rule=rule, inner_params=dict(params),
                 first=int(rows[0]), last=int(rows[-1]))

    def file_is_usable(self, path: Path) -> bool:
        """Log and return False when ``path`` is missing or has no bytes at all."""
        if not path.is_file():
            self.error("file_not_found", path.name)
            return False
        if path.stat().st_size == 0:
            self.error("empty_file", path.name)
            return False
        return True

    def count(self, severity: str) -> int:
        """How many rows or things are affected, counting summarised rows too."""
        return sum(i.params.get("count", 1) if i.rule == "more_rows" else 1
                   for i in self.issues if i.severity == severity)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def lines(self, lang: str = "sv") -> list[str]:
        return [issue.line(lang) for issue in self.issues]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputInvalid(self)


class InputInvalid(Exception):
    """Raised when the input has errors; carries the whole :class:`IssueLog`."""

    def __init__(self, log: IssueLog):
        self.log = log
        super().__init__("\n".join(log.lines("en")))
