"""What a map's findings cost: time to compute them and bytes they add to the map payload.

For the demo and a synthetic dataset of 6,000 DeSO-like areas (14 years),
every indicator at every map level: the time of the first
``geodata.findings.findings`` call (cold: the facts of every year and the
change since the first year, 13 change maps, are computed and memoised), of
the second language (warm facts: only the sentences), of the rest of
``presenters.common.map_payload`` (classes and counts; what the
indicator-change callback computed before), the bytes of the payload's
JSON with and without ``findings``, and the time of one change map
(``geodata.change.change_values``, what ``/change/...`` serves) cold, on a
fresh copy of the dataset with nothing derived yet, and warm, for another
pair of years once the indicator's table is built.

    python -m bench.findings [--areas 6000]

Prints one JSON line per dataset; docs/analysis.md and docs/performance.md record the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from geodata import change, findings
from geodata.demo import build_demo, build_synthetic
from geodata.model import Dataset
from geodata.store import LoadedRelease
from geodata.viewstate import View
from presenters.common import map_payload
from presenters.urls import Urls


def _seconds(call) -> tuple[float, object]:
    start = time.perf_counter()
    out = call()
    return time.perf_counter() - start, out


def _change_map(ds, level: str, ind, years: list[int]) -> tuple[float | None, float | None]:
    """Seconds for a change map as ``/change/`` computes it: cold (first to last year on a copy of
    ``ds`` with nothing memoised), then warm (second to last year, the indicator's table built)."""
    compute = change.category_changes if ind.kind == "category" else change.change_values
    fresh = Dataset(ds.meta, ds.areas, ds.values)
    cold = warm = None
    if len(years) > 1:
        cold = round(_seconds(lambda: compute(fresh, level, ind.id, years[0], years[-1]))[0], 4)
    if len(years) > 2:
        warm = round(_seconds(lambda: compute(fresh, level, ind.id, years[1], years[-1]))[0], 4)
    return cold, warm


def measure(ds) -> dict:
    """Cold and warm times and payload bytes for every indicator at every map level of ``ds``."""
    rows = []
    for level in ds.meta.map_levels:
        for ind in ds.meta.indicators:
            if ind.id not in ds.indicators_at(level.id):
                continue
            years = ds.years(ind.id, level.id)
            view = View(dataset=ds.name, level=level.id, indicator=ind.id, year=years[-1], lang="sv")
            loaded = LoadedRelease("bench", ds)
            cold, sv = _seconds(lambda: findings.findings(ds, level.id, ind.id, "sv"))
            warm, _ = _seconds(lambda: findings.findings(ds, level.id, ind.id, "en"))
            # The rest of the payload (classes, counts), the findings being memoised by now.
            rest, payload = _seconds(lambda: map_payload(loaded, view, Urls()))
            with_findings = len(json.dumps(payload, ensure_ascii=False).encode())
            without = len(json.dumps({k: v for k, v in payload.items() if k != "findings"},
                                     ensure_ascii=False).encode())
            change_cold, change_warm = _change_map(ds, level.id, ind, years)
            rows.append({"level": level.id, "indicator": ind.id, "years": len(years), "cold_s": round(cold, 4),
                         "second_language_s": round(warm, 5), "rest_of_payload_s": round(rest, 4),
                         "payload_bytes": with_findings,
                         "findings_bytes": with_findings - without,
                         "longest_finding_chars": max(len(s) for s in sv.values()),
                         "change_map_cold_s": change_cold, "change_map_warm_s": change_warm})
    return {"dataset": ds.name, "areas": {lvl: len(frame) for lvl, frame in ds.areas.items()},
            "cold_s_median": round(statistics.median(r["cold_s"] for r in rows), 4),
            "cold_s_max": max(r["cold_s"] for r in rows),
            "change_map_cold_s_max": max((r["change_map_cold_s"] or 0) for r in rows),
            "change_map_warm_s_max": max((r["change_map_warm_s"] or 0) for r in rows),
            "findings_bytes_max": max(r["findings_bytes"] for r in rows),
            "payload_bytes_max": max(r["payload_bytes"] for r in rows),
            "load_average": os.getloadavg()[0], "rows": rows}


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=6000)
    args = parser.parse_args(argv)
    out = []
    for build in (build_demo, lambda: build_synthetic(n_areas=args.areas)):
        result = measure(build())
        print(json.dumps(result, ensure_ascii=False))
        out.append(result)
    return out


if __name__ == "__main__":
    main()
