"""Catalog strings for measuring segregation: indices, area types, clusters, computed values (issue #11).

Each index has a name, a plain-language meaning and a caveat; the views and
the command line take them from here.
"""

STRINGS: dict[str, dict[str, str]] = {
    # The indices (geodata/segregation.py); values are 0-1, shown as 0-100 where a view prefers
    "segregation.index.D.name": {"sv": "Olikhetsindex (D)", "en": "Dissimilarity index (D)"},
    "segregation.index.D.meaning": {
        "sv": "Hur ojämnt gruppen och övriga bor fördelade över områdena: den andel av gruppen som skulle "
              "behöva flytta för att varje område skulle få samma andel som kommunen i stort. 0 = helt jämnt, "
              "1 = ingen blandning alls.",
        "en": "How unevenly the group and everyone else are spread over the areas: the share of the group "
              "that would have to move for every area to have the same share as the municipality as a whole. "
              "0 = perfectly even, 1 = no mixing at all."},
    "segregation.index.H.name": {"sv": "Theils informationsindex (H)", "en": "Theil's information index (H)"},
    "segregation.index.H.meaning": {
        "sv": "Hur mycket mindre blandat varje område är än kommunen i stort, i genomsnitt (mätt som "
              "entropi). 0 = varje område är lika blandat som kommunen, 1 = varje område har bara den ena "
              "gruppen.",
        "en": "How much less mixed each area is than the municipality as a whole, on average (measured as "
              "entropy). 0 = every area is as mixed as the municipality, 1 = every area holds only one group."},
    "segregation.index.xPx.name": {"sv": "Isoleringsindex (xPx)", "en": "Isolation index (xPx)"},
    "segregation.index.xPx.meaning": {
        "sv": "Hur stor andel av grannarna i det egna området som i genomsnitt tillhör samma grupp, för en "
              "person i gruppen. Jämför med gruppens andel i hela kommunen: ju större skillnad, desto mer "
              "isolerad.",
        "en": "The average share of one's own group among the neighbours in one's own area, for a member of "
              "the group. Compare it with the group's share of the whole municipality: the larger the gap, "
              "the more isolated."},
    "segregation.index.spatial": {
        "sv": "Rumslig variant: varje områdes siffror räknas tillsammans med grannområdenas (områden som "
              "gränsar till det), så att två olika områden som ligger bredvid varandra räknas som mindre "
              "åtskilda än två som ligger långt ifrån varandra.",
        "en": "Spatial variant: each area's figures are counted together with those of its neighbours (the "
              "areas it borders), so that two different areas side by side count as less separated than "
              "two far apart."},
    "segregation.index.D_spatial.name": {"sv": "Olikhetsindex, rumsligt (D)", "en": "Dissimilarity index, spatial (D)"},
    "segregation.index.H_spatial.name": {"sv": "Theils informationsindex, rumsligt (H)",
                                         "en": "Theil's information index, spatial (H)"},
    "segregation.index.xPx_spatial.name": {"sv": "Isoleringsindex, rumsligt (xPx)",
                                           "en": "Isolation index, spatial (xPx)"},
    "segregation.caveat": {
        "sv": "Indexen beror på hur många och hur stora områdena är: fler och mindre områden ger högre värden. "
              "Jämför därför en kommun med sig själv över tid, inte kommuner med varandra. Områden med sekretess "
              "eller saknade uppgifter är inte med i beräkningen; antalet står vid varje värde.",
        "en": "The indices depend on the number and size of the areas: more and smaller areas give higher "
              "values. So compare a municipality with itself over time, not municipalities with each other. "
              "Areas with suppressed or missing figures are left out of the computation; their number is "
              "given with each value."},
    "segregation.interval": {
        "sv": "95 % konfidensintervall (bootstrap): värdena indexet skulle kunna ha fått med lite andra områden "
              "av samma slag.",
        "en": "95 % confidence interval (bootstrap): the values the index could have had with slightly "
              "different areas of the same kind."},
    "segregation.change.significant": {
        "sv": "Förändringen {year_from}–{year_to} är större än vad slumpen brukar ge (p = {p}).",
        "en": "The change {year_from}–{year_to} is larger than chance usually gives (p = {p})."},
    "segregation.change.not_significant": {
        "sv": "Förändringen {year_from}–{year_to} kan vara slump (p = {p}).",
        "en": "The change {year_from}–{year_to} may be chance (p = {p})."},
    "segregation.definition.rest": {"sv": "{group} mot övriga", "en": "{group} against everyone else"},
    "segregation.definition.pair": {"sv": "{group} mot {other}", "en": "{group} against {other}"},
    "segregation.left_out": {"sv": "{n} områden utan uppgift är inte med.",
                             "en": "{n} areas without figures are left out."},

    # Area types (geodata/areatypes.py)
    "areatype.areas": {"sv": "Antal områden", "en": "Number of areas"},
    "areatype.share_residents": {"sv": "Andel av invånarna", "en": "Share of residents"},
    "areatype.moves": {"sv": "Byte av områdestyp {year_from}–{year_to}", "en": "Change of area type {year_from}–{year_to}"},
    "areatype.moves_note": {
        "sv": "Invånarna är de som bor i områdena {year_to}. Områdestyperna är relativa till hela landet "
              "varje år: ett byte behöver inte betyda att förhållandena ändrats i absoluta tal.",
        "en": "Residents are those living in the areas in {year_to}. Area types are relative to the whole "
              "country each year: a change of type need not mean that conditions changed in absolute terms."},
    "areatype.shares": {"sv": "{indicator} per områdestyp", "en": "{indicator} by area type"},
    "areatype.caveat": {
        "sv": "Områdestyperna beskriver levnadsvillkor i områdena, inte hur segregerad kommunen är.",
        "en": "Area types describe living conditions in the areas, not how segregated the municipality is."},

    # Clusters (geodata/clusters.py)
    "cluster.HH": {"sv": "Högt bland höga", "en": "High among high"},
    "cluster.LL": {"sv": "Lågt bland låga", "en": "Low among low"},
    "cluster.HL": {"sv": "Högt bland låga", "en": "High among low"},
    "cluster.LH": {"sv": "Lågt bland höga", "en": "Low among high"},
    "cluster.ns": {"sv": "Inget tydligt mönster", "en": "No clear pattern"},
    "cluster.no_data": {"sv": "Uppgift saknas", "en": "No data"},
    "cluster.no_neighbours": {"sv": "Inga grannar med uppgift", "en": "No neighbours with data"},
    "cluster.explain": {
        "sv": "Ett kluster är ett område vars värde liknar (eller skiljer sig tydligt från) grannområdenas mer "
              "än slumpen brukar ge, prövat genom att slumpa om grannarnas värden 999 gånger och justerat för "
              "att alla områden prövas samtidigt (false discovery rate 5 %). Ett kluster visar var liknande "
              "värden ligger samlade, inte varför, och inte att området skiljer sig från resten av kommunen "
              "på något annat sätt.",
        "en": "A cluster is an area whose value resembles (or clearly differs from) its neighbours' more than "
              "chance usually gives, tested by shuffling the neighbours' values 999 times and corrected for "
              "testing every area at once (false discovery rate 5 %). A cluster shows where similar values lie "
              "together, not why, and not that the area differs from the rest of the municipality in any "
              "other way."},
    "cluster.moran": {
        "sv": "Morans I = {i} (p = {p}): {verdict}",
        "en": "Moran's I = {i} (p = {p}): {verdict}"},
    "cluster.moran.clustered": {"sv": "liknande värden ligger samlade mer än slumpen ger.",
                                "en": "similar values lie together more than chance gives."},
    "cluster.moran.not_clustered": {"sv": "inget tydligt rumsligt mönster.", "en": "no clear spatial pattern."},
    "cluster.moran.small_p": {
        "sv": "Morans I = {i} (p < {p}): {verdict}",
        "en": "Moran's I = {i} (p < {p}): {verdict}"},
    "cluster.moran.none": {"sv": "Morans I kan inte beräknas för {year}: alla områden har samma värde.",
                           "en": "Moran's I cannot be computed for {year}: every area has the same value."},
    # The clusters map mode (presenters/clusters.py); the legend's no-data row counts both kinds of untested area.
    "cluster.legend.untested": {"sv": "Inte prövat", "en": "Not tested"},
    "cluster.legend.untested_detail": {"sv": "{suppressed} utan värde, {missing} utan grannar med värde",
                                       "en": "{suppressed} without a value, {missing} without neighbours with one"},
    "cluster.legend.colours": {
        "sv": "Starka färger: kluster av liknande värden. Ljusa: ett område som skiljer sig från grannarna.",
        "en": "Strong colours: clusters of similar values. Light: an area that differs from its neighbours."},
    "cluster.tooltip.untested": {"sv": "Inte prövat: inga grannar med värde",
                                 "en": "Not tested: no neighbours with a value"},

    # Computed values (geodata/aggregate.py)
    "computed.marker": {"sv": "beräknat", "en": "computed"},
    "computed.note": {
        "sv": "Beräknat av Segregationsatlas som kvot av summor från områdena under (täljare delat med "
              "nämnare), inte publicerat av källan.",
        "en": "Computed by Segregationsatlas as a ratio of sums from the areas below (numerator over "
              "denominator), not published by the source."},

    # python -m geodata segregation
    "segregation.cli.none": {
        "sv": "{name} har inga segregationsmått: publicera om det (mått räknas när ett dataset publiceras) "
              "eller ge det andelar med täljare och nämnare för områden inom en kommun.",
        "en": "{name} has no segregation measures: publish it again (measures are computed when a dataset "
              "is published) or give it shares with numerator and denominator for areas within a kommun."},
}
