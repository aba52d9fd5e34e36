"""Catalog strings of the embed view, the embed dialog, the table view and the accessibility statement."""

STRINGS: dict[str, dict[str, str]] = {
    "embed.open": {"sv": "Öppna i Segregationsatlas", "en": "Open in Segregation Atlas"},
    "embed.open_title": {"sv": "Öppnas i en ny flik", "en": "Opens in a new tab"},
    "embed.frame_title": {"sv": "Karta: {title} – Segregationsatlas", "en": "Map: {title} – Segregation Atlas"},
    "embed.button": {"sv": "Bädda in", "en": "Embed"},
    "embed.dialog_title": {"sv": "Bädda in kartan på en annan webbplats",
                           "en": "Embed the map on another website"},
    "embed.intro": {"sv": "Klistra in koden i webbsidans HTML. Kartan visar samma vy som nu: indikator, år, "
                          "nivå och läge.",
                    "en": "Paste the code into the web page's HTML. The map shows the view you see now: "
                          "indicator, year, level and mode."},
    "embed.size": {"sv": "Storlek", "en": "Size"},
    "embed.size_small": {"sv": "Liten (400 × 500)", "en": "Small (400 × 500)"},
    "embed.size_medium": {"sv": "Mellan (600 × 450)", "en": "Medium (600 × 450)"},
    "embed.size_large": {"sv": "Stor (800 × 600)", "en": "Large (800 × 600)"},
    "embed.size_wide": {"sv": "Hela bredden (100 % × 600)", "en": "Full width (100 % × 600)"},
    "embed.controls": {"sv": "Visa också", "en": "Also show"},
    "embed.control_indicator": {"sv": "Val av indikator", "en": "Indicator choice"},
    "embed.control_level": {"sv": "Val av områdesnivå", "en": "Area level choice"},
    "embed.control_search": {"sv": "Sök område", "en": "Area search"},
    "embed.control_mode": {"sv": "Val av kartläge", "en": "Map mode choice"},
    "embed.resize": {"sv": "Anpassa ramens höjd efter innehållet (lägger till ett litet skript)",
                     "en": "Fit the frame's height to its content (adds a small script)"},
    "embed.code": {"sv": "Kod att klistra in", "en": "Code to paste"},
    "embed.copy": {"sv": "Kopiera koden", "en": "Copy the code"},
    "embed.copied": {"sv": "Koden är kopierad.", "en": "The code has been copied."},
    "embed.copy_failed": {"sv": "Kunde inte kopiera: markera koden och kopiera den själv.",
                          "en": "Could not copy: select the code and copy it yourself."},
    "embed.preview": {"sv": "Förhandsvisning", "en": "Preview"},
    "embed.close": {"sv": "Stäng", "en": "Close"},
    "table.show": {"sv": "Visa som tabell", "en": "Show as table"},
    "table.caption": {"sv": "{indicator} {year}: alla områden", "en": "{indicator} {year}: all areas"},
    "table.area": {"sv": "Område", "en": "Area"},
    "table.value": {"sv": "Värde", "en": "Value"},
    "table.status": {"sv": "Status", "en": "Status"},
    "table.rank": {"sv": "Plats", "en": "Rank"},
    "table.select": {"sv": "Välj", "en": "Select"},
    "table.select_area": {"sv": "Välj {area}", "en": "Select {area}"},
    "describe.range": {"sv": "{indicator} {year}: högst i {high} ({high_value}), lägst i {low} ({low_value}).",
                       "en": "{indicator} {year}: highest in {high} ({high_value}), lowest in {low} ({low_value})."},
    "describe.categories": {"sv": "{indicator} {year}: {counts}.", "en": "{indicator} {year}: {counts}."},
    "describe.hidden": {"sv": "{count} av {total} områden utan värde (sekretess eller saknas).",
                        "en": "{count} of {total} areas without a value (suppressed or missing)."},
    "describe.none": {"sv": "{indicator} {year}: inga värden att visa.",
                      "en": "{indicator} {year}: no values to show."},
    "widget.select_all": {"sv": "Välj alla", "en": "Select all"},
    "widget.deselect_all": {"sv": "Avmarkera alla", "en": "Deselect all"},
    "widget.selected_count": {"sv": "{num_selected} valda", "en": "{num_selected} selected"},
    "widget.clear_selection": {"sv": "Rensa valet", "en": "Clear selection"},
    "widget.no_options": {"sv": "Inga träffar", "en": "No matches"},
    "widget.zoom_in": {"sv": "Zooma in", "en": "Zoom in"},
    "widget.zoom_out": {"sv": "Zooma ut", "en": "Zoom out"},
    "widget.area_cap": {"sv": "Högst {max} områden kan väljas samtidigt.",
                        "en": "At most {max} areas can be selected at once."},
    "a11y.link": {"sv": "Tillgänglighet", "en": "Accessibility"},
    "a11y.title": {"sv": "Tillgänglighetsredogörelse för Segregationsatlas",
                   "en": "Accessibility statement for Segregation Atlas"},
    "a11y.intro": {"sv": "Den här webbplatsen ska gå att använda för alla, också med tangentbord, skärmläsare, "
                         "förstoring och på mobilen. Här beskriver vi hur den uppfyller lagen om tillgänglighet "
                         "till digital offentlig service (DOS-lagen) och kraven i WCAG 2.1 nivå AA, vilka brister "
                         "vi känner till och hur du kan rapportera problem.",
                   "en": "This website should be usable by everyone, also with a keyboard, a screen reader, "
                         "magnification and on a phone. This statement describes how it meets the Swedish act on "
                         "accessibility to digital public services (DOS-lagen) and WCAG 2.1 level AA, which "
                         "shortcomings we know of and how to report a problem."},
    "a11y.status_heading": {"sv": "Hur tillgänglig är webbplatsen?", "en": "How accessible is this website?"},
    "a11y.status": {"sv": "Webbplatsen är delvis förenlig med WCAG 2.1 nivå AA på grund av de brister som "
                          "beskrivs nedan.",
                    "en": "The website partially conforms to WCAG 2.1 level AA because of the shortcomings "
                          "described below."},
    "a11y.how_heading": {"sv": "Så använder du kartan utan mus", "en": "Using the map without a mouse"},
    "a11y.how": {"sv": "Alla reglage nås med Tabb och styrs med piltangenter, Enter och Mellanslag. Årsreglaget "
                       "stegar med pilarna, Home och End går till första och sista året. ”Visa som tabell” visar "
                       "alla områden med värde, status och plats som en tabell, där du också kan välja områden. "
                       "Kartans innehåll beskrivs i text för skärmläsare.",
                 "en": "Every control is reached with Tab and operated with the arrow keys, Enter and Space. The "
                       "year slider steps with the arrows; Home and End go to the first and last year. "
                       "“Show as table” shows every area with its value, status and rank as a table, where you "
                       "can also select areas. The map's content is described in text for screen readers."},
    "a11y.limits_heading": {"sv": "Kända brister", "en": "Known shortcomings"},
    "a11y.limit_map": {"sv": "Kartan själv är en bild: gränser och färger kan inte läsas av en skärmläsare. "
                             "Samma uppgifter finns i tabellvyn och i textbeskrivningen.",
                       "en": "The map itself is a picture: borders and colours cannot be read by a screen reader. "
                             "The same figures are in the table view and in the text description."},
    "a11y.limit_colour": {"sv": "Klasserna skiljs åt med färg; varje område har också sitt värde och sin klass i "
                                "verktygstips och tabell.",
                          "en": "Classes are told apart by colour; every area also has its value and class in "
                                "the tooltip and the table."},
    "a11y.limit_chart": {"sv": "Diagrammen (fördelning och tidsserier) har tabeller bredvid sig men kan inte "
                               "utforskas punkt för punkt med tangentbord.",
                         "en": "The charts (distribution and time series) have tables beside them but cannot be "
                               "explored point by point with a keyboard."},
    "a11y.report_heading": {"sv": "Rapportera brister", "en": "Report a problem"},
    "a11y.report": {"sv": "Om du upptäcker problem som inte beskrivs här, eller behöver innehållet i en annan form, "
                          "kontakta oss: {contact}.",
                    "en": "If you find a problem not described here, or need the content in another form, "
                          "contact us: {contact}."},
    "a11y.report_none": {"sv": "Kontakta den organisation som publicerar kartan.",
                         "en": "Contact the organisation that publishes the map."},
    "a11y.supervision_heading": {"sv": "Tillsyn", "en": "Enforcement"},
    "a11y.supervision": {"sv": "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om "
                               "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi "
                               "hanterar dina synpunkter kan du anmäla det till Digg.",
                         "en": "The Agency for Digital Government (Digg) supervises the act on accessibility to "
                               "digital public services. If you are not satisfied with how we handle your "
                               "feedback, you can report it to Digg."},
    "a11y.tested_heading": {"sv": "Hur vi testat webbplatsen", "en": "How we tested the website"},
    "a11y.tested": {"sv": "Varje version testas automatiskt i en riktig webbläsare: med axe-core, med enbart "
                          "tangentbordet genom hela sidan, i ramar från 320 till 1200 bildpunkters bredd och på "
                          "båda språken.",
                    "en": "Every version is tested automatically in a real browser: with axe-core, with the "
                          "keyboard alone through the whole page, in frames from 320 to 1200 pixels wide and in "
                          "both languages."},
    "a11y.back": {"sv": "Tillbaka till kartan", "en": "Back to the map"},
}
