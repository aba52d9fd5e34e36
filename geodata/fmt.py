"""Numbers as a Swedish or English reader expects to see them."""

from __future__ import annotations

import math

#: Swedish typography: decimal comma, no-break space between thousands and
#: a true minus sign.
_NBSP = "\u00a0"
_MINUS = "\u2212"


def format_number(value: float | None, decimals: int = 1, lang: str = "sv") -> str:
    """Format ``value`` with ``decimals`` decimals; an empty string for no value.

    >>> format_number(12345.678, 1, "sv")
    '12\\xa0345,7'
    >>> format_number(-0.25, 2, "en")
    '-0.25'
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    text = f"{abs(value):,.{max(decimals, 0)}f}"
    negative = value < 0 and float(text.replace(",", "")) != 0
    if lang == "sv":
        text = text.replace(",", _NBSP).replace(".", ",")
        return (_MINUS if negative else "") + text
    return ("-" if negative else "") + text


def format_value(value: float | None, decimals: int, unit: str, lang: str = "sv") -> str:
    """A value with its unit: ``'23,4 %'``, ``'312 tkr'``; empty for no value."""
    number = format_number(value, decimals, lang)
    if not number:
        return ""
    return f"{number}{_NBSP}{unit}" if unit else number
