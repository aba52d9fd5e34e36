"""Access to the running app's services from callbacks and routes.

The composition root (``app.py``) puts one :class:`Services` on the Flask
app; callbacks read it per request instead of holding module state.
"""

from __future__ import annotations

from dataclasses import dataclass

import flask
from dash.exceptions import PreventUpdate

from geodata.store import DatasetStore, LoadedRelease

EXTENSION_KEY = "segregationsatlas"


@dataclass(frozen=True)
class Services:
    settings: object
    store: DatasetStore


def services() -> Services:
    return flask.current_app.extensions[EXTENSION_KEY]


def loaded(name: object) -> LoadedRelease:
    """The current release of dataset ``name``; no update when it is unknown.

    ``name`` comes from the browser, so it is checked against the published
    datasets before it becomes part of any path.
    """
    store = services().store
    if not isinstance(name, str) or name not in store.names():
        raise PreventUpdate
    return store.get(name)
