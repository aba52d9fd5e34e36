"""Clusters mode (presenters/clusters.py): the local clusters stored at publish as a map of classes."""

from __future__ import annotations

from urllib.parse import parse_qs

import numpy as np
import pytest

from geodata import clusters as cl
from geodata import measures, store
from geodata.classify import NO_DATA_COLOUR
from geodata.demo.exempelstad import build_demo
from geodata.fmt import format_number
from geodata.store import DatasetStore
from layouts.page import build_page, render_legend
from presenters import MODES, mode_of, parse_view, query
from presenters.clusters import CLASSES, COLOURS, cluster_values, cluster_years, moran_note
from presenters.page import page_data
from presenters.urls import Urls

from .builders import grid_dataset
from .test_change import VISION, _lab
from .test_presenters import Settings


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("clusters_mode")
    store.publish(build_demo(), root, bootstrap=0, permutations=99)
    store.publish(grid_dataset(), root, measures=False)
    return root


@pytest.fixture(scope="module")
def loaded(data_dir):
    return DatasetStore(data_dir).get("demo")


def clusters_view(ds, **params):
    return parse_view({"ds": ds.name, "mode": "clusters", **params}, ds)


@pytest.mark.parametrize("level, indicator", [("deso", "eftergymnasial"), ("regso", "medianinkomst"),
                                              ("deso", "lag_ek_standard")])
def test_classes_are_the_stored_clusters_every_year(loaded, level, indicator):
    ds = loaded.dataset
    values = cluster_values(ds, level, indicator)
    assert values["years"] == sorted(measures.moran(ds, level, indicator)["year"].astype(int).tolist())
    assert len(values["years"]) >= 2
    for yi, year in enumerate(values["years"]):
        stored = measures.clusters(ds, level, indicator, year).set_index("area_id")["cluster"]
        assert len(stored) == len(values["ids"])
        for area_id, char in zip(values["ids"], values["classes"][yi]):
            expected = stored[area_id]
            assert char == (str(CLASSES.index(expected)) if expected in CLASSES else "-"), (year, area_id)
        counts = stored.value_counts()
        assert values["counts"][yi] == [int(counts.get(c, 0)) for c in CLASSES] + [
            int(counts.get(cl.NO_DATA, 0)), int(counts.get(cl.NO_NEIGHBOURS, 0))]
        assert sum(values["counts"][yi]) == len(values["ids"])


def test_the_demo_has_clusters_of_both_kinds(loaded):
    values = cluster_values(loaded.dataset, "deso", "eftergymnasial")
    last = values["counts"][-1]
    assert last[CLASSES.index("HH")] > 0 and last[CLASSES.index("LL")] > 0


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_page_parts_legend_counts_and_notes(loaded, lang):
    ds = loaded.dataset
    view = clusters_view(ds, year="2020", lang=lang)
    assert (view.mode, view.year) == ("clusters", 2020)
    parts = mode_of(view).parts(loaded, view, Urls("/atlas/"))
    payload, legend = parts.main.payload, parts.main.legend
    assert parts.main.data_url == f"/atlas/clusters/demo/{loaded.release}/deso/eftergymnasial.json"
    assert parts.slider_years == tuple(cluster_years(ds, "deso", "eftergymnasial"))
    stored = measures.clusters(ds, "deso", "eftergymnasial", 2020)["cluster"].value_counts()
    expected = [int(stored.get(c, 0)) for c in CLASSES]
    counts = [int(row.count.split()[0]) for row in legend.rows[:len(CLASSES)]]
    assert counts == expected
    assert payload["counts"][payload["years"].index(2020)][:len(CLASSES)] == expected
    assert [row.colour for row in legend.rows] == [COLOURS[c] for c in CLASSES] + [NO_DATA_COLOUR]
    assert legend.rows[-1].no_data and legend.live
    assert payload["colours"] == [COLOURS[c] for c in CLASSES] and payload["noDataColour"] == NO_DATA_COLOUR
    assert payload["classLabels"] == [row.label for row in legend.rows[:len(CLASSES)]]
    # What a cluster is and is not, then Moran's I of the shown year (followed by the browser per year).
    explain = {"sv": "inte varför", "en": "not why"}[lang]
    assert explain in legend.notes[0]
    moran = measures.moran(ds, "deso", "eftergymnasial")
    row = moran[moran["year"] == 2020].iloc[0]
    assert legend.notes[legend.year_note] == payload["yearNotes"]["2020"]
    assert format_number(row["moran_i"], 2, lang) in legend.notes[legend.year_note]
    assert set(payload["yearNotes"]) == {str(y) for y in payload["years"]}
    for year in payload["years"]:
        assert payload["yearNotes"][str(year)] == moran_note(ds, "deso", "eftergymnasial", year, lang)


