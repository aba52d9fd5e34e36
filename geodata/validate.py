"""The last gate before a release is published: the invariants every dataset keeps.

:func:`validate_dataset` lists every :class:`Problem` of a dataset held in
memory (names, levels, indicators, polygons, value rows); the store refuses
to switch in a release with any (:class:`DatasetInvalid`).  File-level
checks that name rows and columns belong to :mod:`geodata.ingest`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .fmt import slug
from .i18n import CATALOG, t
from .model import (AREA_COLUMNS, CODE_PATTERNS, KINDS, NAME_PATTERN, POLARITIES, STATUS_OK, STATUSES,
                    VALUE_COLUMNS, YEAR_MAX, YEAR_MIN, Dataset)

#: Ids of datasets, levels and indicators travel as parts of URL paths
#: (``/values/<dataset>/<release>/<level>/<indicator>/...``), which the web
#: side answers only when each part is plain ASCII; an id outside this rule
#: would publish and then give a blank map, so it is refused here.  A dot is
#: excluded because ``<level>.outline`` names a level's outline.  One rule
#: for the three kinds, the dataset name's.
ID_PATTERN = NAME_PATTERN
ID_MAX_LENGTH = 63

#: What a hint proposes when an id holds no ASCII letter or digit to keep.
_EXAMPLE_IDS = {"dataset": "karlstad-2024", "level": "stadsdel", "indicator": "andel_eftergymnasial"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, described for the person who fixes it.

    ``where``, ``rule``, ``value`` and ``hint`` are English.  A problem
    that a planner can cause with ordinary input also names a catalog
    rule (``key``, looked up as ``ingest.rule.<key>`` and
    ``ingest.hint.<key>``) with its placeholders (``params``), so that
    :meth:`message` can say it in the planner's language.
    """

    where: str
    rule: str
    value: str = ""
    hint: str = ""
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if self.key:
            return self.message("en")
        parts = [self.where, self.rule]
        if self.value:
            parts.append(f"value {self.value!r}")
        if self.hint:
            parts.append(f"hint: {self.hint}")
        return ": ".join(parts[:2]) + ("; " + "; ".join(parts[2:]) if parts[2:] else "")

    def message(self, lang: str = "en") -> str:
        """The problem in ``lang`` (``"sv"`` or ``"en"``), with its hint.

        Problems without a catalog rule are English whatever ``lang`` is.
        """
        if not self.key:
            return str(self)
        params = dict(self.params)
        text = t(f"ingest.rule.{self.key}", lang, **params)
        if f"ingest.hint.{self.key}" in CATALOG:
            text += f" {t('ingest.hint_prefix', lang)} {t(f'ingest.hint.{self.key}', lang, **params)}"
        return text


def suggest_id(text: str, kind: str = "indicator") -> str:
    """An id that follows :data:`ID_PATTERN`, as close to ``text`` as ASCII allows.

    Parameters
    ----------
    text : str
        The refused id, e.g. ``"Stadsdel 2024"``.
    kind : str
        ``"dataset"``, ``"level"`` or ``"indicator"``: picks the example
        given when ``text`` holds no ASCII letter or digit at all.

    Returns
    -------
    str
        E.g. ``"stadsdel_2024"`` or ``"andel_forgymnasial"``.

    Examples
    --------
    >>> suggest_id("andel_förgymnasial")
    'andel_forgymnasial'
    """
    return slug(text, "_", limit=ID_MAX_LENGTH) or _EXAMPLE_IDS[kind]


def id_problem(kind: str, value: str) -> Problem | None:
    """The problem with ``value`` as the id of a ``kind``, or None when it is a good id.

    Parameters
    ----------
    kind : str
        ``"dataset"``, ``"level"`` or ``"indicator"``.
    value : str
        The id as given.

    Returns
    -------
    Problem or None
        With catalog rule ``bad_<kind>_id`` and the placeholders ``id`` and
        ``suggestion``.
    """
    if ID_PATTERN.match(value):
        return None
    suggestion = suggest_id(value, kind)
    return Problem(f"dataset.json {kind} id", "cannot be used in a web address: an id starts with a "
                   f"lower-case letter a-z or a digit, then a-z, 0-9, - or _, at most {ID_MAX_LENGTH} "
                   "characters", value, f"use e.g. {suggestion!r}", key=f"bad_{kind}_id",
                   params=(("id", value), ("suggestion", suggestion)))


