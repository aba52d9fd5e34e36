"""Staging directories of killed publishes are found, reported and cleaned.

A publish writes ``releases/.staging-<id>`` and renames it; a publish killed
mid-write used to leave that directory forever.  These tests kill real
``python -m geodata`` processes with SIGKILL while they write, then check
that ``list`` reports the leftover, that the next publish or ``gc`` removes
it, and that a publish running at the same time (frozen with SIGSTOP while
it holds its staging directory) never loses its directory to another
process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geodata import cli, store

from .builders import grid_dataset
from .test_ingest_cli import run

REPO = Path(__file__).resolve().parent.parent
#: Big enough that writing, reading back and checking it takes about half a
#: second, so that the staging directory is seen and the kill lands mid-write.
AREAS = "1000"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("ATLAS_LANG", "ATLAS_DATA_DIR")}


def geodata_cli(data: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geodata", "--data-dir", str(data), "--lang", "en", *argv],
                          cwd=REPO, env=_env(), capture_output=True, text=True, timeout=300)


def start_publish(data: Path, name: str, areas: str, log: Path) -> subprocess.Popen:
    """``python -m geodata synthetic NAME`` in the background, its stderr in ``log``."""
    with open(log, "w") as err:
        return subprocess.Popen([sys.executable, "-m", "geodata", "--data-dir", str(data), "--lang", "en",
                                 "synthetic", name, "--areas", areas],
                                cwd=REPO, env=_env(), stdout=subprocess.DEVNULL, stderr=err)


def staging_dirs(data: Path, name: str) -> list[Path]:
    return sorted((data / name / store.RELEASES).glob(".staging-*"))


def wait_for(what, proc: subprocess.Popen, timeout: float = 240.0):
    """Poll ``what()`` until it is true; fail if ``proc`` ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        if proc.poll() is not None:
            pytest.fail(f"the publish ended (exit {proc.returncode}) before the awaited moment")
        time.sleep(0.002)
    pytest.fail("timed out")


def _written(directory: Path) -> bool:
    try:
        return any(f.stat().st_size for f in directory.glob(f"{store.AREAS_DIR}/*.parquet"))
    except FileNotFoundError:  # renamed into a release or removed meanwhile
        return False


def writing(data: Path, name: str, before: list[Path] = ()) -> list[Path]:
    """New staging directories that already hold part of a written file."""
    return [d for d in staging_dirs(data, name) if d not in before and _written(d)]


def kill_mid_write(data: Path, name: str, tmp: Path) -> Path:
    """Start a publish, SIGKILL it while it writes its staging directory; return that directory."""
    before = staging_dirs(data, name)
    proc = start_publish(data, name, AREAS, tmp / "killed.log")
    try:
        (staging,) = wait_for(lambda: writing(data, name, before), proc)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    return staging


def listed(data: Path, name: str) -> dict:
    done = geodata_cli(data, "list", "--json")
    assert done.returncode == 0, done.stderr
    return next(entry for entry in json.loads(done.stdout) if entry["name"] == name)


def test_a_killed_publish_is_listed_and_the_next_publish_removes_it(tmp_path):
    data = tmp_path / "data"
    store.publish(grid_dataset(name="big"), data)
    current = store.current_release(data, "big")
    leftover = kill_mid_write(data, "big", tmp_path)

    assert leftover.is_dir(), "SIGKILL leaves the staging directory behind"
    assert store.current_release(data, "big") == current, "a killed publish switches nothing in"
    entry = listed(data, "big")
    assert entry["leftovers"]["count"] == 1 and entry["leftovers"]["bytes"] > 0
    assert entry["leftovers"]["publishing"] is False
    text = geodata_cli(data, "list").stdout
    assert "  leftovers of interrupted publishes: 1 (" in text and "python -m geodata gc big" in text

    done = geodata_cli(data, "synthetic", "big", "--areas", "50")
    assert done.returncode == 0, done.stderr
    assert "removed 1 leftover(s) of interrupted publishes of big" in done.stderr
    assert not leftover.exists() and staging_dirs(data, "big") == []
    assert listed(data, "big")["leftovers"]["count"] == 0


def test_repeated_kills_leave_one_leftover_and_gc_removes_it(tmp_path):
    data = tmp_path / "data"
    kills = 3
    for _ in range(kills):
        kill_mid_write(data, "big", tmp_path)
    # Each publish removes the leftovers of the ones killed before it.
    assert len(staging_dirs(data, "big")) == 1
    entry = listed(data, "big")  # never published: listed for its leftovers only
    assert entry["release"] is None and entry["leftovers"]["count"] == 1

    done = geodata_cli(data, "gc", "--json")
    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)
    assert report["name"] == "big" and report["busy"] is False
    assert len(report["leftovers_removed"]) == 1 and report["bytes_freed"] > 0
    assert report["releases_removed"] == []
    assert not (data / "big").exists(), "a dataset never published leaves nothing behind"
    again = geodata_cli(data, "gc")
    assert again.returncode == 0 and again.stdout.strip() == f"no published datasets in {data}"


