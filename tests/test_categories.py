"""Categories on real data: any number of classes, their texts and order, no-data codes, no rank.

Issue #12, point 1.  SKR's nine kommungrupper for all 290 kommuner and the
21 län as categories of the kommuner, and Göteborg's own socioeconomic
division with its code 99 "Ej klassificerat", all read from
``../shared/data`` through the command line a planner uses.
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from geodata import categories as cat
from geodata import classify as cls
from geodata import export, views
from geodata.model import Dataset, Indicator, Level
from geodata.store import DatasetStore
from geodata.viewstate import View
from layouts.distribution import distribution_spec
from presenters import MODES, common
from presenters.area import area_panel

from .test_ingest_corpus import run_ingest

REPO = Path(__file__).resolve().parent.parent
GPKG = "goteborgsregionen-deso-regso-2025/goteborgsregionen_sweref99tm.gpkg"

#: SKR's kommungrupper 2023 in SKR's order; the code in the values file is the group's digit.
SKR_ORDER = ["A1", "A2", "B3", "B4", "B5", "C6", "C7", "C8", "C9"]


def _kommuner(shared_data):
    return gpd.read_file(shared_data / GPKG, layer="kommuner_skr_fa").drop(columns="geometry")


def _write(path, rows, header=("area_id", "indicator", "year", "value")):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _yaml_text(ind_id, label, categories, extra=""):
    lines = [f"indicators:\n  {ind_id}:\n    label: {{sv: {label}, en: {label}}}\n    kind: category\n",
             extra, "    categories:\n"]
    lines += [f'      "{code}": {json.dumps(text, ensure_ascii=False)}\n' for code, text in categories]
    return "".join(lines)


def _publish(tmp_path, args, name="cat"):
    code, lines, _ = run_ingest(args, tmp_path / "data", name)
    assert code == 0, lines
    return DatasetStore(tmp_path / "data").get(name)


@pytest.fixture
def skr(shared_data, tmp_path):
    """290 kommuner with SKR's nine groups (codes 1-9) published from the command line."""
    kommuner = _kommuner(shared_data)
    rows = [(k, "kommungrupp", 2023, g[1]) for k, g in zip(kommuner["kommun_kod"], kommuner["skr_kommungrupp_kod"])]
    values = _write(tmp_path / "skr.csv", rows)
    names = dict(zip(kommuner["skr_kommungrupp_kod"], kommuner["skr_kommungrupp_namn"]))
    meta = tmp_path / "skr.yaml"
    meta.write_text(_yaml_text("kommungrupp", "SKR:s kommungrupp",
                               [(g[1], f"{g} {names[g]}") for g in SKR_ORDER]), encoding="utf-8")
    loaded = _publish(tmp_path, ["--level", "kommun", "--values", str(values), "--indicators", str(meta)])
    return loaded, kommuner


def test_nine_kommungrupper_each_get_their_own_colour_and_count(skr):
    loaded, kommuner = skr
    ds = loaded.dataset
    classes = views.classification(ds, "kommun", "kommungrupp", "quantiles", 5)
    summary = views.map_summary(ds, "kommun", "kommungrupp")
    legend = common.class_legend(ds.meta.indicator("kommungrupp"), classes, summary["counts"][0], "sv")
    rows = legend.rows
    # Nine classes with SKR's texts in SKR's order, then the no-data row.
    assert [r.label for r in rows[:9]] == [
        "1 – A1 Storstäder", "2 – A2 Pendlingskommun nära storstad", "3 – B3 Större stad",
        "4 – B4 Pendlingskommun nära större stad", "5 – B5 Lågpendlingskommun nära större stad",
        "6 – C6 Mindre stad/tätort", "7 – C7 Pendlingskommun nära mindre tätort", "8 – C8 Landsbygdskommun",
        "9 – C9 Landsbygdskommun med besöksnäring"]
    assert [r.count for r in rows[:9]] == ["3 områden", "43 områden", "23 områden", "63 områden",
                                          "24 områden", "27 områden", "51 områden", "35 områden", "21 områden"]
    # Before the fix the 8th and 9th classes (56 kommuner) were told as suppressed and missing.
    assert rows[9].no_data and rows[9].count == "0 sekretess (..), 0 saknas"
    assert len(rows) == 10
    # The browser finds the suppressed and missing counts right after one count per colour.
    assert len(classes.colours) == 9 == len(set(classes.colours))
    assert cls.NO_DATA_COLOUR not in classes.colours
    assert summary["counts"][0][9:] == [0, 0]
    # Every kommun is drawn in its group's colour, the ones of groups 8 and 9 too.
    group_of = dict(zip(kommuner["kommun_kod"], kommuner["skr_kommungrupp_kod"]))
    drawn = {area: cat.class_index(c) for area, c in zip(summary["ids"], summary["classes"][0])}
    assert all(drawn[k] == SKR_ORDER.index(g) for k, g in group_of.items())


