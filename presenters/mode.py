"""What a map mode is: the contract every mode module fulfils.

A mode decides which link parameters it uses beyond the shared ones, what
its maps show (payload, legend, data URLs), what the distribution panel and
the CSV export hold, and how the browser treats its controls.  The page
layout has one branch per mode (``layouts/page.py``) that places the parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from geodata import views
from geodata.model import Dataset, text
from geodata.store import LoadedRelease
from geodata.viewstate import View

from .common import MapParts, map_parts
from .urls import Urls


@dataclass(frozen=True)
class ModeParts:
    """The maps of a page: the main one, an optional second, and the years its sliders offer."""

    main: MapParts
    second: MapParts | None = None
    #: Years of the main map's slider(s).
    slider_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Shown:
    """What one map shows: a value and a class per area, with the legend's bounds and labels."""

    values: list
    classes: str
    breaks: list
    colours: list
    labels: list[str]
    unit: str
    decimals: int
    year_text: str
    signed: bool = False


class Mode:
    """A map mode.  Subclasses set the attributes and override what differs.

    Attributes
    ----------
    name : str
        Its value of the ``mode`` link parameter; its label is the catalog
        key ``mode.<name>``.
    params : tuple of str
        The mode-specific :class:`~geodata.viewstate.View` fields it uses
        (those declared ``mode_specific`` in ``geodata.viewstate.PARAMS``).
    live_controls : bool
        True when a change of indicator, level or classification is applied
        by callbacks in place; False when the browser loads the page for the
        new address instead.
    paired_years : bool
        True when the two year sliders together choose the data (a change
        map), so that a year change asks the server for a new payload.
    """

    name = ""
    params: tuple[str, ...] = ()
    live_controls = False
    paired_years = False

    def available(self, ds: Dataset, view: View) -> bool:
        """Whether the mode can show ``view``'s indicator (the mode switch disables it otherwise)."""
        return True

    def complete(self, view: View, params, ds: Dataset) -> View:
        """``view`` with the mode-specific fields read from the link ``params``.

        May return a view of another mode when this one cannot show it.
        """
        return view

    def parts(self, loaded: LoadedRelease, view: View, urls: Urls) -> ModeParts:
        main = map_parts(loaded, view, urls)
        return ModeParts(main, slider_years=tuple(main.payload["years"]))

    def data_url(self, loaded: LoadedRelease, view: View, urls: Urls) -> str:
        """The URL of the main map's per-area data (preloaded with the page)."""
        from .common import values_url
        return values_url(loaded, view, urls)

    def shown(self, ds: Dataset, view: View) -> Shown:
        """Values and classes of the main map in the shown year."""
        ind = ds.meta.indicator(view.indicator)
        v = views.map_summary(ds, view.level, view.indicator, view.scheme, view.k)
        yi = v["years"].index(view.year)
        classification = views.classification(ds, view.level, view.indicator, view.scheme, view.k)
        return Shown(views.year_values(ds, view.level, view.indicator, view.year), v["classes"][yi], list(classification.breaks), list(classification.colours),
                     [r["label"] for r in views.legend_rows(ind, classification, view.lang)],
                     text(ind.unit, view.lang), ind.decimals, str(view.year))

    def shown_maps(self, ds: Dataset, view: View) -> list[Shown]:
        """What each map of the page shows, the main one first (for the distribution panel)."""
        return [self.shown(ds, view)]

    def export_csv(self, ds: Dataset, view: View, variant: str = "year") -> tuple[str, str]:
        """``(body, file name)`` of the CSV of what the maps show.

        ``variant``: ``"year"`` the shown year, ``"series"`` every year (long
        form), ``"excel"`` every year for Swedish Excel (semicolons, decimal
        comma); see :data:`CSV_VARIANTS`.
        """
        from .map import one_map_csv
        return one_map_csv(ds, view, variant)

    def export_notes(self, ds: Dataset, view: View) -> dict:
        """Source, licence and caveats of what the maps show, for the image export."""
        from .map import one_map_notes
        return one_map_notes(ds, view)
