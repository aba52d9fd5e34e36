"""Thin Dash callbacks and HTTP routes: unpack inputs, call the presenters, pack outputs.

Importing this package registers every callback with Dash's global registry.
"""

from dash import _callback

from . import analysis, area, change, clusters, controls, map_view  # noqa: F401  (registration side effect)

#: The registrations as made at import.  Dash moves the global registry into the first app
#: that starts; :func:`hand_over` gives every app built afterwards (tests build several) its own.
_REGISTERED = (dict(_callback.GLOBAL_CALLBACK_MAP), list(_callback.GLOBAL_CALLBACK_LIST))


def hand_over() -> None:
    """Put this package's callbacks back into Dash's global registry for the next app to take."""
    registered_map, registered_list = _REGISTERED
    for key, spec in registered_map.items():
        _callback.GLOBAL_CALLBACK_MAP.setdefault(key, spec)
    if not _callback.GLOBAL_CALLBACK_LIST:
        _callback.GLOBAL_CALLBACK_LIST.extend(registered_list)