def test_a_concurrent_publish_never_loses_its_staging_directory(tmp_path):
    data = tmp_path / "data"
    store.publish(grid_dataset(name="big"), data)
    first = start_publish(data, "big", AREAS, tmp_path / "first.log")
    second = None
    try:
        (staging,) = wait_for(lambda: writing(data, "big"), first)
        os.kill(first.pid, signal.SIGSTOP)  # frozen mid-write, holding its lock
        second = start_publish(data, "big", "50", tmp_path / "second.log")
        wait_for(lambda: "waiting for another publish of big" in (tmp_path / "second.log").read_text(),
                 second)
        gc_done = geodata_cli(data, "gc", "big", "--json")
        assert gc_done.returncode == 0, gc_done.stderr
        assert json.loads(gc_done.stdout)[0]["busy"] is True
        entry = listed(data, "big")
        assert entry["leftovers"] == {"count": 0, "bytes": 0, "publishing": True}
        assert staging.is_dir(), "a running publish's staging directory must never be removed"
        assert second.poll() is None, "the second publish waits for the first"
    finally:
        os.kill(first.pid, signal.SIGCONT)
        first.wait(timeout=240)
        if second is not None:
            second.wait(timeout=240)
    assert first.returncode == 0, (tmp_path / "first.log").read_text()
    assert second.returncode == 0, (tmp_path / "second.log").read_text()
    ids = store.releases(data, "big")
    assert len(ids) == 3 and staging_dirs(data, "big") == []
    # The second publish took its release id after the first had finished.
    assert store.current_release(data, "big") == ids[-1]
    assert len(store.DatasetStore(data).get("big").dataset.areas["deso"]) == 50


def test_publish_removes_leftovers_and_reports_them(tmp_path):
    dead = tmp_path / "grid" / store.RELEASES / ".staging-20200101T000000000000Z-dead"
    dead.mkdir(parents=True)
    (dead / "x").write_bytes(b"1" * 2000)
    os.symlink("releases/nothing", tmp_path / "grid" / ".current.1.2")
    said = []
    store.publish(grid_dataset(), tmp_path, progress=lambda key, **params: said.append((key, params)))
    assert staging_dirs(tmp_path, "grid") == [] and not (tmp_path / "grid" / ".current.1.2").is_symlink()
    removed = [params for key, params in said if key == "ingest.progress.leftovers_removed"]
    assert [(p["name"], p["count"]) for p in removed] == [("grid", 2)]


def test_gc_keep_never_removes_the_current_release_or_the_one_before_it(tmp_path):
    ids = [store.publish(grid_dataset(), tmp_path).name for _ in range(5)]
    store.rollback(tmp_path, "grid")  # current: the 4th, rollback target: the 3rd
    code, out, err = run("--data-dir", str(tmp_path), "gc", "grid", "--keep", "1", "--json")
    assert code == 0, err
    (report,) = json.loads(out)
    assert report["releases_removed"] == ids[:2]
    assert store.releases(tmp_path, "grid") == ids[2:]
    assert store.current_release(tmp_path, "grid") == ids[3]
    code, out, err = run("--data-dir", str(tmp_path), "--lang", "en", "gc", "grid", "--keep", "0")
    assert code == 0 and out.strip() == f"grid: removed 1 old release(s): {ids[4]}"
    assert store.releases(tmp_path, "grid") == ids[2:4]
    store.rollback(tmp_path, "grid")  # the rollback target survived
    assert store.current_release(tmp_path, "grid") == ids[2]


def test_gc_says_when_there_is_nothing_to_clean(tmp_path):
    store.publish(grid_dataset(), tmp_path)
    code, out, _ = run("--data-dir", str(tmp_path), "--lang", "sv", "gc", "grid")
    assert code == 0 and out.strip() == "grid: inget att städa"
    assert store.current_release(tmp_path, "grid") is not None


def test_gc_of_an_unknown_dataset_exits_1(tmp_path):
    code, _, err = run("--data-dir", str(tmp_path), "--lang", "en", "gc", "nothing")
    assert code == 1 and "there is no dataset named nothing" in err
    code, _, _ = run("--data-dir", str(tmp_path), "gc", "grid", "--keep", "-1")
    assert code == 2


def test_gc_has_help():
    code, out, _ = run("gc", "--help")
    assert code == 0 and out.startswith("usage: python -m geodata gc") and "--keep N" in out
