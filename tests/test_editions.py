"""Across SCB's 2025 boundary change an area is a break only where its ground changed.

Regression (#12, point 6): Karlstad's change maps 2023→2024 and 2011→2024 were
entirely grey ("Ändrad områdesindelning 31 områden") although its RegSO kept
codes, names and DeSO, and its two split DeSO (1780C1040, 1780C1320) lie
inside single RegSO.
"""

from __future__ import annotations

import collections
import dataclasses
import json

import geopandas as gpd
import httpx
import pandas as pd
import pytest

from geodata import change, editions
from geodata.ingest.wfs import LAYERS, wfs_url

from .bad_input.recorded import older_edition_answers
from .test_ingest_scb import fetch_karlstad


@pytest.fixture()
def raw(shared_data):
    return shared_data / "karlstad-scb" / "raw"


def _reasons(ds, indicator, year_from, year_to):
    return collections.Counter(change.change_values(ds, "regso", indicator, year_from, year_to)["reasons"])


@pytest.mark.parametrize("year_from", [2023, 2011])
def test_karlstad_change_maps_across_2024_show_every_regso(raw, tmp_path, year_from):
    dataset, log, _ = fetch_karlstad(raw, tmp_path)
    assert log.warnings == []
    assert collections.Counter(dataset.meta.continuity["regso"].values()) == {"same": 31}
    for indicator in ("socioekonomiskt_index", "sei_andel_forgymnasial", "sei_andel_lag_ek_standard"):
        assert _reasons(dataset, indicator, year_from, 2024) == {"o": 31}  # was {"b": 31}