def test_a_category_has_no_rank_in_tooltip_area_panel_or_csv(skr):
    loaded, _ = skr
    ds = loaded.dataset
    panel = area_panel(ds, "kommun", ["1780"], "kommungrupp", "sv")
    assert [(r["value"], r["rank"], r["percentile"]) for r in panel.rows] == [(3.0, None, None)]
    rows = list(csv.DictReader(export.view_csv(ds, "kommun", "kommungrupp", [2023], "en").lstrip("\ufeff")
                               .splitlines()))
    karlstad = next(r for r in rows if r["area_id"] == "1780")
    assert karlstad["value"] == "3" and karlstad["rank"] == "" and karlstad["ranked"] == ""


def test_tooltip_of_a_category_names_it_and_gives_no_rank(skr, tmp_path):
    """The payload carries the class texts; the browser's tooltip shows them instead of a number."""
    loaded, _ = skr
    view = View(dataset="cat", lang="sv", level="kommun", indicator="kommungrupp", year=2023)
    payload = common.map_payload(loaded, view, _Urls())
    assert payload["classLabels"][7] == "8 – C8 Landsbygdskommun"
    script = (
        "const K = require(process.argv[1]);"
        "const p = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify([K.classLabel(p, K.classAt(['0123456789'], 0, 8)), K.ranks(p),"
        " K.ranks({colours: []})]));")
    out = subprocess.run(["node", "-e", script, str(REPO / "assets" / "atlas-30-classes.js"),
                          json.dumps(payload)], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["9 – C9 Landsbygdskommun med besöksnäring", False, True]


class _Urls:
    def values(self, *parts):
        return "/values/" + "/".join(str(p) for p in parts)


def test_twenty_one_lan_as_categories_keep_the_files_order_and_distinct_colours(shared_data, tmp_path):
    """More than twelve categories, listed in the indicator file's order (by name, not by code)."""
    kommuner = _kommuner(shared_data)
    rows = [(k, "lan", 2025, int(l)) for k, l in zip(kommuner["kommun_kod"], kommuner["lan_kod"])]
    values = _write(tmp_path / "lan.csv", rows)
    lan = sorted(set(zip(kommuner["lan_namn"], kommuner["lan_kod"])))
    meta = tmp_path / "lan.yaml"
    meta.write_text(_yaml_text("lan", "Län", [(int(code), name) for name, code in lan]), encoding="utf-8")
    ds = _publish(tmp_path, ["--level", "kommun", "--values", str(values), "--indicators", str(meta)]).dataset
    classes = views.classification(ds, "kommun", "lan", "quantiles", 5)
    summary = views.map_summary(ds, "kommun", "lan")
    legend = common.class_legend(ds.meta.indicator("lan"), classes, summary["counts"][0], "en")
    assert [r.label for r in legend.rows[:21]] == [f"{int(code)} – {name}" for name, code in lan]
    assert [r.label for r in legend.rows[:3]] == ["10 – Blekinge län", "20 – Dalarnas län", "9 – Gotlands län"]
    assert len(classes.colours) == 21 == len(set(classes.colours))
    assert cls.NO_DATA_COLOUR not in classes.colours
    counts = summary["counts"][0]
    assert sum(counts[:21]) == 290 and counts[21:] == [0, 0]
    assert legend.rows[21].count == "0 suppressed (..), 0 missing"
    stockholm = next(r for r in legend.rows if r.label == "1 – Stockholms län")
    assert stockholm.count == "26 areas"
    # The distribution panel colours each kommun as the map does, the 11th to 21st län too.
    view = View(dataset="cat", lang="en", level="kommun", indicator="lan", year=2025)
    shown = MODES["map"].shown(ds, view)
    spec = distribution_spec(shown, summary["ids"], summary["ids"], [], "Län", "en")
    lan_of = dict(zip(kommuner["kommun_kod"], kommuner["lan_kod"]))
    order = [code for _, code in lan]
    assert spec["classes"] == [order.index(lan_of[k]) for k in spec["ids"]]
    assert max(spec["classes"]) == 20
    assert legend.notes[0] == "The colours tell the categories apart; they carry no order."


def test_gothenburgs_code_99_is_no_data_not_the_best_class(shared_data, tmp_path):
    areas = gpd.read_file(shared_data / GPKG, layer="goteborg_socioekonomisk_omradesindelning")
    areas["omrade"] = "gbg" + areas["gbg_socioekonomisk_omr_kod"].astype(str)
    polygons = tmp_path / "gbg.gpkg"
    areas[["omrade", "gbg_socioekonomisk_omr_namn", "geometry"]].to_file(polygons, layer="gbg")
    values = _write(tmp_path / "gbg.csv", [(a, "sei", 2024, c) for a, c in
                                          zip(areas["omrade"], areas["gbg_socioekonomisk_omr_kod"])])
    meta = tmp_path / "gbg.yaml"
    meta.write_text(_yaml_text("sei", "Socioekonomisk områdesindelning",
                               list(zip(areas["gbg_socioekonomisk_omr_kod"], areas["gbg_socioekonomisk_omr_namn"])),
                               extra="    polarity: higher_is_better\n    no_data: [99]\n"), encoding="utf-8")
    loaded = _publish(tmp_path, ["--areas", str(polygons), "--id-column", "omrade", "--name-column",
                                 "gbg_socioekonomisk_omr_namn", "--values", str(values),
                                 "--indicators", str(meta)])
    ds = loaded.dataset
    row = ds.values.set_index("area_id").loc["gbg99"]
    assert row["status"] == "missing" and np.isnan(row["value"])
    classes = views.classification(ds, "district", "sei", "quantiles", 5)
    summary = views.map_summary(ds, "district", "sei")
    legend = common.class_legend(ds.meta.indicator("sei"), classes, summary["counts"][0], "sv")
    assert len(legend.rows) == 7 and legend.rows[-1].count == "0 sekretess (..), 1 saknas"
    assert "99" not in " ".join(r.label for r in legend.rows[:6])
    assert "Räknas som uppgift saknas: 99 – Ej klassificerat." in legend.notes
    drawn = dict(zip(summary["ids"], summary["classes"][0]))
    assert drawn["gbg99"] == cat.NO_CLASS_CHAR and cat.class_index(drawn["gbg6"]) == 5


def test_a_code_not_among_the_categories_is_refused_with_its_cell(skr, shared_data, tmp_path):
    kommuner = _kommuner(shared_data)
    rows = [(k, "kommungrupp", 2023, g[1]) for k, g in zip(kommuner["kommun_kod"], kommuner["skr_kommungrupp_kod"])]
    rows[4] = (rows[4][0], "kommungrupp", 2023, "10")
    rows[5] = (rows[5][0], "kommungrupp", 2023, "2,5")
    values = _write(tmp_path / "bad.csv", rows)
    code, lines, _ = run_ingest(["--level", "kommun", "--values", str(values), "--indicators",
                                 str(tmp_path / "skr.yaml")], tmp_path / "bad")
    assert code == 2
    assert lines[:2] == [
        "error: bad.csv, row 7, column value, value '2.5': the indicator is a category, and the value is not "
        "a code (a whole number). Hint: Write the category's code, e.g. 3; if the indicator is a measure, "
        "remove kind: category.",
        "error: bad.csv, row 6, column value, value '10': the code is not among the indicator's categories "
        "(1, 2, 3, 4, 5, 6, 7, 8, 9). Hint: Add the code under categories in the indicator file (or under "
        "no_data if it means no data), or correct the value."]
    assert not (tmp_path / "bad" / "corpus").exists()


def test_text_codes_in_the_indicator_file_are_refused_with_a_hint(tmp_path):
    meta = tmp_path / "skr.yaml"
    meta.write_text(_yaml_text("grupp", "Grupp", [("A1", "Storstäder")]), encoding="utf-8")
    values = _write(tmp_path / "v.csv", [("1780", "grupp", 2023, 1)])
    code, lines, _ = run_ingest(["--level", "kommun", "--values", str(values), "--indicators", str(meta)],
                                tmp_path / "d")
    assert code == 2
    assert lines[0].startswith("error: skr.yaml, indicators.grupp.categories.A1, value 'A1': a category code "
                               "is a whole number.")


def test_the_last_gate_refuses_a_no_data_code_stored_as_a_value_and_names_as_codes():
    """Whatever built the dataset, 99 "Ej klassificerat" is never published as a class, nor a name as a RegSO id."""
    import dataclasses

    import pandas as pd

    from geodata.model import normalise_dataset
    from geodata.validate import validate_dataset

    from .builders import grid_dataset

    ds = grid_dataset()
    typ = Indicator("typ", {"sv": "Typ"}, kind="category", categories={"1": {"sv": "Ett"}, "99": {"sv": "Ej"}},
                    no_data_codes=("99",))
    rows = pd.DataFrame({"level": ["district", "regso"], "area_id": ["d00", "Ale (Alafors)"],
                         "indicator": ["typ", "typ"], "year": [2022, 2022], "value": [99.0, 1.0],
                         "status": ["ok", "ok"]})
    meta = dataclasses.replace(ds.meta, indicators=ds.meta.indicators + (typ,),
                               levels=ds.meta.levels + (Level("regso", {"sv": "RegSO"}, code_system="regso",
                                                              mappable=False),))
    problems = [str(p) for p in validate_dataset(normalise_dataset(
        Dataset(meta, ds.areas, pd.concat([ds.values, rows], ignore_index=True))))]
    assert problems == [
        "values level regso: id does not follow the regso code pattern; value 'Ale (Alafors)'; "
        "hint: pattern ^\\d{4}R\\d{3}$",
        "indicator typ: a code declared as no data is stored as a value; value '99.0'; hint: store it as missing"]
