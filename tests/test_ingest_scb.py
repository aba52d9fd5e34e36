"""fetch-scb against SCB's recorded answers, HTTP mocked at the transport layer.

The recorded files in ../shared/data/karlstad-scb/raw/ are served for the
exact URLs in ``_manifest.json``; any other URL is a 404 and fails the test.
The published Karlstad dataset must reproduce SCB's cells one for one.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pandas as pd
import pytest

from geodata import cli, store
from geodata.ingest.inventory import describe
from geodata.ingest.issues import IssueLog
from geodata.ingest.scb import TABLES, ScbPlan, build_scb_dataset
from geodata.ingest.scb_tables import load_catalog

from .bad_input.recorded import RecordedSCB, cells

RECORDED_TABLES = ("TAB6586", "TAB6574", "TAB638", "TAB3554", "TAB4320")


@pytest.fixture()
def raw(shared_data) -> Path:
    return shared_data / "karlstad-scb" / "raw"


def fetch_karlstad(raw: Path, tmp_path: Path, bom: bool = False, older: dict[str, bytes] | None = None):
    scb = RecordedSCB(raw, bom=bom, older=older)
    log = IssueLog()
    with scb.client() as http:
        dataset = build_scb_dataset(ScbPlan("karlstad", ("1780",), RECORDED_TABLES), log, http=http,
                                    cache_dir=tmp_path / "cache")
    return dataset, log, scb


def test_karlstad_reproduces_tab6586_cell_for_cell(raw, tmp_path):
    dataset, log, scb = fetch_karlstad(raw, tmp_path)
    assert log.errors == [] and log.warnings == []
    assert all(url in scb.files or url in scb.older for url in scb.requested), "only recorded URLs may be requested"
    values = dataset.values.set_index(["level", "area_id", "indicator", "year"])
    indicator = {"000008IT": "socioekonomiskt_index", "000008IU": "omradestyp",
                 "000008IV": "sei_andel_forgymnasial", "000008IW": "sei_andel_lag_ek_standard",
                 "000008IX": "sei_andel_ekbistand_langtidsarbetslosa"}
    checked = 0
    for (region, contents, year), (value, marker) in cells(raw / "regso_socioek.json").items():
        code, _, edition = region.partition("_")
        if (edition == "RegSO2025") != (int(year) >= 2024):
            continue  # the other edition's placeholder for this year
        row = values.loc[("regso", code, indicator[contents], int(year))]
        assert row["edition"] == (edition or "RegSO2020")
        if marker == "..":
            assert row["status"] == "suppressed" and row["value"] != row["value"]
        else:
            assert row["status"] == "ok" and row["value"] == value
        checked += 1
    assert checked == 31 * 5 * 14
    from_tab6586 = values.loc["regso"].drop(index="folkmangd", level="indicator")
    assert len(from_tab6586) == checked


def test_karlstad_population_and_kommun_series(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    values = dataset.values.set_index(["level", "area_id", "indicator", "year"])
    population = cells(raw / "omraden_befolkning.json")
    kept = 0
    for (region, age, sex, contents, year), (value, _) in population.items():
        code, _, edition = region.partition("_")
        if age != "totalt" or (len(code) > 4 and not edition):
            continue  # 2018/2020 codes answer 0 for 2025: outside their window
        level = {"1780": "kommun"}.get(code, "deso" if "R" not in code else "regso")
        row = values.loc[(level, code, "folkmangd", int(year))]
        assert row["value"] == value
        assert row["edition"] == edition if edition else pd.isna(row["edition"])
        kept += 1
    assert kept == 57 + 31 + 1
    assert values.loc[("kommun", "1780", "folkmangd", 2025), "value"] == 99007
    long_series = cells(raw / "befolkning_lang.json")
    for (region, contents, year), (value, _) in long_series.items():
        level = {"1780": "kommun", "17": "lan", "00": "riket"}[region]
        assert values.loc[(level, region, "folkmangd", int(year)), "value"] == value
    income = cells(raw / "inkomst.json")
    assert values.loc[("kommun", "1780", "medianinkomst_20_64", 2024), "value"] == \
        income[("1780", "1+2", "20-64", "TOT", "HE0110J8", "2024")][0]
    # The education share is a ratio of SCB's counts, with both stored.
    education = cells(raw / "utbildning.json")
    numerator = sum(v for (r, level, _, _, _, y), (v, _) in education.items()
                    if r == "1780" and y == "2024" and level in ("5", "6", "7"))
    denominator = sum(v for (r, level, _, _, _, y), (v, _) in education.items()
                      if r == "1780" and y == "2024")
    row = values.loc[("kommun", "1780", "andel_eftergymnasial_25_64", 2024)]
    assert (row["numerator"], row["denominator"]) == (numerator, denominator)
    assert row["value"] == pytest.approx(100 * numerator / denominator, rel=1e-12)


def test_karlstad_shows_31_regso_with_area_types_2011_to_2024(raw, tmp_path):
    dataset, _, _ = fetch_karlstad(raw, tmp_path)
    store.publish(dataset, tmp_path / "data")
    loaded = store.DatasetStore(tmp_path / "data").get("karlstad")
    summary = describe(loaded.dataset, loaded.release)
    levels = {lvl["id"]: lvl for lvl in summary["levels"]}
    assert levels["regso"]["areas"] == 31 and levels["deso"]["areas"] == 57
    assert levels["regso"]["editions"] == ["RegSO2025"]
    by_id = {ind["id"]: ind for ind in summary["indicators"]}
    for indicator in ("omradestyp", "socioekonomiskt_index"):
        assert by_id[indicator]["levels"]["regso"]["years"] == list(range(2011, 2025))
        assert by_id[indicator]["levels"]["regso"]["editions"] == ["RegSO2020", "RegSO2025"]
        assert by_id[indicator]["licence"] == "CC0 1.0, Källa: SCB"
    assert by_id["omradestyp"]["kind"] == "category"
    assert "5 = mycket goda socioekonomiska förutsättningar" in by_id["omradestyp"]["definition"]["sv"]
    assert by_id["socioekonomiskt_index"]["kind"] == "index"
    tables = {s["name"] for s in summary["sources"]}
    assert {"SCB TAB6586", "SCB TAB6574", "SCB WFS stat:RegSO_2025", "SCB WFS stat:DeSO_2025"} <= tables
    assert all(s.get("fetched") for s in summary["sources"] if s["name"].startswith("SCB"))
    # 2023 area types on RegSO 2020 codes: 1 / 4 / 4 / 14 / 8 RegSO in types 1-5.
    types = loaded.dataset.values.query("indicator == 'omradestyp' and year == 2023")["value"]
    assert types.value_counts().sort_index().tolist() == [1, 4, 4, 14, 8]
    deso = loaded.dataset.areas["deso"].set_index("area_id")
    assert deso.loc["1780C1180", "parent_id"] == "1780R029"
    assert deso.loc["1780C1180", "edition"] == "DeSO2025"


def test_cached_answers_are_replayed_without_http(raw, tmp_path):
    _, _, first = fetch_karlstad(raw, tmp_path)
    assert len(first.requested) == 4 + len(RECORDED_TABLES)  # both editions of DeSO and RegSO
    dataset, log, second = fetch_karlstad(raw, tmp_path)
    assert second.requested == []
    assert len(dataset.values) > 0 and not log.errors


def test_wfs_answer_with_bom_is_read(raw, tmp_path):
    dataset, log, _ = fetch_karlstad(raw, tmp_path, bom=True)
    assert len(dataset.areas["regso"]) == 31 and not log.errors


def test_fetch_scb_command_publishes_and_lists(raw, tmp_path, monkeypatch):
    scb = RecordedSCB(raw)
    monkeypatch.setattr(cli, "http_client", scb.client)
    data = tmp_path / "data"
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli.main(["--data-dir", str(data), "--lang", "en", "fetch-scb", "karlstad",
                         "--kommun", "1780", "--tables", ",".join(RECORDED_TABLES)])
    assert code == 0, err.getvalue()
    assert "fetching SCB table TAB6586 (1/5) ..." in err.getvalue()
    assert out.getvalue().startswith("published karlstad as ")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["--data-dir", str(data), "show", "karlstad", "--indicator", "omradestyp",
                         "--year", "2024"]) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "area_id,name,value,status"
    assert len(lines) == 32
    assert lines[1] == "1780R001,Alster-Skattkärr-Skattkärrs omland,4,ok"


def test_unknown_kommun_and_table_are_input_errors(raw, tmp_path):
    log = IssueLog()
    with RecordedSCB(raw).client() as http:
        dataset = build_scb_dataset(ScbPlan("x", ("9999",), ("TAB1",)), log, http=http, cache_dir=None)
    assert dataset is None
    assert [i.message("en") for i in log.errors] == [
        "value '9999': there is no kommun with this code. Hint: Kommun codes have four digits, e.g. 1780 "
        "for Karlstad and 0180 for Stockholm.",
        "value 'TAB1': fetch-scb does not know this table. Hint: Known tables: TAB6586, TAB6574, TAB638, "
        "TAB3554, TAB4320, TAB6685, TAB6680, TAB6534, TAB6571."]


def test_the_tables_marked_verified_are_those_with_recorded_answers():
    assert tuple(t for t, table in TABLES.items() if table.verified) == RECORDED_TABLES


def test_area_type_labels_come_from_the_catalog_file():
    area_type = load_catalog().indicators["omradestyp"]
    assert area_type.kind == "category" and list(area_type.categories) == ["1", "2", "3", "4", "5"]
    assert area_type.categories["1"] == {"sv": "Stora socioekonomiska utmaningar",
                                         "en": "Major socioeconomic challenges"}


def test_a_broken_catalog_names_every_problem(tmp_path):
    path = tmp_path / "scb_tables.yaml"
    path.write_text("""
licence: CC0
indicators:
  a: {label: {sv: A}, kind: share, colour: red}
  b: {label: {sv: B}, kind: share}
tables:
  TAB1:
    verified: yes please
    levels: [regso, stadsdel]
    selection: {Region: "{kommun}*", Tid: "*"}
    measures:
      - {indicator: a, cells: {ContentsCode: [1]}}
      - {indicator: c, numerator: {X: ["1"]}}
""", encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        load_catalog(path)
    message = str(raised.value)
    for problem in ("indicators.a.colour, value 'colour': unknown key",
                    "tables.TAB1.verified: must be true or false", "unknown level 'stadsdel'",
                    "measures[0].cells.ContentsCode: must be a list of quoted codes",
                    "measures[1].indicator: 'c' is not among the indicators",
                    "measures[1]: numerator and denominator come together",
                    "indicators.b: no table measures it"):
        assert problem in message, problem
