"""Class breaks and colours that tell the truth.

Breaks come from mapclassify and are pooled across all years of an indicator
by default, so that one colour means the same values in every year.  Palettes
are ColorBrewer sequential schemes (colour-blind safe); for indicators with a
polarity the dark end always means "worse", whichever direction that is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import HIGHER_IS_BETTER, HIGHER_IS_WORSE

QUANTILES = "quantiles"
FISHER_JENKS = "fisher_jenks"
EQUAL_INTERVAL = "equal_interval"
SCHEMES = (QUANTILES, FISHER_JENKS, EQUAL_INTERVAL)
DEFAULT_SCHEME = QUANTILES
DEFAULT_K = 5
K_RANGE = (3, 7)

#: Above this many pooled values Fisher-Jenks runs on a sample; the exact
#: algorithm is quadratic in the number of values.
FISHER_JENKS_SAMPLE_ABOVE = 3000

NO_DATA_COLOUR = "#a3a3a3"

# ColorBrewer (Cynthia Brewer, Penn State), sequential, light to dark.
_ORANGE_RED = {
    3: ["#fee8c8", "#fdbb84", "#e34a33"],
    4: ["#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"],
    5: ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
    6: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
    7: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
}
_BLUES = {
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
}
#: Polarity-carrying indicators use orange-red with dark = worse; neutral
#: ones use blues so that nobody reads "bad" into, say, a foreign-born share.
PALETTES = {"worse": _ORANGE_RED, "neutral": _BLUES}


def normalise_scheme(scheme: str | None) -> str:
    return scheme if scheme in SCHEMES else DEFAULT_SCHEME


def normalise_k(k, choices: tuple[int, ...] | None = None) -> int:
    """A number of classes a map can show, whatever was asked for.

    Parameters
    ----------
    k : object
        The wanted number, possibly text from a link; what is not a whole
        number gives :data:`DEFAULT_K`.
    choices : tuple of int, optional
        The only numbers allowed (a change map's symmetric classes need an
        odd number); any other gives :data:`DEFAULT_K`.  Without ``choices``
        ``k`` is clamped to :data:`K_RANGE`.

    Returns
    -------
    int
    """
    try:
        k = int(k)
    except (TypeError, ValueError):
        return DEFAULT_K
    if choices is not None:
        return k if k in choices else DEFAULT_K
    return min(max(k, K_RANGE[0]), K_RANGE[1])


def class_breaks(values: np.ndarray, scheme: str = DEFAULT_SCHEME, k: int = DEFAULT_K) -> np.ndarray:
    """Upper bounds of the classes for ``values`` (NaN ignored).

    Parameters
    ----------
    values : array of float
        The pooled values to classify; NaN (suppressed or missing) is left out.
    scheme : {"quantiles", "fisher_jenks", "equal_interval"}
    k : int
        Wanted number of classes; fewer come back when the values have fewer
        distinct levels (ties), never empty classes made up.

    Returns
    -------
    numpy.ndarray
        Increasing upper bounds; the last is the maximum.  Empty when there
        is no value at all.
    """
    y = np.asarray(values, dtype="float64")
    y = y[np.isfinite(y)]
    if y.size == 0:
        return np.array([], dtype="float64")
    distinct = np.unique(y)
    k = min(normalise_k(k), distinct.size)
    if distinct.size <= k:
        return distinct
    # Imported here, not at the top: mapclassify pulls in scipy, scikit-learn and
    # numba (seconds), which the command line and most tests never need.
    import mapclassify

    scheme = normalise_scheme(scheme)
    if scheme == FISHER_JENKS:
        if y.size > FISHER_JENKS_SAMPLE_ABOVE:
            pct = FISHER_JENKS_SAMPLE_ABOVE / y.size
            classifier = mapclassify.FisherJenksSampled(y, k=k, pct=pct, truncate=False)
        else:
            classifier = mapclassify.FisherJenks(y, k=k)
    elif scheme == EQUAL_INTERVAL:
        classifier = mapclassify.EqualInterval(y, k=k)
    else:
        classifier = mapclassify.Quantiles(y, k=k)
    bins = np.unique(np.asarray(classifier.bins, dtype="float64"))
    # A sampled classifier may end below the true maximum; the top class
    # must hold every value.
    bins[-1] = max(bins[-1], y.max())
    return bins


def assign_classes(values: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Class index per value (0 = lowest), -1 where the value is NaN.

    A value belongs to the first class whose upper bound it does not exceed,
    as in mapclassify.
    """
    y = np.asarray(values, dtype="float64")
    out = np.full(y.shape, -1, dtype="int64")
    ok = np.isfinite(y)
    if breaks.size:
        out[ok] = np.minimum(np.searchsorted(breaks, y[ok], side="left"), breaks.size - 1)
    return out


def palette(n_classes: int, polarity: str) -> list[str]:
    """``n_classes`` colours ordered from the lowest class to the highest.

    For ``higher_is_better`` the order is reversed so that low (worse)
    values get the dark end.
    """
    family = PALETTES["neutral" if polarity not in (HIGHER_IS_BETTER, HIGHER_IS_WORSE) else "worse"]
    if n_classes <= 0:
        return []
    if n_classes < 3:
        colours = [family[3][0], family[3][2]][:n_classes] if n_classes == 2 else [family[3][1]]
    else:
        colours = list(family[min(n_classes, 7)])
    if polarity == HIGHER_IS_BETTER:
        colours.reverse()
    return colours


@dataclass(frozen=True)
class Classification:
    """Breaks, colours and per-value classes for one indicator at one level."""

    scheme: str
    breaks: tuple[float, ...]
    lower: float | None
    colours: tuple[str, ...]

    @property
    def n_classes(self) -> int:
        return len(self.breaks)

    def bounds(self) -> list[tuple[float, float]]:
        """(lower, upper) of each class, the lowest starting at the minimum."""
        lows = [self.lower] + list(self.breaks[:-1])
        return list(zip(lows, self.breaks))


def classify(values: np.ndarray, polarity: str, scheme: str = DEFAULT_SCHEME,
             k: int = DEFAULT_K) -> Classification:
    """Classify pooled ``values`` and pick colours for ``polarity``."""
    y = np.asarray(values, dtype="float64")
    finite = y[np.isfinite(y)]
    breaks = class_breaks(finite, scheme, k)
    lower = float(finite.min()) if finite.size else None
    return Classification(normalise_scheme(scheme), tuple(float(b) for b in breaks), lower,
                          tuple(palette(breaks.size, polarity)))
