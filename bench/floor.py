"""Cold first paint of a bare Dash page with one empty dash-leaflet map: ``python -m bench.floor``.

It shows how much of the atlas's cold first paint is the framework's own:
the same JavaScript (React, Dash's renderer and core components,
dash-leaflet) has to be downloaded, compiled and run before any page of this
stack can draw a map.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.run import CHROMIUM, CHROMIUM_ARGS, _free_port, load_average

REPO = Path(__file__).resolve().parent.parent


def main(runs: int = 7) -> int:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "bench.floor_app:server",
                               "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # A busy machine can take well over 20 s to import Dash in a fresh process.
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("the floor page's gunicorn did not start within 90 s") from None
                time.sleep(0.2)
        times = []
        load_before = load_average()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector(".leaflet-container")
                times.append(page.evaluate("new Promise(r => requestAnimationFrame(() => r(performance.now())))"))
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"bare Dash + empty dash-leaflet map, cold first frame: median {statistics.median(times):.0f} ms "
          f"(runs: {', '.join(f'{t:.0f}' for t in times)}); load average {load_before[0]:.2f} -> "
          f"{load_average()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
