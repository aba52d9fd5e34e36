"""What the dashboard shows, computed from a dataset: payloads, series, options.

Functions here take a :class:`~geodata.model.Dataset` and plain parameters and
return plain data.  What is costly is memoised on the dataset object
(:func:`geodata.model.derived`), so it lives and dies with its release.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from . import categories as cat
from . import classify as cls
from .fmt import format_number, format_value
from .model import (STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, Dataset, Indicator, derived,
                    text)

#: One character per area and year in the payload's class and status strings
#: keeps a 6,000-area, 14-year payload small.
NO_CLASS = "-"
STATUS_CODES = {STATUS_OK: "o", STATUS_SUPPRESSED: "s", STATUS_MISSING: "m"}


def indicator_values(ds: Dataset, level: str, indicator: str) -> pd.DataFrame:
    """Values of one indicator at one level as area × year frames.

    Returns a frame indexed by ``(area_id, year)`` for every area of the
    level and every year the indicator has anywhere at that level; a
    combination with no row is ``missing``.
    """
    return _indicator_values(ds, level, indicator).copy()


def level_ids(ds: Dataset, level: str) -> list[str]:
    """Area ids of ``level`` in the order of its polygons (and of the payload)."""
    if level in ds.areas:
        return ds.areas[level]["area_id"].tolist()
    values = ds.values
    return sorted(values.loc[values["level"] == level, "area_id"].unique())


@derived
def _row_positions(ds: Dataset) -> dict[tuple[str, str], np.ndarray]:
    """Positions of the value rows of each (level, indicator), found in one pass.

    Comparing two string columns of a national dataset's 1.8 million rows
    for every indicator asked for took about a second each.
    """
    groups = ds.values.groupby(["level", "indicator"], sort=False, observed=True).indices
    return {(str(level), str(indicator)): positions for (level, indicator), positions in groups.items()}


@derived
def _indicator_values(ds: Dataset, level: str, indicator: str) -> pd.DataFrame:
    positions = _row_positions(ds).get((level, indicator), np.array([], dtype="int64"))
    rows = ds.values.iloc[positions]
    ids = level_ids(ds, level)
    years = sorted(int(y) for y in rows["year"].unique())
    index = pd.MultiIndex.from_product([ids, years], names=["area_id", "year"])
    frame = rows.set_index(["area_id", "year"])[["value", "numerator", "denominator", "status", "edition"]]
    frame = frame[frame.index.isin(index)].reindex(index)
    frame["status"] = frame["status"].fillna(STATUS_MISSING)
    return frame


def _category_codes(ind: Indicator, values: np.ndarray) -> np.ndarray:
    """The codes of a category map, one class each, in the legend's order.

    Every declared code in the order the indicator file gives (also those no
    area has, so a colour means the same category in every year and level),
    then codes found in the values but not declared, lowest first.  Codes
    declared as no-data are never a class.
    """
    no_data = {float(c) for c in ind.no_data_codes}
    declared = []
    for code in ind.categories:
        try:
            number = float(code)
        except ValueError:
            continue
        if number not in no_data and number not in declared:
            declared.append(number)
    finite = np.unique(values[np.isfinite(values)])
    extra = [float(v) for v in finite if float(v) not in declared and float(v) not in no_data]
    return np.array(declared + extra, dtype="float64")


def category_class_index(values: np.ndarray, codes) -> np.ndarray:
    """Class index of each value among category ``codes`` (their position), -1 for none.

    Categories are matched exactly, not by bounds: their order is the
    legend's, which need not be numeric.
    """
    y = np.asarray(values, dtype="float64")
    out = np.full(y.shape, -1, dtype="int64")
    for i, code in enumerate(codes):
        out[y == code] = i
    return out


@derived
def classification(ds: Dataset, level: str, indicator: str, scheme: str, k: int) -> cls.Classification:
    """Breaks pooled over all years of ``indicator`` at ``level``.

    For a category the "breaks" are its codes in the legend's order, each
    its own class (:func:`category_class_index`), with as many colours.
    """
    ind = ds.meta.indicator(indicator)
    pooled = _indicator_values(ds, level, indicator)["value"].to_numpy(dtype="float64")
    if ind.kind == "category":
        codes = _category_codes(ind, pooled)
        return cls.Classification("category", tuple(float(b) for b in codes),
                                  float(codes[0]) if codes.size else None,
                                  tuple(cat.category_palette(codes.size, ind.polarity)))
    return cls.classify(pooled, ind.polarity, scheme, k)


def category_label(ind: Indicator, code: float, lang: str) -> str:
    """``"3 – Socioekonomiskt blandade områden"``: a category's code and its text."""
    shown = f"{int(code)}" if float(code).is_integer() else f"{code}"
    label = ind.categories.get(shown, {}) if ind.categories else {}
    name = text(label, lang) if label else ""
    return shown + (f" – {name}" if name else "")


