"""Catalog strings for the planner's comparisons and exports: change classes, year keys, exports."""

STRINGS: dict[str, dict[str, str]] = {
    # Change of an index: a difference in points
    "change.unit.points": {"sv": "indexenheter", "en": "index points"},
    "change.unit.points_short": {"sv": "enh.", "en": "pts"},
    "change.explain.points": {"sv": "Skillnad i indexenheter: värdet {year_to} minus värdet {year_from}.",
                              "en": "Difference in index points: the {year_to} value minus the {year_from} value."},
    "change.legend.unchanged": {"sv": "Oförändrat ({zero})", "en": "Unchanged ({zero})"},
    "change.legend.classes": {
        "sv": "Klasserna delar områdena i ungefär lika stora grupper, minskningar och ökningar för sig.",
        "en": "The classes split the areas into groups of about equal size, decreases and increases apart."},
    "tooltip.change": {"sv": "Förändring", "en": "Change"},
}
