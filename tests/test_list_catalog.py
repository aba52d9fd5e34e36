"""`list` reads the catalog: a summary written at publish, damaged datasets named, nothing loaded."""

import json
import subprocess
import sys

from geodata import store
from geodata.store import DatasetStore

from .builders import grid_dataset
from .conftest import REPO


def _list(root, *args):
    done = subprocess.run([sys.executable, "-m", "geodata", "--data-dir", str(root), "list", *args],
                          cwd=REPO, capture_output=True, text=True, env={"ATLAS_LANG": "en", "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_list_names_a_damaged_dataset_and_describes_the_others_from_their_summaries(tmp_path, monkeypatch):
    store.publish(grid_dataset(name="good"), tmp_path)
    store.publish(grid_dataset(name="broken"), tmp_path)
    (tmp_path / "broken" / "current" / "dataset.json").unlink()
    listed = {entry["name"]: entry for entry in json.loads(_list(tmp_path, "--json"))}
    assert "dataset.json" in listed["broken"]["problem"]
    assert listed["good"]["levels"][0]["areas"] == 16 and listed["good"]["indicators"][0]["years"] == [2020, 2021, 2022]
    assert "broken: damaged, not shown in the dashboard" in _list(tmp_path)
    # The summary is read, not computed: listing never loads a dataset.
    monkeypatch.setattr(DatasetStore, "get", lambda *a, **k: (_ for _ in ()).throw(AssertionError("loaded")))
    from geodata.ingest.inventory import describe_all
    assert [e["name"] for e in describe_all(tmp_path)] == ["broken", "good"]
