"""Thin Dash callbacks and HTTP routes: unpack inputs, call the presenters, pack outputs.

Importing this package registers every callback with Dash's global registry.
"""

from . import analysis, area, change, controls, map_view  # noqa: F401  (registration side effect)
