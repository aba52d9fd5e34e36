"""Simulating the values of fictional indicators, consistently across levels.

Values are drawn per small (DeSO-like) area from a spatially smooth latent
socioeconomic score, so maps show patterns and indicators correlate.  Shares
are simulated as integer counts and aggregated as ratios of sums, as the real
DeSO -> RegSO -> kommun tables are; SCB's disclosure rule suppresses small
groups at every level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED
from .indicators import YEARS, IndicatorModel

#: SCB's disclosure rule: a share is shown only for a group of more than
#: ``MIN_GROUP`` persons of whom more than ``MIN_TRAIT`` have the trait.
MIN_GROUP = 20
MIN_TRAIT = 5

#: Population limits of a DeSO.
DESO_MIN_POPULATION, DESO_MAX_POPULATION = 700, 2700
#: Residents of a DeSO in the last year, by settlement type: towns are denser.
LAST_YEAR_POPULATION = {"C": (1300, 2550), "B": (900, 1900), "A": (730, 1350)}

#: How "rural" each settlement type is, as a covariate of the simulation.
RURALITY = {"A": 1.0, "B": 0.5, "C": 0.0}


def smooth_field(anchor_xy: np.ndarray, anchor_values: np.ndarray, xy: np.ndarray,
                 bandwidth: float) -> np.ndarray:
    """Kernel-weighted average of ``anchor_values`` at the points ``xy``.

    Gives a spatially autocorrelated surface: nearby points get similar
    values, and a point far from every anchor takes its nearest anchors'.
    """
    squared = ((xy[:, None, :] - anchor_xy[None, :, :]) ** 2).sum(axis=-1)
    # Shift by the row minimum so that remote points do not underflow to 0/0.
    weights = np.exp(-(squared - squared.min(axis=1, keepdims=True)) / (2.0 * bandwidth ** 2))
    return (weights @ anchor_values) / weights.sum(axis=1)


@dataclass(frozen=True)
class SmallAreas:
    """Simulation inputs per DeSO-like area and year (arrays ``(n, len(YEARS))``).

    Parameters
    ----------
    score : numpy.ndarray
        Latent socioeconomic score; positive is advantaged.
    rurality : numpy.ndarray
        Per area, from :data:`RURALITY`.
    population : numpy.ndarray of int
        Residents; 0 where the area has none yet (``exists`` False).
    exists : numpy.ndarray of bool
        Whether the area has residents and statistics that year.
    share_25_64, share_20_64 : numpy.ndarray
        Per area, the share of residents in these age groups.
    """

    score: np.ndarray
    rurality: np.ndarray
    population: np.ndarray
    exists: np.ndarray
    share_25_64: np.ndarray
    share_20_64: np.ndarray

    def group_population(self, group: str) -> np.ndarray:
        """Residents in age ``group`` (``"all"``, ``"20-64"``, ``"25-64"``), whole persons."""
        if group == "all":
            return self.population
        share = {"25-64": self.share_25_64, "20-64": self.share_20_64}[group]
        return np.round(self.population * share[:, None]).astype(np.int64)


def small_areas(rng: np.random.Generator, settlement: np.ndarray, base_score: np.ndarray,
                drift: np.ndarray, first_year: np.ndarray) -> SmallAreas:
    """Simulate populations and age structure around a given latent score.

    Parameters
    ----------
    rng : numpy.random.Generator
    settlement : numpy.ndarray of str
        "A", "B" or "C" per area.
    base_score : numpy.ndarray
        Latent score in the first year.
    drift : numpy.ndarray
        Change of the score from the first to the last year; areas that
        diverge make change maps worth looking at.
    first_year : numpy.ndarray of int
        First year an area has residents (later for new-built areas).
    """
    n = len(settlement)
    progress = (YEARS - YEARS[0]) / (YEARS[-1] - YEARS[0])
    score = base_score[:, None] + drift[:, None] * progress[None, :]
    rurality = np.array([RURALITY[s] for s in settlement])
    low, high = np.array([LAST_YEAR_POPULATION[s] for s in settlement]).T
    last = rng.uniform(low, high)
    # Towns grow, the countryside shrinks slowly.
    growth = rng.uniform(0.004, 0.02, n) - 0.014 * rurality
    years_before_last = (YEARS - YEARS[-1])[None, :]
    population = last[:, None] * np.exp(growth[:, None] * years_before_last
                                        + rng.normal(0.0, 0.006, (n, len(YEARS))))
    # A new-built area fills up steadily from just above the DeSO minimum.
    filling = np.clip((YEARS[None, :] - first_year[:, None] + 1) / (YEARS[-1] - first_year[:, None] + 1), 0, 1)
    new_built = first_year > YEARS[0]
    first = DESO_MIN_POPULATION + 40
    population[new_built] = first + (last[new_built, None] - first) * filling[new_built]
    population = np.clip(np.round(population), DESO_MIN_POPULATION, DESO_MAX_POPULATION)
    exists = YEARS[None, :] >= first_year[:, None]
    population = np.where(exists, population, 0).astype(np.int64)
    share_25_64 = rng.uniform(0.47, 0.56, n)
    return SmallAreas(score=score, rurality=rurality, population=population, exists=exists,
                      share_25_64=share_25_64, share_20_64=share_25_64 + rng.uniform(0.05, 0.08, n))


@dataclass(frozen=True)
class AreaLevel:
    """Areas of one level and which of them each small area belongs to.

    ``member`` is None for the small-area level itself, else the index into
    ``area_ids`` of each small area.
    """

    level: str
    area_ids: list[str]
    member: np.ndarray | None = None

    def total(self, per_small_area: np.ndarray) -> np.ndarray:
        """Sum rows of a small-area array into this level's areas."""
        if self.member is None:
            return per_small_area
        out = np.zeros((len(self.area_ids),) + per_small_area.shape[1:], dtype=per_small_area.dtype)
        np.add.at(out, self.member, per_small_area)
        return out


