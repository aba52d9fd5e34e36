"""The fictional indicators: what each one means and how its values are simulated.

:data:`MODELS` holds nine indicators with bilingual metadata (labels,
definitions marked as invented) and the parameters :mod:`.simulation` draws
their values with: a national series over :data:`YEARS` and the effects of
the latent socioeconomic score and of rurality.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import HIGHER_IS_BETTER, HIGHER_IS_WORSE, NEUTRAL, Indicator

YEARS = np.arange(2011, 2025)
LICENCE = "CC0 1.0"

FICTIONAL_SOURCE = {"sv": "Fiktiva data (Segregationsatlas demo)",
                    "en": "Fictional data (Segregationsatlas demo)"}
FICTIONAL_NOTE = {"sv": " Värdena i exempeldata är påhittade.",
                  "en": " Values in the example data are invented."}


def _trend(start: float, end: float, shocks: dict[int, float] | None = None,
           geometric: bool = False) -> np.ndarray:
    """A national series over :data:`YEARS` from ``start`` to ``end`` with shocks added."""
    t = (YEARS - YEARS[0]) / (YEARS[-1] - YEARS[0])
    series = start * (end / start) ** t if geometric else start + (end - start) * t
    for year, delta in (shocks or {}).items():
        series[YEARS == year] += delta
    return series


def _texts(sv: str, en: str, note: bool = False) -> dict[str, str]:
    if note:
        return {"sv": sv + FICTIONAL_NOTE["sv"], "en": en + FICTIONAL_NOTE["en"]}
    return {"sv": sv, "en": en}


PERCENT = {"sv": "%", "en": "%"}


@dataclass(frozen=True)
class IndicatorModel:
    """An indicator's metadata and how its fictional values are simulated.

    Parameters
    ----------
    indicator : Indicator
        Metadata as published.
    method : str
        ``"count"`` (population), ``"share"`` (binomial counts over a
        population group), ``"rate"`` (a total over a population group, such
        as sickness days) or ``"median"``.
    national : numpy.ndarray
        The national series over :data:`YEARS`; shares in per cent.
    group : str
        Population group of the denominator: ``"all"``, ``"20-64"`` or
        ``"25-64"``.
    score_effect : float
        Effect of one unit of the latent socioeconomic score (positive =
        advantaged) on the logit (shares) or log (rates, medians).
    rural_effect : float
        Effect of living in a rural area (A-DeSO: 1, B: 0.5, C: 0).
    first_year : int
        First year with small-area figures; earlier cells are missing.
    """

    indicator: Indicator
    method: str
    national: np.ndarray
    group: str = "all"
    score_effect: float = 0.0
    rural_effect: float = 0.0
    first_year: int = int(YEARS[0])


def _model(indicator_id: str, label: tuple[str, str], unit: dict[str, str], definition: tuple[str, str],
           polarity: str, kind: str, decimals: int, **simulation) -> IndicatorModel:
    indicator = Indicator(
        id=indicator_id, label=_texts(*label), unit=unit, definition=_texts(*definition, note=True),
        source=dict(FICTIONAL_SOURCE), licence=LICENCE, polarity=polarity, kind=kind, decimals=decimals)
    return IndicatorModel(indicator=indicator, **simulation)


#: National population (riket), a plausible invented series.
NATIONAL_POPULATION = np.round(_trend(9_480_000, 10_590_000, geometric=True))

MODELS: dict[str, IndicatorModel] = {m.indicator.id: m for m in (
    _model("befolkning", ("Befolkning", "Population"), {"sv": "personer", "en": "persons"},
           ("Antal folkbokförda personer den 31 december.",
            "Number of persons registered as resident on 31 December."),
           NEUTRAL, "count", 0, method="count", national=NATIONAL_POPULATION),
    _model("eftergymnasial", ("Eftergymnasial utbildning, 25–64 år", "Post-secondary education, age 25–64"),
           PERCENT,
           ("Andel av befolkningen 25–64 år vars högsta utbildning är eftergymnasial, oavsett längd.",
            "Share of the population aged 25–64 whose highest education is post-secondary, of any length."),
           HIGHER_IS_BETTER, "share", 1, method="share", national=_trend(39.5, 48.0), group="25-64",
           score_effect=0.75, rural_effect=-0.45),
    _model("forgymnasial", ("Förgymnasial utbildning, 25–64 år", "Compulsory school only, age 25–64"),
           PERCENT,
           ("Andel av befolkningen 25–64 år vars högsta utbildning är förgymnasial (högst grundskola).",
            "Share of the population aged 25–64 with at most compulsory schooling."),
           HIGHER_IS_WORSE, "share", 1, method="share", national=_trend(13.6, 10.4), group="25-64",
           score_effect=-0.7, rural_effect=0.35),
    _model("sysselsattning", ("Förvärvsarbetande, 20–64 år", "Employment rate, age 20–64"), PERCENT,
           ("Andel av befolkningen 20–64 år som är förvärvsarbetande enligt den registerbaserade "
            "arbetsmarknadsstatistiken (november).",
            "Share of the population aged 20–64 in gainful employment according to register-based "
            "labour statistics (November)."),
           HIGHER_IS_BETTER, "share", 1, method="share",
           national=_trend(76.8, 80.6, {2020: -1.4, 2021: -0.9}), group="20-64",
           score_effect=0.5, rural_effect=0.15),
    _model("langtidsarbetsloshet", ("Långtidsarbetslöshet, 25–64 år", "Long-term unemployment, age 25–64"),
           PERCENT,
           ("Andel av befolkningen 25–64 år som varit öppet arbetslösa eller i program med aktivitetsstöd "
            "i minst sex månader.",
            "Share of the population aged 25–64 who have been openly unemployed or in a labour market "
            "programme for at least six months."),
           HIGHER_IS_WORSE, "share", 1, method="share",
           national=_trend(3.4, 3.1, {2020: 0.8, 2021: 1.1}), group="25-64",
           score_effect=-0.65, rural_effect=-0.2),
    _model("lag_ek_standard", ("Låg ekonomisk standard", "Low economic standard"), PERCENT,
           ("Andel personer i hushåll vars disponibla inkomst per konsumtionsenhet är lägre än 60 procent "
            "av medianvärdet för hela riket.",
            "Share of persons in households whose disposable income per consumption unit is below 60 per "
            "cent of the national median."),
           HIGHER_IS_WORSE, "share", 1, method="share", national=_trend(13.9, 15.2),
           score_effect=-0.8, rural_effect=0.1),
    _model("medianinkomst", ("Medianinkomst, disponibel", "Median disposable income"),
           {"sv": "tkr", "en": "thousand SEK"},
           ("Medianvärdet av disponibel inkomst per konsumtionsenhet för personer i hushåll, tusentals "
            "kronor i löpande priser. Medianer kan inte summeras: värdena för RegSO och kommun är egna "
            "beräkningar, inte summor av DeSO.",
            "Median disposable income per consumption unit of persons in households, thousand kronor in "
            "current prices. Medians cannot be added up: RegSO and municipality values are computed on "
            "their own, not from the DeSO."),
           HIGHER_IS_BETTER, "amount", 0, method="median", national=_trend(198.0, 292.0, geometric=True),
           score_effect=0.17, rural_effect=-0.04),
    _model("utrikes_fodda", ("Utrikes födda", "Foreign-born"), PERCENT,
           ("Andel av befolkningen som är född utomlands.",
            "Share of the population born outside Sweden."),
           NEUTRAL, "share", 1, method="share", national=_trend(15.1, 20.3),
           score_effect=-0.9, rural_effect=-0.9),
    _model("ohalsotal", ("Ohälsotal, 20–64 år", "Ill-health days, age 20–64"),
           {"sv": "dagar per person", "en": "days per person"},
           ("Antal utbetalda nettodagar med sjukpenning, rehabiliteringspenning samt sjuk- och "
            "aktivitetsersättning per folkbokförd person 20–64 år. Inte jämförbart med "
            "Försäkringskassans ohälsotal för 16–64 år. Småområdesserien börjar 2013.",
            "Net days paid in sickness benefit, rehabilitation benefit and sickness or activity "
            "compensation per registered resident aged 20–64. Not comparable with the Social Insurance "
            "Agency's measure for ages 16–64. The small-area series starts in 2013."),
           HIGHER_IS_WORSE, "amount", 1, method="rate", national=_trend(28.6, 21.2, {2020: 0.9, 2021: 0.5}),
           group="20-64", score_effect=-0.3, rural_effect=0.2, first_year=2013),
)}
