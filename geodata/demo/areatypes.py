"""A fictional area type for the demo, so that every area-type view works out of the box.

SCB's områdestyper (1-5) classify RegSO by a socioeconomic index of three
shares; the real index and its cut points are SCB's and are never guessed
for real data.  The demo is invented anyway, so its RegSO get a type from
their own fictional figures: the mean, over low economic standard,
compulsory school only and long-term unemployment, of the log of the
area's share over the fictional national share that year, cut at fixed
points.  Higher shares of the three mean greater challenges, so type 1 is
the most challenged and 5 the most advantaged, as in SCB's scheme.

Computed from values already drawn, with no random draws of its own, so
every other figure of the demo stays what it was.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import HIGHER_IS_BETTER, STATUS_MISSING, STATUS_OK, STATUS_SUPPRESSED, Indicator
from .indicators import FICTIONAL_SOURCE, LICENCE, MODELS, YEARS

AREA_TYPE = "omradestyp"
#: The three shares behind the fictional index (SCB's index uses the same three kinds of share).
PARTS = ("lag_ek_standard", "forgymnasial", "langtidsarbetsloshet")
#: Lower bounds of the index for types 1-4 (above the first bound: type 1); below the last: type 5.
CUTS = (0.6, 0.2, -0.2, -0.6)

INDICATOR = Indicator(
    id=AREA_TYPE,
    label={"sv": "Områdestyp (fiktiv)", "en": "Area type (fictional)"},
    unit={"sv": "typ 1–5", "en": "type 1–5"},
    definition={
        "sv": "Fiktiv indelning av RegSO-områdena i fem typer efter andelen med låg ekonomisk standard, "
              "med förgymnasial utbildning och med långtidsarbetslöshet, jämfört med det fiktiva riket samma "
              "år, efter förebild av SCB:s områdestyper. Typerna är relativa: en ny typ ett år behöver inte "
              "betyda att förhållandena har ändrats i absoluta tal. Värdena i exempeldata är påhittade.",
        "en": "Fictional division of the RegSO areas into five types by their shares with low economic "
              "standard, compulsory school only and long-term unemployment, compared with the fictional "
              "nation in the same year, modelled on Statistics Sweden's area types. The types are relative: "
              "a new type in a year need not mean that conditions changed in absolute terms. Values in the "
              "example data are invented."},
    source=dict(FICTIONAL_SOURCE), licence=LICENCE, polarity=HIGHER_IS_BETTER, kind="category", decimals=0,
    categories={
        "1": {"sv": "Stora socioekonomiska utmaningar", "en": "Major socioeconomic challenges"},
        "2": {"sv": "Socioekonomiska utmaningar", "en": "Socioeconomic challenges"},
        "3": {"sv": "Socioekonomiskt blandade områden", "en": "Socioeconomically mixed areas"},
        "4": {"sv": "Goda socioekonomiska förutsättningar", "en": "Good socioeconomic conditions"},
        "5": {"sv": "Mycket goda socioekonomiska förutsättningar", "en": "Very good socioeconomic conditions"},
    })

#: Named pairs of groups whose segregation from each other the demo measures.
GROUP_PAIRS = ({"id": "eftergymnasial_mot_forgymnasial", "groups": ["eftergymnasial", "forgymnasial"],
                "label": {"sv": "Eftergymnasial mot förgymnasial utbildning",
                          "en": "Post-secondary against compulsory school only"}},)


def area_type_rows(values: pd.DataFrame, level: str = "regso", parts: tuple[str, ...] = PARTS) -> pd.DataFrame:
    """Value rows of the fictional area type for the areas of ``level``.

    An area with any of the shares suppressed has a suppressed type, one
    with any missing a missing type: a type is never made from part of its
    index.  ``parts`` are the shares where higher means greater challenges
    (the benchmark data have only one of the demo's three).
    """
    rows = values[(values["level"] == level) & values["indicator"].isin(PARTS)]
    value = rows.pivot(index="area_id", columns=["indicator", "year"], values="value")
    status = rows.pivot(index="area_id", columns=["indicator", "year"], values="status")
    areas = value.index
    index = np.zeros((len(areas), len(YEARS)))
    suppressed = np.zeros(index.shape, dtype=bool)
    missing = np.zeros(index.shape, dtype=bool)
    for part in parts:
        share = value[part].reindex(columns=YEARS).to_numpy(dtype=float)
        state = status[part].reindex(columns=YEARS).to_numpy(dtype=object)
        with np.errstate(invalid="ignore", divide="ignore"):
            index += np.log(share / MODELS[part].national[None, :]) / len(parts)
        suppressed |= state == STATUS_SUPPRESSED
        missing |= (state != STATUS_OK) & (state != STATUS_SUPPRESSED)
    code = 5.0 - sum((index >= cut).astype(float) for cut in CUTS)
    state = np.where(suppressed, STATUS_SUPPRESSED, np.where(missing, STATUS_MISSING, STATUS_OK))
    return pd.DataFrame({
        "level": level, "area_id": np.repeat(areas.to_numpy(dtype=object), len(YEARS)),
        "indicator": AREA_TYPE, "year": np.tile(YEARS, len(areas)),
        "value": np.where(state == STATUS_OK, code, np.nan).ravel(), "numerator": np.nan, "denominator": np.nan,
        "status": state.ravel(), "edition": None})
