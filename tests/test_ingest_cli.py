"""The command line end to end: ingest, run (spec), list, show, remove, rollback."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import httpx
import pytest

from geodata import cli, store

from .bad_input.recorded import RecordedSCB

KARLSTAD_REGSO = "karlstad-scb/raw/geo_regso.json"


def run(*argv: str) -> tuple[int, str, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = cli.main(list(argv))
        except SystemExit as exc:  # argparse: --help and usage errors
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def values_file(tmp_path: Path, rows: list[str], name: str = "values.csv") -> Path:
    path = tmp_path / name
    path.write_text("area_id;indicator;year;value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def ingest(shared_data: Path, data: Path, values: Path, *extra: str, lang: str = "en"):
    return run("--data-dir", str(data), "--lang", lang, "ingest", "karlstad",
               "--areas", str(shared_data / KARLSTAD_REGSO), "--id-column", "regsokod",
               "--name-column", "regsonamn", "--values", str(values), "--title", "Karlstad", *extra)


@pytest.mark.parametrize("command", ["ingest", "fetch-scb", "run", "list", "show", "remove", "rollback",
                                     "demo", "synthetic"])
def test_every_command_has_help(command):
    code, out, _ = run(command, "--help")
    assert code == 0 and out.startswith("usage: python -m geodata " + command)


def test_ingest_usage_errors_exit_2():
    code, _, err = run("--lang", "en", "ingest", "x", "--values", "v.csv")
    assert code == 2
    assert "give --areas FILE --id-column C, or --level kommun|lan" in err


def test_publish_show_list_rollback_remove(shared_data, tmp_path):
    data = tmp_path / "data"
    first = values_file(tmp_path, ["1780R001;andel;2023;12,5", "1780R002;andel;2023;..",
                                   "1780R003;andel;2023;."])
    code, out, err = ingest(shared_data, data, first)
    assert code == 0, err
    reader = store.DatasetStore(data)
    assert reader.get("karlstad").dataset.values["value"].max() == 12.5

    code, out, _ = run("--data-dir", str(data), "show", "karlstad", "--indicator", "andel", "--year", "2023")
    lines = out.splitlines()
    assert lines[:4] == ["area_id,name,value,status",
                         "1780R001,Alster-Skattkärr-Skattkärrs omland,12.5,ok",
                         "1780R002,Edsgatan norra-Vallargärdet-Vallargärdets omland,,suppressed",
                         "1780R003,Edsvalla-Karlstads västra landsbygd,,missing"]
    assert len(lines) == 32  # every RegSO, those without a row as missing

    second = values_file(tmp_path, ["1780R001;andel;2023;13"], "second.csv")
    assert ingest(shared_data, data, second)[0] == 0
    # The running app's store picks the new release up without a restart.
    assert reader.get("karlstad").dataset.values["value"].max() == 13.0

    code, out, _ = run("--data-dir", str(data), "list", "--json")
    listed = json.loads(out)
    assert [d["name"] for d in listed] == ["karlstad"]
    assert len(listed[0]["releases"]) == 2
    assert listed[0]["levels"][0] == {"id": "regso", "label": {"sv": "RegSO", "en": "RegSO"},
                                      "mappable": True, "code_system": "regso", "parent": None,
                                      "areas": 31, "editions": ["RegSO2025"]}
    assert listed[0]["indicators"][0]["years"] == [2023]
    code, out, _ = run("--data-dir", str(data), "--lang", "en", "list")
    assert out.splitlines()[:4] == [
        f"karlstad: Karlstad  (release {listed[0]['release']})", "  levels: regso (31 areas)",
        "  indicators:", "    andel: andel [2023] (regso)"]

    code, out, _ = run("--data-dir", str(data), "--lang", "en", "rollback", "karlstad")
    assert code == 0 and out.strip() == f"karlstad now serves release {listed[0]['releases'][0]}"
    assert reader.get("karlstad").dataset.values["value"].max() == 12.5
    code, _, err = run("--data-dir", str(data), "--lang", "en", "rollback", "karlstad")
    assert code == 1 and err.strip() == "karlstad has no earlier release to roll back to"

    code, out, _ = run("--data-dir", str(data), "--lang", "en", "remove", "karlstad")
    assert code == 0 and out.strip() == "removed karlstad"
    assert store.DatasetStore(data).names() == []
    code, _, err = run("--data-dir", str(data), "--lang", "en", "show", "karlstad", "--indicator", "andel",
                       "--year", "2023")
    assert code == 1 and err.strip() == "there is no dataset named karlstad"


def test_bad_input_keeps_the_published_release(shared_data, tmp_path):
    data = tmp_path / "data"
    assert ingest(shared_data, data, values_file(tmp_path, ["1780R001;andel;2023;1"]))[0] == 0
    before = store.current_release(data, "karlstad")
    bad = values_file(tmp_path, ["1780R001;andel;2023;1", "1780R099;andel;2023;2", "1780R002;andel;23;x"],
                      "bad.csv")
    code, out, err = ingest(shared_data, data, bad, lang="sv")
    assert code == 2 and out == ""
    assert err.splitlines()[-4:] == [
        "fel: bad.csv, rad 4, kolumn year, värde '23': inget år mellan 1960 och 2100. Tips: Skriv ett "
        "kalenderår med fyra siffror per rad, t.ex. 2015 (inte 2015/16).",
        "fel: bad.csv, rad 4, kolumn value, värde 'x': värdet är inget tal. Tips: Skriv talet som 12,5 "
        "eller 12.5; SCB:s .. (sekretess) och . (saknas) går bra, text och flera tal i samma cell gör "
        "det inte.",
        "fel: bad.csv, rad 3, kolumn area_id, värde '1780R099': område-id:t finns inte bland polygonerna "
        "för nivån regso (geo_regso.json). Tips: Kontrollera id-kolumnen, inledande nollor och utgåvan "
        "(DeSO 2018 eller 2025).",
        "3 fel, 0 varning(ar): inget publicerades."]
    assert store.current_release(data, "karlstad") == before
    assert store.releases(data, "karlstad") == [before]


def test_check_validates_without_publishing(shared_data, tmp_path):
    data = tmp_path / "data"
    code, out, err = ingest(shared_data, data, values_file(tmp_path, ["1780R001;andel;2023;1"]), "--check")
    assert code == 0 and out == ""
    assert err.splitlines()[-1] == "0 warning(s): the input is valid (--check: nothing was published)."
    assert store.DatasetStore(data).names() == []


def test_progress_is_shown_on_stderr(shared_data, tmp_path):
    code, _, err = ingest(shared_data, tmp_path / "data", values_file(tmp_path, ["1780R001;andel;2023;1"]))
    assert err.splitlines()[:5] == [
        "reading polygons from geo_regso.json ...", "geo_regso.json: 31 areas",
        "reading values from values.csv ...", "values.csv: 1 values",
        "writing, checking and switching in a new release of karlstad ..."]


def test_spec_file_builds_every_dataset(shared_data, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "http_client", RecordedSCB(shared_data / "karlstad-scb" / "raw").client)
    values_file(tmp_path, ["1780R001;andel;2023;12,5"])
    (tmp_path / "panel.csv").write_text("kod,år,befolkning\n1780,2022,95408\n114,2022,47820\n",
                                        encoding="utf-8")
    spec = tmp_path / "atlas.yaml"
    spec.write_text(f"""
