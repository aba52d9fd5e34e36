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

    # Exports
    "export.menu": {"sv": "Ladda ner", "en": "Download"},
    "export.csv_year": {"sv": "CSV, visat år", "en": "CSV, shown year"},
    "export.csv_change": {"sv": "CSV, förändringen med båda årens värden",
                          "en": "CSV, the change with both years' values"},
    "export.csv_compare": {"sv": "CSV, båda kartorna", "en": "CSV, both maps"},
    "export.csv_series": {"sv": "CSV, alla år", "en": "CSV, every year"},
    "export.csv_excel": {"sv": "CSV för svensk Excel (semikolon, decimalkomma), alla år",
                         "en": "CSV for Swedish Excel (semicolon, decimal comma), every year"},
    "export.csv_excel_shown": {"sv": "CSV för svensk Excel (semikolon, decimalkomma)",
                               "en": "CSV for Swedish Excel (semicolon, decimal comma)"},
    "export.xlsx": {"sv": "Excel (XLSX), alla år, med definitioner och källor",
                    "en": "Excel (XLSX), every year, with definitions and sources"},
    "export.gpkg": {"sv": "GeoPackage för QGIS: nivåns områden med alla indikatorer och år",
                    "en": "GeoPackage for QGIS: the level's areas with every indicator and year"},
    "export.png_wide": {"sv": "Kartbild 16:9 (PNG)", "en": "Map image 16:9 (PNG)"},
    "export.png_a4": {"sv": "Kartbild A4 liggande (PNG)", "en": "Map image A4 landscape (PNG)"},
    "export.sheet.values": {"sv": "Värden", "en": "Values"},
    "export.sheet.about": {"sv": "Om data", "en": "About the data"},
    "export.about.dataset": {"sv": "Datamängd", "en": "Dataset"},
    "export.about.indicator": {"sv": "Indikator", "en": "Indicator"},
    "export.about.definition": {"sv": "Definition", "en": "Definition"},
    "export.about.unit": {"sv": "Enhet", "en": "Unit"},
    "export.about.level": {"sv": "Områdesnivå", "en": "Area level"},
    "export.about.years": {"sv": "År", "en": "Years"},
    "export.about.source": {"sv": "Källa", "en": "Source"},
    "export.about.licence": {"sv": "Licens", "en": "Licence"},
    "export.about.published": {"sv": "Publicerad", "en": "Published"},
    "export.about.status": {"sv": "Status", "en": "Status"},
    "export.about.status_text": {
        "sv": "ok = publicerat värde; suppressed = sekretess (..), värdet är tomt, aldrig 0; "
              "missing = uppgift saknas, värdet är tomt.",
        "en": "ok = published value; suppressed = suppressed (..), the value is empty, never 0; "
              "missing = no data, the value is empty."},
    "export.about.caveat": {"sv": "Att tänka på", "en": "Caveat"},
    "export.caveat.suppressed": {
        "sv": "Sekretess (..) {year}: {areas} utan värde (inte 0).",
        "en": "Suppressed (..) in {year}: {areas} without a value (not 0)."},
    "export.caveat.missing": {"sv": "Uppgift saknas {year}: {areas}.",
                              "en": "No data in {year}: {areas}."},
    "export.caveat.boundary": {
        "sv": "Värdena är publicerade på olika områdesindelningar ({editions}): "
              "ett område med samma kod kan avse olika geografi.",
        "en": "The values were published on different boundary editions ({editions}): "
              "an area with the same code may describe different ground."},
    "export.caveat.boundary_change": {
        "sv": "Ändrad områdesindelning mellan åren: {areas} visas inte som förändring.",
        "en": "Boundaries changed between the years: {areas} not shown as a change."},
    "export.caveat.fictional": {"sv": "Påhittade data om en fiktiv kommun, inte verklig statistik.",
                                "en": "Invented data about a fictional municipality, not real statistics."},
    "export.licence": {"sv": "Licens: {licence}", "en": "Licence: {licence}"},
    "export.source": {"sv": "Källa: {source}", "en": "Source: {source}"},
    "export.side.left": {"sv": "vänster", "en": "left"},
    "export.side.right": {"sv": "höger", "en": "right"},
    "export.col.map": {"sv": "karta", "en": "map"},
    # Distribution table twin, paged
    "distribution.previous": {"sv": "Föregående", "en": "Previous"},
    "distribution.next": {"sv": "Nästa", "en": "Next"},
    "distribution.page": {"sv": "Sida {page} av {pages} ({n} områden)", "en": "Page {page} of {pages} ({n} areas)"},
}
