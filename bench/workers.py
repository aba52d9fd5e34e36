"""Memory per worker at national size: is the data shared between gunicorn's workers?

Builds a dataset of national size (6,160 DeSO-like areas, as SCB's 2025
edition, with 19 indicators over 14 years, like Segregationsbarometern's
set), serves it with real gunicorn (2 workers), asks each worker for the
views a visitor opens (page, layout, geometry of every level, values of
every indicator) and reports each worker's resident (RSS), proportional
(PSS: shared pages split between the processes sharing them) and unique
(USS) memory.  PSS is what a worker costs the machine.

    python -m bench.workers [--areas 6160] [--indicators 19]

Prints one JSON line; docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from bench.run import REPO, _free_port
from geodata import store
from geodata.demo import build_synthetic
from geodata.model import Dataset


def national_size(n_areas: int, n_indicators: int) -> Dataset:
    """The synthetic set widened to ``n_indicators`` by copies of its indicators with other values."""
    ds = build_synthetic(n_areas=n_areas, name="national")
    base = list(ds.meta.indicators)
    rng = np.random.default_rng(3)
    indicators, frames = list(base), [ds.values]
    for i in range(n_indicators - len(base)):
        source = base[i % len(base)]
        copy_id = f"{source.id}_{i + 2}"
        indicators.append(dataclasses.replace(source, id=copy_id, label={k: f"{v} {i + 2}" for k, v in
                                                                         source.label.items()}))
        rows = ds.values[ds.values["indicator"] == source.id].copy()
        rows["indicator"] = copy_id
        rows["value"] = rows["value"] * rng.uniform(0.8, 1.2, len(rows))
        for column in ("numerator", "denominator"):
            rows[column] = np.nan  # a jittered share no longer equals its ratio
        frames.append(rows)
    meta = dataclasses.replace(ds.meta, indicators=tuple(indicators))
    return Dataset(meta, ds.areas, pd.concat(frames, ignore_index=True))


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=300) as response:
        return response.read()


def _memory_kib(pid: int) -> dict[str, int]:
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    fields = {name: int(value) for name, value in re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.M)}
    return {"rss": fields["Rss"], "pss": fields["Pss"],
            "uss": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=6160)
    parser.add_argument("--indicators", type=int, default=19)
    args = parser.parse_args(argv)
    ds = national_size(args.areas, args.indicators)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        release = store.publish(ds, root).name
        port = _free_port()
        env = {**os.environ, "ATLAS_DATA_DIR": str(root), "PORT": str(port), "HOST": "127.0.0.1",
               "WEB_CONCURRENCY": "2", "GUNICORN_TIMEOUT": "300"}
        started = time.perf_counter()
        proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "app:server"], cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    _get(base + "/healthz")
                    break
                except OSError:
                    if time.perf_counter() - started > 600:
                        raise
                    time.sleep(0.2)
            ready_s = time.perf_counter() - started
            urls = [base + "/", base + "/readyz"]
            urls += [f"{base}/geo/national/{release}/{lvl.id}.geojson" for lvl in ds.meta.map_levels]
            urls += [f"{base}/values/national/{release}/deso/{ind.id}/quantiles-5.json" for ind in ds.meta.indicators]
            # Each worker gets its share of every kind of request.
            with ThreadPoolExecutor(max_workers=4) as pool:
                list(pool.map(_get, urls * 4))
            workers = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
            memory = {"master": _memory_kib(proc.pid), "workers": [_memory_kib(w) for w in workers]}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    mib = lambda kib: round(kib / 1024, 1)  # noqa: E731
    result = {"areas": args.areas, "indicators": args.indicators, "value_rows": len(ds.values),
              "ready_s": round(ready_s, 1),
              "master_mib": {k: mib(v) for k, v in memory["master"].items()},
              "workers_mib": [{k: mib(v) for k, v in w.items()} for w in memory["workers"]]}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
