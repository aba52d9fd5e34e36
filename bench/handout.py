"""How long a deck's handout takes: a five-slide demo deck as PDF, one slide at 6,000 areas as PNG.

    python -m bench.handout [--areas 6000] [--repeat 3]

Publishes the demo and a synthetic dataset (``geodata/demo/synthetic.py``)
into a temporary directory, warms each view once (classes, change values
and findings are memoised on the release, as on a running server), then
times the presenter and the drawing together, the median of ``--repeat``
runs.  Prints one JSON line; docs/present.md records the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from geodata import store
from geodata.deck import Deck, Slide
from geodata.demo import build_demo, build_synthetic
from geodata.store import DatasetStore

DEMO_DECK = Deck("Kommunstyrelsen", (
    Slide("?ds=demo&ind=lag_ek_standard&year=2024", "Låg ekonomisk standard 2024", "Jämför med 2015."),
    Slide("?ds=demo&ind=lag_ek_standard&year=2024&mode=change&year2=2015", "Förändring 2015–2024"),
    Slide("?ds=demo&ind=medianinkomst&year=2024&mode=compare&year2=2015", "Medianinkomst 2015 och 2024"),
    Slide("?ds=demo&ind=eftergymnasial&level=deso&year=2024", "Eftergymnasial utbildning, DeSO"),
    Slide("?ds=demo&ind=omradestyp&level=regso", "Områdestyper"),
))


def _median_seconds(work, repeat: int) -> float:
    work()  # warm: what a running server has memoised on the release
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from app import Settings
    from presenters import handout

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store.publish(build_demo(), root)
        store.publish(build_synthetic(args.areas), root)
        st, settings = DatasetStore(root), Settings(data_dir=root)
        big = Deck("", (Slide("?ds=synthetic&ind=eftergymnasial&year=2024", "6 000 områden"),))
        big_change = Deck("", (Slide("?ds=synthetic&ind=eftergymnasial&year=2024&mode=change&year2=2011"),))
        result = {
            "demo_deck_pdf_5_slides_s": _median_seconds(
                lambda: handout.handout_pdf(st, settings, DEMO_DECK, "sv"), args.repeat),
            "demo_slide_png_s": _median_seconds(
                lambda: handout.handout_png(st, settings, DEMO_DECK, "sv", 1), args.repeat),
            f"slide_png_{args.areas}_areas_s": _median_seconds(
                lambda: handout.handout_png(st, settings, big, "sv", 1), args.repeat),
            f"change_slide_png_{args.areas}_areas_s": _median_seconds(
                lambda: handout.handout_png(st, settings, big_change, "sv", 1), args.repeat),
            f"slide_pdf_{args.areas}_areas_s": _median_seconds(
                lambda: handout.handout_pdf(st, settings, big, "sv"), args.repeat),
            "load_average": os.getloadavg()[0],
        }
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