def validate_dataset(ds: Dataset) -> list[Problem]:
    """Check the invariants every published dataset keeps.

    File-level checks with row numbers belong to ingestion; this is the last
    gate before a release is switched in.

    Parameters
    ----------
    ds : Dataset
        The dataset, normalised (:func:`geodata.model.normalise_dataset`).

    Returns
    -------
    list of Problem
        Every problem found; an empty list means valid.
    """
    problems: list[Problem] = []
    meta = ds.meta
    ids = [("dataset", meta.name)] + [("level", lvl.id) for lvl in meta.levels]
    ids += [("indicator", ind.id) for ind in meta.indicators]
    problems += [p for p in (id_problem(kind, value) for kind, value in ids) if p is not None]
    level_ids = [lvl.id for lvl in meta.levels]
    if len(set(level_ids)) != len(level_ids):
        problems.append(Problem("dataset.json levels", "level ids must be unique", str(level_ids)))
    if not meta.map_levels:
        problems.append(Problem("dataset.json levels", "at least one level must be mappable"))
    ind_ids = [ind.id for ind in meta.indicators]
    if len(set(ind_ids)) != len(ind_ids):
        problems.append(Problem("dataset.json indicators", "indicator ids must be unique", str(ind_ids)))
    for ind in meta.indicators:
        if ind.polarity not in POLARITIES:
            problems.append(Problem(f"indicator {ind.id}", f"polarity must be one of {POLARITIES}", ind.polarity))
        if ind.kind not in KINDS:
            problems.append(Problem(f"indicator {ind.id}", f"kind must be one of {KINDS}", ind.kind))
        if not ind.label.get("sv"):
            problems.append(Problem(f"indicator {ind.id}", "needs a Swedish label"))

    for lvl in meta.levels:
        frame = ds.areas.get(lvl.id)
        if frame is None:
            if lvl.mappable:
                problems.append(Problem(f"areas/{lvl.id}", "a mappable level needs polygons"))
            continue
        where = f"areas/{lvl.id}"
        if list(frame.columns) != AREA_COLUMNS:
            problems.append(Problem(where, f"columns must be {AREA_COLUMNS}", str(list(frame.columns))))
            continue
        if frame.crs is None:
            problems.append(Problem(where, "has no CRS", hint="set the CRS the coordinates are in"))
        dup = frame["area_id"][frame["area_id"].duplicated()]
        for area_id in dup.unique()[:20]:
            problems.append(Problem(where, "area ids must be unique", str(area_id)))
        pattern = CODE_PATTERNS.get(lvl.code_system or "")
        if pattern is not None:
            for area_id in frame["area_id"][~frame["area_id"].str.match(pattern)][:20]:
                problems.append(Problem(where, f"id does not follow the {lvl.code_system} code pattern",
                                        str(area_id), f"pattern {pattern.pattern}"))
        geom_types = set(frame.geom_type.dropna())
        if not geom_types <= {"Polygon", "MultiPolygon"}:
            problems.append(Problem(where, "geometries must be polygons", str(sorted(geom_types))))
        invalid = frame["area_id"][~frame.is_valid]
        for area_id in invalid[:20]:
            problems.append(Problem(where, "polygon is invalid", str(area_id), "repair with make_valid"))
        if lvl.parent and lvl.parent in ds.areas:
            parents = set(ds.areas[lvl.parent]["area_id"])
            orphans = frame["area_id"][~frame["parent_id"].isin(parents)]
            for area_id in orphans[:20]:
                problems.append(Problem(where, f"parent_id is not an area of level {lvl.parent}", str(area_id)))

    values = ds.values
    if list(values.columns) != VALUE_COLUMNS:
        problems.append(Problem("values", f"columns must be {VALUE_COLUMNS}", str(list(values.columns))))
        return problems
    unknown_levels = set(values["level"].unique()) - set(level_ids)
    for lvl_id in sorted(unknown_levels):
        problems.append(Problem("values", "level is not declared in dataset.json", lvl_id))
    unknown_ind = set(values["indicator"].unique()) - set(ind_ids)
    for ind_id in sorted(unknown_ind):
        problems.append(Problem("values", "indicator is not declared in dataset.json", ind_id))
    bad_status = set(values["status"].unique()) - set(STATUSES)
    for status in sorted(bad_status):
        problems.append(Problem("values", f"status must be one of {STATUSES}", status))
    if ((values["status"] == STATUS_OK) & values["value"].isna()).any():
        problems.append(Problem("values", "an ok row must have a value"))
    if ((values["status"] != STATUS_OK) & values["value"].notna()).any():
        problems.append(Problem("values", "a suppressed or missing row must not carry a value"))
    years = values["year"]
    if len(years) and ((years < YEAR_MIN) | (years > YEAR_MAX)).any():
        problems.append(Problem("values", f"years must lie in {YEAR_MIN}-{YEAR_MAX}",
                                str(int(years[(years < YEAR_MIN) | (years > YEAR_MAX)].iloc[0]))))
    dup = values.duplicated(["level", "area_id", "indicator", "year"])
    if dup.any():
        row = values[dup].iloc[0]
        problems.append(Problem("values", "one value per level, area, indicator and year",
                                f"{row['level']}/{row['area_id']}/{row['indicator']}/{row['year']}"))
    for lvl_id, frame in ds.areas.items():
        known = set(frame["area_id"])
        ids = values.loc[values["level"] == lvl_id, "area_id"]
        for area_id in sorted(set(ids) - known)[:20]:
            problems.append(Problem(f"values level {lvl_id}", "area id has no polygon", area_id,
                                    "check the id column, leading zeros and edition suffixes"))
    for lvl in meta.levels:
        # Without polygons only the code system keeps names and footnotes out of the ids.
        pattern = CODE_PATTERNS.get(lvl.code_system or "")
        if lvl.id in ds.areas or pattern is None:
            continue
        ids = pd.Series(values.loc[values["level"] == lvl.id, "area_id"].unique(), dtype=object)
        for area_id in ids[~ids.str.match(pattern)].head(20):
            problems.append(Problem(f"values level {lvl.id}", f"id does not follow the {lvl.code_system} "
                                    "code pattern", str(area_id), f"pattern {pattern.pattern}"))
    for ind in meta.indicators:
        if ind.kind != "category" or not ind.no_data_codes:
            continue
        # A code that means "no value" drawn as a class would read as the best or worst one.
        rows = values[(values["indicator"] == ind.id) & (values["status"] == STATUS_OK)]
        hit = rows["value"].isin([float(c) for c in ind.no_data_codes])
        if hit.any():
            problems.append(Problem(f"indicator {ind.id}", "a code declared as no data is stored as a value",
                                    str(rows.loc[hit, "value"].iloc[0]), "store it as missing"))
    return problems


class DatasetInvalid(ValueError):
    """Raised when a dataset fails :func:`validate_dataset`."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
