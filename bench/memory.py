"""Worker memory across publishes: does a worker let go of replaced releases?

Serves a synthetic 2,000-area dataset with real gunicorn (one worker, so
every request reaches the measured process), asks for the views a visitor's
page asks for (page, layout, geometry, values of three indicators in two
classifications, a change map), then publishes the dataset again 30 times,
asking for the same views of each new release.  Compares the worker's
resident memory with a fresh worker's after it served the same views once.

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
    deadline = time.time() + 30
    while time.time() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("no gunicorn worker")


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
            samples, pss = [], 0
            for _ in range(args.publishes):
                store.publish(ds, root)
                serve_views(base, store.current_release(root, "synthetic"))
                samples.append(_rss_kib(worker))
            pss = _pss_kib(worker)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        # A fresh worker serving the same views of the last release.
        proc = start(root, port)
        try:
            worker = _worker_pid(proc.pid)
            serve_views(base, store.current_release(root, "synthetic"))
            fresh, fresh_pss = _rss_kib(worker), _pss_kib(worker)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    result = {"areas": args.areas, "publishes": args.publishes, "rss_after_first_mib": round(first / 1024, 1),
              "rss_after_publishes_mib": round(samples[-1] / 1024, 1), "rss_fresh_mib": round(fresh / 1024, 1),
              "growth_vs_fresh_pct": round((samples[-1] / fresh - 1) * 100, 1),
              "pss_after_publishes_mib": round(pss / 1024, 1), "pss_fresh_mib": round(fresh_pss / 1024, 1),
              "pss_growth_vs_fresh_pct": round((pss / fresh_pss - 1) * 100, 1),
              "rss_every_publish_mib": [round(s / 1024) for s in samples]}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
