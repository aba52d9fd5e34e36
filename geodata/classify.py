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


# --- Change maps -------------------------------------------------------------------------------
#
# The classes of a change map come from the distribution of the changes, not from a fixed step:
# the areas are split into classes of about equally many areas (quantiles), separately for
# decreases and increases, so that zero is always a class bound and no class mixes the two
# directions.  Changes that round to zero at the shown decimals are their own middle class
# ("unchanged").  The rule is stated in docs/architecture.md ("Change classes").

# ColorBrewer (Cynthia Brewer, Penn State) RdBu and PuOr, diverging, colour-blind safe, with
# 2n + 1 classes for n = 1..5: the n colours of each side, from zero outwards.
_RD_BU_SIDES = {
    1: (["#ef8a62"], ["#67a9cf"]),
    2: (["#f4a582", "#ca0020"], ["#92c5de", "#0571b0"]),
    3: (["#fddbc7", "#ef8a62", "#b2182b"], ["#d1e5f0", "#67a9cf", "#2166ac"]),
    4: (["#fddbc7", "#f4a582", "#d6604d", "#b2182b"], ["#d1e5f0", "#92c5de", "#4393c3", "#2166ac"]),
    5: (["#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"],
        ["#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"]),
}
_PU_OR_SIDES = {
    1: (["#f1a340"], ["#998ec3"]),
    2: (["#fdb863", "#e66101"], ["#b2abd2", "#5e3c99"]),
    3: (["#fee0b6", "#f1a340", "#b35806"], ["#d8daeb", "#998ec3", "#542788"]),
    4: (["#fee0b6", "#fdb863", "#e08214", "#b35806"], ["#d8daeb", "#b2abd2", "#8073ac", "#542788"]),
    5: (["#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"],
        ["#d8daeb", "#b2abd2", "#8073ac", "#542788", "#2d004b"]),
}
CHANGE_MIDDLE_COLOUR = "#f7f7f7"
#: At most this many classes on either side of zero (the palettes' depth).
CHANGE_SIDE_MAX = 5


@dataclass(frozen=True)
class ChangeClasses:
    """Classes of a change map: upper bounds (lowest first), the lowest bound and which side each is on.

    ``sides`` has one of ``-1`` (decrease), ``0`` (unchanged at the shown
    decimals) and ``1`` (increase) per class.
    """

    breaks: tuple[float, ...]
    lower: float | None
    sides: tuple[int, ...]
    #: The decimals at which a change counts as unchanged (see :func:`change_classes`).
    decimals: int = 1


def _nice_steps(span: float, finest: float) -> list[float]:
    """Round steps 1, 2, 5 × 10^n from about ``span`` down to ``finest``, coarsest first."""
    steps = []
    exponent = int(np.floor(np.log10(span))) if span > 0 else int(np.floor(np.log10(finest)))
    while True:
        for factor in (5.0, 2.0, 1.0):
            step = round(factor * 10.0 ** exponent, 12)
            if step < finest * (1 - 1e-9):
                return steps or [finest]
            if step <= span:
                steps.append(step)
        exponent -= 1


def _side_bounds(y: np.ndarray, n: int, finest: float) -> list[float]:
    """Inner bounds splitting ``y`` (one side, sorted by magnitude) into ``n`` classes of about equal counts.

    Bounds are rounded to the coarsest round step (down to a hundredth of
    ``finest``) that keeps every class within half again of its fair share,
    else left as the quantiles are.
    """
    if n <= 1 or y.size == 0:
        return []
    raw = np.quantile(y, [i / n for i in range(1, n)])
    fair = y.size / n
    span = float(y.max() - y.min())
    # Round steps down to two decimals finer than "unchanged", before unrounded quantiles.
    for step in _nice_steps(span, finest / 100) + [None]:
        bounds = raw if step is None else np.round(raw / step) * step
        bounds = np.unique(np.round(bounds, 12))
        bounds = bounds[(bounds > y.min()) & (bounds < y.max())] if step is not None else bounds
        counts = np.bincount(np.searchsorted(bounds, y, side="left"), minlength=bounds.size + 1)
        if step is None or (bounds.size == n - 1 and counts.max() <= 1.5 * fair):
            return [float(b) for b in bounds]
    return []


