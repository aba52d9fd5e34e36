"""The change of one indicator between two years, on a palette centred on zero."""

from __future__ import annotations

from dataclasses import replace

from geodata import change, export, findings
from geodata.i18n import count_text, t
from geodata.model import Dataset, text
from geodata.store import LoadedRelease
from geodata.viewstate import View, pick_year, raw_param

from .common import Legend, LegendRow, MapParts, indicator_options, map_texts, searched_on_server
from .map import excel_variant, notes_of
from .mode import Mode, ModeParts, Shown
from .urls import Urls


def change_legend(ds: Dataset, view: View, values: dict) -> Legend:
    """Classes around zero with their counts, one row per no-data reason, and how to read them."""
    ind = ds.meta.indicator(view.indicator)
    rows = tuple(LegendRow(row["colour"], row["label"], count_text(row["count"], view.lang),
                           no_data="reason" in row, separated=row.get("reason") == change.REASON_SUPPRESSED)
                 for row in change.change_legend_rows(ind, values, view.lang))
    notes = [change.change_explanation(ind, view.year_b, view.year, view.lang),
             change.change_legend_note(ind, view.lang)]
    boundary = values["counts"][len(values["breaks"]) + change.NO_DATA_REASONS.index(change.REASON_BOUNDARY)]
    if boundary:
        notes.append(t("change.legend.boundaries", view.lang))
    kept = change.edition_note(ds, view.level, view.indicator, view.year_b, view.year, view.lang)
    if kept:
        notes.append(kept)
    for mark, key in (("p", "change.legend.bridged"), ("e", "change.legend.estimated")):
        if values.get("bridged", "").count(mark):
            notes.append(t(key, view.lang, areas=count_text(values["bridged"].count(mark), view.lang)))
    return Legend(rows, tuple(notes), live=False)


class ChangeMode(Mode):
    """``year_b`` is the earlier year and ``year`` the later; classes come from the changes."""

    name = "change"
    params = ("year_b",)
    paired_years = True

    def available(self, ds: Dataset, view: View) -> bool:
        return (ds.meta.indicator(view.indicator).kind != "category"
                and len(ds.years(view.indicator, view.level)) >= 2)

    def complete(self, view: View, params, ds: Dataset) -> View:
        if not self.available(ds, view):
            return replace(view, mode="map")
        years = ds.years(view.indicator, view.level)
        year_b = pick_year(raw_param(params, "year_b"), [y for y in years if y < (view.year or 0)], first=True)
        if year_b is None:
            return replace(view, year=years[-1], year_b=years[0])
        return replace(view, year_b=year_b)

    def data_url(self, loaded: LoadedRelease, view: View, urls: Urls) -> str:
        return urls.change(loaded.dataset.name, loaded.release, view.level, view.indicator, view.year_b, view.year)

    def parts(self, loaded: LoadedRelease, view: View, urls: Urls) -> ModeParts:
        ds, lang = loaded.dataset, view.lang
        ind = ds.meta.indicator(view.indicator)
        values = change.change_values(ds, view.level, view.indicator, view.year_b, view.year)
        years = ds.years(view.indicator, view.level)
        payload = {
            "level": view.level, "indicator": view.indicator, "label": text(ind.label, lang),
            "unit": change.change_unit(ind, lang, short=True), "decimals": values["decimals"], "lang": lang,
            "years": [view.year], "counts": [], "colours": values["colours"],
            "noDataColour": values["no_data_colour"], "signed": True, "yearLabel": f"{view.year_b}–{view.year}",
            # The tooltip shows both years' values beside the change.
            "yearFrom": view.year_b, "valueUnit": text(ind.unit, lang), "valueDecimals": ind.decimals,
            # The sliders offer every year; play steps the later year through those after the earlier.
            "sliderYears": list(years), "playYears": [y for y in years if y > view.year_b],
            "url": self.data_url(loaded, view, urls), "searchOnServer": searched_on_server(ds, view.level),
            # Opens the map's text description (assets/atlas-65-table.js).
            "finding": findings.change_finding(ds, view.level, view.indicator, view.year_b, view.year, lang),
            "text": {**map_texts(lang),
                     "boundary": t("change.reason.b", lang), "noBase": t("change.reason.z", lang),
                     "suppressed": t("change.reason.s", lang), "missing": t("change.reason.m", lang),
                     "change": t("tooltip.change", lang), "bridged": t("change.bridged", lang),
                     "estimated": t("change.estimated", lang)},
        }
        main = MapParts(view, payload, change_legend(ds, view, values), payload["url"],
                        urls.geo(ds.name, loaded.release, view.level), indicator_options(ds, view.level, lang))
        return ModeParts(main, slider_years=tuple(years))

    def shown(self, ds: Dataset, view: View) -> Shown:
        ind = ds.meta.indicator(view.indicator)
        c = change.change_values(ds, view.level, view.indicator, view.year_b, view.year)
        return Shown(c["values"], c["classes"], c["breaks"], c["colours"],
                     [r["label"] for r in change.change_legend_rows(ind, c, view.lang)],
                     change.change_unit(ind, view.lang, short=True), c["decimals"], f"{view.year_b}–{view.year}",
                     signed=True)

    def export_csv(self, ds: Dataset, view: View, variant: str = "year") -> tuple[str, str]:
        """The change with both years' values and statuses (every variant; ``"excel"`` for Swedish Excel)."""
        body = export.change_csv(ds, view.level, view.indicator, view.year_b, view.year, view.lang)
        name = export.export_filename(ds.name, view.indicator, [view.year_b, view.year], "csv",
                                      suffix="change-excel" if variant == "excel" else "change")
        return excel_variant(body, variant, view.lang), name

    def export_notes(self, ds: Dataset, view: View) -> dict:
        c = change.change_values(ds, view.level, view.indicator, view.year_b, view.year)
        per_reason = dict(zip(change.NO_DATA_REASONS, c["counts"][len(c["breaks"]):]))
        return notes_of(ds, [(view, [view.year_b, view.year])], view.lang,
                        suppressed=per_reason[change.REASON_SUPPRESSED],
                        boundary_areas=per_reason[change.REASON_BOUNDARY])



