"""Publishing a national dataset with its measures: segregation, clusters, computed shares.

Builds a synthetic national dataset like SCB's DeSO: 6,160 DeSO-like areas
with borders of real weight in 290 kommuner, 14 years (2011-2024), three
group definitions (post-secondary education against the rest, compulsory
school only against the rest, and the two against each other), a median,
residents and a fictional area type per RegSO, then publishes it once with
everything issue #11 computes at publish: six segregation indices per
kommun, year and definition with bootstrap intervals and tests of change
for every pair of years, areas, residents, moves and shares per area type
(per kommun and nationally), global Moran's I and local clusters for every
indicator, year and map level, and computed shares.  The requirement is at most ten minutes here.

    python -m bench.segregation [--areas 6160] [--kommuner 290] [--bootstrap 500] [--permutations 999]

Prints one JSON line (seconds per part, the whole publish, the load
average before and after, the size of the stored measures);
docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
import time
from pathlib import Path

from geodata import store
from geodata.demo import build_synthetic
from geodata.measures import ANALYSIS_DIR, measures_of

#: Two shares (three group definitions with their pair), a median, and residents for the area types.
MODELS = ("befolkning", "eftergymnasial", "forgymnasial", "medianinkomst")
PAIRS = ({"id": "eftergymnasial_mot_forgymnasial", "groups": ["eftergymnasial", "forgymnasial"],
          "label": {"sv": "Eftergymnasial mot förgymnasial utbildning",
                    "en": "Post-secondary against compulsory school only"}},)


class _Parts(logging.Handler):
    """Keeps the per-part seconds that geodata.measures logs while it computes."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=6160)
    parser.add_argument("--kommuner", type=int, default=290)
    parser.add_argument("--bootstrap", type=int, default=None, help="replicates per index (default 500)")
    parser.add_argument("--permutations", type=int, default=None, help="per local test (default 999)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    ds = build_synthetic(n_areas=args.areas, name="national", n_kommuner=args.kommuner, models=MODELS,
                         group_pairs=PAIRS, area_type_parts=("forgymnasial",))
    built = time.perf_counter() - started
    logger = logging.getLogger("segregationsatlas")
    parts = _Parts()
    logger.addHandler(parts)
    logger.setLevel(logging.INFO)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as root:
        started = time.perf_counter()
        release = store.publish(ds, Path(root), bootstrap=args.bootstrap, permutations=args.permutations)
        published = time.perf_counter() - started
        stored = sum(f.stat().st_size for f in (release / ANALYSIS_DIR).iterdir())
        tables = measures_of(store.read_release(release)).tables
        rows = {name: len(frame) for name, frame in tables.items()}
        units = int(tables["segregation"]["unit"].nunique())
    result = {
        "areas": args.areas, "kommuner": units, "years": len(ds.years()), "build_seconds": round(built, 1),
        "publish_seconds": round(published, 1), "parts": parts.lines, "rows": rows,
        "stored_bytes": stored, "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
    }
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
