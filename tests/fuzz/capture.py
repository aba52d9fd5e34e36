"""Record the callback requests a real browser sends while someone uses the demo.

    python -m tests.fuzz.capture

Starts gunicorn on the demo, drives Debian's Chromium through the main
interactions (indicator, level, classification, area click and search,
distribution, CSV, map image, compare and change modes) and writes every callback body
and the links visited to ``tests/fuzz/captured.json``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from geodata import store
from geodata.demo import build_demo
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, running_gunicorn, wait_for_map

OUT = Path(__file__).with_name("captured.json")
LINKS = [{"ds": "demo", "lang": "sv", "level": "deso", "ind": "eftergymnasial", "year": "2020"},
         {"ds": "demo", "mode": "compare", "year2": "2011", "ind2": "lag_ek_standard", "level2": "regso"},
         {"ds": "demo", "mode": "change", "year": "2024", "year2": "2015", "area": "9999C0090",
          "at": "59.5,14.1,11", "scheme": "fisher_jenks", "k": "7"}]


def main() -> None:
    bodies: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        store.publish(build_demo(), Path(tmp))
        with running_gunicorn(Path(tmp)) as base:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)

            def record(request):
                if "_dash-update-component" in request.url and request.post_data:
                    body = json.loads(request.post_data)
                    bodies.setdefault(body["output"], body)

            page.on("request", record)
            page.goto(base + "/?ds=demo&ind=eftergymnasial")
            wait_for_map(page)
            page.locator("#indicator-picker").click()
            page.locator(".dash-dropdown-option").filter(has_text="Långtidsarbetslöshet").click()
            page.get_by_role("radio", name="RegSO-område (fiktivt)").check()
            page.wait_for_timeout(800)
            page.locator("#area-search").click()
            page.keyboard.type("Exempel")
            page.wait_for_timeout(300)
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            page.locator("#distribution-summary").click()
            page.wait_for_timeout(800)
            page.locator("#export-menu > summary").click()
            page.locator("#export-csv").click()
            page.wait_for_timeout(800)
            page.locator("#export-menu > summary").click()
            page.locator("#export-png").click()
            page.wait_for_timeout(800)
            page.goto(base + "/?ds=demo&mode=change&year=2024&year2=2011")
            wait_for_map(page)
            page.get_by_role("slider", name="Till år").focus()
            page.keyboard.press("ArrowLeft")
            page.wait_for_timeout(800)
            browser.close()
    OUT.write_text(json.dumps({"callbacks": list(bodies.values()), "links": LINKS}, ensure_ascii=False, indent=1)
                   + "\n", encoding="utf-8")
    print(f"{len(bodies)} callbacks written to {OUT}")


if __name__ == "__main__":
    main()
