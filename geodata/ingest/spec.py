"""YAML spec files: the sources of one or more datasets, so a yearly refresh is one command.

::

    datasets:
      - name: karlstad-stadsdelar
        title: {sv: Karlstads stadsdelar, en: Karlstad districts}
        licence: CC BY 4.0
        indicators: indikatorer.yaml        # or the entries inline
        levels:
          - id: district
            areas: stadsdelar.gpkg
            layer: stadsdelar
            id_column: kod
            name_column: namn
            crs: 3006
            values:
              - file: utbildning.xlsx
                wide: indicators
                year: 2022
                header_row: 4
          - builtin: kommun
            mappable: false
            values:
              - file: kommunpanel.csv
                wide: indicators
                id_column: municip_code
                columns: [pop, share_tertiary_school]
      - name: karlstad
        scb: {kommuner: ["1780"], tables: [TAB6586, TAB6574], edition: "2025"}

Paths are relative to the spec file.  Unknown keys are errors, reported
with the spec file and the key's path like any other input problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from ..model import Dataset
from .build import DatasetPlan, LevelPlan, ValuesSource, build_dataset
from .issues import IssueLog
from .metadata import UNREADABLE, check_indicator_entries, load_yaml
from .numbers import DECIMAL_SEPARATORS
from .polygons import AreasOptions
from .subset import parse_only
from .tables import FORMS, LONG, ValuesOptions

DATASET_KEYS = {"name", "title", "title_en", "description", "licence", "indicators", "levels", "scb",
                "reference"}
LEVEL_KEYS = {"id", "areas", "layer", "id_column", "name_column", "parent_column", "crs", "edition",
              "code_system", "builtin", "values", "label", "parent", "mappable", "id_pattern"}
VALUES_KEYS = {"file", "wide", "indicator", "year", "id_column", "sheet", "header_row", "level",
               "rename", "edition", "columns", "decimal", "only"}
SCB_KEYS = {"kommuner", "tables", "edition"}


def _texts(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    return {"sv": str(value)}


class _Reader:
    """Reads one spec, logging problems at their key path."""

    def __init__(self, path: Path, log: IssueLog):
        self.path, self.base, self.log = path, path.parent, log
        self.file = path.name

    def keys(self, entry: Any, allowed: set[str], where: str) -> bool:
        if not isinstance(entry, Mapping):
            self.log.error("spec_not_a_mapping", self.file, key=where)
            return False
        ok = True
        for key in entry:
            if key not in allowed:
                self.log.error("spec_unknown_key", self.file, key=f"{where}.{key}", value=key,
                               keys=", ".join(sorted(allowed)))
                ok = False
        return ok

    def file_path(self, value: Any) -> Path:
        path = Path(str(value))
        return path if path.is_absolute() else self.base / path

    def values(self, entry: Mapping[str, Any], where: str) -> ValuesSource | None:
        if not self.keys(entry, VALUES_KEYS, where):
            return None
        if "file" not in entry:
            self.log.error("spec_missing_key", self.file, key=f"{where}.file")
            return None
        form = entry.get("wide") or LONG
        if form not in FORMS:
            self.log.error("spec_bad_choice", self.file, key=f"{where}.wide", value=form,
                           choices="years, indicators")
            return None
        columns = entry.get("columns")
        decimal = entry.get("decimal")
        if decimal is not None and decimal not in DECIMAL_SEPARATORS:
            self.log.error("spec_bad_choice", self.file, key=f"{where}.decimal", value=decimal,
                           choices='",", "."')
            return None
        return ValuesSource(self.file_path(entry["file"]), ValuesOptions(
            form=form, indicator=entry.get("indicator"),
            year=int(entry["year"]) if entry.get("year") is not None else None,
            id_column=entry.get("id_column"), sheet=entry.get("sheet"),
            header_row=int(entry.get("header_row", 1)), level=entry.get("level"),
            rename={str(k): str(v) for k, v in (entry.get("rename") or {}).items()},
            edition=entry.get("edition"),
            columns=[str(c) for c in columns] if columns is not None else None, decimal=decimal,
            only=parse_only(entry.get("only"))))

    def level(self, entry: Mapping[str, Any], where: str) -> LevelPlan | None:
        if not self.keys(entry, LEVEL_KEYS, where):
            return None
        values = [self.values(v, f"{where}.values[{i}]") for i, v in enumerate(entry.get("values") or [])]
        plan = LevelPlan(id=entry.get("id"), builtin=entry.get("builtin"),
                         values=[v for v in values if v is not None],
                         label=_texts(entry.get("label")) or None, parent=entry.get("parent"),
                         mappable=bool(entry.get("mappable", True)))
        if "areas" in entry:
            if "id_column" not in entry:
                self.log.error("spec_missing_key", self.file, key=f"{where}.id_column")
                return None
            plan.areas = self.file_path(entry["areas"])
            code_system = entry.get("code_system", "auto")
            plan.areas_options = AreasOptions(
                id_column=str(entry["id_column"]), layer=entry.get("layer"),
                name_column=entry.get("name_column"), parent_column=entry.get("parent_column"),
                crs=None if entry.get("crs") is None else str(entry["crs"]),
                edition=entry.get("edition"), code_system=None if code_system == "none" else code_system)
        elif not plan.builtin and not plan.id:
            self.log.error("spec_missing_key", self.file, key=f"{where}.areas")
            return None
        else:
            # A level without polygons: its ids are checked against its code system or pattern.
            system = entry.get("code_system")
            plan.code_system = None if system in (None, "auto", "none") else str(system)
            plan.id_pattern = None if entry.get("id_pattern") is None else str(entry["id_pattern"])
        return plan


def read_spec(path: Path, log: IssueLog) -> list[dict[str, Any]]:
    """The dataset entries of a spec file (raw mappings), or [] with errors logged."""
    path = Path(path)
    raw = load_yaml(path, log)
    if raw is UNREADABLE:
        return []
    if not isinstance(raw, Mapping) or not isinstance(raw.get("datasets"), list):
        log.error("spec_shape", path.name)
        return []
    return list(raw["datasets"])


def run_spec(path: Path, *, progress: Callable[..., None], only: list[str] | None = None,
             cache_dir: Path | None = None, http_factory: Callable[[], Any] | None = None,
             ) -> Iterator[tuple[Dataset | None, IssueLog]]:
    """Build every dataset of the spec (or those in ``only``); yield each with its log.

    Problems of the spec file itself are yielded as a log without a dataset.
    """
    from .pxweb import FetchFailed

    path = Path(path)
    spec_log = IssueLog()
    entries = read_spec(path, spec_log)
    if spec_log.issues:
        yield None, spec_log
        return
    reader = _Reader(path, spec_log)
    for index, entry in enumerate(entries):
        where = f"datasets[{index}]"
        log = IssueLog()
        reader.log = log
        if not reader.keys(entry, DATASET_KEYS, where):
            yield None, log
            continue
        name = str(entry.get("name", ""))
        if only and name not in only:
            continue
        title = _texts(entry.get("title"))
        if entry.get("title_en"):
            title["en"] = str(entry["title_en"])
        if "scb" in entry:
            yield _scb_entry(reader, entry, where, name, title, log, progress, cache_dir, http_factory,
                             FetchFailed), log
            continue
        levels = [reader.level(lvl, f"{where}.levels[{i}]") for i, lvl in enumerate(entry.get("levels") or [])]
        if not entry.get("levels"):
            log.error("spec_missing_key", reader.file, key=f"{where}.levels")
        indicators, indicator_file = {}, None
        if isinstance(entry.get("indicators"), Mapping):
            indicators = check_indicator_entries(entry["indicators"], reader.file, log)
        elif entry.get("indicators") is not None:
            indicator_file = reader.file_path(entry["indicators"])
        plan = DatasetPlan(name=name, levels=[lvl for lvl in levels if lvl is not None], title=title,
                           description=_texts(entry.get("description")),
                           licence=str(entry.get("licence", "")), indicators=indicators,
                           indicator_file=indicator_file, reference=dict(entry.get("reference") or {}))
        if log.errors or not plan.levels:
            yield None, log
            continue
        yield build_dataset(plan, log, progress), log


def _scb_entry(reader: _Reader, entry: Mapping[str, Any], where: str, name: str, title: dict,
               log: IssueLog, progress, cache_dir, http_factory, fetch_failed) -> Dataset | None:
    from .scb import DEFAULT_TABLES, ScbPlan, build_scb_dataset

    scb = entry["scb"]
    if not reader.keys(scb, SCB_KEYS, f"{where}.scb"):
        return None
    kommuner = scb.get("kommuner")
    if not kommuner:
        log.error("spec_missing_key", reader.file, key=f"{where}.scb.kommuner")
        return None
    plan = ScbPlan(name=name, kommuner=tuple(str(k).zfill(4) for k in kommuner),
                   tables=tuple(str(t).upper() for t in scb.get("tables") or DEFAULT_TABLES),
                   edition=str(scb.get("edition", "2025")), title=title,
                   licence=str(entry.get("licence", "")))
    if plan.edition not in ("2025", "2018"):
        log.error("spec_bad_choice", reader.file, key=f"{where}.scb.edition", value=plan.edition,
                  choices="2025, 2018")
        return None
    if http_factory is None:
        import httpx

        http_factory = httpx.Client
    try:
        with http_factory() as http:
            return build_scb_dataset(plan, log, http=http, cache_dir=cache_dir, progress=progress)
    except fetch_failed as exc:
        log.error("spec_fetch_failed", reader.file, key=f"{where}.scb", reason=exc.describe())
        return None
