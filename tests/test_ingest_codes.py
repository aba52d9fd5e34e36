"""Area codes stay strings; lost leading zeros and edition suffixes are handled."""

import pandas as pd

from geodata.ingest.codes import detect_code_system, normalise_codes, split_edition


def test_detects_kommun_codes_that_lost_their_zero():
    assert detect_code_system(pd.Series(["114", "1780", "0180"])) == "kommun"


def test_detects_lan_only_when_every_code_exists():
    assert detect_code_system(pd.Series(["1", "3", "25"])) == "lan"
    # "2" is no län: a municipality's own districts numbered 1-3 stay as written.
    assert detect_code_system(pd.Series(["1", "2", "3"])) is None


def test_detects_deso_and_regso():
    assert detect_code_system(pd.Series(["1780C1040", "114A0010"])) == "deso"
    assert detect_code_system(pd.Series(["1780R001", "114R001"])) == "regso"
    assert detect_code_system(pd.Series(["Norr", "Söder"])) is None


def test_restores_zeros_and_strips_editions():
    codes = normalise_codes(pd.Series([114, 1780.0, "0180"]), "kommun")
    assert list(codes.codes) == ["0114", "1780", "0180"]
    assert list(codes.restored) == [True, False, False]
    deso = normalise_codes(pd.Series(["1780C1040_DeSO2025", "114A0010"]), "deso")
    assert list(deso.codes) == ["1780C1040", "0114A0010"]
    assert list(deso.edition) == ["DeSO2025", None]


def test_own_district_ids_are_kept_as_written():
    codes = normalise_codes(pd.Series(["01", " 7 ", "A-12"]), None)
    assert list(codes.codes) == ["01", "7", "A-12"]
    assert not codes.restored.any()


def test_split_edition_normalises_spelling():
    codes, edition = split_edition(pd.Series(["1780R001_regso2020", "1780R001"]))
    assert list(codes) == ["1780R001", "1780R001"]
    assert list(edition) == ["RegSO2020", None]
