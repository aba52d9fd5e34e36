"""Shared fixtures.

``shared_data`` is the one way tests reach the real open data in
``../shared/data`` (override with ``ATLAS_SHARED_DATA``).  In CI its absence
is a failure, not a skip: a green run must not hide untested real data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = Path(os.environ.get("ATLAS_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not (path / "README.md").is_file():
        message = f"real open data not found at {path} (set ATLAS_SHARED_DATA)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
