"""Catalog strings for findings: the sentence or two on what a map shows (geodata.findings).

Templates are filled by :mod:`geodata.findings`; keys ending in ``_one`` are
the forms used when the number they agree with is 1 (Swedish "1 område",
English "1 area has").  Facts only: no word says better or worse.
"""

STRINGS: dict[str, dict[str, str]] = {
    # Lists: "A, B och C" / "A, B and C"
    "finding.and": {"sv": "och", "en": "and"},
    "finding.areas": {"sv": "{n} områden", "en": "{n} areas"},
    "finding.areas_one": {"sv": "{n} område", "en": "{n} area"},
    "finding.comparable": {"sv": "{n} jämförbara områden", "en": "{n} comparable areas"},
    "finding.comparable_one": {"sv": "{n} jämförbart område", "en": "{n} comparable area"},

    # One year of a map with values
    "finding.range": {
        "sv": "{indicator} {year} var högst i {high} ({high_value}) och lägst i {low} ({low_value})",
        "en": "{indicator} in {year} was highest in {high} ({high_value}) and lowest in {low} ({low_value})"},
    "finding.equal": {
        "sv": "{indicator} {year} var detsamma i alla {n} områden med värde ({value})",
        "en": "{indicator} in {year} was the same in all {n} areas with a value ({value})"},
    "finding.single": {
        "sv": "{indicator} {year} finns för ett enda område, {name} ({value})",
        "en": "{indicator} in {year} is available for one area only, {name} ({value})"},
    "finding.none": {"sv": "{indicator} {year}: inget område har något värde ({detail})",
                     "en": "{indicator} in {year}: no area has a value ({detail})"},

    # One year of a map of categories (area types): the most common class, never "highest"
    "finding.category": {
        "sv": "{indicator} {year}: vanligast var {classes} ({n} av {areas})",
        "en": "{indicator} in {year}: the most common was {classes} ({n} of {areas})"},
    "finding.category_tie": {
        "sv": "{indicator} {year}: vanligast var {classes}, med {n} av {areas} vardera",
        "en": "{indicator} in {year}: the most common were {classes}, with {n} of {areas} each"},

    # Areas without a value in the shown year
    "finding.without": {"sv": "; {n} av {areas} saknar värde ({detail})",
                        "en": "; {n} of {areas} have no value ({detail})"},
    "finding.without_one": {"sv": "; {n} av {areas} saknar värde ({detail})",
                            "en": "; {n} of {areas} has no value ({detail})"},
    "finding.status.suppressed": {"sv": "sekretess: {n}", "en": "suppressed: {n}"},
    "finding.status.missing": {"sv": "uppgift saknas: {n}", "en": "no data: {n}"},

    # Change between two years (the trend clause of a year, and change mode)
    "finding.up": {"sv": "ökade i {n}", "en": "rose in {n}"},
    "finding.down": {"sv": "minskade i {n}", "en": "fell in {n}"},
    "finding.same": {"sv": "var oförändrat i {n}", "en": "was unchanged in {n}"},
    "finding.trend": {"sv": "Värdet {parts} av {comparable} mellan {year_from} och {year_to}",
                      "en": "The value {parts} of {comparable} between {year_from} and {year_to}"},
    "finding.moved": {
        "sv": "{n} av {comparable} hade en annan klass {year_to} än {year_from}",
        "en": "{n} of {comparable} had a different class in {year_to} than in {year_from}"},
    "finding.incomparable": {"sv": "Inget område går att jämföra mellan {year_from} och {year_to}",
                             "en": "No area can be compared between {year_from} and {year_to}"},
    "finding.left_out": {"sv": "; {areas} kunde inte jämföras ({reasons})",
                         "en": "; {areas} could not be compared ({reasons})"},
    "finding.reason.s": {"sv": "{n} med sekretess något av åren", "en": "{n} suppressed in either year"},
    "finding.reason.m": {"sv": "{n} utan värde något av åren", "en": "{n} without a value in either year"},
    "finding.reason.b": {"sv": "{n} med ändrade gränser", "en": "{n} with changed boundaries"},
    "finding.reason.z": {"sv": "{n} utan positivt startvärde", "en": "{n} without a positive starting value"},
    "finding.bridged": {
        "sv": "; för {areas} bygger jämförelsen på det tidigare områdets summa eller en uppskattning på "
              "nya gränser",
        "en": "; for {areas} the comparison rests on the former area's sum or an estimate on new boundaries"},
    "finding.extremes": {"sv": "Störst ökning i {up} ({up_value}), störst minskning i {down} ({down_value})",
                         "en": "Largest rise in {up} ({up_value}), largest fall in {down} ({down_value})"},
    "finding.largest_up": {"sv": "Störst ökning i {up} ({up_value})", "en": "Largest rise in {up} ({up_value})"},
    "finding.largest_down": {"sv": "Störst minskning i {down} ({down_value})",
                             "en": "Largest fall in {down} ({down_value})"},
    "finding.change_lead": {"sv": "{indicator}: ", "en": "{indicator}: "},
}
