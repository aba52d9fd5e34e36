"""Every component id of the dashboard, in one place.

Callbacks, layouts, the browser code (``assets/`` gets the ids it needs from the
view contract, ``presenters/contract.py``) and browser tests use these names.
"""

PAGE = "atlas-page"
PAYLOAD = "map-payload"
VIEW = "view-state"

DATASET = "dataset-picker"
INDICATOR = "indicator-picker"
INDICATOR_DEFINITION = "indicator-definition"
LEVEL = "level-picker"
SCHEME = "scheme-picker"
LABELS = "labels-toggle"  # "Visa områdesnamn": district names on the map (assets/atlas-55-labels.js)
YEAR = "year-slider"
YEAR_LABEL = "year-label"
PLAY = "play-button"
PLAY_TIMER = "play-timer"
LEGEND = "legend"
LEGEND_COUNT = "legend-count"  # pattern-matching type; index = class number
LEGEND_YEAR_NOTE = "legend-year-note"  # pattern-matching type: a legend note that follows the year
AREA_SEARCH = "area-search"
AREA_CAP_NOTE = "area-cap-note"  # says why a selection was cut to MAX_AREAS
AREA_QUERY = "area-query"  # what the user typed, only for levels searched on the server

MAP = "map"
MAP_TITLE = "map-title"
MAP_DESCRIPTION = "map-description"  # the map in words, for screen readers (assets/atlas-65-table.js)
MAP_TABLE = "map-table"  # the table twin of the map, drawn by the browser
TABLE_VIEW = "table-view"  # the section holding it, shown by TABLE_TOGGLE
TABLE_TOGGLE = "table-toggle"
AREAS = "areas"
OUTLINE = "outline"

AREA_PANEL = "area-panel"
AREA_HEADING = "area-heading"
AREA_CHART = "area-chart"
AREA_TABLE = "area-table"

LANG_LINK = "lang-link"
STATUS = "live-status"
ABOUT = "about-data"
NAVIGATE = "navigate"

# Compare and change modes
MODE = "mode-picker"
YEAR_B = "year-slider-b"
YEAR_B_LABEL = "year-label-b"
PAYLOAD_B = "map-payload-b"
INDICATOR_B = "indicator-picker-b"
LEVEL_B = "level-picker-b"
LEGEND_B = "legend-b"
LEGEND_COUNT_B = "legend-count-b"
MAP_B = "map-b"
MAP_TITLE_B = "map-title-b"
AREAS_B = "areas-b"
OUTLINE_B = "outline-b"
CHANGE_YEARS = "change-years"

# Distribution and export
DISTRIBUTION = "distribution"
DISTRIBUTION_BODY = "distribution-body"
DISTRIBUTION_CHART = "distribution-chart"
EXPORT_CSV = "export-csv"
EXPORT_PNG = "export-png"
DOWNLOAD = "download"
EXPORT_PNG_DONE = "export-png-done"
DISTRIBUTION_SUMMARY = "distribution-summary"

# Looked up by assets/ outside callbacks (named in presenters/contract.py)
FOOTER_SOURCE = "footer-source"
MAP_SECTION = "map-section"
DISTRIBUTION_TRIGGER = "distribution-trigger"  # year, selection and data, set only while the section is open

# Export menu (layouts/export.py)
EXPORT_MENU = "export-menu"
EXPORT_CSV_SERIES = "export-csv-series"
EXPORT_CSV_EXCEL = "export-csv-excel"
EXPORT_XLSX = "export-xlsx"
EXPORT_GPKG = "export-gpkg"
EXPORT_PNG_A4 = "export-png-a4"
EXPORT_IMAGE = "export-image"  # what the server says a map image carries: format, source, licence, caveats
DISTRIBUTION_ROWS = "distribution-rows"  # the table twins' rows, drawn and paged by the browser

# The embed view
EMBED_OPEN = "embed-open-full"
EXPORT_MENU_SUMMARY = "export-menu-summary"  # the button that opens the export menu
EMBED_BUTTON = "embed-button"
EMBED_DIALOG = "embed-dialog"
EMBED_DIALOG_TITLE = "embed-dialog-title"
EMBED_CODE = "embed-code"
EMBED_COPY = "embed-copy"
EMBED_COPIED = "embed-copied"
EMBED_CLOSE = "embed-close"
EMBED_SIZE = "embed-size"
EMBED_CONTROLS = "embed-controls"
EMBED_RESIZE = "embed-resize"
EMBED_FRAME = "embed-frame"

# The presentation view (layouts/present.py) and the deck being prepared (layouts/deck.py)
PRESENT_STAGE = "present-stage"
PRESENT_YEAR = "present-year"
PRESENT_SLIDE_TITLE = "present-slide-title"
PRESENT_NOTE = "present-note"
PRESENT_FINDING = "present-finding"
PRESENT_PROBLEM = "present-problem"
PRESENT_COUNTER = "present-counter"
PRESENT_PREVIOUS = "present-previous"
PRESENT_NEXT = "present-next"
PRESENT_FULLSCREEN = "present-fullscreen"
PRESENT_HELP_BUTTON = "present-help-button"
PRESENT_HELP = "present-help"
PRESENT_BLANK = "present-blank"
PRESENT_LEAVE = "present-leave"
DECK_ADD = "deck-add"
DECK_OPEN = "deck-open"
DECK_DIALOG = "deck-dialog"
DECK_LIST = "deck-list"
DECK_TITLE = "deck-title"
DECK_STATUS = "deck-status"
DECK_SHOW = "deck-show"
DECK_COPY = "deck-copy"
DECK_SAVE = "deck-save"
DECK_HANDOUT = "deck-handout"
DECK_FILE = "deck-file"
DECK_CLEAR = "deck-clear"
DECK_CLOSE = "deck-close"
DECK_PUBLISHED = "deck-published"
