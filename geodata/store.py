"""Reading, writing and atomically publishing dataset releases.

Layout under the data directory (``ATLAS_DATA_DIR``)::

    <root>/<name>/releases/<release-id>/   one complete, immutable release
    <root>/<name>/releases/.staging-<id>/  a release being written
    <root>/<name>/current -> releases/<release-id>
    <root>/<name>/.publish.lock            held by whoever changes the dataset

Publishing writes a new release directory, reads it back and validates it,
then replaces the ``current`` symlink with :func:`os.replace`, which is atomic
on POSIX.  A reader therefore sees either the old or the new release, never a
half-written one.  Older releases are kept so that :func:`rollback` can
switch back.

Whoever writes to a dataset's directory (:func:`publish`, :func:`rollback`,
:func:`remove`, :func:`clean`) holds an exclusive ``flock`` on its lock file
for the whole change.  So a staging directory seen while holding that lock
belongs to no running publish: it is the leftover of one that was killed,
and is removed (by the next :func:`publish` of the dataset or by
:func:`clean`).  The kernel drops the lock of a killed process, so a crash
never leaves the dataset locked.
"""

from __future__ import annotations

import ctypes
import contextlib
import datetime as _dt
import fcntl
import gc
import hashlib
import json
import os
import shutil
import threading
import time
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import geopandas as gpd
import pandas as pd

from .measures import attach as attach_measures, reuse_or_compute, write_measures
from .model import Dataset, DatasetMeta, normalise_areas, normalise_dataset, normalise_values
from .validate import ID_PATTERN, DatasetInvalid, validate_dataset

log = logging.getLogger("segregationsatlas")

CURRENT = "current"
RELEASES = "releases"
META_FILE = "dataset.json"
VALUES_FILE = "values.parquet"
#: What ``list`` shows of a release (levels, area counts, indicators, years, statuses), written
#: when it is published so that listing never loads the data.
SUMMARY_FILE = "summary.json"
AREAS_DIR = "areas"
#: A release directory's name (staging directories start with a dot).
_RELEASE_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,80}$")
LOCK_FILE = ".publish.lock"
#: Names of what a change writes before it is complete; seen while holding
#: the lock, they are what a killed process left.
STAGING_PREFIX = ".staging-"
_REMOVING_PREFIX = ".removing-"
_SWITCH_PREFIX = f".{CURRENT}."

#: Called with a catalog key (``ingest.progress.*``) and its placeholders.
Progress = Callable[..., None]


def _silent(key: str, **params: Any) -> None:
    return None


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
    ds = Dataset(meta=meta, areas=areas, values=values)
    # The measures computed at publish are read from here on first use, never recomputed.
    attach_measures(ds, directory)
    return ds


def _release_id(ds: Dataset) -> str:
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    digest = hashlib.sha256(json.dumps(ds.meta.to_json(), sort_keys=True).encode()).hexdigest()[:8]
    return f"{stamp}-{digest}"


def _switch_current(dataset_dir: Path, release_id: str) -> None:
    tmp_link = dataset_dir / f"{_SWITCH_PREFIX}{os.getpid()}.{threading.get_ident()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    os.symlink(Path(RELEASES) / release_id, tmp_link)
    os.replace(tmp_link, dataset_dir / CURRENT)


@contextlib.contextmanager
def _locked(dataset_dir: Path, *, exclusive: bool = True, wait: bool = True, create: bool = False,
            on_wait: Callable[[], None] | None = None) -> Iterator[bool]:
    """Hold the lock of a dataset's directory; yield whether it is held.

    Parameters
    ----------
    dataset_dir : Path
        ``<root>/<name>``.
    exclusive : bool
        An exclusive lock to change the directory; a shared one only keeps
        changes out while the directory is looked at (and is never created:
        without a lock file nobody is changing anything).
    wait : bool
        Wait for the holder to finish; otherwise yield False at once when
        another process holds the lock.
    create : bool
        Create the dataset's directory when it does not exist (a first
        publish); otherwise a missing directory raises ``FileNotFoundError``.
    on_wait : callable, optional
        Called once before waiting, so that a user knows why nothing moves.
    """
    path = dataset_dir / LOCK_FILE
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    while True:
        if create:
            dataset_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, (os.O_RDWR | os.O_CREAT) if exclusive else os.O_RDONLY, 0o644)
        except FileNotFoundError:
            if create:
                continue  # clean() removed an empty directory between mkdir and open
            if exclusive or not dataset_dir.is_dir():
                raise
            yield True
            return
        try:
            if not _try_flock(fd, mode):
                if not wait:
                    yield False
                    return
                if on_wait is not None:
                    on_wait()
                    on_wait = None
                fcntl.flock(fd, mode)
            # remove() or clean() may have deleted the directory, lock file and
            # all, while this process waited: the lock it now holds guards
            # nothing, so it takes the one on the file a newcomer would open.
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                yield True
                return
        finally:
            os.close(fd)
        if not create and not dataset_dir.is_dir():
            raise FileNotFoundError(dataset_dir)