def test_karlstad_split_deso_are_children_of_their_parent(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    deso = dataset.meta.continuity["deso"]
    assert collections.Counter(deso.values()) == {"same": 51, "split:1780C1040": 4, "split:1780C1320": 2}
    assert deso["1780C1041"] == "split:1780C1040" and deso["1780C1322"] == "split:1780C1320"


def test_a_regso_whose_ground_changed_is_the_only_break(raw, tmp_path):
    older = older_edition_answers(raw)
    url = str(httpx.URL(wfs_url(LAYERS[("regso", "2018")], "1780")))
    regso_2020 = gpd.read_file(older[url])
    moved = regso_2020["regsokod"] == "1780R012"
    # 1780R012 lost a 150 m strip along its border to its neighbours (no polygon covers it in 2020).
    metric = regso_2020.to_crs(3006)
    metric.loc[moved, "geometry"] = metric.loc[moved, "geometry"].buffer(-150)
    older[url] = metric.to_crs(4326).to_json().encode()
    dataset, _, _ = fetch_karlstad(raw, tmp_path, older=older)
    assert dataset.meta.continuity["regso"]["1780R012"] == "changed"
    reasons = change.change_values(dataset, "regso", "socioekonomiskt_index", 2023, 2024)["reasons"]
    ids = list(dataset.areas["regso"]["area_id"])
    assert reasons[ids.index("1780R012")] == "b"
    assert collections.Counter(reasons) == {"o": 30, "b": 1}


def test_without_the_older_polygons_nothing_is_assumed(raw, tmp_path):
    dataset, log, _ = fetch_karlstad(raw, tmp_path, older={})
    assert [issue.rule for issue in log.warnings] == ["scb_old_edition_missing"] * 2
    assert dataset.meta.continuity == {}
    assert _reasons(dataset, "socioekonomiskt_index", 2023, 2024) == {"b": 31}


def test_keys_of_both_editions_decide_without_polygons(shared_data, raw):
    # SCB's DeSO 2018 -> RegSO 2020 key and the DeSO 2025 polygons' RegSO 2025 codes.
    key = pd.read_csv(shared_data / "regso-omradestyp-2022-and-deso-regso-key" / "koppling-deso2018-regso2020.csv",
                      dtype=str, encoding="utf-8-sig")
    key = key[key["Kommun"] == "1780"]
    deso_2025 = gpd.read_file(raw / "geo_deso.json")
    old_members = key.groupby("RegSOkod_2020")["DeSO_2018"].apply(set).to_dict()
    new_members = deso_2025.groupby("regsokod")["desokod"].apply(set).to_dict()
    assert collections.Counter(editions.regso_from_keys(new_members, old_members).values()) == {"same": 31}
    deso = editions.deso_from_codes(deso_2025["desokod"], key["DeSO_2018"])
    assert collections.Counter(deso.values()) == {"same": 51, "split:1780C1040": 4, "split:1780C1320": 2}
    # A split DeSO whose children went to two RegSO moved ground between them.
    new_members["1780R012"] = new_members["1780R012"] | {"1780C1044"}
    new_members["1780R027"] = new_members["1780R027"] - {"1780C1044"}
    relations = editions.regso_from_keys(new_members, old_members)
    assert relations["1780R012"] == relations["1780R027"] == "changed"
    assert collections.Counter(relations.values()) == {"same": 29, "changed": 2}


def test_the_area_chart_marks_where_the_edition_changes_and_says_whether_ground_changed(raw, tmp_path):
    from layouts.area import series_figure
    from presenters.area import area_panel

    kept, _, _ = fetch_karlstad(raw, tmp_path / "kept")
    panel = area_panel(kept, "regso", ["1780R012"], "socioekonomiskt_index", "sv")
    assert [(b["x"], b["changed"], b["label"]) for b in panel.breaks] == [
        (2023.5, False, "Ny indelning 2024, samma gränser")]
    figure = series_figure(panel.years, panel.lines, panel.unit, panel.decimals, "sv", panel.breaks)
    assert [(shape.x0, shape.line.dash) for shape in figure.layout.shapes] == [(2023.5, "dot")]

    unknown, _, _ = fetch_karlstad(raw, tmp_path / "unknown", older={})
    panel = area_panel(unknown, "regso", ["1780R012"], "socioekonomiskt_index", "en")
    assert [(b["changed"], b["label"]) for b in panel.breaks] == [(True, "Break in series: new boundaries 2024")]
    # Screen readers get the same in the chart's label.
    assert panel.chart_label.endswith("SCB's new boundaries of 2024 changed the ground of Kronoparken östra: the "
                                      "values before and after describe different areas.")
    figure = series_figure(panel.years, panel.lines, panel.unit, panel.decimals, "en", panel.breaks)
    assert [(shape.x0, shape.line.dash) for shape in figure.layout.shapes] == [(2023.5, "dash")]


def _karlstad_population(dataset, level):
    values = dataset.values
    return values[(values["level"] == level) & (values["indicator"] == "folkmangd") & (values["year"] == 2025)]


def test_split_deso_are_summed_back_to_their_parent_exactly(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    population = _karlstad_population(dataset, "deso")
    parents = editions.parent_ground(population, dataset.meta.continuity["deso"]).set_index("area_id")
    children = population.set_index("area_id")["value"]
    assert parents.loc["1780C1040", "value"] == \
        children[["1780C1041", "1780C1042", "1780C1043", "1780C1044"]].sum()
    assert parents.loc["1780C1320", "value"] == children[["1780C1321", "1780C1322"]].sum()
    assert parents["children"].tolist() == [4, 2] and (parents["status"] == "ok").all()
    # A suppressed child makes the parent suppressed, never a smaller sum.
    hidden = population.assign(
        status=population["status"].where(population["area_id"] != "1780C1042", "suppressed"))
    parents = editions.parent_ground(hidden, dataset.meta.continuity["deso"]).set_index("area_id")
    assert parents.loc["1780C1040", "status"] == "suppressed" and parents["value"].isna()["1780C1040"]
    assert parents.loc["1780C1320", "status"] == "ok"


def test_areal_interpolation_of_counts_with_tobler(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    deso = _karlstad_population(dataset, "deso")[["area_id", "value"]].rename(columns={"value": "folkmangd"})
    estimate = editions.estimate_counts(dataset.areas["deso"], deso, dataset.areas["regso"]).set_index("area_id")
    # DeSO nest in RegSO: the estimate is the exact sum, and within SCB's noise (from 2025) of its RegSO figure.
    exact = deso.merge(dataset.areas["deso"][["area_id", "parent_id"]]).groupby("parent_id")["folkmangd"].sum()
    assert (estimate["folkmangd"] - exact.reindex(estimate.index)).abs().max() < 0.01
    scb = _karlstad_population(dataset, "regso").set_index("area_id")["value"]
    assert (estimate["folkmangd"] - scb.reindex(estimate.index)).abs().max() <= 5
    # A DeSO without a count leaves its RegSO without an estimate, never a smaller one.
    unknown = deso.assign(folkmangd=deso["folkmangd"].where(deso["area_id"] != "1780C1180"))
    estimate = editions.estimate_counts(dataset.areas["deso"], unknown, dataset.areas["regso"])
    assert estimate["folkmangd"].isna().sum() == 1
    assert pd.isna(estimate.set_index("area_id").loc["1780R029", "folkmangd"])


def test_an_old_areas_count_spread_over_its_children_keeps_its_total(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    older = gpd.read_file(older_edition_answers(raw)[str(httpx.URL(wfs_url(LAYERS[("deso", "2018")], "1780")))])
    parent = older[older["desokod"] == "1780C1040"].rename(columns={"desokod": "area_id"})
    children = dataset.areas["deso"][dataset.areas["deso"]["area_id"].str.startswith("1780C104")]
    estimate = editions.estimate_counts(parent, pd.DataFrame({"area_id": ["1780C1040"], "n": [6185.0]}), children)
    assert estimate["n"].sum() == pytest.approx(6185.0, abs=0.01)
    # In proportion to ground: an estimate, which is why it is marked as one wherever it shows.
    ground = children.to_crs(3006).set_index("area_id").area
    assert (estimate.set_index("area_id")["n"] / 6185.0).to_numpy() == pytest.approx(
        (ground / ground.sum()).reindex(estimate["area_id"]).to_numpy(), rel=1e-6)


def test_the_change_legend_says_why_areas_are_shown_across_the_new_edition(raw, tmp_path):
    from geodata.viewstate import parse_view
    from presenters.change import change_legend

    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    assert change.edition_note(dataset, "regso", "socioekonomiskt_index", 2023, 2024, "sv") == (
        "31 av 31 områden har samma gränser i båda årens områdesindelning (SCB:s polygoner jämförda) och "
        "visas som förändring.")
    assert change.edition_note(dataset, "regso", "socioekonomiskt_index", 2022, 2023, "sv") is None
    view = parse_view({"level": "regso", "ind": "socioekonomiskt_index", "lang": "en"}, dataset)
    view = dataclasses.replace(view, mode="change", year=2024, year_b=2023)
    values = change.change_values(dataset, "regso", "socioekonomiskt_index", 2023, 2024)
    notes = change_legend(dataset, view, values).notes
    assert ("31 of 31 areas have the same ground in both years' boundary editions (SCB's polygons compared) "
            "and are shown as a change.") in notes


def _with_old_population(dataset):
    """Karlstad with a 2023 population on the 2018 edition: the 51 kept DeSO and the two split parents."""
    from geodata.model import Dataset, Level

    now = _karlstad_population(dataset, "deso")
    kept = now[now["area_id"].map(dataset.meta.continuity["deso"]) == "same"]
    old = pd.concat([
        kept.assign(year=2023, value=kept["value"] - 10, edition="DeSO2018"),
        pd.DataFrame({"level": "deso2018", "area_id": ["1780C1040", "1780C1320"], "indicator": "folkmangd",
                      "year": 2023, "value": [6000.0, 1900.0], "status": "ok", "edition": "DeSO2018"}),
    ], ignore_index=True)
    meta = dataset.meta
    if "deso2018" not in {lvl.id for lvl in meta.levels}:
        meta = dataclasses.replace(meta, levels=meta.levels + (
            Level("deso2018", {"sv": "DeSO 2018", "en": "DeSO 2018"}, code_system="deso", mappable=False),))
    return Dataset(meta, dataset.areas, pd.concat([dataset.values, old], ignore_index=True))


def test_split_deso_are_compared_on_their_parents_ground_in_the_change_map(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    bridged = _with_old_population(dataset)
    values = change.change_values(bridged, "deso", "folkmangd", 2023, 2025)
    ids = values["ids"]
    assert collections.Counter(values["reasons"]) == {"o": 57}  # the six children were missing before
    assert collections.Counter(values["bridged"]) == {"-": 51, "p": 6}
    now = _karlstad_population(dataset, "deso").set_index("area_id")["value"]
    children = ["1780C1041", "1780C1042", "1780C1043", "1780C1044"]
    for child in children:
        i = ids.index(child)
        # The parent's change, exactly: its 2023 count against its children's counts summed.
        assert values["value_from"][i] == 6000 and values["value_to"][i] == now[children].sum()
        assert values["values"][i] == pytest.approx((now[children].sum() - 6000) / 6000 * 100, abs=0.01)
    kept = ids.index("1780C1010")
    assert values["bridged"][kept] == "-" and values["value_to"][kept] == now["1780C1010"]


def test_a_median_or_an_index_of_split_deso_is_not_bridged(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    bridged = _with_old_population(dataset)
    kinds = {ind.id: ind for ind in bridged.meta.indicators}
    as_amount = dataclasses.replace(kinds["folkmangd"], kind="amount")
    meta = dataclasses.replace(bridged.meta, indicators=tuple(as_amount if i.id == "folkmangd" else i
                                                              for i in bridged.meta.indicators))
    from geodata.model import Dataset
    values = change.change_values(Dataset(meta, bridged.areas, bridged.values), "deso", "folkmangd", 2023, 2025)
    assert collections.Counter(values["bridged"]) == {"-": 57}
    assert collections.Counter(values["reasons"]) == {"o": 51, "m": 6}


def test_the_change_file_and_csv_frame_name_the_former_area_of_a_bridged_one(raw, tmp_path):
    from callbacks import http

    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    bridged = _with_old_population(dataset)
    served = json.loads(http._change_bytes(bridged, "deso", "folkmangd", 2023, 2025)[0])
    assert collections.Counter(served["bridged"]) == {"-": 51, "p": 6}
    frame = change.change_frame(bridged, "deso", "folkmangd", 2023, 2025).set_index("area_id")
    assert frame.loc["1780C1321", "bridged_from"] == "1780C1320"
    assert pd.isna(frame.loc["1780C1010", "bridged_from"])
    assert frame.loc["1780C1321", "value_from"] == 1900 and frame.loc["1780C1321", "edition_from"] == "DeSO2018"


def test_fetch_scb_keeps_a_split_areas_older_values_off_the_map(raw, tmp_path):
    from geodata import store
    from geodata.ingest.scb import _split_parents_apart

    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    rows = pd.DataFrame({"level": "deso", "area_id": ["1780C1040", "1780C1010"], "indicator": "folkmangd",
                         "year": 2023, "value": [6000.0, 1500.0], "status": "ok", "edition": "DeSO2018"})
    moved = _split_parents_apart(rows, dataset.meta.continuity)
    assert moved["level"].tolist() == ["deso2018", "deso"]
    # Such a dataset publishes: the older level has no polygons and is not on the map.
    bridged = _with_old_population(dataset)
    assert "deso2018" not in {lvl.id for lvl in bridged.meta.map_levels}
    store.publish(bridged, tmp_path / "data")
    loaded = store.DatasetStore(tmp_path / "data").get("karlstad").dataset
    assert collections.Counter(change.change_values(loaded, "deso", "folkmangd", 2023, 2025)["bridged"]) == \
        {"-": 51, "p": 6}


def test_a_changed_areas_earlier_count_is_estimated_on_its_new_ground_and_marked(raw, tmp_path):
    older = older_edition_answers(raw)
    url = str(httpx.URL(wfs_url(LAYERS[("regso", "2018")], "1780")))
    regso_2020 = gpd.read_file(older[url]).to_crs(3006)
    moved = regso_2020["regsokod"] == "1780R012"
    regso_2020.loc[moved, "geometry"] = regso_2020.loc[moved, "geometry"].buffer(-150)
    older[url] = regso_2020.to_crs(4326).to_json().encode()
    dataset, _, _ = fetch_karlstad(raw, tmp_path, older=older)
    assert "regso2020" in dataset.areas  # the older polygons, off the map
    now = _karlstad_population(dataset, "regso")
    before = now.assign(year=2023, value=now["value"] - 100, edition="RegSO2020")
    from geodata.model import Dataset
    with_2023 = Dataset(dataset.meta, dataset.areas, pd.concat([dataset.values, before], ignore_index=True))
    values = change.change_values(with_2023, "regso", "folkmangd", 2023, 2025)
    i = values["ids"].index("1780R012")
    assert values["reasons"][i] == "o" and values["bridged"][i] == "e"  # was "b"
    assert collections.Counter(values["bridged"]) == {"-": 30, "e": 1}
    # Old 1780R012 lies wholly in the new one: its whole count, on the new ground.
    assert values["value_from"][i] == pytest.approx(before.set_index("area_id").loc["1780R012", "value"])
    frame = change.change_frame(with_2023, "regso", "folkmangd", 2023, 2025).set_index("area_id")
    assert frame.loc["1780R012", "estimated"] and not frame.loc["1780R001", "estimated"]
    from geodata.viewstate import parse_view
    from presenters.change import change_legend
    view = parse_view({"level": "regso", "ind": "folkmangd", "lang": "sv"}, with_2023)
    view = dataclasses.replace(view, mode="change", year=2025, year_b=2023)
    assert "Nya gränser 2025 (1 område): det tidigare värdet är uppskattat efter yta." in \
        change_legend(with_2023, view, values).notes
    from geodata.export import change_csv
    assert "Estimated: SCB changed the area's boundaries in 2025" in \
        change_csv(with_2023, "regso", "folkmangd", 2023, 2025, "en", area_ids=["1780R012"])
    # An index is never interpolated: the break stays.
    assert change.change_values(with_2023, "regso", "socioekonomiskt_index", 2023, 2024)["reasons"][i] == "b"


def test_the_change_csv_marks_bridged_and_estimated_rows(raw, tmp_path):
    import csv
    import io

    from geodata.export import change_csv

    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    rows = {r["area_id"]: r for r in csv.DictReader(io.StringIO(
        change_csv(_with_old_population(dataset), "deso", "folkmangd", 2023, 2025, "en").lstrip("\ufeff")))}
    assert rows["1780C1041"]["reason_text"].endswith(
        "The area was split in 2025: the values and the change are those of the whole former area (summed).")
    assert "split" not in rows["1780C1010"]["reason_text"]
