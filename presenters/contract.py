"""The view contract as the browser receives it.

``assets/`` hard-codes no link parameter, default or component id: the index
page carries this declaration as JSON (``<script id="atlas-contract"
type="application/json">``) and the JavaScript reads everything from it.
"""

from __future__ import annotations

import json

from geodata import viewstate
from layouts import ids

from . import MODES

#: The maps a page may have, keyed as the browser's map state knows them.
MAPS = (
    {"key": "map", "container": ids.MAP, "slider": ids.YEAR, "sliderLabel": ids.YEAR_LABEL, "legend": ids.LEGEND,
     "title": ids.MAP_TITLE, "field": "year", "description": ids.MAP_DESCRIPTION, "table": ids.MAP_TABLE},
    {"key": "mapB", "container": ids.MAP_B, "slider": ids.YEAR_B, "sliderLabel": ids.YEAR_B_LABEL,
     "legend": ids.LEGEND_B, "title": ids.MAP_TITLE_B, "field": "year_b"},
)

#: Component ids the browser code looks up outside Dash's callbacks.
#: The attribute that marks the preload of the main map's per-area data in the index page.
DATA_PRELOAD_ATTRIBUTE = "data-atlas-data"

BROWSER_IDS = {"page": ids.PAGE, "footerSource": ids.FOOTER_SOURCE, "mapSection": ids.MAP_SECTION,
               "play": ids.PLAY, "areaSearch": ids.AREA_SEARCH, "embedDialog": ids.EMBED_DIALOG,
               "embedOpen": ids.EMBED_OPEN,
               "indicator": ids.INDICATOR,
               # The presentation view (layouts/present.py, assets/atlas-85-present.js).
               "present": {"year": ids.PRESENT_YEAR, "finding": ids.PRESENT_FINDING,
                           "slideTitle": ids.PRESENT_SLIDE_TITLE, "note": ids.PRESENT_NOTE,
                           "counter": ids.PRESENT_COUNTER, "previous": ids.PRESENT_PREVIOUS,
                           "next": ids.PRESENT_NEXT, "fullscreen": ids.PRESENT_FULLSCREEN,
                           "helpButton": ids.PRESENT_HELP_BUTTON, "help": ids.PRESENT_HELP,
                           "blank": ids.PRESENT_BLANK, "leave": ids.PRESENT_LEAVE, "problem": ids.PRESENT_PROBLEM},
               # The deck being prepared in the full page (layouts/deck.py, assets/atlas-86-deck-dialog.js).
               "deck": {"add": ids.DECK_ADD, "open": ids.DECK_OPEN, "dialog": ids.DECK_DIALOG,
                        "list": ids.DECK_LIST, "title": ids.DECK_TITLE, "status": ids.DECK_STATUS,
                        "show": ids.DECK_SHOW, "copy": ids.DECK_COPY, "save": ids.DECK_SAVE, "handout": ids.DECK_HANDOUT,
                        "file": ids.DECK_FILE, "clear": ids.DECK_CLEAR, "close": ids.DECK_CLOSE}}

#: The ``type`` of the message an embedded view posts to its host page with its height
#: (the resize snippet of the embed dialog listens for it).
FRAME_HEIGHT_MESSAGE = "segregationsatlas:height"

CONTRACT_ELEMENT_ID = "atlas-contract"


def _jsonable(value):
    return list(value) if isinstance(value, tuple) else value


def browser_contract() -> dict:
    """Parameters, modes, maps and ids, as the browser's ``atlas.contract``."""
    return {
        "params": [{"field": p.field, "name": p.name, "default": _jsonable(p.default), "history": p.history,
                    "limits": p.limits, "modeSpecific": p.mode_specific, "omitIfSameAs": p.omit_if_same_as}
                   for p in viewstate.PARAMS],
        "defaultMode": viewstate.DEFAULT_MODE,
        "modes": {name: {"params": list(mode.params), "liveControls": mode.live_controls,
                         "pairedYears": mode.paired_years}
                  for name, mode in MODES.items()},
        "maps": list(MAPS),
        "ids": BROWSER_IDS,
        "dataPreloadAttribute": DATA_PRELOAD_ATTRIBUTE,
        "frameHeightMessage": FRAME_HEIGHT_MESSAGE,
        "maxAreas": viewstate.MAX_AREAS,
    }


def contract_script() -> str:
    """The contract as an inert ``<script type="application/json">`` element for the index page."""
    body = json.dumps(browser_contract(), ensure_ascii=False, separators=(",", ":"))
    # "</" would end the element early; JSON allows the slash to be escaped.
    body = body.replace("</", "<\\/")
    return f'<script id="{CONTRACT_ELEMENT_ID}" type="application/json">{body}</script>'
