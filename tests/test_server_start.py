"""Every gunicorn worker is ready before its first request: no 500 at start, restart or replacement."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from geodata import store

from .builders import AREA_CALLBACK, grid_dataset
from .conftest import REPO, _free_port


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("start")
    store.publish(grid_dataset(), root)
    return root


def _callback(base: str) -> int | str:
    request = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(AREA_CALLBACK).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError as err:  # a connection reset by a killed worker is not an answer
        return type(err).__name__


def _start(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "HOST": "127.0.0.1", "PORT": str(port),
           "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "app:server"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:  # the first moment the port accepts, not after a health check
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.02)
    proc.kill()
    pytest.fail("gunicorn did not open its port")


def test_first_concurrent_callbacks_after_each_start_all_succeed(data_dir):
    port = _free_port()
    answers = []
    for _ in range(3):
        proc = _start(data_dir, port)
        try:
            with ThreadPoolExecutor(max_workers=24) as pool:
                answers += list(pool.map(lambda _: _callback(f"http://127.0.0.1:{port}"), range(48)))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    assert answers.count(200) == len(answers), {a: answers.count(a) for a in set(answers)}


def test_a_killed_worker_is_replaced_without_a_single_500(data_dir):
    port = _free_port()
    proc = _start(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        assert _callback(base) == 200
        workers = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        answers = []
        with ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(_callback, base) for _ in range(40)]
            os.kill(workers[0], signal.SIGKILL)
            futures += [pool.submit(_callback, base) for _ in range(80)]
            answers = [f.result() for f in futures]
        assert 500 not in answers and answers.count(200) >= 100, {a: answers.count(a) for a in set(answers)}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_datasets_and_first_views_are_loaded_before_any_request(tmp_path):
    """gunicorn forks after create_app: what is loaded here is shared by every worker."""
    from app import Settings, create_app
    from callbacks.http import geometry_bytes, values_bytes

    store.publish(grid_dataset(), tmp_path)
    app = create_app(Settings(data_dir=tmp_path))
    reader = app.server.extensions["segregationsatlas"].store
    loaded = reader._current["grid"]  # loaded without a request
    memo_keys = {key[1] for key in loaded.dataset._memo if len(key) > 1}  # derived data: (module, name, ...)
    assert {geometry_bytes.__qualname__, values_bytes.__qualname__} <= memo_keys
