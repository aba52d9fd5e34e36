"""Views from URL parameters: anything unknown falls back, nothing raises."""

import pytest

from geodata.model import normalise_dataset
from geodata.viewstate import parse_view

from .builders import grid_dataset


@pytest.fixture(scope="module")
def ds():
    return normalise_dataset(grid_dataset())


def test_defaults_when_nothing_is_given(ds):
    view = parse_view({}, ds)
    assert (view.lang, view.level, view.indicator, view.year, view.area) == ("sv", "district", "lowinc", 2022, None)


@pytest.mark.parametrize("params", [
    {"lang": "xx", "level": "../../etc", "ind": "<script>", "year": "20x1", "scheme": "1; drop", "k": "-4",
     "area": "nope"},
    {"year": ["1850"], "k": ["abc"]},
    {"year": "9" * 400},
])
def test_bad_parameters_fall_back_without_error(ds, params):
    view = parse_view(params, ds)
    assert view.lang == "sv" and view.level == "district" and view.indicator == "lowinc"
    assert view.year == 2022 and view.area is None and view.scheme == "quantiles"


def test_a_good_link_round_trips(ds):
    view = parse_view({"lang": "en", "year": "2021", "area": "d03", "scheme": "equal_interval", "k": "4"}, ds)
    from urllib.parse import parse_qs
    again = parse_view(parse_qs(view.query()[1:]), ds)
    assert again == view
