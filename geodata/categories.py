"""Classes beyond a scale of numbers: any number of them, and categories.

A map's classes travel to the browser as one character per area and year
(:func:`class_chars`), which has room for any number of classes.  A
category indicator (a type such as SCB's områdestyp or SKR's kommungrupp)
has one class per code, in the order its indicator file lists them, and
as many distinct colours (:func:`category_palette`).  Issue #12 found that
the old encoding and palettes stopped at seven classes.
"""

from __future__ import annotations

import colorsys

import numpy as np

from .classify import _ORANGE_RED, palette
from .model import HIGHER_IS_BETTER, HIGHER_IS_WORSE

#: The browser gets one character per area and year for its class (a
#: 6,000-area, 14-year payload stays small): class ``k`` is the character
#: ``chr(CLASS_CHAR_BASE + k)``, so ``"0"``..``"9"`` for the first ten and
#: ``":"``, ``";"``, ... after them.  Any number of classes fits, as long as
#: the characters stay below the UTF-16 surrogates that JavaScript strings
#: cannot hold alone; ``assets/atlas-30-classes.js`` decodes the same way.
CLASS_CHAR_BASE = ord("0")
MAX_CLASSES = 0xD800 - CLASS_CHAR_BASE
#: The character of an area without a class (suppressed, missing).
NO_CLASS_CHAR = "-"

#: ColorBrewer's qualitative "Paired": categories without an order beyond
#: the seven shades a sequential scheme can keep apart.
_PAIRED = ["#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c",
           "#fdbf6f", "#ff7f00", "#cab2d6", "#6a3d9a", "#ffff99", "#b15928"]


def class_chars(indices: np.ndarray) -> np.ndarray:
    """The payload character of each class index (-1 gives :data:`NO_CLASS_CHAR`).

    Parameters
    ----------
    indices : array of int
        Class indices from 0, -1 where a value has no class.

    Returns
    -------
    numpy.ndarray of str
    """
    idx = np.asarray(indices, dtype="int64")
    if idx.size and idx.max() >= MAX_CLASSES:
        raise ValueError(f"more than {MAX_CLASSES} classes cannot be encoded")
    chars = np.array([chr(CLASS_CHAR_BASE + int(k)) for k in range(int(idx.max(initial=-1)) + 1)]
                     + [NO_CLASS_CHAR], dtype=object)
    # -1 picks the last entry, the no-class character.
    return chars[np.where(idx >= 0, idx, len(chars) - 1)]


def class_index(char: str) -> int:
    """The class index a payload character stands for; -1 for no class."""
    k = ord(char) - CLASS_CHAR_BASE if len(char) == 1 else -1
    return k if 0 <= k < MAX_CLASSES else -1


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def _stretch(ramp: list[str], n: int) -> list[str]:
    """``n`` colours spread evenly along ``ramp`` (sRGB between its stops)."""
    stops = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in ramp], dtype="float64")
    at = np.linspace(0, len(stops) - 1, n)
    low = np.minimum(at.astype(int), len(stops) - 2)
    frac = (at - low)[:, None]
    return [_hex(rgb) for rgb in stops[low] * (1 - frac) + stops[low + 1] * frac]


def category_palette(n_classes: int, polarity: str) -> list[str]:
    """``n_classes`` distinct colours for categories, first code first.

    Up to seven categories get :func:`palette`'s colours.  More categories
    with a polarity keep its order (dark = worse) along a stretched ramp;
    more categories without one get qualitative colours, since a long run
    of blues cannot be told apart.  No two categories share a colour and
    none is the no-data grey.
    """
    if n_classes <= 7:
        return palette(n_classes, polarity)
    if polarity in (HIGHER_IS_BETTER, HIGHER_IS_WORSE):
        colours = _stretch(_ORANGE_RED[7], n_classes)
        return colours[::-1] if polarity == HIGHER_IS_BETTER else colours
    if n_classes <= len(_PAIRED):
        return _PAIRED[:n_classes]
    # Hues evenly round the wheel, alternating darker and lighter neighbours.
    return [_hex(255 * np.array(colorsys.hls_to_rgb(i / n_classes, 0.42 if i % 2 else 0.62, 0.7)))
            for i in range(n_classes)]