def change_classes(changes, k: int = DEFAULT_K, decimals: int = 1) -> ChangeClasses:
    """Classes of a change map from the distribution of ``changes`` (NaN ignored).

    Changes that round to zero at ``decimals`` form a middle class.  The
    ``k`` other classes are shared between decreases and increases in
    proportion to their numbers (at least one for a side that has any, at
    most :data:`CHANGE_SIDE_MAX`); within a side the bounds are quantiles
    rounded to round numbers.  So zero is a bound whenever the changes go
    both ways, and no class holds much more than its share of the areas
    unless many changes are equal.
    """
    y = np.asarray(changes, dtype="float64")
    y = y[np.isfinite(y)]
    if y.size == 0:
        return ChangeClasses((), None, (), decimals)
    decimals = unchanged_decimals(y, decimals)
    finest = 10.0 ** -decimals
    zero = np.abs(y) < finest / 2
    neg, pos = np.sort(y[(y < 0) & ~zero]), np.sort(y[(y > 0) & ~zero])
    k = max(int(k), 1)
    n_neg = n_pos = 0
    if neg.size and pos.size:
        n_neg = min(max(1, int(round(k * neg.size / (neg.size + pos.size)))), k - 1, CHANGE_SIDE_MAX)
        n_pos = min(k - n_neg, CHANGE_SIDE_MAX)
    elif neg.size:
        n_neg = min(k, CHANGE_SIDE_MAX)
    elif pos.size:
        n_pos = min(k, CHANGE_SIDE_MAX)
    n_neg, n_pos = min(n_neg, np.unique(neg).size), min(n_pos, np.unique(pos).size)
    breaks, sides = [], []
    # Zero is the bound between the sides; the middle class is the changes that round to zero.
    if neg.size:
        inner = _side_bounds(neg, n_neg, finest)
        breaks += inner + [0.0 if (zero.any() or pos.size) else float(neg.max())]
        sides += [-1] * (len(inner) + 1)
    if zero.any():
        breaks.append(0.0)
        sides.append(0)
    if pos.size:
        inner = _side_bounds(pos, n_pos, finest)
        breaks += inner + [float(pos.max())]
        sides += [1] * (len(inner) + 1)
    lower = float(y.min())
    return ChangeClasses(tuple(round(b, 12) for b in breaks), lower, tuple(sides), decimals)


#: At most this many decimals more than shown decide what counts as unchanged.
UNCHANGED_EXTRA_DECIMALS = 6


def unchanged_decimals(changes: np.ndarray, decimals: int) -> int:
    """The decimals at which a change that rounds to zero counts as unchanged.

    The shown decimals, unless more than half of the changes would round to
    zero there while not being zero (shares written as fractions, 0.013,
    shown with one decimal): then one more decimal at a time, so that
    changes that differ are not put in one class.
    """
    decimals = max(int(decimals), 0)
    y = np.abs(np.asarray(changes, dtype="float64"))
    for extra in range(UNCHANGED_EXTRA_DECIMALS + 1):
        zero = y < 10.0 ** -(decimals + extra) / 2
        # Few enough look unchanged, or most really are unchanged: these decimals decide.
        if zero.sum() <= y.size / 2 or (y < 1e-12).sum() > y.size / 2:
            return decimals + extra
    return decimals + UNCHANGED_EXTRA_DECIMALS


def assign_change_classes(changes, classes: ChangeClasses, decimals: int | None = None) -> np.ndarray:
    """Class index per change (0 = lowest), -1 where there is none.

    A change that rounds to zero at the classes' ``decimals`` (``decimals``, when given, is
    ignored: the classes know theirs) is in the middle class; the
    others go to the first class of their side whose upper bound they do not
    exceed, so a class never holds a change of the other direction.
    """
    y = np.asarray(changes, dtype="float64")
    out = np.full(y.shape, -1, dtype="int64")
    if not classes.breaks:
        return out
    finest = 10.0 ** -max(int(classes.decimals), 0)
    breaks = np.asarray(classes.breaks, dtype="float64")
    sides = np.asarray(classes.sides)
    ok = np.isfinite(y)
    zero = ok & (np.abs(y) < finest / 2)
    for side, mask in ((-1, ok & ~zero & (y < 0)), (0, zero), (1, ok & ~zero & (y > 0))):
        at = np.flatnonzero(sides == side)
        if not mask.any() or at.size == 0:
            continue
        if side == 0:
            out[mask] = at[0]
        else:
            out[mask] = at[0] + np.minimum(np.searchsorted(breaks[at], y[mask], side="left"), at.size - 1)
    return out


def change_colours(classes: ChangeClasses, polarity: str) -> list[str]:
    """A colour per class: darker with the distance from zero, red for a change for the worse.

    Indicators with a polarity get RdBu (an increase is red when higher is
    worse, a decrease when higher is better); neutral ones get PuOr (orange =
    decrease, purple = increase).  The middle class is a light grey-white.
    """
    worse = polarity in (HIGHER_IS_BETTER, HIGHER_IS_WORSE)
    sides = list(classes.sides)
    n_neg, n_pos = sides.count(-1), sides.count(1)
    table = _RD_BU_SIDES if worse else _PU_OR_SIDES
    # Which side's colours (left = red/orange) decreases get.
    down_is_left = polarity != HIGHER_IS_WORSE

    def side_colours(n: int, left: bool) -> list[str]:
        if n == 0:
            return []
        return list(table[min(n, CHANGE_SIDE_MAX)][0 if left else 1])

    down = side_colours(n_neg, down_is_left)[::-1]  # from the largest decrease to the smallest
    up = side_colours(n_pos, not down_is_left)
    return down + [CHANGE_MIDDLE_COLOUR] * sides.count(0) + up
