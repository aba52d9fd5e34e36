"""Access to the running app's services from callbacks and routes.

The composition root (``app.py``) puts one :class:`Services` on the Flask
app; callbacks read it per request instead of holding module state, and
hand the store and settings to the presenters as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

import flask
from dash.exceptions import PreventUpdate

from geodata.store import DatasetStore, DatasetUnavailable, LoadedRelease
from geodata.viewstate import View, params_of
from presenters import parse_view
from presenters.urls import Urls

EXTENSION_KEY = "segregationsatlas"
#: Where the composition root puts the Dash app on the Flask app (the readiness check counts its callbacks).
DASH_APP_KEY = "segregationsatlas.dash"


@dataclass(frozen=True)
class Services:
    settings: object
    store: DatasetStore
    urls: Urls


def services() -> Services:
    return flask.current_app.extensions[EXTENSION_KEY]


def loaded(name: object) -> LoadedRelease:
    """The current release of dataset ``name``; no update when it is unknown or damaged.

    ``name`` comes from the browser, so it is checked against the published
    datasets before it becomes part of any path.
    """
    store = services().store
    if not isinstance(name, str) or name not in store.names():
        raise PreventUpdate
    try:
        return store.get(name)
    except DatasetUnavailable:
        raise PreventUpdate from None


def browser_view(view: object, **changes: object) -> tuple[LoadedRelease, View]:
    """The dataset and a validated view from the browser's copy, with the fields ``changes`` changed.

    ``changes`` are untrusted values by :class:`~geodata.viewstate.View`
    field (``indicator=..., year=...``).  No update when the copy is not a
    view of a published dataset.
    """
    if not isinstance(view, dict):
        raise PreventUpdate
    current = loaded(view.get("dataset"))
    return current, parse_view(params_of({**view, **changes}), current.dataset)