def _try_flock(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _leftover_paths(dataset_dir: Path) -> list[Path]:
    """Staging directories, half-removed releases and half-made links; meaningful under the lock."""
    found = []
    rel_dir = dataset_dir / RELEASES
    if rel_dir.is_dir():
        found += [p for p in rel_dir.iterdir() if p.name.startswith((STAGING_PREFIX, _REMOVING_PREFIX))]
    if dataset_dir.is_dir():
        found += [p for p in dataset_dir.iterdir() if p.name.startswith(_SWITCH_PREFIX) and p.is_symlink()]
    return sorted(found)


def _size(path: Path) -> int:
    """Bytes of the files below ``path`` (a link counts as nothing)."""
    if path.is_symlink() or not path.is_dir():
        return 0
    total = 0
    for folder, _, files in os.walk(path):
        for file in files:
            with contextlib.suppress(OSError):  # a file vanishing while counted
                total += os.lstat(os.path.join(folder, file)).st_size
    return total


def _delete(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _remove_leftovers(dataset_dir: Path) -> tuple[list[str], int]:
    """Delete what killed processes left; the caller holds the exclusive lock."""
    removed, freed = [], 0
    for path in _leftover_paths(dataset_dir):
        freed += _size(path)
        _delete(path)
        removed.append(path.name)
    return removed, freed


def publish(ds: Dataset, root: Path, progress: Progress = _silent, measures: bool = True,
            bootstrap: int | None = None, permutations: int | None = None) -> Path:
    """Validate ``ds``, write it as a new release under ``root`` and switch it in.

    Parameters
    ----------
    ds : Dataset
        The dataset; its ``meta.name`` names the directory.
    root : Path
        The data directory.
    progress : callable, optional
        Told (with a catalog key and its placeholders) when this publish
        waits for another publish of the same dataset and when it removes
        leftovers of killed publishes.
    measures : bool
        Compute the segregation indices, area types, clusters and computed
        shares (:func:`geodata.measures.compute_measures`) and store them in
        the release; they are never computed in a page request.
    bootstrap, permutations : int, optional
        Bootstrap replicates per index and permutations per local cluster
        test (defaults of :mod:`geodata.segregation` and
        :mod:`geodata.clusters`); fewer make tests fast.

    Returns
    -------
    Path
        The new release directory.

    Raises
    ------
    DatasetInvalid
        When the dataset or its written copy is invalid; the current
        release is left untouched.
    """
    ds = normalise_dataset(ds)
    problems = validate_dataset(ds)
    if problems:
        raise DatasetInvalid(problems)
    # Computed before the lock is taken: it can take minutes for a national dataset, and a
    # second publish of the same dataset need not wait for that.  The same data as the current
    # release's reuse its measures.
    measured = None
    if measures:
        current = Path(root) / ds.meta.name / CURRENT
        # The link resolved once: its release directory never changes, even if the link does.
        measured = reuse_or_compute(ds, current.resolve() if current.is_dir() else None, bootstrap=bootstrap,
                                    permutations=permutations)
    name = ds.meta.name
    dataset_dir = Path(root) / name
    # The lock is held from before the staging directory exists until after
    # it has become a release (or been removed), so that no other process
    # takes it for a leftover.
    with _locked(dataset_dir, create=True,
                 on_wait=lambda: progress("ingest.progress.waiting_for_publish", name=name)):
        removed, _ = _remove_leftovers(dataset_dir)
        if removed:
            progress("ingest.progress.leftovers_removed", name=name, count=len(removed))
        # Taken under the lock, so that release ids sort in the order the
        # releases were switched in (rollback relies on that order).
        release_id = _release_id(ds)
        staging = dataset_dir / RELEASES / f"{STAGING_PREFIX}{release_id}"
        final = dataset_dir / RELEASES / release_id
        try:
            write_release(ds, staging)
            written = read_release(staging)
            problems = validate_dataset(written)
            if problems:
                raise DatasetInvalid(problems)
            _write_summary(written, staging)
            if measured is not None:
                write_measures(measured, staging)
            os.rename(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _switch_current(dataset_dir, release_id)
    return final


def _write_summary(ds: Dataset, directory: Path) -> None:
    from .ingest.inventory import describe  # inventory reads releases through this module

    with open(directory / SUMMARY_FILE, "w", encoding="utf-8") as fh:
        json.dump(describe(ds), fh, ensure_ascii=False)


def read_summary(root: Path, name: str, release: str) -> dict | None:
    """The summary written when ``release`` was published; None for releases published without one."""
    path = Path(root) / name / RELEASES / release / SUMMARY_FILE
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None


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


def _published_dir(root: Path, name: str) -> Path:
    """``<root>/<name>`` of a published dataset, checked before a lock file is made in it."""
    dataset_dir = Path(root) / name
    if not ID_PATTERN.match(name) or not (dataset_dir / CURRENT).is_symlink():
        raise LookupError(f"no dataset named {name!r}")
    return dataset_dir


def rollback(root: Path, name: str) -> str:
    """Switch ``name`` back to the release before the current one; return its id."""
    try:
        with _locked(_published_dir(root, name)):
            ids = releases(root, name)
            current = current_release(root, name)
            if current not in ids or ids.index(current) == 0:
                raise LookupError(f"dataset {name!r} has no earlier release to roll back to")
            previous = ids[ids.index(current) - 1]
            _switch_current(Path(root) / name, previous)
    except FileNotFoundError:
        raise LookupError(f"no dataset named {name!r}") from None
    return previous


def remove(root: Path, name: str) -> None:
    """Delete dataset ``name`` with all its releases."""
    dataset_dir = _published_dir(root, name)
    try:
        with _locked(dataset_dir):
            if not (dataset_dir / CURRENT).is_symlink():
                raise LookupError(f"no dataset named {name!r}")
            # Unlink first so that readers stop seeing it before files disappear.
            (dataset_dir / CURRENT).unlink()
            shutil.rmtree(dataset_dir)
    except FileNotFoundError:
        raise LookupError(f"no dataset named {name!r}") from None


def dataset_dirs(root: Path) -> list[str]:
    """Names of the datasets with a directory under ``root``, published or not.

    A dataset whose first publish was killed has a directory but no
    ``current`` link; the cache of downloads (``.cache``) is not a dataset.
    """
    root = Path(root)
    if not root.is_dir():
        return []
    parts = (RELEASES, CURRENT, LOCK_FILE)
    return sorted(p.name for p in root.iterdir() if ID_PATTERN.match(p.name) and p.is_dir()
                  and any((p / part).exists() or (p / part).is_symlink() for part in parts))


@dataclass(frozen=True)
class Leftovers:
    """What killed processes left in one dataset's directory.

    ``publishing`` is True when a publish (or another change) holds the
    dataset now: what it has in staging is its own, and it removes the
    leftovers of killed publishes itself, so none are counted.
    """

    count: int
    bytes: int
    publishing: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "bytes": self.bytes, "publishing": self.publishing}


def leftovers(root: Path, name: str) -> Leftovers:
    """Count the leftovers of killed publishes of ``name`` and their size, changing nothing."""
    try:
        # A shared lock keeps a publish from starting (and its staging
        # directory from being counted) while the directory is looked at.
        with _locked(Path(root) / name, exclusive=False, wait=False) as free:
            if not free:
                return Leftovers(0, 0, publishing=True)
            paths = _leftover_paths(Path(root) / name)
            return Leftovers(len(paths), sum(_size(p) for p in paths))
    except FileNotFoundError:
        return Leftovers(0, 0)


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean` did to one dataset.

    ``busy`` is True when another process was changing the dataset and
    nothing was touched (a running publish removes leftovers itself).
    """

    name: str
    busy: bool = False
    leftovers_removed: list[str] = field(default_factory=list)
    releases_removed: list[str] = field(default_factory=list)
    bytes_freed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "busy": self.busy, "leftovers_removed": list(self.leftovers_removed),
                "releases_removed": list(self.releases_removed), "bytes_freed": self.bytes_freed}


def _remove_old_releases(dataset_dir: Path, keep: int) -> tuple[list[str], int]:
    """Delete releases beyond the newest ``keep``, sparing the current one and the one before it.

    The caller holds the exclusive lock.  A dataset whose ``current`` link
    names no release is left alone: it needs repairing, not pruning.
    """
    ids = releases(dataset_dir.parent, dataset_dir.name)
    current = current_release(dataset_dir.parent, dataset_dir.name)
    if current not in ids:
        return [], 0
    at = ids.index(current)
    spared = set(ids[max(len(ids) - keep, 0):] if keep > 0 else []) | set(ids[max(at - 1, 0):at + 1])
    removed, freed = [], 0
    for release_id in ids:
        if release_id in spared:
            continue
        # Renamed first, so that a removal cut short leaves a leftover (which
        # the next clean removes) and never a half-deleted release that
        # releases() would list and rollback() could switch to.
        doomed = dataset_dir / RELEASES / f"{_REMOVING_PREFIX}{release_id}"
        os.rename(dataset_dir / RELEASES / release_id, doomed)
        freed += _size(doomed)
        _delete(doomed)
        removed.append(release_id)
    return removed, freed


def _only_husk(dataset_dir: Path) -> bool:
    """Whether the directory holds nothing but its lock file and an empty ``releases``."""
    rel_dir = dataset_dir / RELEASES
    return (set(os.listdir(dataset_dir)) <= {RELEASES, LOCK_FILE}
            and (not rel_dir.is_dir() or not any(rel_dir.iterdir())))


def clean(root: Path, name: str, keep: int | None = None) -> Cleaned:
    """Remove the leftovers of killed publishes of ``name``, and old releases if asked.

    Parameters
    ----------
    root : Path
        The data directory.
    name : str
        A dataset with a directory under ``root`` (:func:`dataset_dirs`).
    keep : int, optional
        Also delete every release but the newest ``keep``, the current one
        and the one before it (which :func:`rollback` switches to).

    Returns
    -------
    Cleaned
        What was removed; ``busy`` when another process holds the dataset
        (nothing is waited for or touched then).  A dataset that was never
        published loses its directory with its last leftover.

    Raises
    ------
    LookupError
        When ``name`` has no directory under ``root``.
    """
    if keep is not None and keep < 0:
        raise ValueError(f"keep must be 0 or more, got {keep}")
    dataset_dir = Path(root) / name
    if name not in dataset_dirs(root):
        raise LookupError(f"no dataset named {name!r}")
    try:
        with _locked(dataset_dir, wait=False) as held:
            if not held:
                return Cleaned(name, busy=True)
            removed, freed = _remove_leftovers(dataset_dir)
            old, old_bytes = _remove_old_releases(dataset_dir, keep) if keep is not None else ([], 0)
            if _only_husk(dataset_dir):
                # Only killed first publishes ever wrote here: nothing is left
                # to keep, not even the directory.
                shutil.rmtree(dataset_dir)
    except FileNotFoundError:
        raise LookupError(f"no dataset named {name!r}") from None
    return Cleaned(name, leftovers_removed=removed, releases_removed=old, bytes_freed=freed + old_bytes)


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

    def published(self) -> dict[str, str | None]:
        """Each dataset's current release, as its ``current`` link names it.

        Cheap (it reads links, not files), so a worker can ask it often to
        notice a publish, a rollback, a new or a removed dataset.
        """
        return {name: current_release(self.root, name) for name in self._all_names()}

    def forget(self) -> None:
        """Drop every loaded release and every catalog entry, and hand their memory back.

        The next :meth:`get` or :meth:`catalog` reads the files again: what the
        master process does before it forks workers for newly published releases.
        """
        with self._lock:
            self._current.clear()
            self._old.clear()
            self._checked.clear()
        _release_memory()

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
