"""Thin Dash callbacks and HTTP routes: unpack inputs, call geodata, pack outputs.

Importing this package registers every callback with Dash's global registry.
"""

from . import analysis, area, controls, map_view  # noqa: F401  (registration side effect)
