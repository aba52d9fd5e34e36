"""Every setting of Segregationsatlas, declared once as data.

Settings come from the environment; none is required.  :data:`SETTINGS`
names each with its default and meaning; ``app.Settings`` reads the
dashboard's, ``gunicorn.conf.py`` the server's and ``python -m geodata`` the
command line's, all through :func:`env_value`.  A test checks that the
README documents every one of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, default (as text; None for unset) and meaning."""

    env: str
    default: str | None
    doc: str
    used_by: str = "dashboard"


SETTINGS: tuple[Setting, ...] = (
    Setting("ATLAS_DATA_DIR", "data", "directory of published datasets"),
    Setting("ATLAS_DEFAULT_DATASET", None, "dataset shown when a link names none (default: the first by name)"),
    Setting("ATLAS_DEFAULT_LANG", "sv", "sv or en; a link's ?lang= wins"),
    Setting("ATLAS_TILE_URL", None, "optional background tiles, https://.../{z}/{x}/{y}.png"),
    Setting("ATLAS_TILE_ATTRIBUTION", "", "attribution shown with the tiles"),
    Setting("ATLAS_BASE_PATH", "/", "URL prefix when served below a path, e.g. /atlas/"),
    Setting("ATLAS_HSTS", "", "1 sends Strict-Transport-Security on HTTPS requests (set it once HTTPS works)"),
    Setting("ATLAS_EMBED_ORIGINS", "*", "sites that may show the embed view (/embed) in a frame: space-separated "
                                        "origins such as https://www.karlstad.se, or * for any site"),
    Setting("ATLAS_CONTACT", None, "where visitors report accessibility problems (an e-mail address or a web "
                                   "address), shown in the accessibility statement"),
    Setting("ATLAS_LANG", "sv", "language of python -m geodata messages", used_by="cli"),
    Setting("HOST", "127.0.0.1", "address gunicorn binds", used_by="gunicorn"),
    Setting("PORT", "8050", "port gunicorn binds", used_by="gunicorn"),
    Setting("WEB_CONCURRENCY", "2", "gunicorn worker processes", used_by="gunicorn"),
    Setting("GUNICORN_THREADS", "4", "threads per worker", used_by="gunicorn"),
    Setting("GUNICORN_TIMEOUT", "60", "seconds before a stuck worker is restarted", used_by="gunicorn"),
    Setting("GUNICORN_ACCESSLOG", None, "- logs requests to stdout", used_by="gunicorn"),
)

BY_ENV: dict[str, Setting] = {s.env: s for s in SETTINGS}


def env_value(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The value of setting ``name`` from ``environ`` (default: the process environment), else its default.

    An empty variable counts as unset.  Asking for an undeclared name is a
    ``KeyError``: every setting must be declared (and so documented).
    """
    setting = BY_ENV[name]
    env = os.environ if environ is None else environ
    return env.get(name) or setting.default
