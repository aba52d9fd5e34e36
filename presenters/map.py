"""One map: an indicator at one level, a year at a time."""

from __future__ import annotations

from .mode import Mode


class MapMode(Mode):
    """The default mode.  Indicator, level and classification change in place."""

    name = "map"
    live_controls = True
