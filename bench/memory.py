"""Worker memory across publishes: does a worker let go of replaced releases?

Serves a synthetic 2,000-area dataset with real gunicorn (one worker, so
every request reaches the measured process), asks for the views a visitor's
page asks for (page, layout, geometry, values of three indicators in two
classifications, a change map), then publishes the dataset again 30 times,
asking for the same views of each new release.  Compares the resident
memory of the worker serving after the last publish with a fresh server's
worker after it served the same views once, and the master's likewise.

Since workers are renewed after a publish (``app.Renewal``: the master loads
the new release and forks fresh workers), the worker measured at the end is
not the one that served the first release; the figure says whether memory
still grows with publishes, in the workers or in the master.

    python -m bench.memory [--publishes 30] [--areas 2000]

Prints one JSON line; docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.run import REPO, _free_port
from geodata import store
from geodata.demo import build_synthetic

INDICATORS = ("eftergymnasial", "langtidsarbetsloshet", "medianinkomst")


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def _rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


def _pss_kib(pid: int) -> int:
    """Proportional set size: pages shared with the master (loaded before forking) count once overall."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))


def _worker_pid(master: int) -> int:
    """The master's only worker, once there is exactly one (a renewal briefly has two)."""
    deadline = time.time() + 60
    while time.time() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if len(children) == 1:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("no single gunicorn worker")


def _renewed_worker(master: int, base: str, release: str, previous: int) -> int:
    """The fresh worker that replaced ``previous`` after a publish of ``release``, having served it.

    The old worker asks for renewal after one of its next requests (it looks
    at the published releases at most once a second); the master then loads
    the release and forks a fresh worker before stopping the old one.
    """
    deadline = time.time() + 120
    while time.time() < deadline:
        serve_views(base, release)
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if len(children) == 1 and int(children[0]) != previous:
            serve_views(base, release)  # the views of this release, served by the measured worker
            return int(children[0])
        time.sleep(0.5)
    raise RuntimeError("the worker was not renewed after a publish")


def start(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "PORT": str(port), "HOST": "127.0.0.1",
           "WEB_CONCURRENCY": "1", "ATLAS_DEFAULT_DATASET": "synthetic"}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "app:server"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            _get(f"http://127.0.0.1:{port}/healthz")
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def serve_views(base: str, release: str) -> None:
    """The requests a visitor's pages make for one release."""
    _get(base + "/")
    _get(base + "/_dash-layout")
    _get(f"{base}/geo/synthetic/{release}/deso.geojson")
    for indicator in INDICATORS:
        for scheme in ("quantiles-5", "fisher_jenks-5"):
            _get(f"{base}/values/synthetic/{release}/deso/{indicator}/{scheme}.json")
    _get(f"{base}/change/synthetic/{release}/deso/eftergymnasial/2011-2024.json")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publishes", type=int, default=30)
    parser.add_argument("--areas", type=int, default=2000)
    args = parser.parse_args(argv)
    ds = build_synthetic(n_areas=args.areas)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store.publish(ds, root)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start(root, port)
        try:
            worker = _worker_pid(proc.pid)
            serve_views(base, store.current_release(root, "synthetic"))
            first = _rss_kib(worker)
            samples, workers = [], {worker}
            for _ in range(args.publishes):
                store.publish(ds, root)
                release = store.current_release(root, "synthetic")
                worker = _renewed_worker(proc.pid, base, release, worker)
                workers.add(worker)
                samples.append(_rss_kib(worker))
            pss, master = _pss_kib(worker), _rss_kib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        # A fresh server's worker serving the same views of the last release.
        proc = start(root, port)
        try:
            worker = _worker_pid(proc.pid)
            serve_views(base, store.current_release(root, "synthetic"))
            fresh, fresh_pss, fresh_master = _rss_kib(worker), _pss_kib(worker), _rss_kib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    result = {"areas": args.areas, "publishes": args.publishes, "rss_after_first_mib": round(first / 1024, 1),
              "rss_after_publishes_mib": round(samples[-1] / 1024, 1), "rss_fresh_mib": round(fresh / 1024, 1),
              "growth_vs_fresh_pct": round((samples[-1] / fresh - 1) * 100, 1),
              "pss_after_publishes_mib": round(pss / 1024, 1), "pss_fresh_mib": round(fresh_pss / 1024, 1),
              "pss_growth_vs_fresh_pct": round((pss / fresh_pss - 1) * 100, 1),
              "master_rss_after_publishes_mib": round(master / 1024, 1),
              "master_rss_fresh_mib": round(fresh_master / 1024, 1),
              "master_growth_vs_fresh_pct": round((master / fresh_master - 1) * 100, 1),
              "workers_seen": len(workers),
              "rss_every_publish_mib": [round(s / 1024) for s in samples]}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
