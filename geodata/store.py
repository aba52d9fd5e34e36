"""Reading, writing and atomically publishing dataset releases.

Layout under the data directory (``ATLAS_DATA_DIR``)::

    <root>/<name>/releases/<release-id>/   one complete, immutable release
    <root>/<name>/current -> releases/<release-id>

Publishing writes a new release directory, reads it back and validates it,
then replaces the ``current`` symlink with :func:`os.replace`, which is atomic
on POSIX.  A reader therefore sees either the old or the new release, never a
half-written one.  Older releases are kept so that :func:`rollback` can
switch back.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .model import Dataset, DatasetMeta, normalise_areas, normalise_dataset, normalise_values
from .validate import DatasetInvalid, validate_dataset

CURRENT = "current"
RELEASES = "releases"
META_FILE = "dataset.json"
VALUES_FILE = "values.parquet"
AREAS_DIR = "areas"


def write_release(ds: Dataset, directory: Path) -> None:
    """Write ``ds`` into ``directory`` (which must not exist yet)."""
    directory = Path(directory)
    directory.mkdir(parents=True)
    (directory / AREAS_DIR).mkdir()
    for level_id, frame in ds.areas.items():
        normalise_areas(frame).to_parquet(directory / AREAS_DIR / f"{level_id}.parquet", index=False)
    normalise_values(ds.values).to_parquet(directory / VALUES_FILE, index=False)
    with open(directory / META_FILE, "w", encoding="utf-8") as fh:
        json.dump(ds.meta.to_json(), fh, ensure_ascii=False, indent=2)


def read_release(directory: Path) -> Dataset:
    """Read a release directory written by :func:`write_release`."""
    directory = Path(directory)
    with open(directory / META_FILE, encoding="utf-8") as fh:
        meta = DatasetMeta.from_json(json.load(fh))
    areas = {}
    for level in meta.levels:
        path = directory / AREAS_DIR / f"{level.id}.parquet"
        if path.exists():
            areas[level.id] = gpd.read_parquet(path)
    values = pd.read_parquet(directory / VALUES_FILE)
    return Dataset(meta=meta, areas=areas, values=values)


def _release_id(ds: Dataset) -> str:
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    digest = hashlib.sha256(json.dumps(ds.meta.to_json(), sort_keys=True).encode()).hexdigest()[:8]
    return f"{stamp}-{digest}"


def _switch_current(dataset_dir: Path, release_id: str) -> None:
    tmp_link = dataset_dir / f".{CURRENT}.{os.getpid()}.{threading.get_ident()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    os.symlink(Path(RELEASES) / release_id, tmp_link)
    os.replace(tmp_link, dataset_dir / CURRENT)


def publish(ds: Dataset, root: Path) -> Path:
    """Validate ``ds``, write it as a new release under ``root`` and switch it in.

    Raises :class:`~geodata.model.DatasetInvalid` (and leaves the current
    release untouched) when the dataset or its written copy is invalid.
    Returns the new release directory.
    """
    ds = normalise_dataset(ds)
    problems = validate_dataset(ds)
    if problems:
        raise DatasetInvalid(problems)
    dataset_dir = Path(root) / ds.meta.name
    release_id = _release_id(ds)
    staging = dataset_dir / RELEASES / f".staging-{release_id}"
    final = dataset_dir / RELEASES / release_id
    try:
        write_release(ds, staging)
        written = read_release(staging)
        problems = validate_dataset(written)
        if problems:
            raise DatasetInvalid(problems)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _switch_current(dataset_dir, release_id)
    return final


def releases(root: Path, name: str) -> list[str]:
    """Release ids of dataset ``name``, oldest first."""
    rel_dir = Path(root) / name / RELEASES
    if not rel_dir.is_dir():
        return []
    return sorted(p.name for p in rel_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def current_release(root: Path, name: str) -> str | None:
    link = Path(root) / name / CURRENT
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def rollback(root: Path, name: str) -> str:
    """Switch ``name`` back to the release before the current one; return its id."""
    ids = releases(root, name)
    current = current_release(root, name)
    if current not in ids or ids.index(current) == 0:
        raise LookupError(f"dataset {name!r} has no earlier release to roll back to")
    previous = ids[ids.index(current) - 1]
    _switch_current(Path(root) / name, previous)
    return previous


def remove(root: Path, name: str) -> None:
    """Delete dataset ``name`` with all its releases."""
    dataset_dir = Path(root) / name
    if not (dataset_dir / CURRENT).is_symlink():
        raise LookupError(f"no dataset named {name!r}")
    # Unlink first so that readers stop seeing it before files disappear.
    (dataset_dir / CURRENT).unlink()
    shutil.rmtree(dataset_dir)


@dataclass(frozen=True)
class LoadedRelease:
    """A dataset as loaded from one release; ``release`` identifies it."""

    release: str
    dataset: Dataset


class DatasetStore:
    """Read-only access to the published datasets under ``root``.

    Each :meth:`get` looks at the ``current`` symlink (one ``readlink``) and
    loads a release only once; a newly published release is picked up on the
    next call without a restart.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()
        self._cache: dict[str, LoadedRelease] = {}

    def names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if (p / CURRENT).is_symlink())

    def release_of(self, name: str) -> str | None:
        return current_release(self.root, name)

    def get(self, name: str) -> LoadedRelease:
        release = current_release(self.root, name)
        if release is None:
            raise LookupError(f"no dataset named {name!r}")
        cached = self._cache.get(name)
        if cached is not None and cached.release == release:
            return cached
        with self._lock:
            cached = self._cache.get(name)
            if cached is not None and cached.release == release:
                return cached
            loaded = LoadedRelease(release, read_release(self.root / name / RELEASES / release))
            self._cache[name] = loaded
            return loaded