def legend_rows(ind: Indicator, classes: cls.Classification, lang: str) -> list[dict]:
    """Legend entries, lowest class first: colour and a label with bounds as text."""
    unit = text(ind.unit, lang)
    rows = []
    if classes.scheme == "category":
        for colour, value in zip(classes.colours, classes.breaks):
            rows.append({"colour": colour, "label": category_label(ind, value, lang)})
        return rows
    for colour, (low, high) in zip(classes.colours, classes.bounds()):
        low_text = format_number(low, ind.decimals, lang)
        high_text = format_value(high, ind.decimals, unit, lang)
        rows.append({"colour": colour, "label": f"{low_text} – {high_text}"})
    return rows


def _year_codes(frame: pd.DataFrame, n_ids: int, n_years: int, breaks: np.ndarray,
                category: bool = False):
    """Per year: the class of each area as one character, its status as one character, and counts.

    ``counts`` per year are the areas in each class, then the suppressed and
    the missing: the browser finds them at ``len(colours)`` and after, so
    there is one count per class whatever the number of classes.
    """
    value = frame["value"].to_numpy(dtype="float64").reshape(n_ids, n_years)
    status = frame["status"].to_numpy().reshape(n_ids, n_years)
    status_code = np.full(status.shape, STATUS_CODES[STATUS_MISSING], dtype="<U1")
    for name, code in STATUS_CODES.items():
        status_code[status == name] = code
    class_idx = (category_class_index(value, breaks) if category
                 else cls.assign_classes(value, breaks))
    classes, statuses, counts = [], [], []
    n_classes = breaks.size
    for j in range(n_years):
        col = class_idx[:, j]
        classes.append("".join(cat.class_chars(col).tolist()))
        statuses.append("".join(status_code[:, j].tolist()))
        per_class = np.bincount(col[col >= 0], minlength=n_classes).tolist() if n_classes else []
        suppressed = int((status[:, j] == STATUS_SUPPRESSED).sum())
        counts.append(per_class + [suppressed, int((status[:, j] != STATUS_OK).sum()) - suppressed])
    return classes, statuses, counts


@derived
def map_summary(ds: Dataset, level: str, indicator: str, scheme: str = cls.DEFAULT_SCHEME,
                k: int = cls.DEFAULT_K) -> dict:
    """Ids, years, class and status strings and counts of one indicator at one level (no values).

    Small enough to keep for every indicator a visitor asks for; the values
    themselves are only ever needed serialised (:func:`map_values`).
    """
    frame = _indicator_values(ds, level, indicator)
    ids = level_ids(ds, level)
    years = sorted({int(y) for y in frame.index.get_level_values("year")})
    classes = classification(ds, level, indicator, cls.normalise_scheme(scheme), cls.normalise_k(k))
    class_strings, statuses, counts = _year_codes(frame, len(ids), len(years),
                                                  np.asarray(classes.breaks, dtype="float64"),
                                                  category=classes.scheme == "category")
    return {"ids": ids, "years": years, "classes": class_strings, "status": statuses, "counts": counts}


def year_values(ds: Dataset, level: str, indicator: str, year: int) -> list[float | None]:
    """Every area's value in ``year`` (None when it has none), in :func:`level_ids` order, rounded
    to two decimals more than shown."""
    frame = _indicator_values(ds, level, indicator)
    years = map_summary(ds, level, indicator)["years"]
    value = frame["value"].to_numpy(dtype="float64").reshape(-1, len(years))[:, years.index(year)]
    digits = max(ds.meta.indicator(indicator).decimals, 0) + 2
    return [None if x != x else round(x, digits) for x in value.tolist()]


