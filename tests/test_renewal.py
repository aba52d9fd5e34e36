"""A publish gets fresh workers forked from a master holding the new release (app.Renewal).

Workers share the releases the master loaded before forking; a worker that
noticed a publish asks the master for fresh workers, so that no worker keeps
the old release's pages next to its own copy of the new one.
"""

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import app as app_module
from geodata import store
from geodata.store import DatasetStore

from .builders import grid_dataset
from .conftest import REPO, _free_port, _wait_healthy, stop


@pytest.fixture
def published(tmp_path):
    store.publish(grid_dataset(), tmp_path)
    return tmp_path


@pytest.fixture
def hups():
    """SIGHUPs this process receives (the test plays gunicorn's master)."""
    received = []
    previous = signal.signal(signal.SIGHUP, lambda *_: received.append(time.monotonic()))
    yield received
    signal.signal(signal.SIGHUP, previous)


def test_no_signal_while_the_releases_are_those_forked_with(published, hups):
    renewal = app_module.Renewal(DatasetStore(published), every=0)
    for _ in range(5):
        assert renewal.ask_if_stale(os.getpid()) is False
    assert hups == []


def test_a_publish_makes_the_first_worker_ask_once(published, hups):
    renewal = app_module.Renewal(DatasetStore(published), every=0)
    store.publish(grid_dataset(), published)
    assert renewal.stale()
    assert renewal.ask_if_stale(os.getpid()) is True
    assert renewal.ask_if_stale(os.getpid()) is False  # the generation has asked already
    assert len(hups) == 1


def test_the_ask_is_shared_by_every_worker_of_a_generation(published, hups):
    """Workers are forked from the master: one of them asks, the others see that it did."""
    renewal = app_module.Renewal(DatasetStore(published), every=0)
    store.publish(grid_dataset(), published)
    child = os.fork()
    if child == 0:  # a worker: asks the master (this test's process) and exits
        os._exit(0 if renewal.ask_if_stale(os.getppid()) else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert renewal.ask_if_stale(os.getpid()) is False
    deadline = time.monotonic() + 5
    while not hups and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(hups) == 1


def test_a_new_or_removed_dataset_counts_as_a_change(published, hups):
    renewal = app_module.Renewal(DatasetStore(published), every=0)
    store.publish(grid_dataset(name="annat"), published)
    assert renewal.stale()


def test_looks_are_spaced(published, hups):
    renewal = app_module.Renewal(DatasetStore(published), every=60)
    assert renewal.ask_if_stale(os.getpid()) is False  # looked: nothing changed
    store.publish(grid_dataset(), published)
    assert renewal.ask_if_stale(os.getpid()) is False  # not looking again within a minute
    assert hups == []


def _workers(master: int) -> set[int]:
    return {int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()}


def _release_in_page(base: str) -> str:
    with urllib.request.urlopen(base + "/", timeout=30) as response:
        page = response.read().decode()
    return re.search(r"/geo/grid/([^/]+)/", page).group(1)


def test_gunicorn_replaces_its_workers_after_a_publish_without_a_failed_request(published):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ATLAS_DATA_DIR": str(published), "HOST": "127.0.0.1", "PORT": str(port),
           "WEB_CONCURRENCY": "2", "ATLAS_DEFAULT_DATASET": "grid"}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "app:server"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(proc, base + "/healthz", "gunicorn")
        deadline = time.monotonic() + 30
        while len(_workers(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        first = _workers(proc.pid)
        assert len(first) == 2
        old_release = _release_in_page(base)

        answers: list[object] = []
        stop_asking = threading.Event()

        def keep_asking():
            while not stop_asking.is_set():
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=30) as response:
                        answers.append(response.status)
                except urllib.error.HTTPError as err:
                    answers.append(err.code)
                except OSError as err:
                    answers.append(type(err).__name__)
                time.sleep(0.02)

        asker = threading.Thread(target=keep_asking)
        asker.start()
        time.sleep(1.5)  # both workers have looked at the releases at least once
        assert _workers(proc.pid) == first, "workers were replaced although nothing was published"
        store.publish(grid_dataset(), published)
        new_release = store.current_release(published, "grid")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = _workers(proc.pid)
            if len(now) == 2 and not now & first:
                break
            time.sleep(0.1)
        time.sleep(1.5)  # and the fresh workers do not ask again
        stop_asking.set()
        asker.join()
        renewed = _workers(proc.pid)
        assert len(renewed) == 2 and not renewed & first, f"workers before {first}, after {renewed}"
        assert new_release != old_release and _release_in_page(base) == new_release
        assert answers and set(answers) == {200}, {a for a in answers if a != 200}
    finally:
        stop(proc)
        log = proc.stdout.read().decode(errors="replace")
    assert log.count("Hang up") == 1, log  # one reload, asked by one worker
    assert "Traceback" not in log, log