def _logit(p):
    return np.log(p / (1.0 - p))


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _predictor(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
               national_link: np.ndarray) -> np.ndarray:
    """Linear predictor: national level + score and rural effects + area and year noise."""
    n, n_years = small.score.shape
    return (national_link[None, :] + model.score_effect * small.score
            + model.rural_effect * small.rurality[:, None]
            + rng.normal(0.0, 0.12, (n, 1)) + rng.normal(0.0, 0.04, (n, n_years)))


def _rows(level: str, area_ids, indicator: str, value: np.ndarray, status: np.ndarray,
          numerator: np.ndarray | None = None, denominator: np.ndarray | None = None) -> pd.DataFrame:
    """Long-form value rows from ``(areas, years)`` arrays; not-ok cells lose their figures."""
    n, n_years = value.shape
    shown = status == STATUS_OK
    empty = np.full(value.shape, np.nan)

    def figures(array):
        return np.where(shown, array, np.nan).ravel() if array is not None else empty.ravel()

    return pd.DataFrame({
        "level": level, "area_id": np.repeat(np.asarray(area_ids, dtype=object), n_years),
        "indicator": indicator, "year": np.tile(YEARS, n), "value": figures(value),
        "numerator": figures(numerator), "denominator": figures(denominator),
        "status": status.ravel(), "edition": None})


def _status(present: np.ndarray, model: IndicatorModel, shown: np.ndarray | bool = True) -> np.ndarray:
    """Statuses: missing where no figure exists, suppressed where not ``shown``, else ok."""
    status = np.where(shown, STATUS_OK, STATUS_SUPPRESSED).astype(object)
    status = np.broadcast_to(status, present.shape).copy()
    status[~present | (YEARS < model.first_year)[None, :]] = STATUS_MISSING
    return status


def _simulate_share(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                    levels: list[AreaLevel]) -> list[pd.DataFrame]:
    """Binomial counts per small area, summed per level; SCB's disclosure rule at every level."""
    persons = small.group_population(model.group)
    having = rng.binomial(persons, _expit(_predictor(rng, model, small, _logit(model.national / 100.0))))
    frames = []
    for lvl in levels:
        numerator, denominator = lvl.total(having), lvl.total(persons)
        shown = (denominator > MIN_GROUP) & (numerator > MIN_TRAIT)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = 100.0 * numerator / denominator
        frames.append(_rows(lvl.level, lvl.area_ids, model.indicator.id, value,
                            _status(denominator > 0, model, shown), numerator, denominator))
    return frames


def _simulate_total(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                    levels: list[AreaLevel]) -> list[pd.DataFrame]:
    """A head count, or a rate (a total such as sickness days per person), summed per level."""
    persons = small.group_population(model.group)
    is_count = model.method == "count"
    total = persons if is_count else np.round(
        persons * np.exp(_predictor(rng, model, small, np.log(model.national))))
    frames = []
    for lvl in levels:
        level_total, level_persons = lvl.total(total), lvl.total(persons)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = level_total.astype(float) if is_count else np.round(level_total / level_persons, 1)
        frames.append(_rows(lvl.level, lvl.area_ids, model.indicator.id, value,
                            _status(level_persons > 0, model)))
    return frames


def _simulate_median(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                     levels: list[AreaLevel]) -> list[pd.DataFrame]:
    """Medians cannot be aggregated: a parent gets its children's population-weighted mean, perturbed."""
    median = np.exp(_predictor(rng, model, small, np.log(model.national)))
    weight = small.population.astype(float)
    frames = []
    for lvl in levels:
        level_weight = lvl.total(weight)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = lvl.total(median * weight) / level_weight
        if lvl.member is not None:
            value = value * np.exp(rng.normal(0.0, 0.015, value.shape))
        frames.append(_rows(lvl.level, lvl.area_ids, model.indicator.id, np.round(value, 1),
                            _status(level_weight > 0, model)))
    return frames


_SIMULATORS = {"share": _simulate_share, "count": _simulate_total, "rate": _simulate_total,
               "median": _simulate_median}


def simulate_indicator(rng: np.random.Generator, model: IndicatorModel, small: SmallAreas,
                       levels: list[AreaLevel]) -> pd.DataFrame:
    """Simulate one indicator for the small areas and aggregate it to every level.

    Counts, shares and rates are aggregated as sums (shares and rates as a
    ratio of sums), exactly as figures computed from the same individuals
    would be; medians get their own values per level.
    """
    if model.method not in _SIMULATORS:
        raise ValueError(f"unknown simulation method {model.method!r}")
    return pd.concat(_SIMULATORS[model.method](rng, model, small, levels), ignore_index=True)


def national_rows(model: IndicatorModel, area_id: str = "00") -> pd.DataFrame:
    """The national series of ``model`` as rows of level ``riket`` (values only)."""
    value = np.round(model.national, 0 if model.method == "count" else 1)[None, :]
    return _rows("riket", [area_id], model.indicator.id, value, np.full(value.shape, STATUS_OK, dtype=object))


def simulate_values(rng: np.random.Generator, models: list[IndicatorModel], small: SmallAreas,
                    levels: list[AreaLevel], with_nation: bool) -> pd.DataFrame:
    """All value rows of ``models`` for ``levels`` (and the nation when asked)."""
    frames = [simulate_indicator(rng, model, small, levels) for model in models]
    if with_nation:
        frames += [national_rows(model) for model in models]
    return pd.concat(frames, ignore_index=True)
