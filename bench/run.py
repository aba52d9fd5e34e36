"""Benchmarks in headless Chromium against a real gunicorn: ``make bench``.

Measures, for the demo and for a 6,000-polygon synthetic dataset:

* first paint: navigation start to the first frame with coloured polygons
  (``atlas.firstPaint``), with an empty cache (cold) and after a reload
  (warm), median of several runs;
* bytes transferred on a cold load (all responses, compressed sizes);
* year switch: a real key press on the year slider to the frame in which the
  recoloured map is painted, median and 90th percentile of at least 10; also
  for the right map of compare mode (two maps on the page);
* the embed view's first paint and bytes in a 600×450 window;
* the weight of the default level's geometry: vertices per polygon before and
  after the web simplification (``geodata.webgeo``) and the bytes of its
  ``/geo/...`` response;
* the distribution panel: a click on its summary to the frame with its chart
  and table drawn, the longest main-thread task meanwhile, the total
  blocking time and the table's next page (``--distribution-only`` measures
  only this, on the synthetic dataset).

``--real-deso`` adds a third dataset on real polygons, e.g. SCB's DeSO 2025 of
Göteborgsregionen at full resolution from the shared test data, carrying the
synthetic set's fictional values.  Each figure is printed with the machine's
load average, since other work on the machine distorts it.

Results are printed as a table and written to ``bench/results/latest.json``.
Targets (issue #2): year switch <= 25 ms (demo) and <= 50 ms (6,000);
first paint <= 0.5 s (demo) and <= 1.5 s (6,000).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402

from geodata import store, webgeo  # noqa: E402
from geodata.demo import build_demo, build_synthetic  # noqa: E402
from geodata.model import Dataset  # noqa: E402

CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
TARGETS = {"demo": {"first_paint_ms": 500, "year_switch_ms": 25},
           "synthetic": {"first_paint_ms": 1500, "year_switch_ms": 50}}
#: Name of the dataset on real polygons (--real-deso); held to the 6,000-polygon targets.
REAL_NAME = "goteborgsregionen"

INSTRUMENT = """
window.__bench = {down: null, painted: []};
document.addEventListener('keydown', () => { window.__bench.down = performance.now(); }, true);
document.addEventListener('atlas:painted', (e) => { window.__bench.painted.push(e.detail.time); });
"""


def load_average() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages (``uptime``), rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def geometry_weight(ds: Dataset, level: str) -> dict:
    """Vertices per polygon of ``level`` before and after the web simplification, and its /geo bytes."""
    areas = ds.areas[level]
    before = shapely.get_num_coordinates(areas.geometry.values)
    after = shapely.get_num_coordinates(webgeo.simplify_coverage(areas).values)
    raw = webgeo.feature_collection(areas)
    return {"polygons": len(areas), "vertices_mean": round(float(before.mean()), 1),
            "vertices_median": float(np.median(before)), "web_vertices_mean": round(float(after.mean()), 1),
            "web_vertices_median": float(np.median(after)), "geo_bytes": len(raw),
            "geo_bytes_gzip": len(webgeo.gzipped(raw))}


def on_real_polygons(path: Path, layer: str, name: str = REAL_NAME) -> Dataset:
    """Real DeSO polygons carrying the fictional values of a synthetic dataset of as many areas.

    The real areas take the synthetic areas' codes in a space-filling
    (Hilbert) order, so each synthetic parent gathers neighbouring real
    areas; a parent's polygon is the union of its real areas (a plain union:
    real coverages have hairline overlaps that a coverage union assumes away).
    """
    real = gpd.read_file(path, layer=layer).to_crs("EPSG:3006")
    real = real.iloc[real.geometry.hilbert_distance().argsort()]
    ds = build_synthetic(n_areas=len(real), name=name)
    deso = ds.areas["deso"].copy()
    deso["geometry"] = real.geometry.values
    regso = ds.areas["regso"].copy()
    members = deso.groupby("parent_id").geometry.apply(lambda g: shapely.union_all(g.values))
    regso["geometry"] = members.loc[regso["area_id"]].values
    kommun = ds.areas["kommun"].copy()
    kommun["geometry"] = [shapely.union_all(regso.geometry.values[regso["parent_id"].values == k])
                          for k in kommun["area_id"]]
    meta = dataclasses.replace(ds.meta, title={"sv": f"Verkliga DeSO-gränser, påhittade värden ({len(real)} områden)",
                                               "en": f"Real DeSO borders, invented values ({len(real)} areas)"})
    return Dataset(meta, {"deso": deso, "regso": regso, "kommun": kommun}, ds.values)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "PORT": str(port), "HOST": "127.0.0.1",
           "WEB_CONCURRENCY": "2"}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "app:server"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


#: The browser window of the full view, and the frame size of the embed view's figures.
VIEWPORT = {"width": 1400, "height": 900}
EMBED_VIEWPORT = {"width": 600, "height": 450}


def open_page(browser, url: str, wait_for: str, viewport: dict = VIEWPORT):
    """A new context and page at ``url`` once ``wait_for`` holds; on a timeout, say what the console said."""
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    messages = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.goto(url)
    try:
        page.wait_for_function(wait_for, timeout=60000)
    except Exception as err:
        context.close()
        raise RuntimeError(f"{url}: waited for {wait_for!r}; console: {messages[-10:]}") from err
    return context, page


def first_paint(browser, url: str, runs: int, viewport: dict = VIEWPORT) -> dict:
    cold, warm, transferred = [], [], []
    for _ in range(runs):
        context, page = open_page(browser, url, "window.atlas && window.atlas.firstPaint !== null", viewport)
        cold.append(page.evaluate("atlas.firstPaint"))
        transferred.append(page.evaluate(
            "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".reduce((sum, e) => sum + e.transferSize, 0)"))
        page.reload()
        page.wait_for_function("window.atlas && window.atlas.firstPaint !== null", timeout=60000)
        warm.append(page.evaluate("atlas.firstPaint"))
        context.close()
    return {"cold_ms": statistics.median(cold), "warm_ms": statistics.median(warm),
            "cold_runs_ms": [round(x, 1) for x in cold], "bytes_cold": int(statistics.median(transferred))}


def year_switch(browser, url: str, presses: int, slider: str = "#year-slider", map_id: str = "map") -> dict:
    context, page = open_page(browser, url, f"window.atlas && atlas.maps.{map_id} && atlas.maps.{map_id}.painted")
    page.evaluate(INSTRUMENT)
    thumb = page.locator(f"{slider} [role=slider]")
    thumb.focus()
    layers = page.evaluate(f"atlas.maps.{map_id}.layers.size")
    latencies = []
    keys = ["ArrowLeft"] * presses
    for key in keys:
        page.evaluate("window.__bench.painted = []")
        page.keyboard.press(key)
        page.wait_for_function("window.__bench.painted.some(t => t > window.__bench.down)", timeout=10000)
        latencies.append(page.evaluate(
            "Math.min(...window.__bench.painted.filter(t => t > window.__bench.down)) - window.__bench.down"))
        page.wait_for_timeout(50)
    context.close()
    latencies.sort()
    return {"median_ms": statistics.median(latencies),
            "p90_ms": latencies[int(0.9 * (len(latencies) - 1))],
            "runs_ms": [round(x, 1) for x in latencies], "layers": layers}


DISTRIBUTION = """
window.__dist = {clicked: null, drawn: null, tasks: []};
new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__dist.tasks.push([e.startTime, e.duration])))
  .observe({type: 'longtask'});
