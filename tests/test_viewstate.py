"""Views from URL parameters: anything unknown falls back, nothing raises."""

import pytest

from geodata.model import normalise_dataset
from presenters import parse_view, query

from .builders import grid_dataset


@pytest.fixture(scope="module")
def ds():
    return normalise_dataset(grid_dataset())


def test_defaults_when_nothing_is_given(ds):
    view = parse_view({}, ds)
    assert (view.lang, view.level, view.indicator, view.year, view.areas) == ("sv", "district", "lowinc", 2022, ())
    assert (view.mode, view.year_b, view.at) == ("map", None, None)


@pytest.mark.parametrize("params", [
    {"lang": "xx", "level": "../../etc", "ind": "<script>", "year": "20x1", "scheme": "1; drop", "k": "-4",
     "area": "nope", "mode": "evil", "at": "1,2,3"},
    {"at": "59.4,13.5,99", "year2": "x", "ind2": "nope", "level2": "../"},
    {"at": "nan,nan,nan", "mode": ["compare", "x"], "area": ",,,"},
    {"year": ["1850"], "k": ["abc"]},
    {"year": "9" * 400},
])
def test_bad_parameters_fall_back_without_error(ds, params):
    view = parse_view(params, ds)
    assert view.lang == "sv" and view.level == "district" and view.indicator == "lowinc"
    assert view.year == 2022 and view.areas == () and view.scheme == "quantiles"
    assert view.at is None and view.mode in ("map", "compare")


def test_a_good_link_round_trips(ds):
    view = parse_view({"lang": "en", "year": "2021", "area": "d03,d05", "scheme": "equal_interval", "k": "4",
                       "mode": "compare", "year2": "2020", "at": "59.5,13.25,11.5"}, ds)
    assert view.areas == ("d03", "d05") and view.year_b == 2020 and view.at == (59.5, 13.25, 11.5)
    from urllib.parse import parse_qs
    again = parse_view(parse_qs(query(view)[1:]), ds)
    assert again == view


def test_change_mode_needs_two_years_and_puts_the_earlier_first(ds):
    view = parse_view({"mode": "change", "year": "2022", "year2": "2022"}, ds)
    assert (view.mode, view.year, view.year_b) == ("change", 2022, 2020)
    view = parse_view({"mode": "change", "year": "2021", "year2": "2020"}, ds)
    assert (view.year, view.year_b) == (2021, 2020)


def test_browser_copy_of_a_view_round_trips(ds):
    from geodata.viewstate import params_of
    view = parse_view({"mode": "compare", "year2": "2021", "lang": "en"}, ds)
    assert parse_view(params_of(view.to_json()), ds) == view


def test_browser_copy_keeps_the_embeds_controls(ds):
    # A callback that changes the indicator in place returns the view it parsed from the browser's copy.
    from geodata.viewstate import params_of
    view = parse_view({"controls": "indicator,level,search,mode"}, ds)
    assert parse_view(params_of(view.to_json()), ds).controls == ("indicator", "level", "search", "mode")
    assert parse_view(params_of({**view.to_json(), "controls": ["level", 3, None]}), ds).controls == ("level",)


@pytest.mark.parametrize("raw,expected", [(None, None), ("1", "1"), ("0", "0"), (" 1 ", "1"), ("yes", None),
                                          ("2", None), (["0", "1"], "0"), ("", None)])
def test_labels_are_on_off_or_the_surfaces_default(ds, raw, expected):
    view = parse_view({} if raw is None else {"labels": raw}, ds)
    assert view.labels == expected
    # Absent means the surface's default, so only a choice is written into links; it survives a round trip.
    assert ("labels=" in query(view)) == (expected is not None)
    from urllib.parse import parse_qs
    assert parse_view(parse_qs(query(view)[1:]), ds) == view
    from geodata.viewstate import params_of
    assert parse_view(params_of(view.to_json()), ds) == view