datasets:
  - name: egna
    title: {{sv: Egna områden, en: Own areas}}
    indicators:
      andel: {{label: {{sv: Andel, en: Share}}, kind: share, unit: {{sv: "%", en: "%"}}}}
      befolkning: {{label: Befolkning, kind: count, decimals: 0}}
    levels:
      - areas: {shared_data / KARLSTAD_REGSO}
        id_column: regsokod
        name_column: regsonamn
        values: [{{file: values.csv}}]
      - builtin: kommun
        mappable: false
        values:
          - {{file: panel.csv, wide: indicators, id_column: kod}}
  - name: karlstad
    scb: {{kommuner: [1780], tables: [TAB6586]}}
""", encoding="utf-8")
    data = tmp_path / "data"
    code, out, err = run("--data-dir", str(data), "--lang", "en", "run", str(spec))
    assert code == 0, err
    assert [line.split(" as ")[0] for line in out.splitlines()] == ["published egna", "published karlstad"]
    own = store.DatasetStore(data).get("egna").dataset
    assert own.meta.indicator("andel").label == {"sv": "Andel", "en": "Share"}
    values = own.values.set_index(["level", "area_id", "indicator", "year"])["value"]
    assert values[("kommun", "0114", "befolkning", 2022)] == 47820
    assert values[("regso", "1780R001", "andel", 2023)] == 12.5
    assert "år" not in set(own.values["indicator"])


def test_spec_file_problems_are_reported_with_their_key(tmp_path):
    spec = tmp_path / "atlas.yaml"
    spec.write_text("datasets:\n  - name: x\n    levels:\n      - builtin: kommun\n"
                    "        values: [{file: a.csv, wide: cols}]\n        colour: red\n", encoding="utf-8")
    code, out, err = run("--data-dir", str(tmp_path / "data"), "--lang", "en", "run", str(spec))
    assert code == 2
    assert err.splitlines() == [
        "error: atlas.yaml, datasets[0].levels[0].colour, value 'colour': unknown key. Hint: Keys allowed "
        "here: areas, builtin, code_system, crs, edition, id, id_column, id_pattern, label, layer, mappable, "
        "name_column, parent, parent_column, values.",
        "1 error(s), 0 warning(s): nothing was published."]


def test_fetch_failure_exits_1_and_publishes_nothing(tmp_path, monkeypatch):
    def offline(request):
        raise httpx.ConnectError("no route to host")

    monkeypatch.setattr(cli, "http_client", lambda: httpx.Client(transport=httpx.MockTransport(offline)))
    monkeypatch.setattr("geodata.ingest.pxweb.time.sleep", lambda s: None)
    code, out, err = run("--data-dir", str(tmp_path / "data"), "--lang", "en", "fetch-scb", "k",
                         "--kommun", "1780", "--quiet")
    assert code == 1 and out == ""
    assert err.startswith("the download failed: stat:RegSO_2025: ConnectError: no route to host (https://")
    assert not (tmp_path / "data" / "k").exists()


def test_list_shows_the_demo_with_bilingual_sources(tmp_path):
    from geodata.demo import build_demo

    store.publish(build_demo(), tmp_path)
    code, out, _ = run("--data-dir", str(tmp_path), "--lang", "en", "list")
    assert code == 0
    assert out.splitlines()[0].startswith("demo: Exempelstad")
    assert out.splitlines()[-1].startswith("  sources: ")