def map_values(ds: Dataset, level: str, indicator: str, scheme: str = cls.DEFAULT_SCHEME,
               k: int = cls.DEFAULT_K) -> dict:
    """Values, class indices and statuses of every area in every year.

    This is the large, language-independent part of what the browser needs;
    it is served from a cacheable URL (which keeps it serialised) and never
    passes through Dash's state.  Suppressed and missing values are
    ``None``: they do not reach the browser as numbers.  Values are rounded
    to two decimals more than shown, enough to rank areas the way the full
    figures do.
    """
    summary = map_summary(ds, level, indicator, scheme, k)
    values = [year_values(ds, level, indicator, year) for year in summary["years"]]
    return {"ids": summary["ids"], "years": summary["years"], "values": values, "classes": summary["classes"],
            "status": summary["status"], "counts": summary["counts"]}


def find_areas(ds: Dataset, level: str, query: str | None, limit: int = 50) -> list[tuple[str, str]]:
    """``(area id, label)`` of areas whose name or code contains ``query`` (case-insensitive), by name."""
    labels = area_labels(ds, level)
    needle = (query or "").strip().casefold()
    if not needle:
        return labels[:limit]
    return [pair for pair in labels if needle in pair[1].casefold()][:limit]


@derived
def area_labels(ds: Dataset, level: str) -> list[tuple[str, str]]:
    """``(area id, "Name (code)")`` of every area of ``level``, by name."""
    frame = ds.areas[level].sort_values("name", key=lambda s: s.str.casefold())
    return [(area_id, f"{name} ({area_id})") for area_id, name in zip(frame["area_id"], frame["name"])]


def reference_series(ds: Dataset, indicator: str) -> pd.DataFrame | None:
    """The municipality's (the dataset's reference area's) series, or None."""
    ref = ds.meta.reference
    if not ref:
        return None
    v = ds.values
    rows = v[(v["level"] == ref.get("level")) & (v["area_id"] == ref.get("area_id")) & (v["indicator"] == indicator)]
    if rows.empty:
        return None
    return rows[["year", "value", "status"]].sort_values("year").reset_index(drop=True)


NATIONAL_LEVEL = "riket"


def national_series(ds: Dataset, indicator: str) -> pd.DataFrame | None:
    """Sweden's series where the dataset has one (level ``riket``), or None."""
    v = ds.values
    rows = v[(v["level"] == NATIONAL_LEVEL) & (v["indicator"] == indicator)]
    if rows.empty or rows["area_id"].nunique() != 1:
        return None
    return rows[["year", "value", "status"]].sort_values("year").reset_index(drop=True)


def area_series(ds: Dataset, level: str, area_id: str, indicator: str) -> pd.DataFrame:
    """One area's series: year, value, status, rank, number ranked and percentile.

    Rank 1 is the highest value among the level's areas with a value that
    year; areas without a value are not ranked.  The percentile is the share
    of the other ranked areas with a lower value (100 = highest).  A
    category's code is a name, not an amount: it has no rank or percentile
    (NaN) and ``ranked`` is 0.
    """
    frame = _indicator_values(ds, level, indicator)
    wide = frame["value"].unstack("year")
    ranks = wide.rank(ascending=False, method="min")
    # Percent rank: 100 for the highest value, 0 for the lowest.
    below = wide.rank(ascending=True, method="min") - 1
    counted = wide.notna().sum()
    percentile = below / (counted - 1).where(counted > 1) * 100
    if ds.meta.indicator(indicator).kind == "category":
        ranks, percentile = ranks * np.nan, percentile * np.nan
        counted = counted * 0
    if area_id not in wide.index:
        raise KeyError(area_id)
    out = pd.DataFrame({
        "year": [int(y) for y in wide.columns],
        "value": wide.loc[area_id].to_numpy(dtype="float64"),
        "status": frame["status"].unstack("year").loc[area_id].to_numpy(),
        "rank": ranks.loc[area_id].to_numpy(dtype="float64"),
        "ranked": counted.to_numpy(dtype="int64"),
        "percentile": percentile.loc[area_id].to_numpy(dtype="float64"),
    })
    return out


def area_name(ds: Dataset, level: str, area_id: str) -> str:
    frame = ds.areas[level]
    match = frame.loc[frame["area_id"] == area_id, "name"]
    if match.empty:
        raise KeyError(area_id)
    return str(match.iloc[0])
