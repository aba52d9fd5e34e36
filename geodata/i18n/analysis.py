"""Catalog strings for change maps, the distribution chart and CSV export."""

STRINGS: dict[str, dict[str, str]] = {
    # Change between two years
    "change.title": {"sv": "{indicator}: förändring {year_from}–{year_to}",
                     "en": "{indicator}: change {year_from}–{year_to}"},
    "change.unit.pp": {"sv": "procentenheter", "en": "percentage points"},
    "change.unit.pp_short": {"sv": "p.e.", "en": "pp"},
    "change.unit.percent": {"sv": "%", "en": "%"},
    "change.explain.pp": {"sv": "Skillnad i procentenheter: värdet {year_to} minus värdet {year_from}.",
                          "en": "Difference in percentage points: the {year_to} value minus the {year_from} value."},
    "change.explain.percent": {
        "sv": "Förändring i procent av värdet {year_from}.",
        "en": "Change in per cent of the {year_from} value."},
    "change.legend.worse": {"sv": "Röd = förändring till det sämre, blå = till det bättre.",
                            "en": "Red = change for the worse, blue = change for the better."},
    "change.legend.neutral": {"sv": "Orange = minskning, lila = ökning (varken bättre eller sämre).",
                              "en": "Orange = decrease, purple = increase (neither better nor worse)."},
    "change.legend.middle": {"sv": "Mittklassen: ungefär oförändrat.",
                             "en": "Middle class: roughly unchanged."},
    "change.bridged": {
        "sv": "Området delades 2025: värdena och förändringen gäller hela det tidigare området (summerat).",
        "en": "The area was split in 2025: the values and the change are those of the whole former area "
              "(summed)."},
    "change.estimated": {
        "sv": "Uppskattat: SCB ändrade områdets gränser 2025, och det tidigare värdet är räknat om till de "
              "nya gränserna efter yta.",
        "en": "Estimated: SCB changed the area's boundaries in 2025, and the earlier value is recalculated "
              "onto the new boundaries by area."},
    "change.legend.bridged": {
        "sv": "Delade 2025 ({areas}): förändringen gäller hela det tidigare området (summerat).",
        "en": "Split in 2025 ({areas}): the change is that of the whole former area (summed)."},
    "change.legend.estimated": {
        "sv": "Nya gränser 2025 ({areas}): det tidigare värdet är uppskattat efter yta.",
        "en": "New boundaries in 2025 ({areas}): the earlier value is estimated by area."},
    "change.legend.same_ground": {
        "sv": "{n} av {total} områden har samma gränser i båda årens områdesindelning (SCB:s polygoner "
              "jämförda) och visas som förändring.",
        "en": "{n} of {total} areas have the same ground in both years' boundary editions (SCB's polygons "
              "compared) and are shown as a change."},
    "change.legend.boundaries": {
        "sv": "Områden vars indelning skiljer sig mellan åren visas inte som förändring: "
              "värdena kan gälla olika geografiska områden.",
        "en": "Areas whose boundary edition differs between the years are not shown as a change: "
              "the values may describe different ground."},
    "change.reason.o": {"sv": "Förändring beräknad", "en": "Change computed"},
    "change.reason.s": {"sv": "Sekretess (..) något av åren", "en": "Suppressed (..) in one of the years"},
    "change.reason.m": {"sv": "Uppgift saknas något av åren", "en": "No data in one of the years"},
    "change.reason.b": {"sv": "Ändrad områdesindelning mellan åren", "en": "Boundaries changed between the years"},
    "change.reason.z": {"sv": "Ingen procentuell förändring: startvärdet är noll eller negativt",
                        "en": "No change in per cent: the starting value is zero or negative"},
    "change.category.up": {"sv": "Högre områdestyp", "en": "Higher area type"},
    "change.category.down": {"sv": "Lägre områdestyp", "en": "Lower area type"},
    "change.category.same": {"sv": "Samma områdestyp", "en": "Same area type"},

    # Distribution chart and its table twin
    "distribution.area": {"sv": "Område", "en": "Area"},
    "distribution.value": {"sv": "Värde", "en": "Value"},
    "distribution.class": {"sv": "Klass", "en": "Class"},
    "distribution.selected": {"sv": "Valt område", "en": "Selected area"},
    "distribution.caption": {"sv": "{title}: ett område per punkt, sorterat efter värde",
                             "en": "{title}: one area per dot, sorted by value"},
    "distribution.empty": {"sv": "Inga värden att visa.", "en": "No values to show."},
    "distribution.breaks": {"sv": "Klassgräns", "en": "Class bound"},

    # CSV export: column headers (short and machine-friendly), in the UI language
    "export.col.area_id": {"sv": "områdeskod", "en": "area_id"},
    "export.col.name": {"sv": "namn", "en": "name"},
    "export.col.level": {"sv": "nivå", "en": "level"},
    "export.col.indicator_id": {"sv": "indikator_id", "en": "indicator_id"},
    "export.col.indicator": {"sv": "indikator", "en": "indicator"},
    "export.col.year": {"sv": "år", "en": "year"},
    "export.col.value": {"sv": "värde", "en": "value"},
    "export.col.unit": {"sv": "enhet", "en": "unit"},
    "export.col.status": {"sv": "status", "en": "status"},
    "export.col.status_text": {"sv": "status_text", "en": "status_text"},
    "export.col.rank": {"sv": "plats", "en": "rank"},
    "export.col.ranked": {"sv": "antal_rangordnade", "en": "ranked"},
    "export.col.edition": {"sv": "indelning", "en": "edition"},
    "export.col.source": {"sv": "källa", "en": "source"},
    "export.col.licence": {"sv": "licens", "en": "licence"},
    "export.col.definition": {"sv": "definition", "en": "definition"},
    "export.col.year_from": {"sv": "från_år", "en": "year_from"},
    "export.col.year_to": {"sv": "till_år", "en": "year_to"},
    "export.col.value_from": {"sv": "värde_från", "en": "value_from"},
    "export.col.value_to": {"sv": "värde_till", "en": "value_to"},
    "export.col.change": {"sv": "förändring", "en": "change"},
    "export.col.change_unit": {"sv": "förändring_enhet", "en": "change_unit"},
    "export.col.reason": {"sv": "orsak", "en": "reason"},
    "export.col.reason_text": {"sv": "orsak_text", "en": "reason_text"},
    "export.col.status_from": {"sv": "status_från", "en": "status_from"},
    "export.col.status_to": {"sv": "status_till", "en": "status_to"},
    "export.col.edition_from": {"sv": "indelning_från", "en": "edition_from"},
    "export.col.edition_to": {"sv": "indelning_till", "en": "edition_to"},
    "export.button": {"sv": "Ladda ner CSV", "en": "Download CSV"},
    "export.button_selected": {"sv": "Ladda ner valda områden (CSV)", "en": "Download selected areas (CSV)"},
}