document.addEventListener('click', (e) => {
  if (e.target.closest('summary')) { window.__dist.clicked = performance.now(); }
}, true);
document.addEventListener('atlas:distribution', () => { window.__dist.drawn = performance.now(); });
"""


def distribution(browser, url: str, runs: int) -> dict:
    """Opening the distribution panel: click to the frame with every chart and table drawn.

    Also the longest main-thread task from the click until then (long tasks
    of 50 ms or more, as Chromium reports them), the total blocking time
    (their parts beyond 50 ms), and the time for the table's next page.
    """
    opened, longest, blocking, paging = [], [], [], []
    for _ in range(runs):
        context, page = open_page(browser, url, "window.atlas && atlas.maps.map && atlas.maps.map.painted")
        page.evaluate(DISTRIBUTION)
        page.wait_for_timeout(300)
        page.locator("summary", has_text="Fördelning").click()
        page.wait_for_function("window.__dist.drawn !== null", timeout=120000)
        page.wait_for_timeout(200)
        d = page.evaluate("window.__dist")
        opened.append(d["drawn"] - d["clicked"])
        tasks = [dur for start, dur in d["tasks"] if start + dur >= d["clicked"] and start <= d["drawn"]]
        longest.append(max(tasks, default=0.0))
        blocking.append(sum(max(0.0, t - 50) for t in tasks))
        table = page.locator("[id^=distribution-chart-table-0]")
        table.locator("summary").click()
        started = page.evaluate("performance.now()")
        table.get_by_role("button").last.click()
        page.wait_for_function("document.querySelector('[id^=distribution-chart-table-0] .pager span')"
                               ".textContent.includes(' 2 ')")
        paging.append(page.evaluate("performance.now()") - started)
        context.close()
    return {"open_ms": statistics.median(opened), "open_runs_ms": [round(x, 1) for x in opened],
            "longest_task_ms": statistics.median(longest), "blocking_ms": statistics.median(blocking),
            "next_page_ms": statistics.median(paging)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=6000, help="polygons in the synthetic layer")
    parser.add_argument("--runs", type=int, default=5, help="page loads per first-paint figure")
    parser.add_argument("--presses", type=int, default=12, help="key presses per year-switch figure")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "latest.json")
    parser.add_argument("--real-deso", type=Path, metavar="GPKG",
                        help="also measure real DeSO polygons from this GeoPackage, e.g. "
                             "../shared/data/goteborgsregionen-deso-regso-2025/goteborgsregionen_sweref99tm.gpkg")
    parser.add_argument("--real-layer", default="deso_2025_gr_scb_original", help="its layer of DeSO polygons")
    parser.add_argument("--distribution-only", action="store_true",
                        help="measure only the distribution panel (and build only the synthetic dataset)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        started = time.perf_counter()
        datasets = ([] if args.distribution_only else [build_demo()]) + [build_synthetic(n_areas=args.areas)]
        if args.real_deso:
            datasets.append(on_real_polygons(args.real_deso, args.real_layer))
        for ds in datasets:
            store.publish(ds, data)
        build_s = time.perf_counter() - started
        weights = {ds.meta.name: geometry_weight(ds, ds.meta.map_levels[0].id) for ds in datasets}
        port = _free_port()
        server = start_server(data, port)
        try:
            results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                   "platform": platform.platform()},
                       "data_build_s": round(build_s, 1), "datasets": {}}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name in weights:
                    url = f"http://127.0.0.1:{port}/?ds={name}&year=2024"
                    year_switch(browser, url, 2)  # let the server build and cache geometry and payload
                    if args.distribution_only:
                        results["datasets"][name] = {"distribution": distribution(browser, url, args.runs),
                                                     "load_average": load_average()}
                        continue
                    compare = f"http://127.0.0.1:{port}/?ds={name}&mode=compare&year=2024&year2=2024"
                    embed = f"http://127.0.0.1:{port}/embed?ds={name}&year=2024"
                    load_before = load_average()
                    results["datasets"][name] = {
                        "first_paint": first_paint(browser, url, args.runs),
                        "first_paint_embed": first_paint(browser, embed, args.runs, EMBED_VIEWPORT),
                        "year_switch": year_switch(browser, url, args.presses),
                        "year_switch_compare_right": year_switch(browser, compare, args.presses,
                                                                 "#year-slider-b", "mapB"),
                        "distribution": distribution(browser, url, args.runs),
                        "geometry": weights[name],
                        "load_average": {"before": load_before, "after": load_average()},
                        "targets": TARGETS.get(name, TARGETS["synthetic"])}
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a busy machine: do not lose the figures over it
                server.kill()
                server.wait(timeout=10)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    for name, r in results["datasets"].items():
        dist = r["distribution"]
        print(f"{name:<17} distribution: opened in {dist['open_ms']:.0f} ms (runs {dist['open_runs_ms']}), "
              f"longest task {dist['longest_task_ms']:.0f} ms, blocking {dist['blocking_ms']:.0f} ms, "
              f"next table page {dist['next_page_ms']:.0f} ms")
    if args.distribution_only:
        print(f"written to {args.out}")
        return 0
    print(f"{'dataset':<17} {'polygons':>8} {'paint cold':>11} {'paint warm':>11} {'bytes cold':>11} "
          f"{'year switch median':>19} {'p90':>7}  load average")
    for name, r in results["datasets"].items():
        fp, ys, yc, geo = r["first_paint"], r["year_switch"], r["year_switch_compare_right"], r["geometry"]
        load = r["load_average"]
        print(f"{name:<17} {ys['layers']:>8} {fp['cold_ms']:>9.0f}ms {fp['warm_ms']:>9.0f}ms "
              f"{fp['bytes_cold']:>11,} {ys['median_ms']:>17.1f}ms {ys['p90_ms']:>5.1f}ms  "
              f"{load['before'][0]:.2f} -> {load['after'][0]:.2f}")
        print(f"{name + ' (compare, right map)':<53} {yc['median_ms']:>17.1f}ms {yc['p90_ms']:>5.1f}ms")
        em = r["first_paint_embed"]
        print(f"{name + ' (embed, 600x450)':<26} {em['cold_ms']:>9.0f}ms {em['warm_ms']:>9.0f}ms "
              f"{em['bytes_cold']:>11,}")
        print(f"{'':<17} vertices per polygon: mean {geo['vertices_mean']:.0f}, median {geo['vertices_median']:.0f}; "
              f"served: mean {geo['web_vertices_mean']:.0f}, median {geo['web_vertices_median']:.0f}; "
              f"/geo {geo['geo_bytes']:,} B, {geo['geo_bytes_gzip']:,} B gzip")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
