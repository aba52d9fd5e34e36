"""Ids of datasets, levels and indicators are served end to end or refused at ingest.

The web answers data only under URLs whose parts are plain ASCII (see
``callbacks/http.py``), so an id such as ``andel_förgymnasial`` or
``Stadsdel 2024`` used to publish with exit 0 and then give a blank map.
These tests run the real command line in a subprocess on small files
written here and check that such ids are refused with exit 2, a message
naming the id, the rule and a suggested id, and that nothing is published.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geodata import store
from geodata.model import Level, normalise_dataset
from geodata.validate import DatasetInvalid, validate_dataset

from .builders import grid_dataset

REPO = Path(__file__).resolve().parent.parent


def geodata_cli(*argv: str, data: Path) -> subprocess.CompletedProcess:
    """``python -m geodata --data-dir DATA ...`` as a planner runs it."""
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_LANG", "ATLAS_DATA_DIR")}
    return subprocess.run([sys.executable, "-m", "geodata", "--data-dir", str(data), *argv],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=180)


def write_districts(tmp: Path) -> Path:
    """Two square districts in Karlstad, as a GIS team exports them (GeoJSON, WGS 84)."""
    def square(x: float, y: float) -> list:
        return [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]
    features = [{"type": "Feature", "properties": {"kod": kod, "namn": namn},
                 "geometry": {"type": "Polygon", "coordinates": square(13.50 + 0.01 * i, 59.38)}}
                for i, (kod, namn) in enumerate([("S1", "Norra"), ("S2", "Södra")])]
    path = tmp / "stadsdelar.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def write_values(tmp: Path, indicator: str) -> Path:
    path = tmp / "utbildning.csv"
    path.write_text("area_id;indicator;year;value\n"
                    f"S1;{indicator};2022;12,5\nS2;{indicator};2022;20,1\n", encoding="utf-8")
    return path


def ingest(tmp: Path, data: Path, level: str, indicator: str, lang: str) -> subprocess.CompletedProcess:
    return geodata_cli("--lang", lang, "ingest", "stadsdelar", "--areas", str(write_districts(tmp)),
                       "--id-column", "kod", "--name-column", "namn", "--level", level,
                       "--values", str(write_values(tmp, indicator)), data=data)


def nothing_published(data: Path, name: str) -> bool:
    return store.current_release(data, name) is None and store.releases(data, name) == []


EXPECTED = {
    "en": ["error: the level id 'Stadsdel 2024' cannot be used in a web address: an id starts with "
           "a lower-case letter a–z or a digit, followed by lower-case letters a–z, digits, - or _, "
           "at most 63 characters. Hint: Use e.g. stadsdel_2024 instead.",
           "error: utbildning.csv, row 2: the indicator id "
           "'andel_förgymnasial' cannot be used in a web address: an id starts with a lower-case "
           "letter a–z or a digit, followed by lower-case letters a–z, digits, - or _, at most 63 "
           "characters. Hint: Use e.g. andel_forgymnasial instead.",
           "2 error(s), 0 warning(s): nothing was published."],
    "sv": ["fel: nivåns id 'Stadsdel 2024' går inte att använda i en webbadress: ett id börjar med "
           "en liten bokstav a–z eller en siffra, följd av små bokstäver a–z, siffror, - eller _, "
           "högst 63 tecken. Tips: Använd t.ex. stadsdel_2024 i stället.",
           "fel: utbildning.csv, rad 2: indikatorns id "
           "'andel_förgymnasial' går inte att använda i en webbadress: ett id börjar med en liten "
           "bokstav a–z eller en siffra, följd av små bokstäver a–z, siffror, - eller _, högst 63 "
           "tecken. Tips: Använd t.ex. andel_forgymnasial i stället.",
           "2 fel, 0 varning(ar): inget publicerades."],
}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_cli_refuses_a_non_ascii_indicator_and_a_level_with_a_space(tmp_path, lang):
    data = tmp_path / "data"
    done = ingest(tmp_path, data, "Stadsdel 2024", "andel_förgymnasial", lang)
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines()
              if line.startswith(("error:", "fel:")) or "publi" in line]
    assert errors == EXPECTED[lang]
    assert nothing_published(data, "stadsdelar")


def test_cli_publishes_the_suggested_ids(tmp_path):
    data = tmp_path / "data"
    done = ingest(tmp_path, data, "stadsdel_2024", "andel_forgymnasial", "en")
    assert done.returncode == 0, done.stderr
    meta = store.DatasetStore(data).get("stadsdelar").dataset.meta
    assert [lvl.id for lvl in meta.levels] == ["stadsdel_2024"]
    assert [ind.id for ind in meta.indicators] == ["andel_forgymnasial"]


@pytest.mark.parametrize("level", ["deso.outline", "v.2"])
def test_cli_refuses_a_level_with_a_dot(tmp_path, level):
    # <level>.outline.geojson is the URL of a level's outline: a level named
    # "deso.outline" would be answered with the outline of "deso".
    data = tmp_path / "data"
    done = ingest(tmp_path, data, level, "andel", "en")
    assert done.returncode == 2, done.stderr
    assert f"error: the level id '{level}' cannot be used in a web address" in done.stderr
    assert "Hint: Use e.g. " + level.replace(".", "_") + " instead." in done.stderr
    assert nothing_published(data, "stadsdelar")


@pytest.mark.parametrize("bad, suggestion", [
    ("andel_förgymnasial", "andel_forgymnasial"),
    ("Andel", "andel"),
    ("_andel", "andel"),
    ("-andel", "andel"),
    ("a" * 64, "a" * 63),
    ("andel/2022", "andel_2022"),
    ("%", None),
])
def test_publish_refuses_an_indicator_id_and_names_it_in_both_languages(tmp_path, bad, suggestion):
    ds = grid_dataset()
    ind = dataclasses.replace(ds.meta.indicators[0], id=bad)
    ds = dataclasses.replace(ds, meta=dataclasses.replace(ds.meta, indicators=(ind,)))
    ds.values["indicator"] = bad
    with pytest.raises(DatasetInvalid) as caught:
        store.publish(ds, tmp_path)
    (problem,) = caught.value.problems
    assert problem.message("en").startswith(f"the indicator id '{bad}' cannot be used in a web address")
    assert problem.message("sv").startswith(f"indikatorns id '{bad}' går inte att använda i en webbadress")
    if suggestion:
        assert problem.message("en").endswith(f"Hint: Use e.g. {suggestion} instead.")
    else:
        assert problem.message("en").endswith("Hint: Use e.g. andel_eftergymnasial instead.")
    assert nothing_published(tmp_path, "grid")


def test_every_kind_of_id_is_checked_by_the_last_gate():
    ds = grid_dataset()
    level = Level("Stadsdel 2024", {"sv": "Stadsdel"})
    ds = dataclasses.replace(ds, meta=dataclasses.replace(ds.meta, name="Grid", levels=(level,)),
                             areas={level.id: ds.areas["district"]})
    ds.values["level"] = level.id
    messages = [p.message("en") for p in validate_dataset(normalise_dataset(ds))]
    assert messages[:2] == [
        "the dataset name 'Grid' cannot be used in a web address: an id starts with a lower-case letter "
        "a–z or a digit, followed by lower-case letters a–z, digits, - or _, at most 63 characters. "
        "Hint: Use e.g. grid instead.",
        "the level id 'Stadsdel 2024' cannot be used in a web address: an id starts with a lower-case "
        "letter a–z or a digit, followed by lower-case letters a–z, digits, - or _, at most 63 characters. "
        "Hint: Use e.g. stadsdel_2024 instead."]


@pytest.mark.parametrize("good", ["riket", "kommun", "lan", "deso", "regso", "district", "a" * 63,
                                  "0114", "andel-eftergymnasial", "sei_andel_forgymnasial"])
def test_ids_that_urls_carry_pass(good):
    ds = grid_dataset()
    ind = dataclasses.replace(ds.meta.indicators[0], id=good)
    ds = dataclasses.replace(ds, meta=dataclasses.replace(ds.meta, indicators=(ind,)))
    ds.values["indicator"] = good
    assert validate_dataset(normalise_dataset(ds)) == []


def test_ids_of_the_demo_the_synthetic_data_and_scb_catalog_pass():
    from geodata.demo import build_demo, build_synthetic
    from geodata.ingest.builtin import BUILTIN_LEVELS
    from geodata.ingest.scb_tables import load_catalog
    from geodata.validate import id_problem

    for ds in (build_demo(), build_synthetic(n_areas=200)):
        assert validate_dataset(normalise_dataset(ds)) == []
    catalog = load_catalog()
    ids = [*catalog.indicators, *BUILTIN_LEVELS, "riket", "deso", "regso", "district"]
    assert [i for i in ids if id_problem("indicator", i) is not None] == []


def test_the_id_rule_admits_every_id_a_web_address_serves():
    from geodata.validate import ID_PATTERN

    from callbacks.http import _SAFE

    for good in ("riket", "a" * 63, "0-9_x"):
        assert ID_PATTERN.match(good) and _SAFE.match(good)
    assert not ID_PATTERN.match("a" * 64)
    assert not ID_PATTERN.match("deso.outline")
