"""Publishing, reading back, atomic switching and rollback of releases."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geodata import store
from geodata.model import (Dataset, DatasetMeta, Indicator, Level, normalise_dataset, STATUS_MISSING,
                           STATUS_SUPPRESSED)
from geodata.validate import DatasetInvalid, validate_dataset


def tiny_dataset(name="tiny", value=12.5):
    meta = DatasetMeta(
        name=name, title={"sv": "Liten", "en": "Tiny"},
        levels=(Level("district", {"sv": "Stadsdel", "en": "District"}),),
        indicators=(Indicator("edu", {"sv": "Utbildning", "en": "Education"}, unit={"sv": "%"}),),
    )
    areas = gpd.GeoDataFrame(
        {"area_id": ["01", "02"], "name": ["Norr", "Söder"], "parent_id": [None, None],
         "edition": [None, None]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs="EPSG:3006")
    values = pd.DataFrame({
        "level": "district", "area_id": ["01", "02", "01"], "indicator": "edu",
        "year": [2020, 2020, 2021], "value": [value, np.nan, np.nan],
        "status": ["ok", STATUS_SUPPRESSED, STATUS_MISSING]})
    return Dataset(meta, {"district": areas}, values)


def test_round_trip_keeps_ids_as_strings_and_statuses(tmp_path):
    store.publish(tiny_dataset(), tmp_path)
    loaded = store.DatasetStore(tmp_path).get("tiny").dataset
    assert list(loaded.areas["district"]["area_id"]) == ["01", "02"]
    statuses = dict(zip(zip(loaded.values.area_id, loaded.values.year), loaded.values.status))
    assert statuses == {("01", 2020): "ok", ("02", 2020): "suppressed", ("01", 2021): "missing"}
    suppressed = loaded.values[loaded.values.status != "ok"]
    assert suppressed["value"].isna().all(), "a suppressed value must never become a number"


def test_invalid_dataset_is_not_published_and_current_stays(tmp_path):
    store.publish(tiny_dataset(value=1.0), tmp_path)
    before = store.current_release(tmp_path, "tiny")
    bad = tiny_dataset()
    bad.values.loc[0, "area_id"] = "99"
    with pytest.raises(DatasetInvalid, match="area id has no polygon"):
        store.publish(bad, tmp_path)
    assert store.current_release(tmp_path, "tiny") == before
    assert store.DatasetStore(tmp_path).get("tiny").dataset.values["value"].iloc[0] == 1.0


def test_store_picks_up_new_release_and_rollback_restores(tmp_path):
    reader = store.DatasetStore(tmp_path)
    store.publish(tiny_dataset(value=1.0), tmp_path)
    assert reader.get("tiny").dataset.values["value"].max() == 1.0
    store.publish(tiny_dataset(value=2.0), tmp_path)
    assert reader.get("tiny").dataset.values["value"].max() == 2.0
    store.rollback(tmp_path, "tiny")
    assert reader.get("tiny").dataset.values["value"].max() == 1.0
    assert len(store.releases(tmp_path, "tiny")) == 2


def test_validation_reports_every_problem():
    ds = normalise_dataset(tiny_dataset())
    ds.areas["district"].loc[1, "area_id"] = "01"
    ds.values.loc[1, "indicator"] = "unknown"
    rules = {p.rule for p in validate_dataset(ds)}
    assert "area ids must be unique" in rules
    assert "indicator is not declared in dataset.json" in rules
