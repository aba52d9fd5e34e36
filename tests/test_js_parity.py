"""Python and the browser's JavaScript agree: the same link for the same view, the same text for a number,
and assets/ write down no parameter name, default, limit, mode or component id of their own."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

import presenters
from geodata.fmt import format_number
from geodata.viewstate import PARAMS, View
from presenters.contract import CONTRACT_ELEMENT_ID, browser_contract

ASSETS = Path(__file__).resolve().parent.parent / "assets"

# Reads {"contract", "views", "numbers"} on stdin; writes the queries and formatted numbers.
NODE_SCRIPT = """
const view = require(process.argv[1] + "/atlas-20-view.js");
const format = require(process.argv[1] + "/atlas-10-format.js");
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  process.stdout.write(JSON.stringify({
    queries: request.views.map((v) => view.queryString(request.contract, v)),
    numbers: request.numbers.map(([value, decimals, lang]) => format.formatNumber(value, decimals, lang)),
  }));
});
"""


def run_node(views: list[View], numbers: list[tuple[float, int, str]]) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: the JavaScript parity tests need Node.js 20")
    request = {"contract": browser_contract(), "views": [v.to_json() for v in views],
               "numbers": [list(n) for n in numbers]}
    done = subprocess.run([node, "-e", NODE_SCRIPT, str(ASSETS)], input=json.dumps(request), capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(done.stdout)


BASE = View("demo", "sv", "deso", "eftergymnasial", 2024)


def view(**changes) -> View:
    return View(**{**BASE.__dict__, **changes})


VIEWS = {
    "map": BASE,
    "map, English, no year": view(lang="en", year=None),
    "map, areas and position": view(areas=("9999C0090", "9999C0010"), at=(59.38123, 14.0, 11.25)),
    "map, whole-number position": view(at=(60.0, 15.0, 9.0)),
    "map, other classification": view(scheme="fisher_jenks", k=7),
    "map, defaults written out": view(scheme="quantiles", k=5, areas=(), mode="map"),
    "map ignores the other map": view(year_b=2011, indicator_b="inkomst", level_b="regso"),
    "compare, same indicator": view(mode="compare", year_b=2011, indicator_b="eftergymnasial", level_b="deso"),
    "compare, other indicator": view(mode="compare", year_b=2011, indicator_b="lag_ek_standard", level_b="deso"),
    "compare, other level": view(mode="compare", year_b=2015, indicator_b="eftergymnasial", level_b="regso",
                                 areas=("9999C0090",), at=(59.5, 14.1, 11.0)),
    "change": view(mode="change", year_b=2011, indicator_b="lag_ek_standard", level_b="regso"),
    "change with everything": view(mode="change", year=2020, year_b=2015, scheme="equal_interval", k=3,
                                   areas=("a",), at=(59.1, 14.2, 12.5)),
    "unknown mode": view(mode="evil", year_b=2011),
    "Swedish letters": view(dataset="göteborg", level="stadsområde", indicator="låg_inkomst",
                            areas=("Södra Ängby", "Åsö", "Örby-Älvsjö")),
    "spaces and signs": view(dataset="my data", indicator="a&b=c?d/e+f%", areas=("x y", "!'()*~._-", "50%")),
    "labels on": view(labels="1"),
    "labels off, embed controls": view(labels="0", controls=("indicator", "search")),
}


@pytest.fixture(scope="module")
def node_queries() -> dict[str, str]:
    return dict(zip(VIEWS, run_node(list(VIEWS.values()), [])["queries"]))


@pytest.mark.parametrize("name", list(VIEWS))
def test_javascript_builds_pythons_link(node_queries, name):
    assert node_queries[name] == presenters.query(VIEWS[name])


# --- numbers -------------------------------------------------------------------------------------

def as_written_half_up(value: float, decimals: int) -> Decimal:
    """``value`` rounded as a reader rounds the number written: a 5 goes away from zero."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def is_half(value: float, decimals: int) -> bool:
    """Whether the number as written ends in a 5 just after the last shown decimal."""
    written = Decimal(repr(value))
    return abs(written * 10 ** decimals) % 1 == Decimal("0.5")


def number_cases() -> list[tuple[float, int, str]]:
    fixed = [0.0, -0.0, 1.0, -1.0, 0.04, -0.04, -0.06, 0.4, -0.4, 7, -7, 999, 1000, -1000, 12345.678,
             -12345.678, 1e6, -1234567.891, 123456789.123, 999.95, 0.05000001, 3.14159, 2.71828, 1e-7]
    rng = random.Random(20261129)
    drawn = [round(rng.uniform(-10 ** e, 10 ** e), rng.randint(0, 6)) for e in range(0, 8) for _ in range(40)]
    cases = [(v, d, lang) for v in fixed + drawn for d in range(0, 4) for lang in ("sv", "en")]
    return [c for c in cases if not is_half(c[0], c[1])]


