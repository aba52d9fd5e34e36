"""Every URL the dashboard hands out, built in one place.

Data URLs name the release they come from, so they can be cached forever
(``Cache-Control: immutable``): a new release gets new URLs.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Routes of pages below the base path besides the dashboard itself.
EMBED_ROUTE = "embed"
PRESENT_ROUTE = "present"
ACCESSIBILITY_ROUTE = "tillganglighet"
HANDOUT_ROUTE = "handout"


@dataclass(frozen=True)
class Urls:
    """URLs below ``base`` (the app's base path, ``/`` or ``/atlas/``)."""

    base: str = "/"

    def path(self, relative: str) -> str:
        return self.base + relative.lstrip("/")

    def page(self, query: str = "", route: str = "") -> str:
        """A page of the dashboard with a query (``?ds=...``)."""
        return self.path(route) + query

    def embed(self, query: str = "") -> str:
        """The embed view (made to be framed by other sites) with a query."""
        return self.page(query, route=EMBED_ROUTE)

    def present(self, query: str = "") -> str:
        """The presentation view (a map filling the screen, stepped through with a clicker) with a query."""
        return self.page(query, route=PRESENT_ROUTE)

    def accessibility(self, lang: str) -> str:
        """The accessibility statement (tillgänglighetsredogörelse) in ``lang``."""
        return self.page(f"?lang={lang}", route=ACCESSIBILITY_ROUTE)

    def geo(self, name: str, release: str, level: str) -> str:
        """A level's geometry."""
        return self.path(f"geo/{name}/{release}/{level}.geojson")

    def outline(self, name: str, release: str, level: str) -> str:
        """The boundary around all areas of a level (the municipal outline)."""
        return self.geo(name, release, f"{level}.outline")

    def values(self, name: str, release: str, level: str, indicator: str, scheme: str, k: int) -> str:
        """One indicator's values and classes at one level, every year."""
        return self.path(f"values/{name}/{release}/{level}/{indicator}/{scheme}-{k}.json")

    def change(self, name: str, release: str, level: str, indicator: str, year_from: int, year_to: int) -> str:
        """The change of one indicator between two years."""
        return self.path(f"change/{name}/{release}/{level}/{indicator}/{year_from}-{year_to}.json")

    def clusters(self, name: str, release: str, level: str, indicator: str) -> str:
        """The local clusters of one indicator at one level, every year with clusters."""
        return self.path(f"clusters/{name}/{release}/{level}/{indicator}.json")

    def export_xlsx(self, name: str, release: str, lang: str, level: str, indicator: str) -> str:
        """An Excel workbook of one indicator, every year, with definitions, sources and caveats."""
        return self.path(f"export/{name}/{release}/{lang}/{level}/{indicator}.xlsx")

    def export_gpkg(self, name: str, release: str, lang: str, level: str) -> str:
        """A GeoPackage of one level's areas with every indicator and year."""
        return self.path(f"export/{name}/{release}/{lang}/{level}.gpkg")

    def handout(self) -> str:
        """Where a deck's handout is made (``POST``: form fields ``deck``, ``lang``, ``format``, ``slide``)."""
        return self.path(HANDOUT_ROUTE)
