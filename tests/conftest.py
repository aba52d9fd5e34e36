"""Shared fixtures.

``shared_data`` is the one way tests reach the real open data in
``../shared/data`` (override with ``ATLAS_SHARED_DATA``).  In CI its absence
is a failure, not a skip: a green run must not hide untested real data.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


# --- Browser tests: real gunicorn, Debian's Chromium driven by Playwright -----------------

CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def browser_data_dir(tmp_path_factory) -> Path:
    """The demo plus a dataset whose district names are markup."""
    from geodata import store
    from geodata.demo import build_demo

    from .builders import grid_dataset

    root = tmp_path_factory.mktemp("browser-data")
    store.publish(build_demo(), root)
    store.publish(grid_dataset(name="hostile", hostile=True, title="Rutstad med märkliga namn"), root)
    return root


def _wait_healthy(proc: subprocess.Popen, url: str, what: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            pytest.fail(f"{what} did not become healthy:\n{output}")
        time.sleep(0.2)


@contextlib.contextmanager
def running_gunicorn(data_dir: Path, **env: str):
    """A real ``gunicorn app:server`` on a free port serving ``data_dir``; yields its base URL."""
    port = _free_port()
    full_env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "HOST": "127.0.0.1", "PORT": str(port),
                "WEB_CONCURRENCY": "2", "ATLAS_DEFAULT_DATASET": "demo", **env}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "app:server"], cwd=REPO, env=full_env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    prefix = "/" + env.get("ATLAS_BASE_PATH", "/").strip("/")
    _wait_healthy(proc, base + prefix.rstrip("/") + "/healthz", "gunicorn")
    try:
        yield base
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server quickly (SIGINT: gunicorn's and nginx's fast shutdown), killing it if it lingers."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


NGINX = os.environ.get("ATLAS_NGINX", "/usr/sbin/nginx")


@contextlib.contextmanager
def running_nginx(directory: Path, server_block: str):
    """Debian's nginx on a free port with ``server_block`` (``{port}`` filled in); yields its base URL."""
    if not Path(NGINX).exists():
        pytest.fail(f"nginx not found at {NGINX}: `make test` installs Debian's nginx")
    port = _free_port()
    directory.mkdir(parents=True, exist_ok=True)
    conf = directory / "nginx.conf"
    conf.write_text(f"""
user root;
daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    {server_block.replace("{port}", str(port))}
}}
""", encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(directory)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("nginx did not start: " + (proc.stdout.read().decode(errors="replace") if proc.stdout
                                                        else ""))
            time.sleep(0.1)
    try:
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def live_server(browser_data_dir):
    """Base URL of a real ``gunicorn app:server`` serving the browser data."""
    with running_gunicorn(browser_data_dir) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class ConsoleLog(list):
    """Console messages and page errors seen by one page."""

    def problems(self) -> list[str]:
        return [f"{kind}: {text}" for kind, text in self if kind in ("error", "warning", "pageerror")]


@pytest.fixture()
def page(browser):
    """A fresh page; the test fails if the browser console shows an error or warning."""
    # Playwright's string predicates (wait_for_function) are evaluated in the page, which the
    # site's CSP forbids; tests/test_browser_csp.py checks the policy itself without this bypass.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="sv-SE", bypass_csp=True)
    pg = context.new_page()
    log = ConsoleLog()
    pg.on("console", lambda msg: log.append((msg.type, msg.text)))
    pg.on("pageerror", lambda err: log.append(("pageerror", str(err))))
    pg.console_log = log
    yield pg
    context.close()
    assert log.problems() == [], "browser console must stay free of errors"


def wait_for_map(pg, timeout: float = 20000) -> None:
    pg.wait_for_function("window.atlas && window.atlas.firstPaint !== null", timeout=timeout)


def area_point(pg, area_id: str, map_id: str = "map") -> tuple[float, float]:
    """Page coordinates of the centre of an area drawn on map ``map_id``."""
    return pg.evaluate("""([mapId, areaId]) => {
        const layer = atlas.maps[mapId].layers.get(areaId);
        const p = layer._map.latLngToContainerPoint(layer.getCenter());
        const r = layer._map.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""", [map_id, area_id])


def tooltip_of(pg, area_id: str):
    """Hover over an area and return its tooltip once shown."""
    pg.mouse.move(*area_point(pg, area_id))
    tooltip = pg.locator(".leaflet-tooltip")
    tooltip.wait_for()
    return tooltip


# --- The shipped nginx configuration (deploy/nginx/) in front of a test's gunicorn ---------------

DEPLOY_NGINX = REPO / "deploy" / "nginx"


def _replace_each_once(text: str, replacements: dict[str, str], what: str) -> str:
    for old, new in replacements.items():
        # A marked line that moved or changed must fail here, not leave a real path in the test.
        assert text.count(old) == 1, f"{what}: expected {old!r} once; update shipped_nginx_block"
        text = text.replace(old, new)
    return text


def shipped_nginx_block(directory: Path, upstream: str, base_path: str = "/") -> str:
    """The files of ``deploy/nginx/`` as a ``running_nginx`` block, in front of ``upstream`` (host:port).

    Only the lines the files mark ``deploy:`` change (gunicorn's address, the cache directory,
    the listening port).  The snippets are copied to ``directory/snippets/``, where the shipped
    ``include snippets/...`` lines find them: nginx resolves relative includes against the
    directory of its ``nginx.conf``, which ``running_nginx`` writes into ``directory``.
    ``base_path`` ``"/"`` serves ``segregationsatlas.conf``, ``"/atlas/"`` a server holding
    only ``segregationsatlas-base-path.conf``.
    """
    import shutil

    snippets = directory / "snippets"
    snippets.mkdir(parents=True, exist_ok=True)
    for name in ("segregationsatlas-proxy.conf", "segregationsatlas-base-path.conf"):
        shutil.copyfile(DEPLOY_NGINX / name, snippets / name)
    shared = _replace_each_once((DEPLOY_NGINX / "segregationsatlas-upstream.conf").read_text(encoding="utf-8"), {
        "server 127.0.0.1:8050 max_fails=0;\n    server 127.0.0.1:8050 max_fails=0;":
            f"server {upstream} max_fails=0;\n    server {upstream} max_fails=0;",
        "proxy_cache_path /var/cache/nginx/segregationsatlas ": f"proxy_cache_path {directory}/cache ",
    }, "segregationsatlas-upstream.conf")
    if base_path == "/":
        site = _replace_each_once((DEPLOY_NGINX / "segregationsatlas.conf").read_text(encoding="utf-8"),
                                  {"listen 80;": "listen 127.0.0.1:{port};"}, "segregationsatlas.conf")
    else:
        assert base_path == "/atlas/", "the shipped base-path snippet serves /atlas/"
        site = "server { listen 127.0.0.1:{port}; include snippets/segregationsatlas-base-path.conf; }"
    return shared + "\n" + site
