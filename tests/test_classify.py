"""Class breaks, class assignment and palettes."""

import subprocess
import sys
from pathlib import Path

import mapclassify
import numpy as np
import pytest

from geodata import classify as cls
from geodata.model import HIGHER_IS_BETTER, HIGHER_IS_WORSE, NEUTRAL

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("scheme,klass", [("quantiles", mapclassify.Quantiles),
                                          ("equal_interval", mapclassify.EqualInterval),
                                          ("fisher_jenks", mapclassify.FisherJenks)])
def test_breaks_are_mapclassify_breaks(scheme, klass):
    rng = np.random.default_rng(3)
    y = rng.gamma(2.0, 10.0, 500)
    np.testing.assert_allclose(cls.class_breaks(y, scheme, 5), klass(y, k=5).bins)


def test_nan_is_never_classified_and_never_zero():
    y = np.array([1.0, np.nan, 5.0, 9.0, 0.0])
    breaks = cls.class_breaks(y, "quantiles", 3)
    classes = cls.assign_classes(y, breaks)
    assert classes[1] == -1
    assert classes[4] == 0 and classes[3] == len(breaks) - 1


def test_assignment_matches_mapclassify_yb():
    y = np.random.default_rng(5).normal(50, 10, 300)
    q = mapclassify.Quantiles(y, k=5)
    np.testing.assert_array_equal(cls.assign_classes(y, cls.class_breaks(y, "quantiles", 5)), q.yb)


def test_ties_give_fewer_classes_not_empty_ones():
    y = np.array([1.0] * 50 + [2.0] * 50)
    breaks = cls.class_breaks(y, "quantiles", 5)
    assert list(breaks) == [1.0, 2.0]


def test_large_fisher_jenks_is_sampled_and_covers_maximum():
    y = np.random.default_rng(1).lognormal(3, 0.5, 20000)
    breaks = cls.class_breaks(y, "fisher_jenks", 5)
    assert breaks[-1] == y.max()
    assert np.all(np.diff(breaks) > 0)


def test_dark_end_means_worse_for_both_polarities():
    worse = cls.palette(5, HIGHER_IS_WORSE)
    better = cls.palette(5, HIGHER_IS_BETTER)
    assert worse[-1] == better[0], "the darkest colour goes to the worst class either way"
    assert worse == list(reversed(better))
    assert cls.palette(5, NEUTRAL)[0] not in worse


def test_no_data_colour_is_not_a_class_colour():
    for k in range(3, 8):
        for polarity in (HIGHER_IS_WORSE, NEUTRAL):
            assert cls.NO_DATA_COLOUR not in cls.palette(k, polarity)


def test_bad_scheme_and_k_fall_back():
    assert cls.normalise_scheme("drop table") == cls.DEFAULT_SCHEME
    assert cls.normalise_k("x") == cls.DEFAULT_K
    assert cls.normalise_k(99) == cls.K_RANGE[1]
    odd = (3, 5, 7)
    assert [cls.normalise_k(k, odd) for k in ("7", 3, 4, 99, None, "x")] == [7, 3, 5, 5, 5, 5]


def test_the_data_layer_loads_mapclassify_only_to_classify():
    # mapclassify brings scipy, scikit-learn and numba: seconds that `python -m geodata`
    # and tests that never classify should not wait for.
    code = ("import sys, numpy as np; import geodata.cli, geodata.classify, geodata.views; "
            "loaded = 'mapclassify' in sys.modules; "
            "geodata.classify.class_breaks(np.arange(10.0), 'quantiles', 3); "
            "print(loaded, 'mapclassify' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