HALVES = [(12.5, 0), (-2.5, 0), (0.5, 0), (1.5, 0), (0.125, 2), (0.375, 2), (1.005, 2), (2.675, 2), (0.15, 1),
          (-0.25, 1), (1234.5, 0)]


@pytest.fixture(scope="module")
def node_numbers() -> dict[tuple, str]:
    cases = number_cases() + [(v, d, lang) for v, d in HALVES for lang in ("sv", "en")]
    return dict(zip(cases, run_node([], cases)["numbers"]))


def test_javascript_formats_numbers_as_python(node_numbers):
    differ = [(case, text, format_number(*case)) for case, text in node_numbers.items()
              if not is_half(case[0], case[1]) and text != format_number(*case)]
    assert len(node_numbers) > 2000
    assert differ == []


@pytest.mark.parametrize("value,decimals", HALVES)
def test_javascript_rounds_a_five_away_from_zero_on_the_number_as_written(node_numbers, value, decimals):
    expected = as_written_half_up(value, decimals)
    sv = f"{abs(expected):,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    assert node_numbers[(value, decimals, "sv")] == ("\u2212" if expected < 0 else "") + sv


def test_python_rounds_halves_as_javascript(node_numbers):
    python = {(v, d): format_number(v, d, "sv") for v, d in HALVES}
    assert python == {(v, d): node_numbers[(v, d, "sv")] for v, d in HALVES}


# --- nothing declared twice -----------------------------------------------------------------------

def declared_literals() -> set[str]:
    """Every name, string default, mode and component id the contract declares, as code could spell it."""
    contract = browser_contract()
    fields = {p.field for p in PARAMS}
    words = {p["name"] for p in contract["params"] if p["name"] not in fields}
    words |= {p["default"] for p in contract["params"] if isinstance(p["default"], str)}
    words |= set(contract["modes"])
    words |= {value for m in contract["maps"] for key, value in m.items() if key not in ("key", "field")}
    for value in contract["ids"].values():  # an id, or a group of ids by name (the presentation view's)
        words |= set(value.values()) if isinstance(value, dict) else {value}
    return words


def declared_numbers() -> set[int]:
    contract = browser_contract()
    numbers = {p["default"] for p in contract["params"] if type(p["default"]) is int}
    return numbers | {v for p in contract["params"] for v in p["limits"].values() if type(v) is int}


def asset_sources() -> dict[str, str]:
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(ASSETS.glob("*.js"))}
    assert sources, "no JavaScript in assets/"
    return sources


def test_assets_spell_no_declared_name_default_mode_or_id():
    found = []
    for name, source in asset_sources().items():
        for word in declared_literals():
            # "year2", '#legend', `play-button` as a whole quoted string, or a selector of that id.
            if re.search(r"""["'`]#?%s["'`]|["'`]#%s\b""" % (re.escape(word), re.escape(word)), source):
                found.append((name, word))
        for number in declared_numbers():
            if re.search(r"(?:[!=]==?|[<>]=?|slice\()\s*-?%d\b" % number, source):
                found.append((name, number))
    assert found == []


def test_assets_find_the_contract_where_the_page_puts_it():
    assert sum(f'"{CONTRACT_ELEMENT_ID}"' in source for source in asset_sources().values()) == 1


def test_a_deck_has_one_link_code_and_one_set_of_limits_in_python_and_the_browser():
    from geodata import deck as decks

    found = decks.Deck("Kommunstyrelsen – 12 maj", (
        decks.Slide("?ds=demo&ind=lag_ek_standard&year=2024", "Låg ekonomisk standard", "Jämför med 2015: å, ä, ö."),
        decks.Slide("?ds=demo&ind=eftergymnasial&mode=change&year2=2011&year=2024", "Förändring", ""),
    ))
    script = """
const D = require(process.argv[1] + "/atlas-84-deck.js");
const deck = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify({code: D.encode(deck), back: D.decode(process.argv[3]), limits: D.LIMITS}));
"""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: the JavaScript parity tests need Node.js 20")
    done = subprocess.run([node, "-e", script, str(ASSETS), json.dumps(found.to_json()), decks.encode(found)],
                          capture_output=True, text=True, timeout=60, check=True)
    answer = json.loads(done.stdout)
    assert answer["code"] == decks.encode(found)
    assert decks.from_json(answer["back"]) == found
    assert answer["limits"] == {"slides": decks.MAX_SLIDES, "title": decks.MAX_TITLE, "note": decks.MAX_NOTE,
                                "view": decks.MAX_VIEW}
