"""Numbers as a Swedish or English reader expects to see them, and names a machine can use."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
import re
import unicodedata

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
    # Round the number as written, a 5 away from zero (12,5 -> 13; 1,005 -> 1,01), as a
    # Swedish reader rounds and as the browser's Intl formatting does; the binary value
    # would round 1.005 down and 12.5 to even.
    places = max(decimals, 0)
    rounded = Decimal(repr(float(abs(value)))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
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


def slug(text: str, separator: str = "-", limit: int | None = None) -> str:
    """ASCII, lower-case words joined by ``separator``: a safe id or file name part.

    Accents are dropped rather than the letters (``ö`` becomes ``o``), so a
    Swedish header still reads as itself.

    Parameters
    ----------
    text : str
        Free text: a column header, a dataset or indicator name.
    separator : str
        What replaces every run of other characters.
    limit : int, optional
        At most this many characters (cut before a trailing separator).

    Returns
    -------
    str
        Possibly empty when ``text`` holds no ASCII letter or digit.

    Examples
    --------
    >>> slug("Låg ek. standard")
    'lag-ek-standard'
    >>> slug("Andel förgymnasial", "_")
    'andel_forgymnasial'
    """
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", separator, folded.lower()).strip(separator)[:limit].strip(separator)