def test_moran_note_gives_the_p_value():
    class FakeDs:
        pass
    import pandas as pd
    frame = pd.DataFrame({"year": [2020, 2021, 2022], "moran_i": [0.5, 0.02, np.nan], "p_value": [0.0001, 0.4, np.nan]})
    original = measures.moran
    try:
        measures.moran = lambda ds, level, indicator: frame
        assert moran_note(FakeDs(), "deso", "x", 2020, "sv") == \
            "Morans I = 0,50 (p < 0,001): liknande värden ligger samlade mer än slumpen ger."
        assert moran_note(FakeDs(), "deso", "x", 2021, "en") == "Moran's I = 0.02 (p = 0.400): no clear spatial pattern."
        assert "2022" in moran_note(FakeDs(), "deso", "x", 2022, "sv")
        assert moran_note(FakeDs(), "deso", "x", 2019, "sv") is None
    finally:
        measures.moran = original


def test_the_legend_renders_the_moran_note_with_its_year_id(loaded):
    view = clusters_view(loaded.dataset)
    legend = mode_of(view).parts(loaded, view, Urls("/")).main.legend
    notes = render_legend(legend)[1:]
    ids_ = [getattr(n, "id", None) for n in notes]
    assert ids_[legend.year_note] == {"type": "legend-year-note", "index": legend.year_note}
    assert [i for i in ids_ if i is not None] == [ids_[legend.year_note]]


def test_unavailable_for_categories_and_without_clusters(loaded, data_dir):
    ds = loaded.dataset
    mode = MODES["clusters"]
    category = parse_view({"ind": "omradestyp", "level": "regso"}, ds)
    assert not mode.available(ds, category)
    assert parse_view({"mode": "clusters", "ind": "omradestyp", "level": "regso"}, ds).mode == "map"
    assert mode.available(ds, parse_view({"level": "regso", "ind": "utrikes_fodda"}, ds))
    # A release without measures has no clusters at all.
    grid = DatasetStore(data_dir).get("grid").dataset
    view = parse_view({"mode": "clusters"}, grid)
    assert view.mode == "map" and not mode.available(grid, view)
    page = page_data(DatasetStore(data_dir), Settings(), {"ds": "grid"}, Urls("/"))
    option = next(o for o in page.mode_options if o["value"] == "clusters")
    assert option.get("disabled") is True


def test_links_round_trip(loaded):
    ds = loaded.dataset
    for params in ({"mode": "clusters"}, {"mode": "clusters", "year": "2015", "level": "regso", "lang": "en"},
                   {"mode": "clusters", "ind": "medianinkomst", "area": "9999C0010"}):
        view = parse_view(params, ds)
        assert view.mode == "clusters"
        link = query(view)
        assert "mode=clusters" in link
        again = parse_view({k: v[0] for k, v in parse_qs(link.lstrip("?")).items()}, ds)
        assert again == view
    # A year without clusters falls on the latest year that has them.
    assert parse_view({"mode": "clusters", "year": "1999"}, ds).year == cluster_years(ds, "deso", "eftergymnasial")[-1]


def test_the_page_builds_with_one_year_slider(loaded, data_dir):
    page = page_data(DatasetStore(data_dir), Settings(), {"ds": "demo", "mode": "clusters", "year": "2018"},
                     Urls("/"))
    assert page.view.mode == "clusters" and page.view.year == 2018
    tree = str(build_page(page).to_plotly_json())
    assert "legend-year-note" in tree and "mode-clusters" in tree
    shown = MODES["clusters"].shown(loaded.dataset, page.view)
    values = cluster_values(loaded.dataset, "deso", "eftergymnasial")
    assert shown.classes == values["classes"][values["years"].index(2018)]
    assert shown.colours == [COLOURS[c] for c in CLASSES] and shown.breaks == []


def test_cluster_colours_apart_for_colour_blind_readers():
    colours = [COLOURS[c] for c in CLASSES] + [NO_DATA_COLOUR]
    for vision, sim in VISION.items():
        labs = [_lab(c, sim) for c in colours]
        for i in range(len(labs)):
            for j in range(i + 1, len(labs)):
                assert np.linalg.norm(labs[i] - labs[j]) > 15, (vision, colours[i], colours[j])
    # Clusters of similar values strong (dark), areas unlike their neighbours light.
    lightness = {c: _lab(COLOURS[c], VISION["normal"])[0] for c in CLASSES}
    assert max(lightness["HH"], lightness["LL"]) < min(lightness["HL"], lightness["LH"]) < lightness["ns"]
