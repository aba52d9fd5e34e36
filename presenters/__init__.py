"""Presenters: between Dash (``callbacks/``, ``layouts/``) and the data (``geodata/``).

Each map mode is one module here; :data:`MODES` registers them.  Presenters
take the store, the settings and a view as arguments and return what pages,
callbacks and the browser need; they never read a request, so they are
tested as plain functions.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from geodata import viewstate
from geodata.model import Dataset
from geodata.viewstate import View

from .change import ChangeMode
from .clusters import ClustersMode
from .compare import CompareMode
from .map import MapMode
from .mode import Mode

#: Every mode, in the order the mode switch offers them; the first is the default.
MODES: dict[str, Mode] = {mode.name: mode for mode in (MapMode(), CompareMode(), ChangeMode(), ClustersMode())}
assert next(iter(MODES)) == viewstate.DEFAULT_MODE


def mode_of(view: View) -> Mode:
    return MODES.get(view.mode, MODES[viewstate.DEFAULT_MODE])


def parse_view(params: Mapping[str, object], ds: Dataset, default_lang: str = "sv") -> View:
    """A valid view of ``ds`` from untrusted link ``params``, completed by its mode."""
    view = viewstate.parse_view(params, ds, default_lang, modes=MODES)
    completed = MODES[view.mode].complete(view, params, ds)
    if completed.mode != view.mode:  # the mode cannot show this view: the fallback completes it
        completed = MODES[completed.mode].complete(completed, params, ds)
    return completed


def query(view: View, **changes) -> str:
    """The link query (``?ds=...``) of ``view`` with ``changes`` applied."""
    view = replace(view, **changes) if changes else view
    return viewstate.query_string(viewstate.query_params(view, mode_of(view).params))
