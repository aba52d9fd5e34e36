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

import ctypes
import datetime as _dt
import gc
import hashlib
import json
import os
import shutil
import threading
import time
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .model import Dataset, DatasetMeta, normalise_areas, normalise_dataset, normalise_values
from .validate import DatasetInvalid, validate_dataset

log = logging.getLogger("segregationsatlas")

CURRENT = "current"
RELEASES = "releases"
META_FILE = "dataset.json"
VALUES_FILE = "values.parquet"
AREAS_DIR = "areas"
#: A release directory's name (staging directories start with a dot).
_RELEASE_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,80}$")


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

    Raises :class:`~geodata.validate.DatasetInvalid` (and leaves the current
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
    """A dataset as loaded from one release; ``release`` identifies it.

    Everything derived from the dataset is memoised on ``dataset`` (see
    :meth:`geodata.model.Dataset.memo`), so it lives and dies with this object.
    """

    release: str
    dataset: Dataset


@dataclass(frozen=True)
class CatalogEntry:
    """What the small files of a dataset's current release say, read without loading it.

    ``problem`` is None for a dataset that can be served, else the reason it
    cannot (a dangling ``current`` link, an unreadable ``dataset.json``, a
    truncated parquet file, a failed load).
    """

    name: str
    release: str | None
    meta: DatasetMeta | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


class DatasetUnavailable(LookupError):
    """A dataset that is unknown or damaged; ``reason`` says which."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"dataset {name!r} is unavailable: {reason}")
        self.name = name
        self.reason = reason


def check_release(directory: Path) -> tuple[DatasetMeta, None] | tuple[None, str]:
    """Read a release's metadata and check that its parquet files are whole.

    Reads ``dataset.json`` and the footer of every parquet file (a few
    kilobytes each), not the data: cheap enough for every dataset on every
    catalog refresh, and it catches a truncated or missing file before a
    page asks for it.
    """
    import pyarrow.parquet as pq

    try:
        with open(directory / META_FILE, encoding="utf-8") as fh:
            meta = DatasetMeta.from_json(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, f"{META_FILE}: {type(exc).__name__}: {exc}"
    files = [directory / VALUES_FILE] + [directory / AREAS_DIR / f"{lvl.id}.parquet" for lvl in meta.levels
                                          if (directory / AREAS_DIR / f"{lvl.id}.parquet").exists()]
    for path in files:
        try:
            pq.read_metadata(path)
        except Exception as exc:  # pyarrow raises several types for damaged files
            return None, f"{path.relative_to(directory)}: {type(exc).__name__}: {exc}"
    return meta, None


def _release_memory() -> None:
    """Hand the memory of a dropped release back to the system.

    The frames of a release are freed when it is dropped, but the allocators
    keep the freed pages, so a worker's resident size would climb with every
    publish it sees; both are asked to return them.
    """
    gc.collect()
    import pyarrow

    # Parquet is read through Arrow's own allocator (jemalloc or mimalloc),
    # which keeps freed blocks for reuse unless asked to let go.
    pyarrow.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


class DatasetStore:
    """Read-only access to the published datasets under ``root``.

    :meth:`catalog` describes every dataset from its small files;
    :meth:`get` loads the current release of one dataset once and keeps it
    while it is current.  A newly published release is picked up on the
    next call without a restart, and the previous one is dropped with all
    that was derived from it.  A damaged dataset is reported by
    :meth:`catalog` and left out of :meth:`names`; the others keep working.

    Parameters
    ----------
    root : Path
        The data directory.
    old_releases : int
        How many releases that are no longer current are kept loaded once a
        URL has asked for one, so that a page rendered just before a publish
        still gets its own release's files (see :meth:`get`).
    recheck_seconds : float
        How long a damaged dataset is reported as damaged before its files
        are looked at again (a repaired dataset comes back within this time).
    """

    def __init__(self, root: Path, old_releases: int = 2, recheck_seconds: float = 5.0):
        self.root = Path(root)
        self.old_releases = old_releases
        self.recheck_seconds = recheck_seconds
        self._lock = threading.Lock()
        self._current: dict[str, LoadedRelease] = {}
        self._old: dict[tuple[str, str], LoadedRelease] = {}
        self._checked: dict[tuple[str, str | None], tuple[CatalogEntry, float]] = {}

    def _all_names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if (p / CURRENT).is_symlink())

    def _entry(self, name: str) -> CatalogEntry:
        release = current_release(self.root, name)
        key = (name, release)
        now = time.monotonic()
        known = self._checked.get(key)
        if known is not None and (known[0].ok or now - known[1] < self.recheck_seconds):
            return known[0]
        directory = self.root / name / CURRENT
        if not directory.is_dir():
            entry = CatalogEntry(name, release, problem=f"'{CURRENT}' points to a release that does not exist")
        else:
            meta, problem = check_release(directory)
            if meta is not None and meta.name != name:
                meta, problem = None, f"{META_FILE} names the dataset {meta.name!r}"
            entry = CatalogEntry(name, release, meta, problem)
        if not entry.ok and (known is None or known[0].problem != entry.problem):
            log.error("dataset %s is unavailable and left out: %s", name, entry.problem)
        with self._lock:
            # Entries of releases that are no longer current are dropped.
            for stale in [k for k in self._checked if k[0] == name and k != key]:
                del self._checked[stale]
            self._checked[key] = (entry, now)
        return entry

    def catalog(self) -> list[CatalogEntry]:
        """Every published dataset, healthy or not, by name."""
        return [self._entry(name) for name in self._all_names()]

    def names(self) -> list[str]:
        """Names of the datasets that can be served."""
        return [entry.name for entry in self.catalog() if entry.ok]

    def release_of(self, name: str) -> str | None:
        return current_release(self.root, name)

    def _mark_damaged(self, name: str, release: str, reason: str) -> None:
        log.error("dataset %s (release %s) failed to load and is left out: %s", name, release, reason)
        with self._lock:
            self._checked[(name, release)] = (CatalogEntry(name, release, problem=reason), time.monotonic())

    def _load(self, name: str, release: str) -> LoadedRelease:
        try:
            return LoadedRelease(release, read_release(self.root / name / RELEASES / release))
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            self._mark_damaged(name, release, reason)
            raise DatasetUnavailable(name, reason) from exc

    def get(self, name: str, release: str | None = None) -> LoadedRelease:
        """The current release of ``name``, or the release ``release`` of it.

        Raises :class:`DatasetUnavailable` (a ``LookupError``) for an unknown
        or damaged dataset or a release that does not exist.  A release that
        is not current is loaded on request and kept among the last
        ``old_releases`` such, so that URLs naming it are answered from it
        and never from another release.
        """
        entry = self._entry(name) if name in self._all_names() else None
        if entry is None:
            raise DatasetUnavailable(name, "no such dataset")
        if not entry.ok:
            raise DatasetUnavailable(name, entry.problem)
        if release is None or release == entry.release:
            return self._get_current(name, entry.release)
        return self._get_old(name, release)

    def _get_current(self, name: str, release: str) -> LoadedRelease:
        cached = self._current.get(name)
        if cached is not None and cached.release == release:
            return cached
        with self._lock:
            cached = self._current.get(name)
            if cached is not None and cached.release == release:
                return cached
            # The replaced release is dropped, with all derived from it; a page that still
            # names it gets it loaded again on demand (see _get_old).
            loaded = self._old.pop((name, release), None) or self._load(name, release)
            replaced = self._current.get(name) is not None
            cached = None  # no reference to the replaced release may outlive this call
            self._current[name] = loaded
        if replaced:
            _release_memory()
        return loaded

    def _keep_old(self, name: str, loaded: LoadedRelease) -> None:
        self._old.pop((name, loaded.release), None)
        self._old[(name, loaded.release)] = loaded
        while len(self._old) > self.old_releases:
            del self._old[next(iter(self._old))]

    def _get_old(self, name: str, release: str) -> LoadedRelease:
        if not _RELEASE_ID.match(release) or not (self.root / name / RELEASES / release).is_dir():
            raise DatasetUnavailable(name, f"no release {release!r}")
        with self._lock:
            cached = self._old.get((name, release))
            if cached is None:
                cached = self._load(name, release)
            self._keep_old(name, cached)
            return cached
