"""The first page load after a start colours every polygon, whatever arrives first.

A visitor's first load races three things: the preloaded values, Dash
rendering the page (the clientside callback that asks the map for them) and
dash-leaflet making the layers from the geometry.  The map must end up with
every polygon in its class colour in every order, and also when the values
request is lost once (a proxy's 502 while the server restarts, a dropped
connection): before, a lost request left the map grey for good with only a
console warning, and a reload fixed it.

The server is started ten times.  On each start one page loads as it will
and a second, in parallel, is given one adverse order by wrapping ``fetch``
and ``L.GeoJSON.addData`` in the page (deterministic, unlike timing the
server).  The next server boots while the pages of the last one load.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import running_gunicorn
from .test_browser_map import FILLS, expected_fills

pytestmark = pytest.mark.browser

STARTS = 10
#: Small enough to boot fast, with borders of real weight (geodata.demo.borders).
N_AREAS = 200
INDICATOR, YEAR = "eftergymnasial", 2024

#: Adverse orders, one per start in turn, as calls into HARNESS run before the page's own
#: scripts.  Each waits for a moment: "layers" (the areas' layers are made), "asked" (the map
#: has asked for its values), "values" (the map has them).
ORDERS = {
    "values after the layers": "holdValues('layers');",
    "layers joining the map after the values": "holdValues('layers'); detachLayersUntil('values');",
    "values answered 502 once, after the map asked": "failValuesOnce('asked', () => new Response('', {status: 502}));",
    "geometry after the values": "holdGeometry('values');",
    "values connection dropped once, after the map asked":
        "failValuesOnce('asked', () => Promise.reject(new TypeError('Failed to fetch')));",
}

HARNESS = """
(() => {
  const state = () => window.atlas && atlas.maps && atlas.maps.map;
  const seen = {
    layers: () => window.__layersMade === true,
    asked: () => Boolean(state() && state().url),
    values: () => Boolean(state() && state().data),
  };
  const when = (what) => new Promise((resolve) => {
    const poll = () => (seen[what]() ? resolve() : setTimeout(poll, 20));
    poll();
  });
  const realFetch = window.fetch.bind(window);
  const isValues = (url) => String(url).includes('/values/');
  const isGeometry = (url) => String(url).includes('/geo/') && !String(url).includes('.outline');
  let hold = () => false, fail = null;
  window.fetch = (url, options) => {
    if (fail && isValues(url)) {
      const answer = fail;
      fail = null;
      return answer();
    }
    const reply = realFetch(url, options);
    const until = hold(url);
    return until ? reply.then((r) => when(until).then(() => r)) : reply;
  };
  function holdValues(until) { hold = (url) => (isValues(url) ? until : false); }
  function holdGeometry(until) { hold = (url) => (isGeometry(url) ? until : false); }
  function failValuesOnce(after, answer) { fail = () => when(after).then(answer); }
  // The areas' layers are made on a group that is not on the map and join it later.
  let detachUntil = null;
  function detachLayersUntil(until) { detachUntil = until; }
  const patchLeaflet = () => {
    if (!window.L || !L.GeoJSON) { setTimeout(patchLeaflet, 5); return; }
    const addData = L.GeoJSON.prototype.addData;
    L.GeoJSON.prototype.addData = function (data) {
      const areas = data && Array.isArray(data.features) && data.features.length > 1;
      if (!areas) { return addData.call(this, data); }
      const map = detachUntil && this._map;
      if (map) { map.removeLayer(this); }
      const out = addData.call(this, data);
      window.__layersMade = true;
      if (map) { when(detachUntil).then(() => map.addLayer(this)); }
      return out;
    };
  };
  patchLeaflet();
  %s
})();
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    from geodata import store
    from geodata.demo import build_synthetic

    root = tmp_path_factory.mktemp("first-colour")
    store.publish(build_synthetic(n_areas=N_AREAS), root)
    return root


def fresh_servers(data_dir, count: int, ahead: int = 2):
    """Base URLs of ``count`` freshly started servers, one after the other.

    Up to ``ahead`` servers boot while one is in use, and each is stopped in
    the background after it: a boot is mostly imports and loading the data,
    which the pages' work can overlap.
    """
    def boot():
        stack = contextlib.ExitStack()
        return stack, stack.enter_context(running_gunicorn(data_dir, ATLAS_DEFAULT_DATASET="synthetic"))

    with ThreadPoolExecutor(max_workers=ahead + 1) as pool:
        upcoming = [pool.submit(boot) for _ in range(min(ahead, count))]
        booted = len(upcoming)
        try:
            for _ in range(count):
                stack, base = upcoming.pop(0).result()
                if booted < count:
                    upcoming.append(pool.submit(boot))
                    booted += 1
                try:
                    yield base
                finally:
                    pool.submit(stack.close)
        finally:
            for future in upcoming:  # left early: stop the servers that were booting
                future.result()[0].close()


#: Chromium's hint about a preload used late says nothing about the colours; it depends on load.
IGNORED_CONSOLE = ("log:", "debug:", "info:")
LATE_PRELOAD = "was preloaded using link preload but not used within a few seconds"


def _open(browser, base: str, order: str | None):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    log = []
    page.on("console", lambda msg: log.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda err: log.append(f"pageerror: {err}"))
    if order is not None:
        page.add_init_script(HARNESS % ORDERS[order])
    page.goto(f"{base}/?ind={INDICATOR}&year={YEAR}", wait_until="commit")
    return context, page, log


def _coloured(page, expected: dict[str, str]) -> str | None:
    """None once every polygon has its class colour (within 30 s: a busy machine), else what the map shows."""
    try:
        page.wait_for_function("""(expected) => {
            const s = window.atlas && atlas.maps && atlas.maps.map;
            if (!s || s.layers.size !== Object.keys(expected).length) { return false; }
            for (const [id, layer] of s.layers) {
                if (layer.options.fillColor !== expected[id]) { return false; }
            }
            return true;
        }""", arg=expected, timeout=30000)
        return None
    except Exception:  # a timeout: say what the map has instead
        shown = page.evaluate(f"window.atlas && atlas.maps && atlas.maps.map ? {FILLS} : {{}}")
        wrong = sum(shown.get(area) != colour for area, colour in expected.items())
        has_data = page.evaluate("Boolean(window.atlas && atlas.maps && atlas.maps.map && atlas.maps.map.data)")
        return f"{wrong} of {len(expected)} polygons not in their class colour; values set: {has_data}"


def test_every_first_load_after_a_start_colours_every_polygon(browser, data_dir):
    expected = expected_fills(data_dir, "synthetic", "deso", INDICATOR, YEAR)
    orders = list(ORDERS)
    failures = []
    for start, base in enumerate(fresh_servers(data_dir, STARTS)):
        order = orders[start % len(orders)]
        pages = [("as it comes", *_open(browser, base, None)), (order, *_open(browser, base, order))]
        for name, context, page, log in pages:
            problem = _coloured(page, expected)
            console = [line for line in log if not line.startswith(IGNORED_CONSOLE) and LATE_PRELOAD not in line]
            if problem or console:
                failures.append(f"start {start + 1}, {name}: {problem or 'coloured'}; console: {console}")
            context.close()
    assert failures == [], "\n".join(failures)
